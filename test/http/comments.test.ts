import { describe, expect, it } from 'vitest';
import type { RuleModule } from '../../src/rules/types.js';
import { makeTestApp, problemOf, type TestApp } from '../helpers.js';

/** A rule written for the tests: fires on the word "interdit", with its span. */
const forbiddenWordRule: RuleModule<null, Record<string, never>> = {
  id: 'forbidden-word',
  parseOptions: () => ({}),
  loadData: () => null,
  check(text) {
    const index = text.indexOf('interdit');
    if (index < 0) return [];
    return [
      {
        rule: 'forbidden-word',
        messageId: 'forbidden-word.found',
        severity: 'medium',
        message: { fr: 'Mot interdit.', en: 'Forbidden word.' },
        spans: [{ start: index, end: index + 8, text: 'interdit' }],
      },
    ];
  },
};

const throwingRule: RuleModule<null, Record<string, never>> = {
  id: 'broken',
  parseOptions: () => ({}),
  loadData: () => null,
  check() {
    throw new Error('boom');
  },
};

async function rowsOf(t: TestApp) {
  const comments = await t.db.selectFrom('comments').selectAll().orderBy('created_at').execute();
  const violations = await t.db.selectFrom('comment_violations').selectAll().execute();
  const events = await t.db.selectFrom('moderation_events').selectAll().execute();
  return { comments, violations, events };
}

