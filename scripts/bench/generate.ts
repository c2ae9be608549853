import type SQLite from 'better-sqlite3';
import { openDatabase, openSqlite } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * A migrated SQLite database at `path`, opened for writing generated rows straight into it: the
 * benchmark's large data sets (sections 3 and 4). synchronous=OFF for the generation only: the
 * servers reopen it with their own settings.
 */
export async function openForGeneration(path: string): Promise<SQLite.Database> {
  const setup = openDatabase(path);
  await migrateToLatest(setup);
  await setup.destroy();
  const sqlite = openSqlite(path);
  sqlite.pragma('synchronous = OFF');
  return sqlite;
}

/** run(id, title, body, lang, tags as JSON, created_at): an open article, created and updated then. */
export function prepareArticleInsert(sqlite: SQLite.Database) {
  const insert = sqlite.prepare(
    'insert into articles (id, title, body, url, lang, tags, comments_open, premoderation, created_at, updated_at) values (?, ?, ?, null, ?, ?, 1, null, ?, ?)',
  );
  return {
    run: (id: string, title: string, body: string, lang: string, tags: string, at: string) =>
      insert.run(id, title, body, lang, tags, at, at),
  };
}
