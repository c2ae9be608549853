import type { Db } from '../../db/connection.js';
import { tableInsert } from '../../db/group-statements.js';
import type { CommentStatus, Database, HoldReason, ModerationAction } from '../../db/schema.js';
import { newId } from '../../ids.js';
import { transition } from './transition.js';

export interface EventInput {
  actor: string;
  reason?: string | null | undefined;
  note?: string | null | undefined;
  /** For transitions into `pending`: why it waits. */
  holdReason?: HoldReason | undefined;
  at: string;
}

export class InvalidTransitionError extends Error {
  constructor(
    readonly commentId: string,
    readonly from: CommentStatus | null,
    readonly action: ModerationAction,
  ) {
    super(`Cannot ${action} comment ${commentId} from status ${from ?? 'new'}`);
  }
}

/**
 * Moves a stored comment through the transition function and appends the event, in the caller's
 * transaction. The UPDATE is conditional on the status we read: when two moderators race, the
 * second UPDATE matches no row and fails with InvalidTransitionError, on SQLite and PostgreSQL alike.
 */
export async function applyTransition(tx: Db, commentId: string, action: ModerationAction, input: EventInput) {
  const current = await tx.selectFrom('comments').select(['status']).where('id', '=', commentId).executeTakeFirst();
  if (!current) return null;
  const next = transition(current.status, action);
  if (!next.ok) throw new InvalidTransitionError(commentId, current.status, action);
  const updated = await tx
    .updateTable('comments')
    .set({
      status: next.to,
      hold_reason: next.to === 'pending' ? (input.holdReason ?? 'flagged') : null,
      updated_at: input.at,
    })
    .where('id', '=', commentId)
    .where('status', '=', current.status)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new InvalidTransitionError(commentId, current.status, action);
  await appendEvent(tx, commentId, action, current.status, next.to, input);
  return { from: current.status, to: next.to };
}

const insertEvents = tableInsert<Database, 'moderation_events'>('moderation_events');

export async function appendEvent(
  tx: Db,
  commentId: string,
  action: ModerationAction,
  from: CommentStatus | null,
  to: CommentStatus,
  input: EventInput,
) {
  await insertEvents(tx, [
    {
      id: newId(),
      comment_id: commentId,
      action,
      from_status: from,
      to_status: to,
      actor: input.actor,
      reason: input.reason ?? null,
      note: input.note ?? null,
      created_at: input.at,
    },
  ]);
}
