import { SqliteAdapter, sql } from 'kysely';
import type { Db } from './connection.js';

/**
 * A transaction that will write. On SQLite it starts with BEGIN IMMEDIATE: the write lock is taken
 * up front, so a second writer (another process on the same file) waits for the first to commit
 * and then reads fresh rows, instead of failing with SQLITE_BUSY halfway through. On PostgreSQL a
 * plain transaction suffices: our conditional UPDATEs wait on the row lock and re-check.
 */
export async function writeTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return db.transaction().execute(work);
  return db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const result = await work(connection);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  });
}
