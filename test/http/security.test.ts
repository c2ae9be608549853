import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.js';
import { revokeToken } from '../../src/domain/tokens/tokens.js';
import { makeTestApp, problemOf } from '../helpers.js';

/** The role each protected route needs, by path prefix: anything else is a test failure to fix here. */
function requiredRole(method: string, path: string): Role | null {
  if (path.startsWith('/v1/moderation/commenters') && method === 'DELETE') return 'admin';
  if (path.startsWith('/v1/moderation/')) return 'moderator';
  if (method === 'PUT' && path === '/v1/articles/{articleId}') return 'publisher';
  return null;
}

const WRONG_ROLE: Record<Role, Role[]> = {
  publisher: ['moderator'],
  moderator: ['publisher'],
  admin: ['publisher', 'moderator'],
};

describe('every protected route in the OpenAPI document', async () => {
  const t = await makeTestApp();
  const doc = await (await t.request('/openapi.json')).json();
  const operations = Object.entries(doc.paths as Record<string, Record<string, { security?: unknown[] }>>).flatMap(
    ([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        secured: !!op.security?.length,
      })),
  );

  it('declares security exactly on the routes that need a role', () => {
    for (const op of operations)
      expect(op.secured, `${op.method} ${op.path}`).toBe(requiredRole(op.method, op.path) !== null);
    expect(operations.filter((o) => o.secured).length).toBeGreaterThanOrEqual(9);
  });

  it.each(operations.filter((o) => requiredRole(o.method, o.path) !== null))(
    '$method $path: 401 without a token or with a revoked one, 403 with a wrong role',
    async ({ method, path }) => {
      const app = await makeTestApp();
      const url = path.replace('{articleId}', 'a1').replace('{id}', 'c1').replace('{email}', 'x%40example.org');
      const body = method === 'GET' ? {} : { headers: { 'Content-Type': 'application/json' }, body: '{}' };
      const send = (headers: Record<string, string>) =>
        app.request(url, { method, ...body, headers: { ...(body.headers ?? {}), ...headers } });

      const none = await send({});
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await problemOf(none)).code).toBe('Unauthorized');

      const role = requiredRole(method, path) as Role;
      for (const wrong of WRONG_ROLE[role]) {
        const res = await send(app.auth(wrong));
        expect(res.status, wrong).toBe(403);
        expect((await problemOf(res)).code).toBe('Forbidden');
      }
      const allowed = await send(app.auth(role));
      expect([401, 403]).not.toContain(allowed.status);

      await revokeToken(app.db, app.clock, `test-${role}`);
      const revoked = await send(app.auth(role));
      expect(revoked.status).toBe(401);
    },
  );
});

describe('no personal data in public responses', () => {
  it('never shows an e-mail, an IP or a token hash on any public GET', async () => {
    const t = await makeTestApp({ config: { TRUST_PROXY: true } });
    await t.putArticle('a1');
    const ip = { 'X-Forwarded-For': '203.0.113.77' };
    const first = await (await t.postComment('a1', { email: 'secret.person@example.org', remember: true }, ip)).json();
    await t.postComment(
      'a1',
      { email: 'other.person@example.org', body: 'Réponse.', parentId: first.comment.id },
      { 'X-Forwarded-For': '203.0.113.78' },
    );
    const hashes = (await t.db.selectFrom('api_tokens').select('secret_hash').execute()).map((r) => r.secret_hash);
    const publicPaths = [
      '/v1/articles/a1',
      '/v1/articles/a1/comments',
      '/v1/comment-counts?articles=a1',
      '/openapi.json',
      '/healthz',
      '/readyz',
      '/nope',
    ];
    for (const path of publicPaths) {
      const text = await (await t.request(path, { headers: ip })).text();
      expect(text, path).not.toMatch(/person@example\.org/);
      expect(text, path).not.toMatch(/203\.0\.113\.\d+/);
      for (const hash of hashes) expect(text, path).not.toContain(hash);
    }
    // The POST answer itself carries the comment, not the e-mail or IP.
    const posted = await (await t.postComment('a1', { email: 'third.person@example.org', body: 'Encore.' }, ip)).text();
    expect(posted).not.toMatch(/third\.person|203\.0\.113/);
  });
});
