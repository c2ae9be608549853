import { sql } from 'kysely';
import { beforeSqliteWrite, type Db, durabilityOf, isSqlite, sqliteConnectionOf, turnOf } from './connection.js';
import { GroupCommit } from './group-commit.js';
import type { Database } from './schema.js';

const groups = new WeakMap<Db, GroupCommit<Database>>();

/**
 * A transaction that will write. On SQLite it starts with BEGIN IMMEDIATE: the write lock is taken
 * up front, so a second writer (another process on the same file) waits for the first to commit
 * and then reads fresh rows, instead of failing with SQLITE_BUSY halfway through; and the write
 * transactions that arrive together share one COMMIT, i.e. one fsync (see group-commit.ts). On
 * PostgreSQL a plain transaction suffices: our conditional UPDATEs wait on the row lock and
 * re-check.
 *
 * `work` may run more than once on SQLite (when another unit of its commit group fails, see
 * group-commit.ts): it must act only through `tx`, with no other effect, and only its last run's
 * result is returned.
 */
export async function writeTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  if (!isSqlite(db)) return db.transaction().execute(work);
  let group = groups.get(db);
  if (!group) {
    group = new GroupCommit(db, {
      durability: durabilityOf(db),
      beforeGroup: () => beforeSqliteWrite(db),
      connection: sqliteConnectionOf(db),
      turn: turnOf(db),
    });
    groups.set(db, group);
  }
  return group.run(work);
}

/**
 * Serialises, until the transaction ends, the transactions that lock the same keys. SQLite needs
 * nothing (BEGIN IMMEDIATE already lets one writer at a time); on PostgreSQL, transaction-level
 * advisory locks make the flood check and the insert atomic across instances. Keys are locked in
 * sorted order so that two transactions can never wait for each other.
 */
export async function lockKeys(tx: Db, keys: string[]): Promise<void> {
  if (isSqlite(tx)) return;
  for (const key of [...new Set(keys)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
  }
}
