import { describe, expect, it } from 'vitest';
import { stemmerFor } from '../../src/rules/on-topic/stem.js';
import { termsToStore } from '../../src/rules/pipeline.js';
import type { ArticleContext, RuleModule } from '../../src/rules/types.js';
import { makeTestApp, problemOf } from '../helpers.js';

/** The on-topic rule's key for a French word (the terms are such keys; its data stems with the shared stemmer). */
const stemKey = (word: string) => stemmerFor('fr').key(word);

describe('PUT /v1/articles/{id}', () => {
  it('creates an article (201), then updates it (200), storing every field', async () => {
    const t = await makeTestApp();
    const body = {
      title: 'Ariane 6 réussit son lancement',
      body: 'La fusée a décollé de Kourou.',
      url: 'https://news.example/ariane6',
      lang: 'fr',
      tags: ['espace', 'Ariane 6'],
      commentsOpen: true,
      premoderation: 'first',
    };
    const created = await t.jsonRequest('PUT', '/v1/articles/ariane-6', body, t.auth('publisher'));
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await created.json()).toEqual({
      id: 'ariane-6',
      title: body.title,
      url: body.url,
      lang: 'fr',
      commentsOpen: true,
      commentCount: 0,
    });

    t.clock.advance(1000);
    const updated = await t.jsonRequest(
      'PUT',
      '/v1/articles/ariane-6',
      { ...body, title: 'Ariane 6 : succès', commentsOpen: false },
      t.auth('publisher'),
    );
    expect(updated.status).toBe(200);
    expect((await updated.json()).commentsOpen).toBe(false);

    const row = await t.db.selectFrom('articles').selectAll().where('id', '=', 'ariane-6').executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      title: 'Ariane 6 : succès',
      tags: JSON.stringify(['espace', 'Ariane 6']),
      comments_open: 0,
      premoderation: 'first',
      lang: 'fr',
    });
    expect(row.updated_at > row.created_at).toBe(true);
  });

  it('stores the terms the on-topic rule learns the article by, made from each new version of it', async () => {
    const t = await makeTestApp();
    const article = {
      title: 'Ariane 6 décolle',
      body: 'La fusée a quitté Kourou.',
      lang: 'fr' as const,
      tags: ['espace'],
    };
    const terms = (body: string) => termsToStore(t.rules, { id: 'a1', ...article, body });
    const stored = async () =>
      t.db
        .selectFrom('articles')
        .select(['term_keys', 'term_keys_version'])
        .where('id', '=', 'a1')
        .executeTakeFirstOrThrow();

    expect((await t.jsonRequest('PUT', '/v1/articles/a1', article, t.auth('publisher'))).status).toBe(201);
    const first = terms(article.body);
    expect(first?.terms).toContain(stemKey('fusée'));
    expect(await stored()).toEqual({ term_keys: first?.terms.join(' '), term_keys_version: first?.version });

    t.clock.advance(1000);
    const body = 'Le lanceur a quitté la Guyane.';
    expect((await t.jsonRequest('PUT', '/v1/articles/a1', { ...article, body }, t.auth('publisher'))).status).toBe(200);
    const second = terms(body);
    expect(second?.terms).not.toContain(stemKey('fusée'));
    expect(await stored()).toEqual({ term_keys: second?.terms.join(' '), term_keys_version: second?.version });
  });

  it('applies defaults: French, open, no tags, site premoderation', async () => {
    const t = await makeTestApp();
    const res = await t.jsonRequest('PUT', '/v1/articles/a1', { title: 'T', body: 'B' }, t.auth('admin'));
    expect(res.status).toBe(201);
    const row = await t.db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ lang: 'fr', comments_open: 1, tags: '[]', premoderation: null, url: null });
  });

  it.each([
    ['no token', {}, 401, 'Unauthorized'],
    [
      'an unknown token',
      { Authorization: 'Bearer vg_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      401,
      'Unauthorized',
    ],
    ['a malformed header', { Authorization: 'Basic abc' }, 401, 'Unauthorized'],
  ])('refuses %s with %i', async (_case, headers, status, code) => {
    const t = await makeTestApp();
    const res = await t.jsonRequest('PUT', '/v1/articles/a1', { title: 'T', body: 'B' }, headers);
    expect(res.status).toBe(status);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await problemOf(res)).code).toBe(code);
    expect(await t.db.selectFrom('articles').selectAll().execute()).toEqual([]);
  });

  it('refuses a moderator token with 403', async () => {
    const t = await makeTestApp();
    const res = await t.jsonRequest('PUT', '/v1/articles/a1', { title: 'T', body: 'B' }, t.auth('moderator'));
    expect(res.status).toBe(403);
    expect((await problemOf(res)).code).toBe('Forbidden');
  });

  it('lists every invalid field with its path (422)', async () => {
    const t = await makeTestApp();
    const res = await t.jsonRequest(
      'PUT',
      '/v1/articles/a1',
      { title: '', body: 3, lang: 'de', url: 'javascript:alert(1)', extra: true },
      t.auth('publisher'),
    );
    expect(res.status).toBe(422);
    const problem = await problemOf(res);
    expect(problem.code).toBe('ValidationFailed');
    const paths = problem.errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['title', 'body', 'lang', 'url']));
    expect(paths.some((p) => p.includes('extra') || p === '(body)')).toBe(true);
    expect(await t.db.selectFrom('articles').selectAll().execute()).toEqual([]);
  });

  it('rejects an invalid article id (422) and malformed JSON (400)', async () => {
    const t = await makeTestApp();
    const badId = await t.jsonRequest('PUT', '/v1/articles/..%2Fetc', { title: 'T', body: 'B' }, t.auth('publisher'));
    expect(badId.status).toBe(422);
    const malformed = await t.request('/v1/articles/a1', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...t.auth('publisher') },
      body: '{"title": ',
    });
    expect(malformed.status).toBe(400);
    expect((await problemOf(malformed)).code).toBe('MalformedBody');
  });

  it('answers 415 to a body that is not JSON', async () => {
    const t = await makeTestApp();
    const res = await t.request('/v1/articles/a1', {
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain', ...t.auth('publisher') },
      body: 'title=T',
    });
    expect(res.status).toBe(415);
    expect((await problemOf(res)).code).toBe('UnsupportedMediaType');
  });
});

