import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { CommentStatus, Database } from '../../db/schema.js';

/**
 * Each count of an author's history stops here: a count equal to it means "at least this many".
 *
 * Why: the history is a moderator's first clue (a newcomer, a regular, someone often deleted),
 * and counting every comment of every author on a queue page made the page grow with their
 * activity. For a page of 50 authors (SQLite, one core, 2026-11-30, docs/performance-history.md
 * "From 18:46"), counting all took 0.4–0.8 ms at 50 comments an author, 2.2–3.7 at 500 and
 * 8.6–12.9 at 2,000; counting up to the limit 0.4–0.7, 0.9–1.5 and 1.5–1.6. It reads at most
 * 3 × 100 index entries an author; on the benchmark's 1,000,000 comments (50 an author) it costs
 * ~0.1–0.2 ms more than counting all (three short reads an author instead of one). Counters
 * kept up to date instead cost the comment POST 20 % (tried on the 28th).
 */
export const HISTORY_COUNT_LIMIT = 100;

export interface AuthorHistory {
  published: number;
  deleted: number;
  pending: number;
}

type Scope = ExpressionBuilder<Database & { c: Database['comments'] }, 'c'>;

/**
 * How many comments of the e-mail of `c` have `status`, up to HISTORY_COUNT_LIMIT: the count of
 * a limited read of the (email, status) index, not of every entry.
 */
function limitedCount(eb: Scope, status: CommentStatus) {
  return eb
    .selectFrom((inner) =>
      inner
        .selectFrom('comments as h')
        // The index's own columns: the rows themselves are never read.
        .select('h.status')
        .whereRef('h.email', '=', 'c.email')
        .where('h.status', '=', status)
        .limit(HISTORY_COUNT_LIMIT)
        .as('limited'),
    )
    .select((count) => count.fn.countAll<number | string>().as('n'));
}

/** The query behind authorHistories, so that its plan can be checked. */
export function authorHistoriesQuery(db: Db, commentIds: string[]) {
  return db
    .selectFrom('comments as c')
    .select((eb) => [
      'c.email',
      limitedCount(eb, 'published').as('published'),
      limitedCount(eb, 'deleted').as('deleted'),
      limitedCount(eb, 'pending').as('pending'),
    ])
    .where('c.id', 'in', commentIds);
}

/**
 * What the authors of these comments have posted so far, by status, each count up to
 * HISTORY_COUNT_LIMIT: a moderator's first clue about a commenter. Keyed by e-mail.
 */
export async function authorHistories(db: Db, commentIds: string[]): Promise<Map<string, AuthorHistory>> {
  const histories = new Map<string, AuthorHistory>();
  if (commentIds.length === 0) return histories;
  for (const row of await authorHistoriesQuery(db, [...new Set(commentIds)]).execute()) {
    // PostgreSQL returns count(*) as a string (bigint).
    histories.set(row.email, {
      published: Number(row.published),
      deleted: Number(row.deleted),
      pending: Number(row.pending),
    });
  }
  return histories;
}
