import type { Db } from '../../db/connection.js';
import type { HoldReason } from '../../db/schema.js';
import { beyondCursor, type Cursor } from '../pagination.js';
import { authorHistoryColumns } from './history.js';

export interface QueueFilters {
  rule?: string | undefined;
  articleId?: string | undefined;
  reason?: HoldReason | undefined;
}

/**
 * Pending comments, oldest first, each with its article's title and its author's history: the
 * moderators' work list. Fetches limit + 1 for paging.
 */
export function listQueue(db: Db, filters: QueueFilters, limit: number, after: Cursor | null) {
  return listQueueQuery(db, filters, limit, after).execute();
}

/** The query behind listQueue, so that its plan can be checked. */
export function listQueueQuery(db: Db, filters: QueueFilters, limit: number, after: Cursor | null) {
  let query = db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .selectAll('comments')
    .select('articles.title as article_title')
    .select((eb) => authorHistoryColumns(eb))
    .where('comments.status', '=', 'pending');
  if (filters.articleId) query = query.where('comments.article_id', '=', filters.articleId);
  if (filters.reason) query = query.where('comments.hold_reason', '=', filters.reason);
  if (filters.rule) {
    const rule = filters.rule;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('comment_violations')
          .select('comment_violations.comment_id')
          .whereRef('comment_violations.comment_id', '=', 'comments.id')
          .where('comment_violations.rule', '=', rule),
      ),
    );
  }
  if (after) query = query.where(beyondCursor(after, 'after', 'comments.'));
  return query
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .limit(limit + 1);
}

/**
 * The query behind queueCounts, so that its plan can be checked: pending comments grouped by hold
 * reason and by the rules that flagged them, read from the queue's index alone (migration 0005).
 * A few dozen groups at most (reasons × combinations of rules), whatever the queue's length.
 */
export function queueCountQuery(db: Db) {
  return db
    .selectFrom('comments')
    .select(['hold_reason', 'flagged_rules', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', '=', 'pending')
    .groupBy(['hold_reason', 'flagged_rules']);
}

/** How many comments wait, in all, per rule that flagged them and per reason they wait. */
export async function queueCounts(db: Db) {
  const groups = await queueCountQuery(db).execute();
  let total = 0;
  const byReason: Record<string, number> = {};
  const byRule: Record<string, number> = {};
  for (const group of groups) {
    // PostgreSQL returns count(*) as a string (bigint).
    const n = Number(group.n);
    total += n;
    const reason = group.hold_reason ?? 'flagged';
    byReason[reason] = (byReason[reason] ?? 0) + n;
    // A comment counts once per rule, however many of that rule's violations it has.
    for (const rule of group.flagged_rules?.split(',') ?? []) byRule[rule] = (byRule[rule] ?? 0) + n;
  }
  return { total, byReason, byRule };
}
