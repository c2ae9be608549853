import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connection.js';
import { writeTransaction } from '../../db/transaction.js';
import { ProblemError, problems } from '../../http/problem.js';
import { findComment } from '../comments/repository.js';
import { applyTransition, InvalidTransitionError } from './events.js';

export type Decision = 'approve' | 'delete';

export interface DecideInput {
  commentId: string;
  decision: Decision;
  actor: string;
  reason?: string | undefined;
  note?: string | undefined;
}

export const invalidTransition = (error: InvalidTransitionError) =>
  new ProblemError(
    409,
    'InvalidTransition',
    'Invalid transition',
    `Cannot ${error.action} a comment that is ${error.from ?? 'new'}.`,
    { from: error.from, action: error.action },
  );

/**
 * A moderator approves or deletes one comment. The status change and its event are written in one
 * transaction; if another moderator got there first, this one gets 409 and nothing is written.
 */
export async function decideComment(db: Db, clock: Clock, input: DecideInput) {
  try {
    const changed = await writeTransaction(db, (tx) =>
      applyTransition(tx, input.commentId, input.decision, {
        actor: input.actor,
        reason: input.reason,
        note: input.note,
        at: clock.now().toISOString(),
      }),
    );
    if (!changed) throw problems.notFound('CommentNotFound', 'Comment');
  } catch (error) {
    if (error instanceof InvalidTransitionError) throw invalidTransition(error);
    throw error;
  }
  const comment = await findComment(db, input.commentId);
  if (!comment) throw problems.notFound('CommentNotFound', 'Comment');
  return comment;
}
