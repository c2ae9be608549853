/**
 * One moderator in its own process, with its own connection to the shared SQLite file. For each
 * comment id the parent sends (to both moderators at once), it applies its decision and answers
 * with the outcome: "won", a problem code, or the crash it met.
 */
import { systemClock } from '../../../src/clock.js';
import { openDatabase } from '../../../src/db/connection.js';
import { decideComment } from '../../../src/domain/moderation/decide.js';
import { ProblemError } from '../../../src/http/problem.js';

const [dbPath, actor, decision] = process.argv.slice(2) as [string, string, 'approve' | 'delete'];
const db = openDatabase(dbPath);

process.on('message', async (message: { id?: string; done?: boolean }) => {
  if (message.done) {
    await db.destroy();
    process.exit(0);
  }
  const id = message.id ?? '';
  let outcome: string;
  try {
    await decideComment(db, systemClock, { commentId: id, decision, actor });
    outcome = 'won';
  } catch (error) {
    outcome = error instanceof ProblemError ? error.code : `crash: ${String(error)}`;
  }
  process.send?.({ id, outcome });
});
process.send?.({ ready: true });