describe('POST /v1/articles/{id}/comments (JSON)', () => {
  it('publishes a clean comment at once: 201, stored NFC and trimmed, with a publish event', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const decomposed = '  Très intéressant, merci.  '.normalize('NFD');
    const res = await t.postComment(
      'a1',
      { author: 'Zoé', email: 'Zoe@Example.org', body: decomposed },
      { 'User-Agent': 'test-agent' },
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body.violations).toEqual([]);
    expect(body.comment).toMatchObject({
      articleId: 'a1',
      parentId: null,
      author: 'Zoé',
      body: 'Très intéressant, merci.',
      status: 'published',
      lang: 'fr',
    });
    expect(body.comment).not.toHaveProperty('email');
    expect(JSON.stringify(body)).not.toMatch(/example\.org/i);

    const { comments, events } = await rowsOf(t);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({
      id: body.comment.id,
      body: 'Très intéressant, merci.'.normalize('NFC'),
      email: 'zoe@example.org',
      status: 'published',
      hold_reason: null,
      user_agent: 'test-agent',
    });
    expect(events).toMatchObject([
      { comment_id: body.comment.id, action: 'publish', from_status: null, to_status: 'published', actor: 'system' },
    ]);
  });

  it('queues a flagged comment (202) with its violations, spans into the stored body, and stores them', async () => {
    const t = await makeTestApp({
      modules: [forbiddenWordRule],
      policy: { rules: { 'forbidden-word': { action: 'queue' } } },
    });
    await t.putArticle('a1');
    const res = await t.postComment('a1', { body: '  Ceci est interdit ici.' });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.comment.status).toBe('pending');
    expect(body.violations).toEqual([
      {
        rule: 'forbidden-word',
        messageId: 'forbidden-word.found',
        message: 'Mot interdit.',
        severity: 'medium',
        spans: [{ start: 9, end: 17, text: 'interdit' }],
      },
    ]);
    const span = body.violations[0].spans[0];
    expect(body.comment.body.slice(span.start, span.end)).toBe('interdit');

    const { comments, violations, events } = await rowsOf(t);
    expect(comments[0]).toMatchObject({ status: 'pending', hold_reason: 'flagged' });
    expect(violations).toMatchObject([
      {
        comment_id: body.comment.id,
        position: 0,
        rule: 'forbidden-word',
        message: 'Mot interdit.',
        rules_version: t.rules.version,
      },
    ]);
    expect(JSON.parse(violations[0]?.spans ?? '[]')).toEqual([{ start: 9, end: 17, text: 'interdit' }]);
    expect(events).toMatchObject([{ action: 'hold', to_status: 'pending', reason: 'forbidden-word' }]);
  });

  it('gives the message in the article language (English article)', async () => {
    const t = await makeTestApp({ modules: [forbiddenWordRule] });
    await t.putArticle('en1', { lang: 'en' });
    const res = await t.postComment('en1', { body: 'Ceci est interdit.' });
    expect((await res.json()).violations[0].message).toBe('Forbidden word.');
  });

  it('rejects outright when the policy says reject: 422 CommentRejected, stored as deleted for the audit', async () => {
    const t = await makeTestApp({
      modules: [forbiddenWordRule],
      policy: { rules: { 'forbidden-word': { action: 'reject' } } },
    });
    await t.putArticle('a1');
    const res = await t.postComment('a1', { body: 'interdit' });
    expect(res.status).toBe(422);
    const problem = await problemOf(res);
    expect(problem.code).toBe('CommentRejected');
    expect(problem.violations).toHaveLength(1);
    const { comments, events } = await rowsOf(t);
    expect(comments[0]?.status).toBe('deleted');
    expect(events[0]).toMatchObject({ action: 'reject', to_status: 'deleted' });
  });

  it('does not run an ignored rule', async () => {
    const t = await makeTestApp({
      modules: [forbiddenWordRule],
      policy: { rules: { 'forbidden-word': { action: 'ignore' } } },
    });
    await t.putArticle('a1');
    const res = await t.postComment('a1', { body: 'interdit' });
    expect(res.status).toBe(201);
    expect((await res.json()).violations).toEqual([]);
  });

  it('skips a rule that throws: the comment is still checked by the others and stored', async () => {
    const t = await makeTestApp({ modules: [throwingRule, forbiddenWordRule] });
    await t.putArticle('a1');
    const clean = await t.postComment('a1', { body: 'Bonne analyse.' });
    expect(clean.status).toBe(201);
    const flagged = await t.postComment('a1', { body: 'interdit', email: 'b@example.org' });
    expect(flagged.status).toBe(202);
    expect((await flagged.json()).violations.map((v: { rule: string }) => v.rule)).toEqual(['forbidden-word']);
    expect((await rowsOf(t)).comments).toHaveLength(2);
  });

  it('holds a comment with two or more links (rule links), not one with a single link', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const one = await t.postComment('a1', { body: 'La source : https://www.arcep.fr/actualites' });
    expect(one.status).toBe(201);
    const two = await t.postComment('a1', {
      email: 'spam@example.org',
      body: 'Gagnez gros sur promo-casino.xyz et https://bit.example/offre',
    });
    expect(two.status).toBe(202);
    const body = await two.json();
    expect(body.violations[0].rule).toBe('links');
    expect(body.violations[0].spans.map((s: { text: string }) => s.text)).toEqual([
      'promo-casino.xyz',
      'https://bit.example/offre',
    ]);
  });

  it('never publishes a comment whose honeypot field is filled', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const res = await t.postComment('a1', { body: 'Super article', website: 'http://spam.example' });
    expect(res.status).toBe(202);
    expect((await res.json()).violations.map((v: { rule: string }) => v.rule)).toContain('honeypot');
    const { comments } = await rowsOf(t);
    expect(comments[0]?.status).toBe('pending');
    expect((await (await t.request('/v1/articles/a1/comments')).json()).items).toEqual([]);
  });

  it('answers 404 for an unknown article and 403 CommentsClosed for a closed one, storing nothing', async () => {
    const t = await makeTestApp();
    const missing = await t.postComment('nope', {});
    expect(missing.status).toBe(404);
    expect((await problemOf(missing)).code).toBe('ArticleNotFound');
    await t.putArticle('closed', { commentsOpen: false });
    const closed = await t.postComment('closed', {});
    expect(closed.status).toBe(403);
    expect((await problemOf(closed)).code).toBe('CommentsClosed');
    expect((await rowsOf(t)).comments).toEqual([]);
  });

  it('closing comments on an article applies to the very next comment and draft check', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1', { commentsOpen: true });
    expect((await t.postComment('a1', {})).status).toBe(201);
    expect((await t.jsonRequest('POST', '/v1/check', { articleId: 'a1', body: 'Un avis.' })).status).toBe(200);
    await t.putArticle('a1', { commentsOpen: false, title: 'Titre changé' });
    const closed = await t.postComment('a1', { body: 'Un autre avis, bien argumenté.' });
    expect(closed.status).toBe(403);
    expect(closed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await problemOf(closed)).code).toBe('CommentsClosed');
    expect((await rowsOf(t)).comments).toHaveLength(1);
  });

  it.each([
    ['an empty pseudo', { author: '   ' }, 'author'],
    ['a 51-character pseudo', { author: 'x'.repeat(51) }, 'author'],
    ['an invalid e-mail', { email: 'pas-une-adresse' }, 'email'],
    ['an e-mail over 254 characters', { email: `${'a'.repeat(250)}@example.org` }, 'email'],
    ['an empty body', { body: ' \n ' }, 'body'],
    ['a body over the limit', { body: 'a'.repeat(5001) }, 'body'],
    ['a NUL byte', { body: 'bonjour\u0000' }, 'body'],
    ['a lone surrogate', { body: 'bonjour \uD800' }, 'body'],
    ['a right-to-left override in the pseudo', { author: 'admin\u202Etxt' }, 'author'],
    ['a pseudo of the wrong type', { author: 42 }, 'author'],
    ['a parentId of the wrong type', { parentId: 12 }, 'parentId'],
  ])('refuses %s with 422 naming the field', async (_case, fields, path) => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const res = await t.postComment('a1', fields);
    expect(res.status).toBe(422);
    const problem = await problemOf(res);
    expect(problem.code).toBe('ValidationFailed');
    expect(problem.errors?.map((e) => e.path)).toContain(path);
    expect((await rowsOf(t)).comments).toEqual([]);
  });

  it('takes the body limit from the configuration', async () => {
    const t = await makeTestApp({ config: { MAX_COMMENT_LENGTH: 10 } });
    await t.putArticle('a1');
    expect((await t.postComment('a1', { body: '12345678901' })).status).toBe(422);
    expect((await t.postComment('a1', { body: '1234567890' })).status).toBe(201);
  });

  it('answers 413 to a request body over the size limit and 415 to other content types', async () => {
    const t = await makeTestApp({ config: { MAX_BODY_BYTES: 2048 } });
    await t.putArticle('a1');
    const big = await t.postComment('a1', { body: 'a'.repeat(3000) });
    expect(big.status).toBe(413);
    expect((await problemOf(big)).code).toBe('PayloadTooLarge');
    const xml = await t.request('/v1/articles/a1/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/xml' },
      body: '<comment/>',
    });
    expect(xml.status).toBe(415);
    expect((await problemOf(xml)).code).toBe('UnsupportedMediaType');
    const noType = await t.request('/v1/articles/a1/comments', { method: 'POST', body: 'x' });
    expect(noType.status).toBe(415);
    expect((await rowsOf(t)).comments).toEqual([]);
  });

  it('applies the body limit to declared lengths and to streamed bodies alike', async () => {
    const t = await makeTestApp({ config: { MAX_BODY_BYTES: 2048 } });
    await t.putArticle('a1');
    const json = JSON.stringify({ author: 'Ana', email: 'ana@example.org', body: 'a'.repeat(3000) });
    const declared = await t.request('/v1/articles/a1/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(json)) },
      body: json,
    });
    expect(declared.status).toBe(413);
    // Chunked: no Content-Length, so the limit counts the bytes as they arrive.
    const streamed = await t.request('/v1/articles/a1/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new Blob([json]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await problemOf(streamed)).code).toBe('PayloadTooLarge');
    const small = JSON.stringify({ author: 'Ana', email: 'ana@example.org', body: 'Merci pour cet article.' });
    const fine = await t.request('/v1/articles/a1/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: new Blob([small]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(fine.status).toBe(201);
    expect((await rowsOf(t)).comments).toHaveLength(1);
  });

  it('answers 400 to malformed JSON', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const res = await t.request('/v1/articles/a1/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"author":',
    });
    expect(res.status).toBe(400);
    expect((await problemOf(res)).code).toBe('MalformedBody');
  });
});

