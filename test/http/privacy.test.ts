import { describe, expect, it } from 'vitest';
import { makeTestApp, problemOf } from '../helpers.js';

async function setup() {
  const t = await makeTestApp({ config: { TRUST_PROXY: true } });
  await t.putArticle('a1');
  const ip = { 'X-Forwarded-For': '203.0.113.5', 'User-Agent': 'Firefox' };
  const published = (
    await (await t.postComment('a1', { email: 'Zoe@Example.org', body: 'Mon avis : très bon article.' }, ip)).json()
  ).comment.id as string;
  const held = (
    await (
      await t.postComment('a1', { email: 'zoe@example.org', body: 'Voir https://a.example et https://b.example' }, ip)
    ).json()
  ).comment.id as string;
  const other = (await (await t.postComment('a1', { email: 'max@example.org', body: 'Autre lecteur.' }, ip)).json())
    .comment.id as string;
  return { t, published, held, other };
}

describe('GDPR export', () => {
  it('returns every comment of an e-mail with violations and events, and logs the request', async () => {
    const { t, published, held } = await setup();
    const res = await t.request('/v1/moderation/commenters/zoe%40example.org/export', { headers: t.auth('moderator') });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.email).toBe('zoe@example.org');
    expect(body.comments.map((c: { comment: { id: string } }) => c.comment.id)).toEqual([published, held]);
    expect(body.comments[0].comment).toMatchObject({
      ip: '203.0.113.5',
      userAgent: 'Firefox',
      email: 'zoe@example.org',
    });
    expect(body.comments[1].violations[0].rule).toBe('links');
    expect(body.comments[1].events[0].action).toBe('hold');
    const log = await t.db.selectFrom('privacy_requests').selectAll().execute();
    expect(log).toMatchObject([{ action: 'export', actor: 'token:test-moderator', comments: 2 }]);
    expect(JSON.stringify(log)).not.toContain('zoe@');
  });

  it('refuses an invalid e-mail (422)', async () => {
    const { t } = await setup();
    const res = await t.request('/v1/moderation/commenters/not-an-email/export', { headers: t.auth('moderator') });
    expect(res.status).toBe(422);
  });
});

describe('GDPR erasure', () => {
  it('is for administrators only', async () => {
    const { t } = await setup();
    const res = await t.request('/v1/moderation/commenters/zoe%40example.org', {
      method: 'DELETE',
      headers: t.auth('moderator'),
    });
    expect(res.status).toBe(403);
    expect((await problemOf(res)).code).toBe('Forbidden');
  });

  it('erases the personal data, takes the comments down, keeps an anonymised audit trail, and logs it', async () => {
    const { t, published, held, other } = await setup();
    const res = await t.request('/v1/moderation/commenters/zoe%40example.org', {
      method: 'DELETE',
      headers: t.auth('admin'),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ erased: 2 });

    const rows = await t.db.selectFrom('comments').selectAll().where('id', 'in', [published, held]).execute();
    for (const row of rows) {
      expect(row).toMatchObject({
        status: 'deleted',
        author: 'Anonyme',
        ip: null,
        user_agent: null,
        fingerprint: null,
      });
      expect(row.email).toMatch(/^erased-.+@invalid$/);
      expect(row.body).not.toMatch(/avis|https/);
    }
    expect(new Set(rows.map((r) => r.email)).size).toBe(1);
    const dump = JSON.stringify(
      await Promise.all([
        t.db.selectFrom('comments').selectAll().where('id', 'in', [published, held]).execute(),
        t.db.selectFrom('comment_violations').selectAll().execute(),
        t.db.selectFrom('moderation_events').selectAll().execute(),
        t.db.selectFrom('privacy_requests').selectAll().execute(),
      ]),
    );
    expect(dump).not.toMatch(/zoe|203\.0\.113\.5|Firefox|a\.example/i);

    const events = await t.db
      .selectFrom('moderation_events')
      .selectAll()
      .where('comment_id', '=', published)
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['publish', 'erase']);
    expect(events[1]).toMatchObject({ actor: 'token:test-admin', reason: 'gdpr', to_status: 'deleted' });
    expect(
      (await t.db.selectFrom('comments').select('email').where('id', '=', other).executeTakeFirstOrThrow()).email,
    ).toBe('max@example.org');
    expect((await (await t.request('/v1/articles/a1')).json()).commentCount).toBe(1);
    const log = await t.db.selectFrom('privacy_requests').selectAll().execute();
    expect(log).toMatchObject([{ action: 'erase', actor: 'token:test-admin', comments: 2 }]);

    // A second request finds nothing left to erase.
    const again = await t.request('/v1/moderation/commenters/zoe%40example.org', {
      method: 'DELETE',
      headers: t.auth('admin'),
    });
    expect(await again.json()).toEqual({ erased: 0 });
  });
});
