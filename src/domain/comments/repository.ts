import type { Db } from '../../db/connection.js';
import { tableInsert } from '../../db/group-statements.js';
import type { CommentRow, CommentsTable, Database, ViolationRow } from '../../db/schema.js';
import type { Violation } from '../../rules/types.js';
import { beyondCursor, type Cursor } from '../pagination.js';

export function findComment(db: Db, id: string): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findByFingerprint(db: Db, fingerprint: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('comments').select('id').where('fingerprint', '=', fingerprint).executeTakeFirst();
}

/** The newest comment from this IP or this e-mail since `since`, for flood control. */
export async function latestCommentSince(
  db: Db,
  { ip, email, since }: { ip: string | null; email: string; since: string },
) {
  const byEmail = db
    .selectFrom('comments')
    .select('created_at')
    .where('email', '=', email)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const byIp =
    ip === null
      ? Promise.resolve(undefined)
      : db
          .selectFrom('comments')
          .select('created_at')
          .where('ip', '=', ip)
          .where('created_at', '>', since)
          .orderBy('created_at', 'desc')
          .limit(1)
          .executeTakeFirst();
  const found = [(await byEmail)?.created_at, (await byIp)?.created_at].filter((t): t is string => t !== undefined);
  return found.sort().at(-1) ?? null;
}

/** Whether a moderator has let this e-mail through before (premoderation `first`). */
export async function hasPublishedComment(db: Db, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('comments')
    .select('id')
    .where('email', '=', email)
    .where('status', '=', 'published')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A comment's `flagged_rules`: the rules of its violations, once each, sorted, comma-separated. */
export function flaggedRules(violations: readonly Pick<Violation, 'rule'>[]): string | null {
  if (violations.length === 0) return null;
  return [...new Set(violations.map((v) => v.rule))].sort().join(',');
}

const insertComments = tableInsert<Database, 'comments'>('comments');
const insertViolations = tableInsert<Database, 'comment_violations'>('comment_violations');

export async function insertComment(db: Db, comment: CommentsTable, violations: Violation[], rulesVersion: string) {
  await insertComments(db, [comment]);
  await insertViolations(
    db,
    violations.map((v, position) => ({
      comment_id: comment.id,
      position,
      rule: v.rule,
      message_id: v.messageId,
      severity: v.severity,
      message: v.message[comment.lang],
      spans: JSON.stringify(v.spans),
      details: v.details ? JSON.stringify(v.details) : null,
      rules_version: rulesVersion,
    })),
  );
}

export async function violationsOf(db: Db, commentIds: string[]): Promise<Map<string, ViolationRow[]>> {
  const byComment = new Map<string, ViolationRow[]>();
  if (commentIds.length === 0) return byComment;
  const rows = await db
    .selectFrom('comment_violations')
    .selectAll()
    .where('comment_id', 'in', commentIds)
    .orderBy('comment_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const list = byComment.get(row.comment_id) ?? [];
    list.push(row);
    byComment.set(row.comment_id, list);
  }
  return byComment;
}

/** Published comments of an article after a cursor; the query itself, so that plans can be checked. */
export function listPublishedQuery(db: Db, articleId: string, limit: number, after: Cursor | null) {
  let query = db
    .selectFrom('comments')
    .select(['id', 'article_id', 'parent_id', 'author', 'body', 'lang', 'created_at'])
    .where('article_id', '=', articleId)
    .where('status', '=', 'published');
  if (after) query = query.where(beyondCursor(after, 'after'));
  return query
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit + 1);
}

export function listPublished(db: Db, articleId: string, limit: number, after: Cursor | null) {
  return listPublishedQuery(db, articleId, limit, after).execute();
}
