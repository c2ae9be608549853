import type { Kysely } from 'kysely';

/**
 * At start-up the on-topic rule learns its word weights (IDF) from the site's most recent
 * articles, not from the whole archive (see src/bootstrap.ts). Without an index, finding them
 * sorts every article, and reading each row's created_at walks past its body.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('articles_created').on('articles').columns(['created_at', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_created').execute();
}
