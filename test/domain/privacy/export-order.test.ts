import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/clock.js';
import type { CommentRow } from '../../../src/db/schema.js';
import { upsertArticle } from '../../../src/domain/articles/articles.js';
import { exportCommenter } from '../../../src/domain/privacy/privacy.js';
import { openTestDatabase } from '../../helpers.js';

const at = '2026-01-01T00:00:00.000Z';

const comment = (id: string): CommentRow => ({
  id,
  article_id: 'a1',
  parent_id: null,
  author: 'Zoé',
  email: 'zoe@example.org',
  body: `Commentaire ${id}`,
  status: 'published',
  hold_reason: null,
  lang: 'fr',
  ip: null,
  user_agent: null,
  fingerprint: id,
  flagged_rules: null,
  created_at: at,
  updated_at: at,
});

describe('exportCommenter', () => {
  it('lists comments of the same millisecond in the order of their ids, whatever order they were stored in', async () => {
    const { db } = await openTestDatabase();
    await upsertArticle(db, manualClock(), 'a1', { title: 'T', body: 'B', lang: 'fr', tags: [], commentsOpen: true });
    // Stored newest id first: an index on (email, created_at) gives them back in that order.
    for (const id of ['0003', '0001', '0002']) await db.insertInto('comments').values(comment(id)).execute();
    const exported = await exportCommenter(db, manualClock(), 'zoe@example.org', 'test');
    expect(exported.map((e) => e.comment.id)).toEqual(['0001', '0002', '0003']);
  });
});
