import type { ArticleRow, CommentRow, EventRow, Lang, ReportRow, ViolationRow } from '../db/schema.js';
import type { Span, Violation } from '../rules/types.js';

/** Rows to API shapes. Public views never carry an e-mail, an IP or a user agent. */

export function articleView(row: ArticleRow, commentCount: number) {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    lang: row.lang,
    commentsOpen: row.comments_open === 1,
    commentCount,
  };
}

export function publicCommentView(
  row: Pick<CommentRow, 'id' | 'article_id' | 'parent_id' | 'author' | 'body' | 'lang' | 'created_at'>,
) {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    author: row.author,
    body: row.body,
    lang: row.lang,
    createdAt: row.created_at,
  };
}

/**
 * A comment as the answer to its own POST: the public fields and its status. Not written
 * `{ ...publicCommentView(row), status }`: on Node 20's V8 an object made by a spread gets a new
 * hidden class for every property added to it afterwards, i.e. one per comment posted
 * (docs/performance-history.md, 2026-11-29 "From 12:32").
 */
export function submittedCommentView(row: Parameters<typeof publicCommentView>[0] & Pick<CommentRow, 'status'>) {
  return Object.assign(publicCommentView(row), { status: row.status });
}

export function violationView(v: Violation, lang: Lang) {
  return {
    rule: v.rule,
    messageId: v.messageId,
    message: v.message[lang],
    severity: v.severity,
    spans: v.spans,
    ...(v.details ? { details: v.details } : {}),
  };
}

export function storedViolationView(row: ViolationRow) {
  return {
    rule: row.rule,
    messageId: row.message_id,
    message: row.message,
    severity: row.severity as Violation['severity'],
    spans: JSON.parse(row.spans) as Span[],
    ...(row.details ? { details: JSON.parse(row.details) as Record<string, unknown> } : {}),
    rulesVersion: row.rules_version,
  };
}

/** For moderators only: includes the e-mail, IP and user agent. */
export function moderatorCommentView(row: CommentRow) {
  return {
    id: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
    author: row.author,
    email: row.email,
    ip: row.ip,
    userAgent: row.user_agent,
    body: row.body,
    lang: row.lang,
    status: row.status,
    holdReason: row.hold_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function eventView(row: EventRow) {
  return {
    id: row.id,
    commentId: row.comment_id,
    action: row.action,
    from: row.from_status,
    to: row.to_status,
    actor: row.actor,
    reason: row.reason,
    note: row.note,
    createdAt: row.created_at,
  };
}

export function reportView(row: ReportRow) {
  return { reason: row.reason, detail: row.detail, createdAt: row.created_at };
}
