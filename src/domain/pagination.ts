import { type ExpressionBuilder, sql } from 'kysely';
import { problems } from '../http/problem.js';

/**
 * Keyset pagination: the cursor is the (created_at, id) of the last row of the page, opaque to
 * clients. Unlike OFFSET it costs the same on page 1 and page 10,000 and never skips or repeats
 * a row when comments arrive meanwhile.
 */
export interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

// A cursor holds a timestamp and an id: printable ASCII only, whatever a client sends back.
const PRINTABLE = /^[\x20-\x7E]{1,64}$/;

export function decodeCursor(value: string | undefined): Cursor | null {
  if (value === undefined || value === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed.every((p) => typeof p === 'string' && PRINTABLE.test(p))
    ) {
      return { createdAt: parsed[0] as string, id: parsed[1] as string };
    }
  } catch {
    // fall through to the 422 below
  }
  throw problems.validation([{ path: 'cursor', message: 'Invalid cursor: pass back a nextCursor value unchanged.' }]);
}

/** Fetches limit + 1 rows to know whether another page follows. */
export function page<T extends { created_at: string; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}

/**
 * The keyset condition "after (or before) the cursor" on (created_at, id), for any table or alias:
 * `(created_at > c) or (created_at = c and id > i)`, the form both SQLite and PostgreSQL turn into
 * an index range.
 */
export function beyondCursor(cursor: Cursor, direction: 'after' | 'before', prefix = '') {
  const op = direction === 'after' ? '>' : '<';
  const createdAt = sql.ref(`${prefix}created_at`);
  const id = sql.ref(`${prefix}id`);
  // biome-ignore lint/suspicious/noExplicitAny: the condition applies to whichever table is queried.
  return (eb: ExpressionBuilder<any, any>) =>
    eb.or([eb(createdAt, op, cursor.createdAt), eb.and([eb(createdAt, '=', cursor.createdAt), eb(id, op, cursor.id)])]);
}
