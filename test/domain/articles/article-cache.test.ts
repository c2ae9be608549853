import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/clock.js';
import { ArticleCache } from '../../../src/domain/articles/article-cache.js';
import { upsertArticle } from '../../../src/domain/articles/articles.js';
import { openTestDatabase } from '../../helpers.js';

const article = {
  title: 'Ariane 6',
  body: 'La fusée a décollé.',
  lang: 'fr' as const,
  tags: ['espace'],
  commentsOpen: true,
};

async function setup(ttlMs = 1000) {
  const { db } = await openTestDatabase();
  const clock = manualClock();
  await upsertArticle(db, clock, 'a1', article);
  /** Another instance, or the database edited by hand: the cache is not told. */
  const retitleBehindItsBack = (title: string) =>
    db.updateTable('articles').set({ title }).where('id', '=', 'a1').execute();
  return { db, clock, cache: new ArticleCache(clock, ttlMs), retitleBehindItsBack };
}

describe('ArticleCache', () => {
  it('answers from memory within its time, with the same context object, then reads again', async () => {
    const { db, clock, cache, retitleBehindItsBack } = await setup();
    const first = await cache.get(db, 'a1');
    expect(first?.context).toMatchObject({ id: 'a1', title: 'Ariane 6', tags: ['espace'], lang: 'fr' });
    await retitleBehindItsBack('Ariane 6, bis');
    clock.advance(999);
    const again = await cache.get(db, 'a1');
    expect(again?.context).toBe(first?.context);
    clock.advance(1);
    expect((await cache.get(db, 'a1'))?.context.title).toBe('Ariane 6, bis');
  });

  it('reads the article again at once after forget()', async () => {
    const { db, cache, retitleBehindItsBack } = await setup();
    await cache.get(db, 'a1');
    await retitleBehindItsBack('Nouveau titre');
    cache.forget('a1');
    expect((await cache.get(db, 'a1'))?.row.title).toBe('Nouveau titre');
  });

  it('does not keep a read that started before a forget()', async () => {
    const { db, cache, retitleBehindItsBack } = await setup();
    const reading = cache.get(db, 'a1');
    cache.forget('a1');
    await reading;
    await retitleBehindItsBack('Écrit pendant la lecture');
    expect((await cache.get(db, 'a1'))?.row.title).toBe('Écrit pendant la lecture');
  });

  it('with a time of 0, reads every time', async () => {
    const { db, cache, retitleBehindItsBack } = await setup(0);
    await cache.get(db, 'a1');
    await retitleBehindItsBack('Sans cache');
    expect((await cache.get(db, 'a1'))?.row.title).toBe('Sans cache');
  });

  it('does not remember an unknown article: created elsewhere, it is found at once', async () => {
    const { db, clock, cache } = await setup();
    expect(await cache.get(db, 'a2')).toBeUndefined();
    await upsertArticle(db, clock, 'a2', article);
    expect((await cache.get(db, 'a2'))?.row.id).toBe('a2');
  });
});
