import { type MigrationResultSet, Migrator } from 'kysely';
import { migrations } from '../../migrations/index.js';
import type { Db } from './connection.js';

/**
 * `schema`: the PostgreSQL schema to migrate when it is not the default one (tests isolate
 * themselves so).
 */
function migrator(db: Db, schema: string | undefined) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    nameComparator: byCodeUnits,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/**
 * Orders migrations applied at the same timestamp (a new database's, all in one transaction).
 * Kysely's default is `localeCompare`, whose first call sets up ICU's collation: 11–13 ms of
 * every start here, and nothing else the server starts with needs it. The names are ASCII
 * ("0007_articles_term_keys"), so code-unit order is the same.
 */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Throws with the failing migration's name. */
function succeeded(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

/** Applies every pending migration (at start-up). */
export async function migrateToLatest(db: Db, schema?: string): Promise<MigrationResultSet> {
  return succeeded(await migrator(db, schema).migrateToLatest());
}

/**
 * Migrates up or down to `target` (a key of migrations/index.ts): tests of a migration's data.
 * An unknown name fails like a failed migration (Kysely checks it).
 */
export async function migrateTo(db: Db, target: string, schema?: string): Promise<MigrationResultSet> {
  return succeeded(await migrator(db, schema).migrateTo(target));
}
