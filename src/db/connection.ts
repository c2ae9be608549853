import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** Where a DATABASE_URL points: a SQLite file (or memory). PostgreSQL is recognised, not yet served. */
export function parseDatabaseUrl(url: string): { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string } {
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  if (url === ':memory:') return { kind: 'sqlite', path: ':memory:' };
  return { kind: 'sqlite', path: url.startsWith('file:') ? url.slice('file:'.length) : url };
}

/**
 * SQLite settings, and why:
 * - WAL: readers never block the writer, and a crash leaves the database consistent;
 * - synchronous=FULL: with WAL, every commit is fsynced before it is acknowledged, so a comment
 *   answered with 201/202 survives a power cut too, not only a process crash;
 * - foreign_keys: SQLite leaves them off by default;
 * - busy_timeout: another process (the CLI, a backup) holding the write lock makes us wait, not fail.
 */
export function openSqlite(path: string): SQLite.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

export function openDatabase(url: string): Db {
  const target = parseDatabaseUrl(url);
  if (target.kind === 'postgres') {
    throw new Error('PostgreSQL is not supported yet: set DATABASE_URL to a SQLite file path.');
  }
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(target.path) }) });
}
