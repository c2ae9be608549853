import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/clock.js';
import type { Db } from '../../../src/db/connection.js';
import { sqliteQueryPlan } from '../../../src/db/query-plan.js';
import type { CommentRow, CommentStatus } from '../../../src/db/schema.js';
import { upsertArticle } from '../../../src/domain/articles/articles.js';
import {
  type AuthorHistory,
  authorHistoryColumns,
  authorHistoryOf,
  HISTORY_COUNT_LIMIT,
} from '../../../src/domain/moderation/history.js';
import { listQueueQuery } from '../../../src/domain/moderation/queue.js';
import { commentRow, openTestDatabase, sqliteForEachTest } from '../../helpers.js';

/** A database with the article a1 and, for each e-mail, comments by status. */
async function withComments(authors: Record<string, Partial<Record<CommentStatus, number>>>) {
  const { db } = await openTestDatabase();
  await upsertArticle(db, manualClock(), 'a1', { title: 'T', body: 'B', lang: 'fr', tags: [], commentsOpen: true });
  const rows: CommentRow[] = [];
  for (const [email, counts] of Object.entries(authors))
    for (const [status, n] of Object.entries(counts) as [CommentStatus, number][])
      for (let i = 0; i < n; i++)
        rows.push(
          commentRow({
            id: `${email}-${status}-${i}`,
            email,
            status,
            hold_reason: status === 'pending' ? 'flagged' : null,
          }),
        );
  // In chunks: PostgreSQL and SQLite bound the parameters of one statement.
  for (let i = 0; i < rows.length; i += 50)
    await db
      .insertInto('comments')
      .values(rows.slice(i, i + 50))
      .execute();
  return db;
}

/** The histories of the authors of these comments, keyed by e-mail: the columns alone, in a minimal listing. */
async function historiesOf(db: Db, ids: string[]): Promise<Record<string, AuthorHistory>> {
  const rows = await db
    .selectFrom('comments')
    .select('comments.email')
    .select((eb) => authorHistoryColumns(eb))
    .where('comments.id', 'in', ids)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.email, authorHistoryOf(row)]));
}

describe('authorHistoryColumns', () => {
  it('counts the comments of each author of the given comments, by status, keyed by e-mail', async () => {
    const db = await withComments({
      'zoe@example.org': { published: 3, deleted: 1, pending: 2 },
      'max@example.org': { pending: 1 },
      'other@example.org': { published: 5 },
    });
    const histories = await historiesOf(db, [
      'zoe@example.org-pending-0',
      'zoe@example.org-pending-1',
      'max@example.org-pending-0',
    ]);
    expect(histories).toEqual({
      'zoe@example.org': { published: 3, deleted: 1, pending: 2 },
      'max@example.org': { published: 0, deleted: 0, pending: 1 },
    });
  });

  it.each([
    ['just under the limit', HISTORY_COUNT_LIMIT - 1, HISTORY_COUNT_LIMIT - 1],
    ['at the limit', HISTORY_COUNT_LIMIT, HISTORY_COUNT_LIMIT],
    ['over the limit', HISTORY_COUNT_LIMIT + 7, HISTORY_COUNT_LIMIT],
  ])('stops each count at the limit (%s)', async (_name, published, counted) => {
    const db = await withComments({ 'zoe@example.org': { published, pending: 1 } });
    const histories = await historiesOf(db, ['zoe@example.org-pending-0']);
    expect(histories['zoe@example.org']).toEqual({ published: counted, deleted: 0, pending: 1 });
  });

  it('comes with each comment of the queue listing', async () => {
    const db = await withComments({
      'zoe@example.org': { published: 2, pending: 1 },
      'max@example.org': { pending: 1 },
    });
    const rows = await listQueueQuery(db, {}, 50, null).execute();
    expect(rows.map((row) => [row.email, authorHistoryOf(row)])).toEqual(
      expect.arrayContaining([
        ['zoe@example.org', { published: 2, deleted: 0, pending: 1 }],
        ['max@example.org', { published: 0, deleted: 0, pending: 1 }],
      ]),
    );
    expect(rows).toHaveLength(2);
  });
});

describe('authorHistoryColumns plan (SQLite)', () => {
  const database = sqliteForEachTest();

  it('counts each author in the queue listing through the (email, status) index alone, never the rows', async () => {
    const db = database();
    const plan = (await sqliteQueryPlan(db, listQueueQuery(db, {}, 50, null))).join(' | ');
    expect(plan).toContain('CORRELATED SCALAR SUBQUERY');
    expect(plan).toContain('SEARCH h USING COVERING INDEX comments_email_status (email=? AND status=?)');
    expect(plan).not.toMatch(/SCAN (h|comments)\b(?! USING COVERING)/);
  });
});
