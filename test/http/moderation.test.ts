import { describe, expect, it } from 'vitest';
import { HISTORY_COUNT_LIMIT } from '../../src/domain/moderation/history.js';
import type { RuleModule } from '../../src/rules/types.js';
import { makeTestApp, problemOf, type TestApp } from '../helpers.js';

/** Test rules: "alpha" and "beta" fire on their own word, with its span. */
function wordRule(word: string): RuleModule<null, Record<string, never>> {
  return {
    id: word,
    parseOptions: () => ({}),
    loadData: () => null,
    check(text) {
      const start = text.indexOf(word);
      if (start < 0) return [];
      return [
        {
          rule: word,
          messageId: `${word}.found`,
          severity: 'medium',
          message: { fr: `Le mot ${word}.`, en: `The word ${word}.` },
          spans: [{ start, end: start + word.length, text: word }],
        },
      ];
    },
  };
}

async function setup(options: Parameters<typeof import('../helpers.js').makeTestApp>[0] = {}) {
  const t = await makeTestApp({
    modules: [wordRule('alpha'), wordRule('beta')],
    config: { TRUST_PROXY: true, ...options.config },
    ...options,
  });
  await t.putArticle('a1', { title: 'Panne chez SFR' });
  await t.putArticle('a2', { title: 'Ariane 6' });
  return t;
}

async function post(t: TestApp, articleId: string, body: string, email = `${body.replace(/\W/g, '')}@example.org`) {
  t.clock.advance(1000);
  const res = await t.postComment(articleId, { body, email }, { 'X-Forwarded-For': '192.0.2.10' });
  return (await res.json()).comment.id as string;
}

const mod = (t: TestApp) => t.auth('moderator');

describe('moderation auth', () => {
  it.each([
    ['GET', '/v1/moderation/queue'],
    ['GET', '/v1/moderation/queue/counts'],
    ['GET', '/v1/moderation/comments/x'],
    ['POST', '/v1/moderation/comments/x/approve'],
    ['DELETE', '/v1/moderation/comments/x'],
    ['POST', '/v1/moderation/bulk'],
    ['GET', '/v1/moderation/events'],
    ['GET', '/v1/moderation/stats'],
  ])('%s %s: 401 without or with a revoked token, 403 for a publisher', async (method, path) => {
    const t = await setup();
    const anonymous = await t.request(path, { method });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await problemOf(anonymous)).code).toBe('Unauthorized');

    const publisher = await t.request(path, { method, headers: t.auth('publisher') });
    expect(publisher.status).toBe(403);
    expect((await problemOf(publisher)).code).toBe('Forbidden');

    const { revokeToken } = await import('../../src/domain/tokens/tokens.js');
    await revokeToken(t.db, t.clock, 'test-moderator');
    const revoked = await t.request(path, { method, headers: mod(t) });
    expect(revoked.status).toBe(401);

    // An admin passes every guard (404/422 below the guard are fine: it got through).
    const admin = await t.request(path, { method, headers: t.auth('admin') });
    expect([200, 404, 409, 422, 415]).toContain(admin.status);
  });
});