describe('duplicates and flood control', () => {
  it('refuses the same text from the same e-mail on the same article (409), not on another article', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    await t.putArticle('a2');
    expect((await t.postComment('a1', { body: 'Même texte.' })).status).toBe(201);
    const again = await t.postComment('a1', { body: '  Même texte.  ', email: 'LECTEUR@example.org' });
    expect(again.status).toBe(409);
    expect((await problemOf(again)).code).toBe('DuplicateComment');
    expect((await t.postComment('a2', { body: 'Même texte.' })).status).toBe(201);
    expect((await t.postComment('a1', { body: 'Même texte.', email: 'autre@example.org' })).status).toBe(201);
    expect((await rowsOf(t)).comments).toHaveLength(3);
  });

  it('refuses a duplicate through the unique index when no flood check runs: off, or the interval past', async () => {
    for (const config of [{ FLOOD_INTERVAL_SECONDS: 0 }, { FLOOD_INTERVAL_SECONDS: 15 }]) {
      const t = await makeTestApp({ config });
      await t.putArticle('a1');
      expect((await t.postComment('a1', { body: 'Déjà dit.' })).status).toBe(201);
      t.clock.advance(60_000);
      const again = await t.postComment('a1', { body: 'Déjà dit.' });
      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await problemOf(again)).code).toBe('DuplicateComment');
      const rows = await rowsOf(t);
      expect(rows.comments).toHaveLength(1);
      // Nothing of the refused one was kept: no violation, no second event.
      expect(rows.events).toHaveLength(1);
    }
  });

  it('calls a second click on "send" within the flood interval a duplicate (409), not a flood (429)', async () => {
    const t = await makeTestApp({ config: { FLOOD_INTERVAL_SECONDS: 15 } });
    await t.putArticle('a1');
    expect((await t.postComment('a1', { body: 'Double clic.' })).status).toBe(201);
    t.clock.advance(1_000);
    const again = await t.postComment('a1', { body: 'Double clic.' });
    expect(again.status).toBe(409);
    expect((await problemOf(again)).code).toBe('DuplicateComment');
  });

  it('stores a comment posted 10 times concurrently once', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => t.postComment('a1', { body: 'Envoyé dix fois.' })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect((await rowsOf(t)).comments).toHaveLength(1);
  });

  it('refuses a second comment from the same e-mail within the flood interval, with Retry-After', async () => {
    const t = await makeTestApp({ config: { FLOOD_INTERVAL_SECONDS: 15 } });
    await t.putArticle('a1');
    expect((await t.postComment('a1', { body: 'Un.' })).status).toBe(201);
    t.clock.advance(5_000);
    const flood = await t.postComment('a1', { body: 'Deux.' });
    expect(flood.status).toBe(429);
    expect(flood.headers.get('retry-after')).toBe('10');
    expect((await problemOf(flood)).code).toBe('TooManyComments');
    t.clock.advance(10_001);
    expect((await t.postComment('a1', { body: 'Deux.' })).status).toBe(201);
  });

  it('refuses a second comment from the same IP within the flood interval, whatever the e-mail', async () => {
    const t = await makeTestApp({ config: { FLOOD_INTERVAL_SECONDS: 15, TRUST_PROXY: true } });
    await t.putArticle('a1');
    const ip = { 'X-Forwarded-For': '203.0.113.7' };
    expect((await t.postComment('a1', { body: 'Un.', email: 'a@example.org' }, ip)).status).toBe(201);
    expect((await t.postComment('a1', { body: 'Deux.', email: 'b@example.org' }, ip)).status).toBe(429);
    const otherIp = { 'X-Forwarded-For': '203.0.113.8' };
    expect((await t.postComment('a1', { body: 'Trois.', email: 'c@example.org' }, otherIp)).status).toBe(201);
    const stored = await t.db.selectFrom('comments').select(['ip']).execute();
    expect(stored.map((r) => r.ip).sort()).toEqual(['203.0.113.7', '203.0.113.8']);
  });

  it('turns flood control off with FLOOD_INTERVAL_SECONDS=0', async () => {
    const t = await makeTestApp({ config: { FLOOD_INTERVAL_SECONDS: 0 } });
    await t.putArticle('a1');
    expect((await t.postComment('a1', { body: 'Un.' })).status).toBe(201);
    expect((await t.postComment('a1', { body: 'Deux.' })).status).toBe(201);
  });

  it('limits write requests per IP per minute (429 RateLimited), then lets them through again', async () => {
    const t = await makeTestApp({ config: { RATE_LIMIT_PER_MINUTE: 2, TRUST_PROXY: true } });
    await t.putArticle('a1');
    const ip = { 'X-Forwarded-For': '198.51.100.1' };
    expect((await t.postComment('a1', { body: 'Un.' }, ip)).status).toBe(201);
    expect((await t.postComment('a1', { body: 'Deux.' }, ip)).status).toBe(201);
    const limited = await t.postComment('a1', { body: 'Trois.' }, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await problemOf(limited)).code).toBe('RateLimited');
    // Reads are not limited.
    expect((await t.request('/v1/articles/a1/comments', { headers: ip })).status).toBe(200);
    t.clock.advance(60_000);
    expect((await t.postComment('a1', { body: 'Trois.' }, ip)).status).toBe(201);
  });
});

