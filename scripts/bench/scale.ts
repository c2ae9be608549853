import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { testConfig } from '../../src/config.js';
import { openDatabase, openSqlite } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { sqliteQueryPlan } from '../../src/db/query-plan.js';
import { listPublishedQuery } from '../../src/domain/comments/repository.js';
import { listQueueQuery } from '../../src/domain/moderation/queue.js';
import { createToken } from '../../src/domain/tokens/tokens.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { fmt, summarise, table } from './stats.js';

/**
 * 4. Scale of data: 1,000,000 comments (1,000 articles × 1,000, 2 % pending with a violation),
 * then the moderation queue and an article's comment page, first and deep pages, p99 latency
 * through the app; and the query plans, to see the indexes at work.
 */
export async function benchScale(total = 1_000_000) {
  const path = `/tmp/vigie-scale-${Date.now()}.sqlite`;
  const setup = openDatabase(path);
  await migrateToLatest(setup);
  await setup.destroy();

  const generated = performance.now();
  const sqlite = openSqlite(path);
  sqlite.pragma('synchronous = OFF'); // generation only; the app reopens with its own settings
  const articles = 1000;
  const insertArticle = sqlite.prepare(
    "insert into articles (id, title, body, url, lang, tags, comments_open, premoderation, created_at, updated_at) values (?, ?, ?, null, 'fr', '[]', 1, null, ?, ?)",
  );
  const insertComment = sqlite.prepare(
    "insert into comments (id, article_id, parent_id, author, email, body, status, hold_reason, lang, ip, user_agent, fingerprint, created_at, updated_at) values (?, ?, null, ?, ?, ?, ?, ?, 'fr', '192.0.2.1', 'bench', ?, ?, ?)",
  );
  const insertViolation = sqlite.prepare(
    "insert into comment_violations (comment_id, position, rule, message_id, severity, message, spans, details, rules_version) values (?, 0, 'civility', 'civility.insult', 'high', 'Merci de rester courtois.', '[]', null, 'bench')",
  );
  const insertEvent = sqlite.prepare(
    "insert into moderation_events (id, comment_id, action, from_status, to_status, actor, reason, note, created_at) values (?, ?, ?, null, ?, 'system', null, null, ?)",
  );
  const start = Date.parse('2025-01-01T00:00:00Z');
  sqlite.transaction(() => {
    for (let a = 0; a < articles; a++)
      insertArticle.run(
        `article-${a}`,
        `Article ${a}`,
        'Texte.',
        new Date(start).toISOString(),
        new Date(start).toISOString(),
      );
    for (let i = 0; i < total; i++) {
      const id = randomUUID();
      const at = new Date(start + i * 1000).toISOString();
      const pending = i % 50 === 0;
      insertComment.run(
        id,
        `article-${i % articles}`,
        `Lecteur ${i % 5000}`,
        `r${i % 20000}@example.org`,
        `Commentaire ${i}`,
        pending ? 'pending' : 'published',
        pending ? 'flagged' : null,
        randomUUID(),
        at,
        at,
      );
      insertEvent.run(randomUUID(), id, pending ? 'hold' : 'publish', pending ? 'pending' : 'published', at);
      if (pending) insertViolation.run(id);
    }
  })();
  sqlite.exec('analyze');
  sqlite.close();
  const generationS = (performance.now() - generated) / 1000;

  const db = openDatabase(path);
  const app = createApp({
    db,
    rules: loadRuleSet({ modules: [] }),
    config: testConfig({ FLOOD_INTERVAL_SECONDS: 0, RATE_LIMIT_PER_MINUTE: 0 }),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
  });
  const { token } = await createToken(db, systemClock, { name: 'bench', role: 'moderator' });
  const auth = { Authorization: `Bearer ${token}` };

  const measure = async (path: string, headers: Record<string, string> = {}, runs = 300) => {
    for (let i = 0; i < 20; i++) await app.request(path, { headers });
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      const res = await app.request(path, { headers });
      await res.arrayBuffer();
      samples.push(performance.now() - s);
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    }
    return summarise(samples);
  };
  // A deep cursor: 40 pages into the queue and into the busiest article.
  let queueCursor = '';
  for (let i = 0; i < 40; i++) {
    const page = (await (
      await app.request(`/v1/moderation/queue?limit=50${queueCursor ? `&cursor=${queueCursor}` : ''}`, {
        headers: auth,
      })
    ).json()) as { nextCursor: string | null };
    if (!page.nextCursor) break;
    queueCursor = page.nextCursor;
  }
  let pageCursor = '';
  for (let i = 0; i < 40; i++) {
    const page = (await (
      await app.request(`/v1/articles/article-7/comments?limit=20${pageCursor ? `&cursor=${pageCursor}` : ''}`)
    ).json()) as { nextCursor: string | null };
    if (!page.nextCursor) break;
    pageCursor = page.nextCursor;
  }
  const results = {
    'queue, first page (50)': await measure('/v1/moderation/queue?limit=50', auth),
    'queue, page 41 (50)': await measure(`/v1/moderation/queue?limit=50&cursor=${queueCursor}`, auth),
    'queue filtered by rule': await measure('/v1/moderation/queue?limit=50&rule=civility', auth),
    'queue counts': await measure('/v1/moderation/queue/counts', auth, 50),
    'comment page, first (20)': await measure('/v1/articles/article-7/comments?limit=20'),
    'comment page 41 (20)': await measure(`/v1/articles/article-7/comments?limit=20&cursor=${pageCursor}`),
    'article with count': await measure('/v1/articles/article-7'),
  };

  // Query plans of the two hot listings, from the queries Kysely actually sends.
  const plans = {
    listPublished: await sqliteQueryPlan(
      db,
      listPublishedQuery(db, 'article-7', 20, { createdAt: '2025-01-01T00:00:00.000Z', id: 'x' }),
    ),
    listQueue: await sqliteQueryPlan(db, listQueueQuery(db, {}, 50, null)),
  };
  await db.destroy();
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });

  console.log(
    `\n4. Scale: ${total.toLocaleString('en')} comments (generated in ${fmt(generationS, 0)} s), latency through the app (ms)`,
  );
  console.log(
    table(
      ['request', 'median', 'p99', 'max'],
      Object.entries(results).map(([n, r]) => [n, fmt(r.median, 2), fmt(r.p99, 2), fmt(r.max, 2)]),
    ),
  );
  for (const [name, lines] of Object.entries(plans)) console.log(`   EXPLAIN QUERY PLAN ${name}: ${lines.join(' | ')}`);
  return { total, generationS, results, plans };
}
