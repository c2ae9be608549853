import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connection.js';
import type { ReportRow } from '../../db/schema.js';
import { lockKeys, writeTransaction } from '../../db/transaction.js';
import { problems } from '../../http/problem.js';
import { newId } from '../../ids.js';
import { applyTransition } from '../moderation/events.js';

export const REPORT_REASONS = ['on-topic', 'civility', 'sms-speak', 'proofreading', 'spam', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export interface ReportInput {
  commentId: string;
  /** Reports are de-duplicated by IP: one reader reporting twice counts once. */
  ip: string;
  reason: ReportReason;
  detail?: string | undefined;
}

/**
 * A reader reports a published comment. Once `threshold` distinct IPs have reported it, it goes
 * back to the queue (reason `reported`) and leaves public lists until a moderator decides. The
 * report, the count and the re-queue happen in one transaction, so concurrent reports re-queue
 * exactly once.
 */
export async function reportComment(db: Db, clock: Clock, threshold: number, input: ReportInput) {
  const at = clock.now().toISOString();
  return writeTransaction(db, async (tx) => {
    // Reports of one comment are counted one transaction at a time, also across instances.
    await lockKeys(tx, [`reports:${input.commentId}`]);
    const comment = await tx
      .selectFrom('comments')
      .select(['id', 'status'])
      .where('id', '=', input.commentId)
      .executeTakeFirst();
    // Pending and deleted comments are not public: to a reader they do not exist.
    if (comment?.status !== 'published') throw problems.notFound('CommentNotFound', 'Comment');

    // ON CONFLICT DO NOTHING (both dialects): one report per IP and comment, even racing.
    const inserted = await tx
      .insertInto('comment_reports')
      .values({
        id: newId(),
        comment_id: input.commentId,
        ip: input.ip,
        reason: input.reason,
        detail: input.detail ?? null,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['comment_id', 'ip']).doNothing())
      .executeTakeFirst();
    const duplicate = Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0;
    // A moderator who approved the comment judged the earlier reports: count only newer ones.
    const lastApproval = await tx
      .selectFrom('moderation_events')
      .select('created_at')
      .where('comment_id', '=', input.commentId)
      .where('action', '=', 'approve')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    let counted = tx
      .selectFrom('comment_reports')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('comment_id', '=', input.commentId);
    if (lastApproval) counted = counted.where('created_at', '>=', lastApproval.created_at);
    const { n } = await counted.executeTakeFirstOrThrow();
    const reports = Number(n);
    let requeued = false;
    if (reports >= threshold) {
      await applyTransition(tx, input.commentId, 'requeue', {
        actor: 'readers',
        reason: `${reports} reports`,
        holdReason: 'reported',
        at,
      });
      requeued = true;
    }
    return { reports, requeued, duplicate };
  });
}

export function reportsOf(db: Db, commentIds: string[]): Promise<ReportRow[]> {
  if (commentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('comment_reports')
    .selectAll()
    .where('comment_id', 'in', commentIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
