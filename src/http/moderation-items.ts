import type { Db } from '../db/connection.js';
import type { CommentRow } from '../db/schema.js';
import { violationsOf } from '../domain/comments/repository.js';
import { type AuthorHistory, authorHistories, HISTORY_COUNT_LIMIT } from '../domain/moderation/history.js';
import { reportsOf } from '../domain/reports/reports.js';
import { moderatorCommentView, reportView, storedViolationView } from './views.js';

/**
 * Everything a moderator needs to decide in seconds, for a page of comments: the comment with
 * its personal data, the article title, the violations with spans, the reports and the author's
 * history. Four queries per page, whatever its size.
 */
export async function moderationItems(db: Db, rows: (CommentRow & { article_title: string })[]) {
  const ids = rows.map((r) => r.id);
  const [violations, reports, histories] = await Promise.all([
    violationsOf(db, ids),
    reportsOf(db, ids),
    authorHistories(db, ids),
  ]);
  return rows.map(({ article_title, ...comment }) => ({
    comment: moderatorCommentView(comment),
    article: { id: comment.article_id, title: article_title },
    violations: (violations.get(comment.id) ?? []).map(storedViolationView),
    reports: reports.filter((r) => r.comment_id === comment.id).map(reportView),
    authorHistory: historyView(histories.get(comment.email)),
  }));
}

/** An author's history as the API gives it, with the limit its counts stop at. */
function historyView(history: AuthorHistory | undefined) {
  return {
    published: history?.published ?? 0,
    deleted: history?.deleted ?? 0,
    pending: history?.pending ?? 0,
    countLimit: HISTORY_COUNT_LIMIT,
  };
}

export function findCommentWithArticle(db: Db, id: string) {
  return db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .selectAll('comments')
    .select('articles.title as article_title')
    .where('comments.id', '=', id)
    .executeTakeFirst();
}
