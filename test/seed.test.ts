import { describe, expect, it } from 'vitest';
import { DEMO_ARTICLE, DEMO_ARTICLE_ID, seedDemoArticle } from '../src/seed.js';
import { makeTestApp } from './helpers.js';

describe('demo seed', () => {
  it('registers the demo article on a database without any article, once', async () => {
    const t = await makeTestApp({ modules: [] });
    expect(await seedDemoArticle(t.db, t.clock)).toBe(true);
    expect(await seedDemoArticle(t.db, t.clock)).toBe(false);
    const res = await t.request(`/v1/articles/${DEMO_ARTICLE_ID}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'demo', title: DEMO_ARTICLE.title, lang: 'fr', commentsOpen: true });
    const words = DEMO_ARTICLE.body.split(/\s+/).length;
    expect(words).toBeGreaterThan(120);
    expect(words).toBeLessThan(200);

    const page = await t.request('/demo/demo');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Panne géante de la fibre à Lyon');
    expect(html.match(/<p>/g)).toHaveLength(3);
  });

  it('leaves a database that already has articles alone', async () => {
    const t = await makeTestApp({ modules: [] });
    await t.putArticle('panne-sfr');
    expect(await seedDemoArticle(t.db, t.clock)).toBe(false);
    expect((await t.request(`/v1/articles/${DEMO_ARTICLE_ID}`)).status).toBe(404);
  });

  it('is not run by createApp: a fresh app has no article', async () => {
    const t = await makeTestApp({ modules: [] });
    const articles = await t.db.selectFrom('articles').select('id').execute();
    expect(articles).toEqual([]);
  });
});