describe('GET /v1/moderation/queue', () => {
  it('lists pending comments oldest first with personal data, article, violations, reports and history', async () => {
    const t = await setup();
    const clean = await post(t, 'a1', 'Très bien.', 'jo@example.org');
    const first = await post(t, 'a1', 'un alpha ici', 'jo@example.org');
    const second = await post(t, 'a2', 'un beta là', 'max@example.org');
    const res = await t.request('/v1/moderation/queue', { headers: mod(t) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body.items.map((i: { comment: { id: string } }) => i.comment.id)).toEqual([first, second]);
    expect(body.items.map((i: { comment: { id: string } }) => i.comment.id)).not.toContain(clean);
    expect(body.items[0]).toEqual({
      comment: expect.objectContaining({
        id: first,
        articleId: 'a1',
        email: 'jo@example.org',
        ip: '192.0.2.10',
        status: 'pending',
        holdReason: 'flagged',
        body: 'un alpha ici',
      }),
      article: { id: 'a1', title: 'Panne chez SFR' },
      violations: [
        {
          rule: 'alpha',
          messageId: 'alpha.found',
          message: 'Le mot alpha.',
          severity: 'medium',
          spans: [{ start: 3, end: 8, text: 'alpha' }],
          rulesVersion: t.rules.version,
        },
      ],
      reports: [],
      authorHistory: { published: 1, deleted: 0, pending: 1, countLimit: HISTORY_COUNT_LIMIT },
    });
    expect(body.nextCursor).toBeNull();
  });

  it('filters by rule, article and reason, and pages with a cursor', async () => {
    const t = await setup();
    const a = await post(t, 'a1', 'alpha un');
    const b = await post(t, 'a1', 'beta deux');
    const c = await post(t, 'a2', 'alpha beta trois');
    const ids = async (query: string) =>
      (
        (await (await t.request(`/v1/moderation/queue?${query}`, { headers: mod(t) })).json()).items as {
          comment: { id: string };
        }[]
      ).map((i) => i.comment.id);
    expect(await ids('rule=alpha')).toEqual([a, c]);
    expect(await ids('rule=beta')).toEqual([b, c]);
    expect(await ids('articleId=a2')).toEqual([c]);
    expect(await ids('reason=reported')).toEqual([]);
    expect(await ids('reason=flagged&rule=beta&articleId=a1')).toEqual([b]);

    const page1 = await (await t.request('/v1/moderation/queue?limit=2', { headers: mod(t) })).json();
    expect(page1.items).toHaveLength(2);
    const page2 = await (
      await t.request(`/v1/moderation/queue?limit=2&cursor=${page1.nextCursor}`, { headers: mod(t) })
    ).json();
    expect(page2.items.map((i: { comment: { id: string } }) => i.comment.id)).toEqual([c]);
    expect(page2.nextCursor).toBeNull();
    expect((await t.request('/v1/moderation/queue?reason=bored', { headers: mod(t) })).status).toBe(422);
  });

  it('counts pending comments per rule and per reason', async () => {
    const t = await setup();
    await post(t, 'a1', 'alpha un');
    await post(t, 'a1', 'alpha beta deux');
    const approved = await post(t, 'a1', 'beta trois');
    await t.request(`/v1/moderation/comments/${approved}/approve`, { method: 'POST', headers: mod(t) });
    const res = await t.request('/v1/moderation/queue/counts', { headers: mod(t) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ total: 2, byRule: { alpha: 2, beta: 1 }, byReason: { flagged: 2 } });
  });
});

describe('approve and delete', () => {
  it('approve: pending → published, with the event and note; it appears publicly and counts', async () => {
    const t = await setup();
    const id = await post(t, 'a1', 'alpha mais correct');
    const res = await t.jsonRequest('POST', `/v1/moderation/comments/${id}/approve`, { note: 'Faux positif' }, mod(t));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ id, status: 'published', holdReason: null });

    const events = await t.db
      .selectFrom('moderation_events')
      .selectAll()
      .where('comment_id', '=', id)
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => [e.action, e.from_status, e.to_status, e.actor])).toEqual([
      ['hold', null, 'pending', 'system'],
      ['approve', 'pending', 'published', 'token:test-moderator'],
    ]);
    expect(events[1]?.note).toBe('Faux positif');
    const list = await (await t.request('/v1/articles/a1/comments')).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([id]);
    expect((await (await t.request('/v1/articles/a1')).json()).commentCount).toBe(1);
  });

  it('delete: a published comment vanishes from lists and counts at once but stays stored', async () => {
    const t = await setup();
    const id = await post(t, 'a1', 'Un commentaire publié.');
    expect((await (await t.request('/v1/articles/a1')).json()).commentCount).toBe(1);
    const res = await t.jsonRequest(
      'DELETE',
      `/v1/moderation/comments/${id}`,
      { reason: 'civility', note: 'insulte' },
      mod(t),
    );
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('deleted');
    expect((await (await t.request('/v1/articles/a1/comments')).json()).items).toEqual([]);
    expect((await (await t.request('/v1/articles/a1')).json()).commentCount).toBe(0);
    expect((await (await t.request('/v1/comment-counts?articles=a1')).json()).counts.a1).toBe(0);
    const row = await t.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'deleted', body: 'Un commentaire publié.' });
    const event = await t.db
      .selectFrom('moderation_events')
      .selectAll()
      .where('action', '=', 'delete')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      reason: 'civility',
      note: 'insulte',
      from_status: 'published',
      to_status: 'deleted',
    });
  });

  it('delete works without a body', async () => {
    const t = await setup();
    const id = await post(t, 'a1', 'alpha');
    expect((await t.request(`/v1/moderation/comments/${id}`, { method: 'DELETE', headers: mod(t) })).status).toBe(200);
  });

  it.each([
    ['approving a published comment', 'publish-first', 'approve'],
    ['approving a deleted comment', 'delete-first', 'approve'],
    ['deleting twice', 'delete-first', 'delete'],
  ])('refuses %s with 409 InvalidTransition and writes nothing', async (_case, setupStep, action) => {
    const t = await setup();
    const id = await post(t, 'a1', setupStep === 'publish-first' ? 'propre' : 'alpha');
    if (setupStep === 'delete-first')
      await t.request(`/v1/moderation/comments/${id}`, { method: 'DELETE', headers: mod(t) });
    const before = await t.db.selectFrom('moderation_events').selectAll().execute();
    const res =
      action === 'approve'
        ? await t.request(`/v1/moderation/comments/${id}/approve`, { method: 'POST', headers: mod(t) })
        : await t.request(`/v1/moderation/comments/${id}`, { method: 'DELETE', headers: mod(t) });
    expect(res.status).toBe(409);
    expect((await problemOf(res)).code).toBe('InvalidTransition');
    expect(await t.db.selectFrom('moderation_events').selectAll().execute()).toEqual(before);
  });

  it('answers 404 CommentNotFound for an unknown comment, 422 for a bad reason', async () => {
    const t = await setup();
    const res = await t.request('/v1/moderation/comments/nope/approve', { method: 'POST', headers: mod(t) });
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe('CommentNotFound');
    const id = await post(t, 'a1', 'alpha');
    const bad = await t.jsonRequest('DELETE', `/v1/moderation/comments/${id}`, { reason: 'ugly' }, mod(t));
    expect(bad.status).toBe(422);
  });

  it.each([
    ['approve', 'POST', '/approve'],
    ['delete', 'DELETE', ''],
  ])(
    'two moderators who %s the same comment at once: exactly one wins, the other gets 409',
    async (action, method, suffix) => {
      const t = await setup();
      const id = await post(t, 'a1', 'alpha');
      const responses = await Promise.all([
        t.request(`/v1/moderation/comments/${id}${suffix}`, { method, headers: mod(t) }),
        t.request(`/v1/moderation/comments/${id}${suffix}`, { method, headers: t.auth('admin') }),
      ]);
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const decisions = await t.db
        .selectFrom('moderation_events')
        .selectAll()
        .where('comment_id', '=', id)
        .where('action', '=', action as 'approve' | 'delete')
        .execute();
      expect(decisions).toHaveLength(1);
    },
  );
});

