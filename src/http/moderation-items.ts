import type { Db } from '../db/connection.js';
import type { CommentRow } from '../db/schema.js';
import { violationsOf } from '../domain/comments/repository.js';
import {
  type AuthorHistoryColumns,
  authorHistoryColumns,
  authorHistoryOf,
  HISTORY_COUNT_LIMIT,
} from '../domain/moderation/history.js';
import { reportsOf } from '../domain/reports/reports.js';
import { moderatorCommentView, reportView, storedViolationView } from './views.js';

/**
 * Everything a moderator needs to decide in seconds, for a page of comments: the comment with
 * its personal data, the article title and the author's history (read with the comments: see
 * listQueueQuery and findCommentWithArticle), the violations with spans and the reports. Three
 * queries per page, whatever its size.
 */
export async function moderationItems(db: Db, rows: (CommentRow & { article_title: string } & AuthorHistoryColumns)[]) {
  const ids = rows.map((r) => r.id);
  const [violations, reports] = await Promise.all([violationsOf(db, ids), reportsOf(db, ids)]);
  return rows.map((row) => ({
    comment: moderatorCommentView(row),
    article: { id: row.article_id, title: row.article_title },
    violations: (violations.get(row.id) ?? []).map(storedViolationView),
    reports: reports.filter((r) => r.comment_id === row.id).map(reportView),
    authorHistory: historyView(row),
  }));
}

/** An author's history as the API gives it, with the limit its counts stop at. */
function historyView(row: AuthorHistoryColumns) {
  return { ...authorHistoryOf(row), countLimit: HISTORY_COUNT_LIMIT };
}

/** A comment with its article's title and its author's history, as moderationItems takes it. */
export function findCommentWithArticle(db: Db, id: string) {
  return db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .selectAll('comments')
    .select('articles.title as article_title')
    .select((eb) => authorHistoryColumns(eb))
    .where('comments.id', '=', id)
    .executeTakeFirst();
}