describe('article analysis at PUT', () => {
  it('lets the rules analyse a registered or changed article at once', async () => {
    const prepared: ArticleContext[] = [];
    const analysing: RuleModule<null, Record<string, never>> = {
      id: 'analysing',
      parseOptions: () => ({}),
      loadData: () => null,
      check: () => [],
      prepareArticle: (article) => prepared.push(article),
    };
    const t = await makeTestApp({ modules: [analysing] });
    await t.putArticle('a1', { title: 'Ariane 6', tags: ['espace'] });
    await t.putArticle('a1', { title: 'Ariane 6 décolle', tags: ['espace'] });
    expect(prepared.map((a) => [a.id, a.title, a.tags])).toEqual([
      ['a1', 'Ariane 6', ['espace']],
      ['a1', 'Ariane 6 décolle', ['espace']],
    ]);
  });
});

describe('GET /v1/articles/{id}', () => {
  it('shows the public view with the count of published comments only', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1', { url: 'https://news.example/a1' });
    await t.postComment('a1', { body: 'Premier commentaire publié.' });
    await t.postComment('a1', { body: 'Deux liens https://a.example et https://b.example' }); // held
    const res = await t.request('/v1/articles/a1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      id: 'a1',
      title: 'Panne géante chez SFR',
      url: 'https://news.example/a1',
      lang: 'fr',
      commentsOpen: true,
      commentCount: 1,
    });
  });

  it('answers 404 ArticleNotFound for an unknown article', async () => {
    const t = await makeTestApp();
    const res = await t.request('/v1/articles/nope');
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe('ArticleNotFound');
  });
});

describe('GET /v1/comment-counts', () => {
  it('counts published comments per article, 0 for unknown ones', async () => {
    const t = await makeTestApp();
    await t.putArticle('a');
    await t.putArticle('b');
    await t.postComment('a', { body: 'Un.' });
    await t.postComment('a', { body: 'Deux.', email: 'autre@example.org' });
    await t.postComment('b', { body: 'Trois.' });
    const res = await t.request('/v1/comment-counts?articles=a,b,c');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ counts: { a: 2, b: 1, c: 0 } });
  });

  it('refuses more than 100 ids or none (422)', async () => {
    const t = await makeTestApp();
    const ids = Array.from({ length: 101 }, (_, i) => `a${i}`).join(',');
    expect((await t.request(`/v1/comment-counts?articles=${ids}`)).status).toBe(422);
    const none = await t.request('/v1/comment-counts');
    expect(none.status).toBe(422);
    expect((await problemOf(none)).code).toBe('ValidationFailed');
  });
});