describe('GET /v1/moderation/comments/{id}', () => {
  it('shows one comment in any status with its full event history', async () => {
    const t = await setup();
    const id = await post(t, 'a1', 'alpha');
    await t.request(`/v1/moderation/comments/${id}/approve`, { method: 'POST', headers: mod(t) });
    await t.jsonRequest('DELETE', `/v1/moderation/comments/${id}`, { reason: 'spam' }, mod(t));
    const res = await t.request(`/v1/moderation/comments/${id}`, { headers: mod(t) });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.comment).toMatchObject({ id, status: 'deleted' });
    expect(body.violations.map((v: { rule: string }) => v.rule)).toEqual(['alpha']);
    expect(body.events.map((e: { action: string }) => e.action)).toEqual(['hold', 'approve', 'delete']);
    expect(body.events[2]).toMatchObject({
      from: 'published',
      to: 'deleted',
      reason: 'spam',
      actor: 'token:test-moderator',
    });
    expect((await t.request('/v1/moderation/comments/nope', { headers: mod(t) })).status).toBe(404);
  });
});

describe('POST /v1/moderation/bulk', () => {
  it('applies each id on its own: mixed results, failures do not stop the others', async () => {
    const t = await setup();
    const pending1 = await post(t, 'a1', 'alpha un');
    const pending2 = await post(t, 'a1', 'alpha deux');
    const published = await post(t, 'a1', 'propre');
    const res = await t.jsonRequest(
      'POST',
      '/v1/moderation/bulk',
      { action: 'approve', ids: [pending1, published, 'nope', pending2] },
      mod(t),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      results: [
        { id: pending1, status: 'published' },
        { id: published, error: { code: 'InvalidTransition', status: 409, detail: expect.any(String) } },
        { id: 'nope', error: { code: 'CommentNotFound', status: 404, detail: expect.any(String) } },
        { id: pending2, status: 'published' },
      ],
    });
    const statuses = await t.db.selectFrom('comments').select(['id', 'status']).execute();
    expect(statuses.every((s) => s.status === 'published')).toBe(true);
  });

  it('deletes with a reason, and refuses more than 100 ids or an empty list (422)', async () => {
    const t = await setup();
    const a = await post(t, 'a1', 'alpha un');
    const res = await t.jsonRequest(
      'POST',
      '/v1/moderation/bulk',
      { action: 'delete', ids: [a], reason: 'spam' },
      mod(t),
    );
    expect((await res.json()).results).toEqual([{ id: a, status: 'deleted' }]);
    const ids = Array.from({ length: 101 }, (_, i) => `id${i}`);
    expect((await t.jsonRequest('POST', '/v1/moderation/bulk', { action: 'delete', ids }, mod(t))).status).toBe(422);
    expect((await t.jsonRequest('POST', '/v1/moderation/bulk', { action: 'delete', ids: [] }, mod(t))).status).toBe(
      422,
    );
    expect((await t.jsonRequest('POST', '/v1/moderation/bulk', { action: 'publish', ids: [a] }, mod(t))).status).toBe(
      422,
    );
  });
});

