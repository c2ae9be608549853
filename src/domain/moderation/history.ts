import type { ExpressionBuilder } from 'kysely';
import type { CommentStatus, Database } from '../../db/schema.js';

/**
 * Each count of an author's history stops here: a count equal to it means "at least this many".
 *
 * Why: the history is a moderator's first clue (a newcomer, a regular, someone often deleted),
 * and counting every comment of every author on a queue page made the page grow with their
 * activity. For a page of 50 authors (SQLite, one core, 2026-11-30, docs/performance-history.md
 * "From 18:46"), counting all took 0.4–0.8 ms at 50 comments an author, 2.2–3.7 at 500 and
 * 8.6–12.9 at 2,000; counting up to the limit 0.4–0.7, 0.9–1.5 and 1.5–1.6. It reads at most
 * 3 × 100 index entries an author. On the benchmark's 1,000,000 comments (50 an author), as
 * columns of the listing (authorHistoryColumns), it costs about what counting all did. Counters
 * kept up to date instead cost the comment POST 20 % (tried on the 28th).
 */
export const HISTORY_COUNT_LIMIT = 100;

export interface AuthorHistory {
  published: number;
  deleted: number;
  pending: number;
}

/** The query scope of the moderation listings: the comments table under its own name. */
type Scope = ExpressionBuilder<Database, 'comments'>;

/**
 * How many comments of the e-mail of the listed comment have `status`, up to
 * HISTORY_COUNT_LIMIT: the count of a limited read of the (email, status) index, not of every
 * entry.
 */
function limitedCount(eb: Scope, status: CommentStatus) {
  return eb
    .selectFrom((inner) =>
      inner
        .selectFrom('comments as h')
        // The index's own columns: the rows themselves are never read.
        .select('h.status')
        .whereRef('h.email', '=', 'comments.email')
        .where('h.status', '=', status)
        .limit(HISTORY_COUNT_LIMIT)
        .as('limited'),
    )
    .select((count) => count.fn.countAll<number | string>().as('n'));
}

/**
 * The author's history as three columns of a query that lists comments (`comments`), computed
 * for the rows it returns only. Columns of the listing rather than a query of its own: the
 * listing has already read each comment's e-mail (a query of the page's comments by id read
 * them again, ~0.1–0.2 ms a page of 50).
 */
export function authorHistoryColumns(eb: Scope) {
  return [
    limitedCount(eb, 'published').as('history_published'),
    limitedCount(eb, 'deleted').as('history_deleted'),
    limitedCount(eb, 'pending').as('history_pending'),
  ] as const;
}

/** What a row selected with authorHistoryColumns holds of them. */
export interface AuthorHistoryColumns {
  history_published: number | string | null;
  history_deleted: number | string | null;
  history_pending: number | string | null;
}

/** The author's history of a row selected with authorHistoryColumns. */
export function authorHistoryOf(row: AuthorHistoryColumns): AuthorHistory {
  // PostgreSQL returns count(*) as a string (bigint).
  return {
    published: Number(row.history_published ?? 0),
    deleted: Number(row.history_deleted ?? 0),
    pending: Number(row.history_pending ?? 0),
  };
}
