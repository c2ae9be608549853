import type { ArticleRow, CommentRow, Lang, ViolationRow } from '../db/schema.js';
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
