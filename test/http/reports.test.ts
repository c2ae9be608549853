import { describe, expect, it } from 'vitest';
import { makeTestApp, problemOf, type TestApp } from '../helpers.js';

async function setup() {
  const t = await makeTestApp({ config: { TRUST_PROXY: true, REPORT_THRESHOLD: 3 } });
  await t.putArticle('a1');
  const id = (await (await t.postComment('a1', { body: 'Un avis tranché.' })).json()).comment.id as string;
  return { t, id };
}

const report = (t: TestApp, id: string, ip: string, body: Record<string, unknown> = { reason: 'civility' }) =>
  t.jsonRequest('POST', `/v1/comments/${id}/reports`, body, { 'X-Forwarded-For': ip });

describe('POST /v1/comments/{id}/reports', () => {
  it('receives a report (202) and stores it, without a token', async () => {
    const { t, id } = await setup();
    const res = await report(t, id, '198.51.100.1', { reason: 'spam', detail: 'Publicité déguisée' });
    expect(res.status).toBe(202);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ received: true });
    const rows = await t.db.selectFrom('comment_reports').selectAll().execute();
    expect(rows).toMatchObject([{ comment_id: id, ip: '198.51.100.1', reason: 'spam', detail: 'Publicité déguisée' }]);
  });

  it('sends a comment back to the queue after reports from 3 different IPs; it leaves public lists and counts', async () => {
    const { t, id } = await setup();
    await report(t, id, '198.51.100.1');
    await report(t, id, '198.51.100.2');
    expect((await (await t.request('/v1/articles/a1')).json()).commentCount).toBe(1);
    await report(t, id, '198.51.100.3');

    const row = await t.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'pending', hold_reason: 'reported' });
    expect((await (await t.request('/v1/articles/a1/comments')).json()).items).toEqual([]);
    expect((await (await t.request('/v1/articles/a1')).json()).commentCount).toBe(0);

    const queue = await (
      await t.request('/v1/moderation/queue?reason=reported', { headers: t.auth('moderator') })
    ).json();
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0].reports).toHaveLength(3);
    expect(queue.items[0].reports[0]).toEqual({ reason: 'civility', detail: null, createdAt: expect.any(String) });
    const counts = await (await t.request('/v1/moderation/queue/counts', { headers: t.auth('moderator') })).json();
    expect(counts.byReason).toEqual({ reported: 1 });
    const event = await t.db
      .selectFrom('moderation_events')
      .selectAll()
      .where('action', '=', 'requeue')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ from_status: 'published', to_status: 'pending', actor: 'readers' });
  });

  it('counts one IP reporting twice once', async () => {
    const { t, id } = await setup();
    for (let i = 0; i < 3; i++) expect((await report(t, id, '198.51.100.1')).status).toBe(202);
    await report(t, id, '198.51.100.2');
    expect(await t.db.selectFrom('comment_reports').selectAll().execute()).toHaveLength(2);
    const row = await t.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
  });

  it('after a moderator approves a reported comment, only newer reports count', async () => {
    const { t, id } = await setup();
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) await report(t, id, ip);
    t.clock.advance(1000);
    const approved = await t.request(`/v1/moderation/comments/${id}/approve`, {
      method: 'POST',
      headers: t.auth('moderator'),
    });
    expect(approved.status).toBe(200);
    t.clock.advance(1000);
    await report(t, id, '10.0.0.4');
    const row = await t.db.selectFrom('comments').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
  });

  it('answers 404 for an unknown, pending or deleted comment, and 422 for a bad reason', async () => {
    const { t, id } = await setup();
    const pending = (
      await (await t.postComment('a1', { body: 'https://a.example https://b.example', email: 'p@example.org' })).json()
    ).comment.id;
    for (const target of ['nope', pending]) {
      const res = await report(t, target, '198.51.100.9');
      expect(res.status).toBe(404);
      expect((await problemOf(res)).code).toBe('CommentNotFound');
    }
    await t.request(`/v1/moderation/comments/${id}`, { method: 'DELETE', headers: t.auth('moderator') });
    expect((await report(t, id, '198.51.100.9')).status).toBe(404);
    const bad = await report(t, pending, '198.51.100.9', { reason: 'ugly' });
    expect(bad.status).toBe(422);
    expect(await t.db.selectFrom('comment_reports').selectAll().execute()).toEqual([]);
  });
});
