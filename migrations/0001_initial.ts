import type { Kysely } from 'kysely';

/**
 * The first schema: articles, comments, their violations, the moderation event log, reader reports
 * and API tokens. Only portable column types (text, integer) so that SQLite and PostgreSQL share it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's Database type.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('comments_open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('premoderation', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id'))
    .addColumn('parent_id', 'text', (c) => c.references('comments.id'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hold_reason', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('fingerprint', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Public comment pages and counts: published comments of one article, oldest first.
  await db.schema
    .createIndex('comments_article_status_created')
    .on('comments')
    .columns(['article_id', 'status', 'created_at', 'id'])
    .execute();
  // The moderation queue: pending comments, oldest first, across articles.
  await db.schema
    .createIndex('comments_status_created')
    .on('comments')
    .columns(['status', 'created_at', 'id'])
    .execute();
  // Flood control and author history look comments up by e-mail and by IP.
  await db.schema.createIndex('comments_email_created').on('comments').columns(['email', 'created_at']).execute();
  await db.schema.createIndex('comments_ip_created').on('comments').columns(['ip', 'created_at']).execute();
  await db.schema.createIndex('comments_fingerprint').on('comments').column('fingerprint').unique().execute();

  await db.schema
    .createTable('comment_violations')
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('spans', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('rules_version', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_violations_pk', ['comment_id', 'position'])
    .execute();
  await db.schema
    .createIndex('comment_violations_rule')
    .on('comment_violations')
    .columns(['rule', 'comment_id'])
    .execute();

  await db.schema
    .createTable('moderation_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('moderation_events_comment')
    .on('moderation_events')
    .columns(['comment_id', 'id'])
    .execute();
  await db.schema.createIndex('moderation_events_actor').on('moderation_events').columns(['actor', 'id']).execute();

  await db.schema
    .createTable('comment_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id'))
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comment_reports_comment_ip')
    .on('comment_reports')
    .columns(['comment_id', 'ip'])
    .unique()
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'api_tokens',
    'comment_reports',
    'moderation_events',
    'comment_violations',
    'comments',
    'articles',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