describe('GET /v1/moderation/events', () => {
  it('reads the audit log newest first, filtered by comment and actor, paged', async () => {
    const t = await setup();
    const a = await post(t, 'a1', 'alpha un');
    const b = await post(t, 'a1', 'alpha deux');
    t.clock.advance(1000);
    await t.request(`/v1/moderation/comments/${a}/approve`, { method: 'POST', headers: mod(t) });
    t.clock.advance(1000);
    await t.jsonRequest('DELETE', `/v1/moderation/comments/${b}`, { reason: 'civility', note: 'n' }, t.auth('admin'));

    const all = await (await t.request('/v1/moderation/events', { headers: mod(t) })).json();
    expect(all.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'approve', 'hold', 'hold']);
    expect(all.items[0]).toMatchObject({ commentId: b, actor: 'token:test-admin', reason: 'civility', note: 'n' });

    const ofA = await (await t.request(`/v1/moderation/events?commentId=${a}`, { headers: mod(t) })).json();
    expect(ofA.items.map((e: { action: string }) => e.action)).toEqual(['approve', 'hold']);
    const byMod = await (
      await t.request('/v1/moderation/events?actor=token:test-moderator', { headers: mod(t) })
    ).json();
    expect(byMod.items.map((e: { commentId: string }) => e.commentId)).toEqual([a]);

    const page1 = await (await t.request('/v1/moderation/events?limit=3', { headers: mod(t) })).json();
    const page2 = await (
      await t.request(`/v1/moderation/events?limit=3&cursor=${page1.nextCursor}`, { headers: mod(t) })
    ).json();
    expect([...page1.items, ...page2.items].map((e: { id: string }) => e.id)).toEqual(
      all.items.map((e: { id: string }) => e.id),
    );
  });

  it('offers no way to edit or remove an event', async () => {
    const t = await setup();
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      const res = await t.request('/v1/moderation/events', { method, headers: mod(t) });
      expect(res.status).toBe(404);
    }
  });
});