describe('premoderation', () => {
  it('none (default): clean comments publish', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    expect((await t.postComment('a1', {})).status).toBe(201);
  });

  it('all: every comment waits, with hold reason premoderation', async () => {
    const t = await makeTestApp({ policy: { premoderation: 'all', rules: {} } });
    await t.putArticle('a1');
    const res = await t.postComment('a1', {});
    expect(res.status).toBe(202);
    expect((await res.json()).violations).toEqual([]);
    const row = await t.db.selectFrom('comments').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', hold_reason: 'premoderation' });
  });

  it('first: a new e-mail waits; once one of its comments is published, later clean ones publish', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1', { premoderation: 'first' });
    const first = await t.postComment('a1', { body: 'Premier message.' });
    expect(first.status).toBe(202);
    const second = await t.postComment('a1', { body: 'Deuxième message.' });
    expect(second.status).toBe(202);
    // A moderator approves the first one (the moderation desk does this through the same function).
    const { applyTransition } = await import('../../src/domain/moderation/events.js');
    const id = (await first.json()).comment.id;
    await t.db
      .transaction()
      .execute((tx) => applyTransition(tx, id, 'approve', { actor: 'token:mod', at: t.clock.now().toISOString() }));
    expect((await t.postComment('a1', { body: 'Troisième message.' })).status).toBe(201);
    expect((await t.postComment('a1', { body: 'Autre lecteur.', email: 'new@example.org' })).status).toBe(202);
  });

  it('an article overrides the site default', async () => {
    const t = await makeTestApp({ policy: { premoderation: 'all', rules: {} } });
    await t.putArticle('open', { premoderation: 'none' });
    expect((await t.postComment('open', {})).status).toBe(201);
  });

  it('a flagged comment waits with hold reason flagged even under premoderation', async () => {
    const t = await makeTestApp({ modules: [forbiddenWordRule], policy: { premoderation: 'all', rules: {} } });
    await t.putArticle('a1');
    await t.postComment('a1', { body: 'interdit' });
    const row = await t.db.selectFrom('comments').selectAll().executeTakeFirstOrThrow();
    expect(row.hold_reason).toBe('flagged');
  });
});

