import type { Kysely } from 'kysely';
import { openTestDatabase } from '../helpers.js';

export const AT = '2026-01-01T00:00:00.000Z';

/**
 * A test database migrated up to `migration` (the one before the migration under test), holding
 * one article `a1` as every schema since 0001 stores it, and a handle typed for that old schema
 * rather than today's.
 */
export async function databaseAt(migration: string) {
  const { db, schema } = await openTestDatabase(undefined, { upTo: migration });
  // biome-ignore lint/suspicious/noExplicitAny: the schema of an earlier migration, not today's.
  const old = db as unknown as Kysely<any>;
  await old
    .insertInto('articles')
    .values({ id: 'a1', title: 'T', body: 'B', lang: 'fr', created_at: AT, updated_at: AT })
    .execute();
  return { db, schema, old };
}
