import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeEach, onTestFinished } from 'vitest';
import { createApp } from '../src/app.js';
import { manualClock } from '../src/clock.js';
import { type Config, testConfig } from '../src/config.js';
import { closeDatabase, type Db, openDatabase, parseDatabaseUrl } from '../src/db/connection.js';
import { migrateTo, migrateToLatest } from '../src/db/migrate.js';
import type { CommentRow, Role } from '../src/db/schema.js';
import { createToken } from '../src/domain/tokens/tokens.js';
import type { TurnBudget } from '../src/event-loop-turn.js';
import { loadRuleSet } from '../src/rules/loader.js';
import { defaultRuleModules } from '../src/rules/modules/index.js';
import type { AnyRuleModule } from '../src/rules/types.js';

/** Responses whose JSON is untyped: tests assert its shape instead of trusting a type. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by assertions, not types.
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export interface TestAppOptions {
  /** Another instance on the database of this one (PostgreSQL): a second Vigie behind the balancer. */
  sameDatabaseAs?: { db: Db; schema: string | null };
  config?: Partial<Config>;
  modules?: AnyRuleModule[];
  policy?: unknown;
  databaseUrl?: string;
  /** The event loop's turn budget the app lets requests in by (none: every request at once). */
  turn?: TurnBudget;
}

/** Runs `cleanup` when the current test ends, or after the file when called outside a test. */
function afterUse(cleanup: () => Promise<void>) {
  try {
    onTestFinished(cleanup);
  } catch {
    afterAll(cleanup);
  }
}

/**
 * A migrated database for one test. The suite's database: in-memory SQLite, or the PostgreSQL server named by
 * VIGIE_TEST_DATABASE_URL (CI runs the whole suite on both). On PostgreSQL each app gets a schema
 * of its own, dropped after the test, so tests stay as isolated as with a fresh SQLite database.
 */
export const TEST_DATABASE_URL = process.env.VIGIE_TEST_DATABASE_URL ?? ':memory:';
export const testingOnPostgres = parseDatabaseUrl(TEST_DATABASE_URL).kind === 'postgres';

export async function openTestDatabase(
  databaseUrl = TEST_DATABASE_URL,
  { upTo }: { /** Stop at this migration (tests of the next one's data). */ upTo?: string } = {},
): Promise<{ db: Db; schema: string | null }> {
  const migrate = (db: Db, schema?: string) => (upTo ? migrateTo(db, upTo, schema) : migrateToLatest(db, schema));
  if (parseDatabaseUrl(databaseUrl).kind !== 'postgres') {
    const db = openDatabase(databaseUrl);
    afterUse(() => db.destroy().catch(() => undefined));
    await migrate(db);
    return { db, schema: null };
  }
  const schema = `test_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = openDatabase(databaseUrl, { schema, poolSize: 4 });
  await migrate(db, schema);
  afterUse(async () => {
    await db.destroy().catch(() => undefined);
    const cleaner = new pg.Client({ connectionString: databaseUrl });
    await cleaner.connect();
    await cleaner.query(`drop schema ${schema} cascade`);
    await cleaner.end();
  });
  return { db, schema };
}

/** A second connection pool on an existing test schema: what another instance would open. */
function sharedPool(schema: string): Db {
  const db = openDatabase(TEST_DATABASE_URL, { schema, poolSize: 4 });
  afterUse(() => db.destroy().catch(() => undefined));
  return db;
}

/** A fresh app on a fresh, migrated database, with a manual clock and one token per role. */
export async function makeTestApp(options: TestAppOptions = {}) {
  const { db, schema } = options.sameDatabaseAs?.schema
    ? { db: sharedPool(options.sameDatabaseAs.schema), schema: options.sameDatabaseAs.schema }
    : (options.sameDatabaseAs ?? (await openTestDatabase(options.databaseUrl)));
  const rules = loadRuleSet({ modules: options.modules ?? defaultRuleModules, policy: options.policy });
  const clock = manualClock();
  // Flood control is off unless a test is about it: most tests post several comments in a row.
  const config = testConfig({ FLOOD_INTERVAL_SECONDS: 0, RATE_LIMIT_PER_MINUTE: 0, ...options.config });
  const logger = pino({ level: 'silent' });
  const app = createApp({ db, rules, config, clock, logger, ...(options.turn ? { turn: options.turn } : {}) });
  const tokens = {} as Record<Role, string>;
  for (const role of ['publisher', 'moderator', 'admin'] as const) {
    tokens[role] = (await createToken(db, clock, { name: `test-${role}`, role })).token;
  }

  const request = async (path: string, init: RequestInit = {}) => (await app.request(path, init)) as TestResponse;
  const jsonRequest = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    request(path, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  return {
    app,
    db,
    schema,
    clock,
    config,
    rules,
    logger,
    tokens,
    request,
    jsonRequest,
    auth: (role: Role) => ({ Authorization: `Bearer ${tokens[role]}` }),
    async putArticle(id: string, body: Record<string, unknown> = {}) {
      const res = await jsonRequest(
        'PUT',
        `/v1/articles/${id}`,
        { title: 'Panne géante chez SFR', body: "Des millions d'abonnés privés d'internet.", ...body },
        { Authorization: `Bearer ${tokens.publisher}` },
      );
      if (res.status !== 201 && res.status !== 200) throw new Error(`putArticle: ${res.status} ${await res.text()}`);
      return res;
    },
    postComment(articleId: string, fields: Record<string, unknown>, headers: Record<string, string> = {}) {
      return jsonRequest(
        'POST',
        `/v1/articles/${articleId}/comments`,
        { author: 'Lecteur', email: 'lecteur@example.org', body: 'Merci pour cet article très clair.', ...fields },
        headers,
      );
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;

/** Asserts the RFC 9457 shape and returns the body, for checking the code. */
export async function problemOf(res: TestResponse | Response) {
  if (!res.headers.get('content-type')?.startsWith('application/problem+json')) {
    throw new Error(`expected application/problem+json, got ${res.headers.get('content-type')}: ${await res.text()}`);
  }
  return (await res.json()) as { code: string; status: number; title: string; errors?: { path: string }[] } & Record<
    string,
    unknown
  >;
}

/**
 * A migrated in-memory SQLite database, fresh for each test of the file: query-plan tests check
 * SQLite's plans (the embedded default) whatever database the suite runs on.
 */
export function sqliteForEachTest(): () => Db {
  let db: Db | undefined;
  beforeEach(async () => {
    db = openDatabase(':memory:');
    await migrateToLatest(db);
  });
  afterEach(async () => {
    if (db) await closeDatabase(db);
  });
  return () => {
    if (!db) throw new Error('sqliteForEachTest(): only inside a test');
    return db;
  };
}

/**
 * A comments row to insert straight into the database (tests of queries over many rows, which
 * posting through the API would make slow): a published French comment of 2026-01-01 on article
 * a1, its fingerprint its id, with `fields` over these defaults.
 */
export function commentRow(fields: Pick<CommentRow, 'id'> & Partial<CommentRow>): CommentRow {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    article_id: 'a1',
    parent_id: null,
    author: 'Lecteur',
    email: 'lecteur@example.org',
    body: `Commentaire ${fields.id}`,
    status: 'published',
    hold_reason: null,
    lang: 'fr',
    ip: null,
    user_agent: null,
    fingerprint: fields.id,
    flagged_rules: null,
    created_at: at,
    updated_at: at,
    ...fields,
  };
}
