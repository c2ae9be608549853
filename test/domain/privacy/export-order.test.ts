import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/clock.js';
import { upsertArticle } from '../../../src/domain/articles/articles.js';
import { exportCommenter } from '../../../src/domain/privacy/privacy.js';
import { commentRow, openTestDatabase } from '../../helpers.js';

describe('exportCommenter', () => {
  it('lists comments of the same millisecond in the order of their ids, whatever order they were stored in', async () => {
    const { db } = await openTestDatabase();
    await upsertArticle(db, manualClock(), 'a1', { title: 'T', body: 'B', lang: 'fr', tags: [], commentsOpen: true });
    // Stored newest id first: an index on (email, created_at) gives them back in that order.
    for (const id of ['0003', '0001', '0002'])
      await db
        .insertInto('comments')
        .values(commentRow({ id, author: 'Zoé', email: 'zoe@example.org' }))
        .execute();
    const exported = await exportCommenter(db, manualClock(), 'zoe@example.org', 'test');
    expect(exported.map((e) => e.comment.id)).toEqual(['0001', '0002', '0003']);
  });
});
