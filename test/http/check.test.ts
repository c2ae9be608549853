import { describe, expect, it } from 'vitest';
import type { RuleModule } from '../../src/rules/types.js';
import { makeTestApp, problemOf } from '../helpers.js';

const titleEchoRule: RuleModule<null, Record<string, never>> = {
  id: 'needs-article',
  parseOptions: () => ({}),
  loadData: () => null,
  // Fires when the comment does not mention the article's title: proves the article reaches rules.
  check(text, { article }) {
    if (!article || text.includes(article.title)) return [];
    return [
      {
        rule: 'needs-article',
        messageId: 'x',
        severity: 'low',
        message: { fr: 'Hors sujet.', en: 'Off topic.' },
        spans: [],
      },
    ];
  },
};

describe('POST /v1/check', () => {
  it('runs the rules without storing anything or counting for flood control', async () => {
    const t = await makeTestApp({ config: { FLOOD_INTERVAL_SECONDS: 15 } });
    await t.putArticle('a1');
    for (let i = 0; i < 3; i++) {
      const res = await t.jsonRequest('POST', '/v1/check', {
        articleId: 'a1',
        body: 'Voir https://a.example et https://b.example',
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const body = await res.json();
      expect(body.decision).toBe('queue');
      expect(body.violations[0]).toMatchObject({ rule: 'links', message: expect.stringContaining('2 liens') });
    }
    expect(await t.db.selectFrom('comments').selectAll().execute()).toEqual([]);
    expect((await t.postComment('a1', {})).status).toBe(201);
  });

  it('answers publish for a clean text, and uses the article as context', async () => {
    const t = await makeTestApp({ modules: [titleEchoRule] });
    await t.putArticle('a1', { title: 'Ariane 6' });
    const on = await (await t.jsonRequest('POST', '/v1/check', { articleId: 'a1', body: 'Bravo Ariane 6 !' })).json();
    expect(on).toEqual({ decision: 'publish', lang: 'fr', violations: [] });
    const off = await (await t.jsonRequest('POST', '/v1/check', { articleId: 'a1', body: 'Et le foot ?' })).json();
    expect(off.decision).toBe('queue');
  });

  it('speaks the requested language without an article, and the article language with one', async () => {
    const t = await makeTestApp();
    const en = await (
      await t.jsonRequest('POST', '/v1/check', { lang: 'en', body: 'x https://a.example https://b.example' })
    ).json();
    expect(en.violations[0].message).toMatch(/^Your comment contains 2 links/);
    await t.putArticle('en1', { lang: 'en' });
    const viaArticle = await (
      await t.jsonRequest('POST', '/v1/check', { articleId: 'en1', body: 'https://a.example https://b.example' })
    ).json();
    expect(viaArticle.violations[0].message).toMatch(/^Your comment/);
  });

  it('has its own rate limit, four times the write limit, that does not eat the posting budget', async () => {
    const t = await makeTestApp({ config: { RATE_LIMIT_PER_MINUTE: 2, TRUST_PROXY: true } });
    await t.putArticle('a1');
    const ip = { 'X-Forwarded-For': '198.51.100.4' };
    for (let i = 0; i < 8; i++)
      expect((await t.jsonRequest('POST', '/v1/check', { body: `brouillon ${i}` }, ip)).status).toBe(200);
    const ninth = await t.jsonRequest('POST', '/v1/check', { body: 'encore' }, ip);
    expect(ninth.status).toBe(429);
    expect((await problemOf(ninth)).code).toBe('RateLimited');
    expect((await t.postComment('a1', {}, ip)).status).toBe(201);
  });

  it('answers 404 for an unknown article and 422 for a missing body', async () => {
    const t = await makeTestApp();
    const missing = await t.jsonRequest('POST', '/v1/check', { articleId: 'nope', body: 'x' });
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).code).toBe('ArticleNotFound');
    const invalid = await t.jsonRequest('POST', '/v1/check', { lang: 'de' });
    expect(invalid.status).toBe(422);
    expect((await problemOf(invalid)).errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['body', 'lang']));
  });
});

describe('POST /v1/check with the shipped rules', () => {
  it('gives spelling suggestions for the errors it finds', async () => {
    // A budget no loaded test machine runs out of: what is tested is that suggestions come
    // (the budget itself is tested in test/rules/proofreading/suggest.test.ts).
    const t = await makeTestApp({ config: { CHECK_SUGGESTIONS_MS: 10_000 } });
    const res = await t.jsonRequest('POST', '/v1/check', {
      lang: 'fr',
      body: "Je suis daccord avec plusieur points de l'article, nimporte quel lecteur le verra.",
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    const proofreading = body.violations.find((v: { rule: string }) => v.rule === 'proofreading');
    expect(proofreading).toBeDefined();
    const errors = proofreading.details.errors as { text: string; suggestions?: string[] }[];
    const plusieur = errors.find((e) => e.text === 'plusieur');
    expect(plusieur?.suggestions).toContain('plusieurs');
    for (const error of errors) expect((error.suggestions ?? []).length).toBeLessThanOrEqual(3);
  });
});