describe('GET /v1/moderation/stats', () => {
  it('counts, per rule, the comments flagged and what moderators did with them', async () => {
    const t = await makeTestApp({
      modules: [wordRule('alpha'), wordRule('beta')],
      policy: { rules: { alpha: { action: 'queue' }, beta: { action: 'reject' } } },
    });
    await t.putArticle('a1');
    const before = t.clock.now().toISOString();
    const ids = [];
    for (const body of ['alpha 1', 'alpha 2', 'alpha 3', 'alpha 4']) ids.push(await post(t, 'a1', body));
    const rejected = await t.postComment('a1', { body: 'beta rejeté', email: 'r@example.org' });
    expect(rejected.status).toBe(422);
    await t.request(`/v1/moderation/comments/${ids[0]}/approve`, { method: 'POST', headers: mod(t) });
    await t.request(`/v1/moderation/comments/${ids[1]}`, { method: 'DELETE', headers: mod(t) });
    await t.request(`/v1/moderation/comments/${ids[2]}`, { method: 'DELETE', headers: mod(t) });

    const res = await t.request(`/v1/moderation/stats?since=${encodeURIComponent(before)}`, { headers: mod(t) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      since: before,
      rules: {
        alpha: { flagged: 4, approved: 1, deleted: 2, rejected: 0, pending: 1, falsePositiveRate: 0.333 },
        beta: { flagged: 1, approved: 0, deleted: 0, rejected: 1, pending: 0, falsePositiveRate: null },
      },
    });
    const later = new Date(t.clock.now().getTime() + 1000).toISOString();
    expect((await (await t.request(`/v1/moderation/stats?since=${later}`, { headers: mod(t) })).json()).rules).toEqual(
      {},
    );
    expect((await t.request('/v1/moderation/stats?since=yesterday', { headers: mod(t) })).status).toBe(422);
  });
});

describe('moderator view with the shipped rules', () => {
  it('shows spelling suggestions on one comment, computed for the moderator only', async () => {
    // A budget no loaded test machine runs out of (the budget itself: suggest.test.ts).
    const t = await makeTestApp({ config: { MODERATION_SUGGESTIONS_MS: 10_000 } });
    await t.putArticle('a1');
    const posted = await t.postComment('a1', {
      body: "Je suis daccord avec plusieur points de l'article, nimporte quel lecteur le verra.",
    });
    expect(posted.status).toBe(202);
    const answer = await posted.json();
    const submitted = answer.violations.find((v: { rule: string }) => v.rule === 'proofreading');
    // Never on the submission path: the reader's answer carries no suggestion.
    for (const e of submitted.details.errors) expect(e.suggestions).toBeUndefined();
    const id = answer.comment.id;
    const detail = await (await t.request(`/v1/moderation/comments/${id}`, { headers: t.auth('moderator') })).json();
    const proofreading = detail.violations.find((v: { rule: string }) => v.rule === 'proofreading');
    const plusieur = proofreading.details.errors.find((e: { text: string }) => e.text === 'plusieur');
    expect(plusieur.suggestions).toContain('plusieurs');
  });
});
