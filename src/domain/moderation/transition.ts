import type { CommentStatus, ModerationAction } from '../../db/schema.js';

/**
 * The one place that says which status changes are allowed. `null` is "not yet stored": the three
 * submission outcomes start there. Everything else (approving a deleted comment, deleting twice)
 * is refused, and the caller answers 409 InvalidTransition.
 */
const TRANSITIONS: Record<ModerationAction, { from: readonly (CommentStatus | null)[]; to: CommentStatus }> = {
  publish: { from: [null], to: 'published' },
  hold: { from: [null], to: 'pending' },
  reject: { from: [null], to: 'deleted' },
  approve: { from: ['pending'], to: 'published' },
  delete: { from: ['pending', 'published'], to: 'deleted' },
  requeue: { from: ['published'], to: 'pending' },
  // Erasing personal data (GDPR) takes a comment down whatever its status, even if deleted already.
  erase: { from: ['pending', 'published', 'deleted'], to: 'deleted' },
};

export type TransitionResult =
  | { ok: true; to: CommentStatus }
  | { ok: false; from: CommentStatus | null; action: ModerationAction };

export function transition(from: CommentStatus | null, action: ModerationAction): TransitionResult {
  const rule = TRANSITIONS[action];
  return rule.from.includes(from) ? { ok: true, to: rule.to } : { ok: false, from, action };
}
