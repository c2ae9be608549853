import { describe, expect, it } from 'vitest';
import { makeTestApp, problemOf, type TestApp } from '../helpers.js';

function setCookies(res: Response): string[] {
  return res.headers.getSetCookie();
}

describe('POST /v1/articles/{id}/comments from a plain HTML form', () => {
  it('accepts application/x-www-form-urlencoded, with remember=on setting both cookies for a year', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const form = new URLSearchParams({
      author: 'Jean Dupont',
      email: 'jean@example.org',
      body: 'Très bon article, merci.',
      remember: 'on',
      website: '',
      submit: 'Envoyer',
    });
    const res = await t.request('/v1/articles/a1/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await res.json()).comment.author).toBe('Jean Dupont');
    const cookies = setCookies(res);
    expect(cookies).toHaveLength(2);
    const author = cookies.find((c) => c.startsWith('vigie_author='));
    const email = cookies.find((c) => c.startsWith('vigie_email='));
    expect(author).toMatch(/^vigie_author=Jean%20Dupont;/);
    expect(email).toMatch(/^vigie_email=jean%40example\.org;/);
    for (const cookie of [author, email]) {
      expect(cookie).toMatch(/Max-Age=31536000/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/);
    }
    const row = await t.db.selectFrom('comments').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ author: 'Jean Dupont', email: 'jean@example.org', status: 'published' });
  });

  it('accepts multipart/form-data', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const form = new FormData();
    form.set('author', 'Léa');
    form.set('email', 'lea@example.org');
    form.set('body', 'Merci pour ces précisions.');
    form.set('remember', '1');
    const res = await t.request('/v1/articles/a1/comments', { method: 'POST', body: form });
    expect(res.status).toBe(201);
    expect(setCookies(res).filter((c) => c.includes('Max-Age=31536000'))).toHaveLength(2);
  });

  it('validates form fields like JSON ones (422 with paths)', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const res = await t.request('/v1/articles/a1/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ author: '', email: 'nope', body: 'x', remember: 'peut-être' }).toString(),
    });
    expect(res.status).toBe(422);
    const paths = (await problemOf(res)).errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['author', 'email', 'remember']));
  });

  it('refuses a file where a text field is expected', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const form = new FormData();
    form.set('author', 'Léa');
    form.set('email', 'lea@example.org');
    form.set('body', new Blob(['contenu']), 'comment.txt');
    const res = await t.request('/v1/articles/a1/comments', { method: 'POST', body: form });
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors?.map((e) => e.path)).toContain('body');
  });
});

/** The box unticked: `remember` absent, or false. */
const UNTICKED = [undefined, false] as const;

/** Each post of these tests from an e-mail of its own: no duplicate, no flood. */
let posts = 0;

/** A post with the box unticked, sending `cookie`. */
function postUnticked(t: TestApp, remember: (typeof UNTICKED)[number], cookie: string) {
  return t.postComment(
    'a1',
    {
      body: `Sans mémoire ${remember}`,
      email: `lecteur${++posts}@example.org`,
      ...(remember === undefined ? {} : { remember }),
    },
    { Cookie: cookie },
  );
}

describe('commenter cookies', () => {
  it('expires the cookies the browser holds when remember is absent or false, as WordPress does', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    for (const remember of UNTICKED) {
      const res = await postUnticked(t, remember, 'vigie_author=Ancien; vigie_email=ancien%40example.org');
      expect(res.status).toBe(201);
      const cookies = setCookies(res);
      expect(cookies).toHaveLength(2);
      for (const cookie of cookies) expect(cookie).toMatch(/^vigie_(author|email)=;.*Max-Age=0/);
    }
    // Only one of them left: both are expired all the same.
    const one = await postUnticked(t, undefined, 'vigie_email=x');
    expect(
      setCookies(one)
        .map((c) => c.split('=')[0])
        .sort(),
    ).toEqual(['vigie_author', 'vigie_email']);
  });

  it('sends no Set-Cookie when remember is off and the browser holds no commenter cookie', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    for (const remember of UNTICKED) {
      const res = await postUnticked(t, remember, 'other_site_cookie=1');
      expect(res.status).toBe(201);
      expect(setCookies(res)).toEqual([]);
    }
  });

  it('marks cookies Secure on HTTPS (auto), behind a trusted proxy, or when forced', async () => {
    const auto = await makeTestApp();
    await auto.putArticle('a1');
    const https = await auto.app.request('https://comments.example/v1/articles/a1/comments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ author: 'A', email: 'a@example.org', body: 'Bien.', remember: true }),
    });
    expect(setCookies(https).every((c) => /; Secure/.test(c))).toBe(true);

    const proxied = await makeTestApp({ config: { TRUST_PROXY: true } });
    await proxied.putArticle('a1');
    const viaProxy = await proxied.postComment('a1', { remember: true }, { 'X-Forwarded-Proto': 'https' });
    expect(setCookies(viaProxy).every((c) => /; Secure/.test(c))).toBe(true);

    // Without TRUST_PROXY the header is ignored: a client cannot claim HTTPS.
    const untrusted = await auto.postComment(
      'a1',
      { remember: true, body: 'Autre.' },
      { 'X-Forwarded-Proto': 'https' },
    );
    expect(setCookies(untrusted).some((c) => /; Secure/.test(c))).toBe(false);

    const forced = await makeTestApp({ config: { COOKIE_SECURE: true } });
    await forced.putArticle('a1');
    expect(setCookies(await forced.postComment('a1', { remember: true })).every((c) => /; Secure/.test(c))).toBe(true);
  });

  it('GET /v1/commenter reads the saved pseudo and e-mail back, nulls when absent', async () => {
    const t = await makeTestApp();
    await t.putArticle('a1');
    const posted = await t.postComment('a1', { author: 'Jean Dupont', email: 'jean@example.org', remember: true });
    const cookieHeader = setCookies(posted)
      .map((c) => c.split(';')[0])
      .join('; ');
    const res = await t.request('/v1/commenter', { headers: { Cookie: cookieHeader } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toEqual({ author: 'Jean Dupont', email: 'jean@example.org' });
    expect(await (await t.request('/v1/commenter')).json()).toEqual({ author: null, email: null });
  });

  it('DELETE /v1/commenter expires both cookies', async () => {
    const t = await makeTestApp();
    const res = await t.request('/v1/commenter', { method: 'DELETE' });
    expect(res.status).toBe(204);
    const cookies = setCookies(res);
    expect(cookies.map((c) => c.split('=')[0]).sort()).toEqual(['vigie_author', 'vigie_email']);
    for (const cookie of cookies) expect(cookie).toMatch(/Max-Age=0/);
  });
});
