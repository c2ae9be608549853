import type { Kysely } from 'kysely';

/**
 * The moderation queue shows each author's history (comments by status, per e-mail) and
 * premoderation `first` asks whether an e-mail has a published comment: both filter on e-mail and
 * status. With (email, status) they are answered from the index alone, without reading the rows.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('comments_email_status').on('comments').columns(['email', 'status']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_email_status').execute();
}
