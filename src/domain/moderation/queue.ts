import type { Db } from '../../db/connection.js';
import type { HoldReason } from '../../db/schema.js';
import { beyondCursor, type Cursor } from '../pagination.js';

export interface QueueFilters {
  rule?: string | undefined;
  articleId?: string | undefined;
  reason?: HoldReason | undefined;
}

/** Pending comments, oldest first: the moderators' work list. Fetches limit + 1 for paging. */
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

/** The three queries behind queueCounts, so that their plans can be checked. */
export function queueCountQueries(db: Db) {
  return {
    total: db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', '=', 'pending'),
    byReason: db
      .selectFrom('comments')
      .select(['hold_reason', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('status', '=', 'pending')
      .groupBy('hold_reason'),
    byRule: db
      .selectFrom('comment_violations')
      .innerJoin('comments', 'comments.id', 'comment_violations.comment_id')
      .select([
        'comment_violations.rule',
        (eb) => eb.fn.count<number | string>('comment_violations.comment_id').distinct().as('n'),
      ])
      .where('comments.status', '=', 'pending')
      .groupBy('comment_violations.rule'),
  };
}

/** How many comments wait, in all, per rule that flagged them and per reason they wait. */
export async function queueCounts(db: Db) {
  const queries = queueCountQueries(db);
  const [total, byReason, byRule] = await Promise.all([
    queries.total.executeTakeFirstOrThrow(),
    queries.byReason.execute(),
    queries.byRule.execute(),
  ]);
  return {
    total: Number(total.n),
    byReason: Object.fromEntries(byReason.map((r) => [r.hold_reason ?? 'flagged', Number(r.n)])),
    byRule: Object.fromEntries(byRule.map((r) => [r.rule, Number(r.n)])),
  };
}
