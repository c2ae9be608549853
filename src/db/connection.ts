import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { type DialectAdapter, Kysely, PostgresDialect, SqliteAdapter, SqliteDialect } from 'kysely';
import type * as Pg from 'pg';
import type { TurnBudget } from '../event-loop-turn.js';
import { type Checkpointer, type CheckpointerOptions, startCheckpointer } from './checkpointer.js';
import type { Database } from './schema.js';
import { type Durability, walDurability } from './wal-sync.js';

export type Db = Kysely<Database>;

/** Where a DATABASE_URL points: a SQLite file (or memory), or a PostgreSQL server. */
export function parseDatabaseUrl(url: string): { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string } {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  if (url === ':memory:') return { kind: 'sqlite', path: ':memory:' };
  return { kind: 'sqlite', path: url.startsWith('file:') ? url.slice('file:'.length) : url };
}

/**
 * SQLite settings, and why:
 * - WAL: readers never block the writer, and a crash leaves the database consistent;
 * - synchronous=FULL: with WAL, every commit is fsynced before it is acknowledged, so a comment
 *   answered with 201/202 survives a power cut too, not only a process crash (the group commit
 *   gets the same guarantee with an fdatasync off the event loop, see wal-sync.ts);
 * - foreign_keys: SQLite leaves them off by default;
 * - busy_timeout: another process (the CLI, a backup) holding the write lock makes us wait, not fail;
 * - temp_store=MEMORY: each unit of the group commit runs in a SAVEPOINT, whose sub-journal keeps
 *   the pages the unit changes that earlier units of its group had changed already. Past 64 KiB,
 *   SQLite moves a sub-journal into a temporary file, which every group opened, unlinked, wrote
 *   and closed again: under the comment POST load, a perf profile put ~13 % of the event loop's
 *   time there, and each comment now costs ~13 % less CPU. In memory, a unit's sub-journal is
 *   dropped when the unit is released. The other temporary storage is sorting; the queue and the
 *   article lists sort through their indexes (their query plans are tested).
 */
export function openSqlite(path: string): SQLite.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('temp_store = MEMORY');
  cachePreparedStatements(sqlite);
  return sqlite;
}

/**
 * Kysely prepares every query anew, and preparing costs more than running our small indexed
 * queries. Statements are reusable (better-sqlite3 runs them synchronously, one at a time), so
 * prepared ones are kept by SQL text, up to a bound (IN lists of varying length make new texts).
 */
function cachePreparedStatements(sqlite: SQLite.Database, limit = 500) {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= limit) cache.clear();
      cache.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
}

/**
 * SQLite runs schema changes inside transactions, but Kysely's adapter says it cannot, so its
 * migrator ran each statement in a transaction of its own: a migration failing half-way left its
 * first statements applied, and a new database's ~30 statements each waited for an fsync (~20 ms
 * of start-up). Saying it can makes the migrator apply all pending migrations in one transaction,
 * as it does on PostgreSQL: all or nothing.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

export interface OpenOptions {
  /** PostgreSQL: connections in the pool (default 10). */
  poolSize?: number;
  /** PostgreSQL: the schema to work in (tests isolate themselves this way). */
  schema?: string;
  /** SQLite: the event loop's turn budget, which a commit group stops taking units at. */
  turn?: TurnBudget;
}

/**
 * DATABASE_URL decides the dialect: `postgres://…` uses Kysely's PostgreSQL dialect over a `pg`
 * pool (several Vigie instances can share it), anything else is a SQLite file.
 */
export function openDatabase(url: string, options: OpenOptions = {}): Db {
  const target = parseDatabaseUrl(url);
  if (target.kind === 'postgres') {
    // Loaded only for PostgreSQL: the driver is a tenth of the server's start-up otherwise.
    const pg = createRequire(import.meta.url)('pg') as typeof Pg;
    const pool = new pg.Pool({
      connectionString: target.url,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const sqlite = openSqlite(target.path);
  const db = new Kysely<Database>({ dialect: new TransactionalDdlSqliteDialect({ database: sqlite }) });
  sqliteConnections.set(db, sqlite);
  if (target.path !== ':memory:') sqliteFilePaths.set(db, target.path);
  if (options.turn) turns.set(db, options.turn);
  // Only in WAL mode (SQLite falls back to a rollback journal where WAL is impossible, e.g.
  // file systems without shared memory): the fdatasync is of the WAL file.
  if (sqlite.pragma('journal_mode', { simple: true }) === 'wal') durabilities.set(db, walDurability(target.path));
  return db;
}

const sqliteConnections = new WeakMap<Db, SQLite.Database>();
/** The SQLite databases opened here on a file (not in memory): their paths. */
const sqliteFilePaths = new WeakMap<Db, string>();

/**
 * The better-sqlite3 connection under a SQLite database opened here (undefined for PostgreSQL).
 * Only the group commit uses it, while Kysely's driver has lent it the connection (see
 * group-statements.ts); anything else must go through Kysely, which lends it to one user at a time.
 */
export function sqliteConnectionOf(db: Db): SQLite.Database | undefined {
  return sqliteConnections.get(db);
}

const checkpointers = new WeakMap<Db, Checkpointer>();

/**
 * A SQLite file: from now on, WAL checkpoints run on a worker thread instead of inside commits
 * (see checkpointer.ts); until then SQLite checkpoints in commits as it does by default. For the
 * long-running server, called once it listens: the worker's start (~100 ms of CPU, most of it
 * Node booting a thread) then no longer competes with the server's own start. Does nothing for
 * PostgreSQL or an in-memory database, or when they already run.
 */
export function startBackgroundCheckpoints(
  db: Db,
  onError: (error: unknown) => void,
  options: Omit<CheckpointerOptions, 'onError'> = {},
): void {
  const path = sqliteFilePaths.get(db);
  const sqlite = sqliteConnections.get(db);
  if (path === undefined || !sqlite || checkpointers.has(db) || !sqlite.open) return;
  checkpointers.set(db, startCheckpointer(sqlite, path, { ...options, onError }));
}

/**
 * What a write transaction waits for before it starts, if anything: the background checkpoints'
 * catch-up when the WAL has grown long (see checkpointer.ts). Null for PostgreSQL, memory, or
 * before the checkpoints start.
 */
export function beforeSqliteWrite(db: Db): Promise<void> | null {
  return checkpointers.get(db)?.beforeWrite() ?? null;
}

const durabilities = new WeakMap<Db, Durability>();
const turns = new WeakMap<Db, TurnBudget>();

/** The turn budget a SQLite database was opened with, if any (its commit groups share it). */
export function turnOf(db: Db): TurnBudget | undefined {
  return turns.get(db);
}

/** How the group commit makes a SQLite file's commits durable off the event loop (wal-sync.ts). */
export function durabilityOf(db: Db): Durability | undefined {
  return durabilities.get(db);
}

/** Stops the background work of a database opened here, then closes it. */
export async function closeDatabase(db: Db): Promise<void> {
  await checkpointers.get(db)?.stop();
  await db.destroy();
}

export function isSqlite(db: Db): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
