import type { Db } from '../../db/connection.js';
import { beyondCursor, type Cursor } from '../pagination.js';

export interface EventFilters {
  commentId?: string | undefined;
  actor?: string | undefined;
}

/** The audit log, newest first (keyset on created_at, id descending). Fetches limit + 1. */
export function listEvents(db: Db, filters: EventFilters, limit: number, before: Cursor | null) {
  let query = db.selectFrom('moderation_events').selectAll();
  if (filters.commentId) query = query.where('comment_id', '=', filters.commentId);
  if (filters.actor) query = query.where('actor', '=', filters.actor);
  if (before) query = query.where(beyondCursor(before, 'before'));
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export function eventsOfComment(db: Db, commentId: string) {
  return db
    .selectFrom('moderation_events')
    .selectAll()
    .where('comment_id', '=', commentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
