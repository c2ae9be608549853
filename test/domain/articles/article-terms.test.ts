import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/clock.js';
import { storeArticleTerms, upsertArticle } from '../../../src/domain/articles/articles.js';
import { openTestDatabase } from '../../helpers.js';

const input = { title: 'T', body: 'Le texte.', lang: 'fr' as const, tags: [], commentsOpen: true };

describe('storeArticleTerms', () => {
  it('stores terms made from the article as it is, not from an update it has had since', async () => {
    const { db } = await openTestDatabase();
    const clock = manualClock(new Date(Date.UTC(2026, 0, 1)));
    const { article: a1 } = await upsertArticle(db, clock, 'a1', input);
    const { article: old } = await upsertArticle(db, clock, 'a2', input);
    clock.advance(60_000);
    await upsertArticle(db, clock, 'a2', { ...input, body: 'Un autre texte.' });

    await storeArticleTerms(db, [
      { id: 'a1', updatedAt: a1.updated_at, terms: ['text', 'le'], version: 'v1' },
      { id: 'a2', updatedAt: old.updated_at, terms: ['text', 'le'], version: 'v1' },
    ]);

    const rows = await db
      .selectFrom('articles')
      .select(['id', 'term_keys', 'term_keys_version'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'a1', term_keys: 'text le', term_keys_version: 'v1' },
      { id: 'a2', term_keys: null, term_keys_version: null },
    ]);
  });

  it('forgets an article’s terms when the article is updated', async () => {
    const { db } = await openTestDatabase();
    const clock = manualClock(new Date(Date.UTC(2026, 0, 1)));
    const { article } = await upsertArticle(db, clock, 'a1', input);
    await storeArticleTerms(db, [{ id: 'a1', updatedAt: article.updated_at, terms: ['text'], version: 'v1' }]);
    clock.advance(60_000);
    const { article: updated } = await upsertArticle(db, clock, 'a1', { ...input, title: 'Nouveau titre' });
    expect(updated).toMatchObject({ term_keys: null, term_keys_version: null });
  });
});