describe('replies', () => {
  it('accepts a reply to a published comment of the same article and lists it with parentId', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const parent = await (await t.postComment('a1', { body: 'Question ?' })).json();
    const reply = await t.postComment('a1', { body: 'Réponse.', email: 'b@example.org', parentId: parent.comment.id });
    expect(reply.status).toBe(201);
    expect((await reply.json()).comment.parentId).toBe(parent.comment.id);
  });

  it.each([['an unknown comment', async () => 'no-such-id']])(
    'refuses a reply to %s (422 on parentId)',
    async (_case, parentIdOf) => {
      const t = await makeTestApp();
      await t.putArticle('a1');
      const res = await t.postComment('a1', { parentId: await parentIdOf() });
      expect(res.status).toBe(422);
      expect((await problemOf(res)).errors?.map((e) => e.path)).toEqual(['parentId']);
    },
  );

  it('refuses a reply to a comment of another article or to a pending one', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    await t.putArticle('a2');
    const other = await (await t.postComment('a2', { body: 'Ailleurs.' })).json();
    expect((await t.postComment('a1', { parentId: other.comment.id })).status).toBe(422);
    const pending = await (
      await t.postComment('a1', { body: 'https://a.example https://b.example', email: 'x@example.org' })
    ).json();
    expect(pending.comment.status).toBe('pending');
    expect((await t.postComment('a1', { parentId: pending.comment.id, email: 'y@example.org' })).status).toBe(422);
  });
});

describe('GET /v1/articles/{id}/comments', () => {
  it('lists published comments oldest first across pages, without personal data', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.postComment('a1', { body: `Commentaire ${i}`, email: `r${i}@example.org` });
      ids.push((await res.json()).comment.id);
      t.clock.advance(1000);
    }
    await t.postComment('a1', { body: 'https://a.example https://b.example', email: 'spam@example.org' }); // pending

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await t.request(`/v1/articles/a1/comments?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toMatch(/@example\.org|"ip"|"email"/);
      const page = JSON.parse(text) as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
  });

  it('keeps comments created in the same millisecond in a stable order across pages', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    for (let i = 0; i < 4; i++) await t.postComment('a1', { body: `Même instant ${i}`, email: `s${i}@example.org` });
    const first = await (await t.request('/v1/articles/a1/comments?limit=2')).json();
    const second = await (await t.request(`/v1/articles/a1/comments?limit=2&cursor=${first.nextCursor}`)).json();
    const all = [...first.items, ...second.items].map((c: { body: string }) => c.body);
    expect(new Set(all).size).toBe(4);
    expect(second.nextCursor).toBeNull();
  });

  it('answers 422 to a bad cursor or limit, 404 to an unknown article', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    expect((await problemOf(await t.request('/v1/articles/a1/comments?cursor=garbage'))).code).toBe('ValidationFailed');
    expect((await t.request('/v1/articles/a1/comments?limit=0')).status).toBe(422);
    expect((await t.request('/v1/articles/a1/comments?limit=101')).status).toBe(422);
    expect((await t.request('/v1/articles/zzz/comments')).status).toBe(404);
  });
});
