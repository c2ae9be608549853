import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connection.js';
import type { CommentRow } from '../../db/schema.js';
import { writeTransaction } from '../../db/transaction.js';
import { newId } from '../../ids.js';
import { violationsOf } from '../comments/repository.js';
import { eventsOfComment } from '../moderation/event-log.js';
import { applyTransition } from '../moderation/events.js';

/** GDPR: what Vigie holds about one commenter (by e-mail), and erasing it. Both are logged. */

export const ERASED_AUTHOR = 'Anonyme';
export const ERASED_BODY = '[commentaire effacé à la demande de son auteur]';

const subjectHash = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

async function logRequest(
  db: Db,
  action: 'export' | 'erase',
  email: string,
  actor: string,
  comments: number,
  at: string,
) {
  await db
    .insertInto('privacy_requests')
    .values({ id: newId(), action, subject_hash: subjectHash(email), actor, comments, created_at: at })
    .execute();
}

function commentsOf(db: Db, email: string): Promise<CommentRow[]> {
  return (
    db
      .selectFrom('comments')
      .selectAll()
      .where('email', '=', email.trim().toLowerCase())
      // Comments posted within the same millisecond: their ids (UUIDv7) are in the order they came.
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  );
}

/** Everything stored about an e-mail: its comments in every status, their violations and events. */
export async function exportCommenter(db: Db, clock: Clock, email: string, actor: string) {
  const comments = await commentsOf(db, email);
  const violations = await violationsOf(
    db,
    comments.map((c) => c.id),
  );
  const events = await Promise.all(comments.map((c) => eventsOfComment(db, c.id)));
  await logRequest(db, 'export', email, actor, comments.length, clock.now().toISOString());
  return comments.map((comment, i) => ({
    comment,
    violations: violations.get(comment.id) ?? [],
    events: events[i] ?? [],
  }));
}

/**
 * Erases an e-mail's personal data: pseudo, e-mail, IP, user agent and the text of its comments
 * (with the excerpts its violations quoted). The comments stay as deleted rows and their events
 * stay, so the audit trail keeps its shape: who decided what, when, about an anonymous comment.
 * The comments keep a shared random pseudonym instead of the e-mail, so the trail still shows they
 * came from one person, without saying who.
 */
export async function eraseCommenter(db: Db, clock: Clock, email: string, actor: string): Promise<number> {
  const at = clock.now().toISOString();
  return writeTransaction(db, async (tx) => {
    const comments = await commentsOf(tx, email);
    const pseudonym = `erased-${newId()}@invalid`;
    for (const comment of comments) {
      await applyTransition(tx, comment.id, 'erase', { actor, reason: 'gdpr', at });
      await tx
        .updateTable('comments')
        .set({
          author: ERASED_AUTHOR,
          email: pseudonym,
          body: ERASED_BODY,
          ip: null,
          user_agent: null,
          fingerprint: null,
          updated_at: at,
        })
        .where('id', '=', comment.id)
        .execute();
      await tx
        .updateTable('comment_violations')
        .set({ spans: '[]', details: null, message: '[effacé]' })
        .where('comment_id', '=', comment.id)
        .execute();
    }
    await logRequest(tx, 'erase', email, actor, comments.length, at);
    return comments.length;
  });
}
