import { describe, expect, it } from 'vitest';
import { makeTestApp, testingOnPostgres } from '../helpers.js';

/**
 * Two Vigie instances, each with its own connection pool, on one PostgreSQL database, as behind a
 * load balancer. Runs in the PostgreSQL pass of the suite (VIGIE_TEST_DATABASE_URL, set by
 * .ci/run); on SQLite, instances are processes on one file and the race test covers them.
 */
describe.runIf(testingOnPostgres)('two instances on one PostgreSQL', () => {
  async function twoInstances(config = {}) {
    const a = await makeTestApp({ config: { TRUST_PROXY: true, ...config } });
    const b = await makeTestApp({
      sameDatabaseAs: { db: a.db, schema: a.schema },
      config: { TRUST_PROXY: true, ...config },
    });
    expect(b.db).not.toBe(a.db);
    await a.putArticle('a1');
    return { a, b };
  }

  it('flood control holds across instances, even for simultaneous posts', async () => {
    const { a, b } = await twoInstances({ FLOOD_INTERVAL_SECONDS: 15 });
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 === 0 ? a : b).postComment(
          'a1',
          { body: `Message ${i}`, email: 'same@example.org' },
          { 'X-Forwarded-For': `198.51.100.${i}` },
        ),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 429, 429, 429, 429, 429]);
    const sameIp = await Promise.all([
      a.postComment('a1', { body: 'Un', email: 'x1@example.org' }, { 'X-Forwarded-For': '203.0.113.9' }),
      b.postComment('a1', { body: 'Deux', email: 'x2@example.org' }, { 'X-Forwarded-For': '203.0.113.9' }),
    ]);
    expect(sameIp.map((r) => r.status).sort()).toEqual([201, 429]);
  });

  it('a comment posted 10 times across both instances is stored once', async () => {
    const { a, b } = await twoInstances();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).postComment('a1', { body: 'Doublon.' })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    const rows = await a.db.selectFrom('comments').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('two moderators on two instances deciding the same comment: one wins', async () => {
    const { a, b } = await twoInstances();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await a.postComment('a1', {
        body: `https://x.example https://y.example ${i}`,
        email: `m${i}@example.org`,
      });
      ids.push((await res.json()).comment.id);
    }
    for (const id of ids) {
      const [first, second] = await Promise.all([
        a.request(`/v1/moderation/comments/${id}/approve`, { method: 'POST', headers: a.auth('moderator') }),
        b.request(`/v1/moderation/comments/${id}/approve`, { method: 'POST', headers: b.auth('moderator') }),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
    }
    const approvals = await a.db.selectFrom('moderation_events').select('id').where('action', '=', 'approve').execute();
    expect(approvals).toHaveLength(ids.length);
  });

  it('reports from different IPs on different instances re-queue the comment exactly once', async () => {
    const { a, b } = await twoInstances({ REPORT_THRESHOLD: 3 });
    const id = (await (await a.postComment('a1', { body: 'Publié.' })).json()).comment.id;
    const reports = await Promise.all(
      ['10.1.0.1', '10.1.0.2', '10.1.0.3', '10.1.0.4', '10.1.0.1'].map((ip, i) =>
        (i % 2 === 0 ? a : b).jsonRequest(
          'POST',
          `/v1/comments/${id}/reports`,
          { reason: 'spam' },
          { 'X-Forwarded-For': ip },
        ),
      ),
    );
    for (const res of reports) expect([202, 404]).toContain(res.status);
    const requeues = await a.db.selectFrom('moderation_events').select('id').where('action', '=', 'requeue').execute();
    expect(requeues).toHaveLength(1);
    const row = await b.db
      .selectFrom('comments')
      .select(['status', 'hold_reason'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', hold_reason: 'reported' });
  });

  it('timestamps, booleans, JSON columns and keyset pagination read back the same', async () => {
    const { a, b } = await twoInstances();
    await a.putArticle('a2', { tags: ['espace', 'Ariane 6'], commentsOpen: true });
    const row = await b.db.selectFrom('articles').selectAll().where('id', '=', 'a2').executeTakeFirstOrThrow();
    expect(JSON.parse(row.tags)).toEqual(['espace', 'Ariane 6']);
    expect(row.comments_open).toBe(1);
    expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (let i = 0; i < 5; i++) await a.postComment('a2', { body: `C${i}`, email: `p${i}@example.org` });
    const first = await (await b.request('/v1/articles/a2/comments?limit=2')).json();
    const second = await (await a.request(`/v1/articles/a2/comments?limit=2&cursor=${first.nextCursor}`)).json();
    const third = await (await b.request(`/v1/articles/a2/comments?limit=2&cursor=${second.nextCursor}`)).json();
    expect([...first.items, ...second.items, ...third.items].map((c: { body: string }) => c.body)).toEqual([
      'C0',
      'C1',
      'C2',
      'C3',
      'C4',
    ]);
    expect(third.nextCursor).toBeNull();
  });
});
