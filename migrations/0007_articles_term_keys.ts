import type { Kysely } from 'kysely';

/**
 * The words each article is known by for the on-topic rule's IDF (its folded stem keys, once
 * each, space-separated), and the version of the rules and stemmer that made them. Start-up
 * learns the IDF from the most recent articles: with the keys stored, it reads them instead of
 * tokenising and stemming every article again (the stemmer costs ~30 µs a word it has not seen,
 * and an archive of 200 articles holds thousands). Written with each PUT of an article; the
 * first start that finds none, or some of another version, computes and stores them
 * (src/bootstrap.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('term_keys', 'text').execute();
  await db.schema.alterTable('articles').addColumn('term_keys_version', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('term_keys_version').execute();
  await db.schema.alterTable('articles').dropColumn('term_keys').execute();
}
