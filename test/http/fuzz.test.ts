import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers.js';

/**
 * Property-based tests over the public and moderator endpoints: whatever arrives, the answer is
 * never a 5xx, an error is always an RFC 9457 problem with a code and no stack trace, and an
 * invalid request stores nothing. About 10,000 generated requests in all.
 */

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\u202Eevil',
  'ze\u200Bro\u200Dwidth',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  "' OR 1=1 --",
  '1; DROP TABLE comments; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '%00',
  '%FF%FE',
  '{{7*7}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style probe, literally.
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'é'.repeat(6000),
  'a'.repeat(70_000),
];

const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.emailAddress() },
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
);

const commentFields = fc.record(
  {
    author: anyValue,
    email: anyValue,
    body: anyValue,
    parentId: anyValue,
    remember: anyValue,
    website: anyValue,
    surprise: anyValue,
  },
  { requiredKeys: [] },
);

const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const rawBody = fc.oneof(
  commentFields.map((f) => JSON.stringify(f)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  nastyString,
  fc.constantFrom('{', '{"author":', 'null', '[]', '"text"', deepJson(5000), deepJson(40_000), 'a'.repeat(1_048_576)),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'text/plain',
  'application/xml',
  'application/problem+json',
  '',
);

const PROBLEM = /^application\/problem\+json/;
const STACK_TRACE = /\bat [\w.<>]+ \(|node:internal|\/src\/|\.ts:\d+/;

async function assertWellFormedError(res: Response, method: string) {
  expect(res.status).toBeLessThan(500);
  if (res.status < 400 || method === 'HEAD') return;
  expect(res.headers.get('content-type')).toMatch(PROBLEM);
  const text = await res.text();
  expect(text).not.toMatch(STACK_TRACE);
  const body = JSON.parse(text);
  expect(typeof body.code).toBe('string');
  expect(body.status).toBe(res.status);
}

async function commentCount(t: TestApp) {
  const row = await t.db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function freshApp() {
  const t = await makeTestApp({ config: { MAX_BODY_BYTES: 64 * 1024 } });
  await t.putArticle('a1');
  return t;
}

describe('fuzzing the API', () => {
  it('POST /v1/articles/{id}/comments: never 5xx, errors are problems, invalid requests store nothing', async () => {
    const t = await freshApp();
    await fc.assert(
      fc.asyncProperty(rawBody, contentType, async (body, type) => {
        const before = await commentCount(t);
        const res = await t.app.request('/v1/articles/a1/comments', {
          method: 'POST',
          headers: type ? { 'Content-Type': type } : {},
          body,
        });
        await assertWellFormedError(res, 'POST');
        const after = await commentCount(t);
        if (res.status >= 400) expect(after).toBe(before);
        else expect(after).toBe(before + 1);
      }),
      { numRuns: 3500 },
    );
  }, 180_000);

  it('form posts with arbitrary bytes: invalid UTF-8 and bad escapes are 400, never stored', async () => {
    const t = await freshApp();
    const bytes = fc.uint8Array({ maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(
        bytes,
        fc.constantFrom('application/x-www-form-urlencoded', 'application/json'),
        async (payload, type) => {
          const before = await commentCount(t);
          const prefix = type === 'application/json' ? '' : 'author=A&email=a%40example.org&body=';
          const res = await t.app.request('/v1/articles/a1/comments', {
            method: 'POST',
            headers: { 'Content-Type': type },
            body: Buffer.concat([Buffer.from(prefix), payload]),
          });
          await assertWellFormedError(res, 'POST');
          if (res.status >= 400) expect(await commentCount(t)).toBe(before);
        },
      ),
      { numRuns: 1500 },
    );
    const invalid = await t.app.request('/v1/articles/a1/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'author=A&email=a%40example.org&body=caf%E9',
    });
    expect(invalid.status).toBe(400);
    const rawLatin1 = await t.app.request('/v1/articles/a1/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from('{"author":"A","email":"a@example.org","body":"caf\xE9"}', 'latin1'),
    });
    expect(rawLatin1.status).toBe(400);
  }, 180_000);

  it('every endpoint, any method, odd paths and ids, any token: never 5xx, errors are problems', async () => {
    const t = await freshApp();
    const id = fc.oneof(fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 100)), fc.string({ maxLength: 30 }));
    const template = fc.constantFrom(
      (x: string) => `/v1/articles/${x}`,
      (x: string) => `/v1/articles/${x}/comments`,
      (x: string) => `/v1/articles/a1/comments?limit=${x}&cursor=${x}`,
      (x: string) => `/v1/comment-counts?articles=${x}`,
      (x: string) => `/v1/comments/${x}/reports`,
      (_x: string) => '/v1/check',
      (_x: string) => '/v1/commenter',
      (_x: string) => '/v1/moderation/queue',
      (x: string) => `/v1/moderation/queue?rule=${x}&reason=${x}&articleId=${x}&cursor=${x}`,
      (_x: string) => '/v1/moderation/queue/counts',
      (x: string) => `/v1/moderation/comments/${x}`,
      (x: string) => `/v1/moderation/comments/${x}/approve`,
      (_x: string) => '/v1/moderation/bulk',
      (x: string) => `/v1/moderation/events?commentId=${x}&actor=${x}&limit=${x}`,
      (x: string) => `/v1/moderation/stats?since=${x}`,
      (x: string) => `/${x}`,
    );
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'PROPFIND');
    const auth = fc.constantFrom<keyof typeof t.tokens | 'garbage' | 'none'>(
      'none',
      'garbage',
      'publisher',
      'moderator',
      'admin',
    );
    await fc.assert(
      fc.asyncProperty(template, id, method, auth, rawBody, contentType, async (path, x, m, who, body, type) => {
        let url: string;
        try {
          url = path(encodeURIComponent(x));
        } catch {
          url = path('x'); // lone surrogates cannot be percent-encoded: the client could not send them either
        }
        const headers: Record<string, string> = {};
        if (type) headers['Content-Type'] = type;
        if (who === 'garbage') headers.Authorization = `Bearer ${x.slice(0, 50).replace(/[^\x21-\x7e]/g, '') || 'x'}`;
        else if (who !== 'none') headers.Authorization = `Bearer ${t.tokens[who]}`;
        const hasBody = m !== 'GET' && m !== 'HEAD';
        const res = await t.app.request(url, { method: m, headers, ...(hasBody ? { body } : {}) });
        await assertWellFormedError(res, m);
      }),
      { numRuns: 5000 },
    );
  }, 180_000);
});
