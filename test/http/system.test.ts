import { describe, expect, it } from 'vitest';
import { makeTestApp, problemOf } from '../helpers.js';

describe('health and docs', () => {
  it('GET /healthz and /readyz answer when the database is reachable', async () => {
    const t = await makeTestApp();
    const health = await t.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await t.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('GET /readyz answers 503 once the database is gone', async () => {
    const t = await makeTestApp();
    await t.db.destroy();
    const res = await t.request('/readyz');
    expect(res.status).toBe(503);
    expect((await problemOf(res)).code).toBe('NotReady');
  });

  it('documents every API route in the generated OpenAPI 3.1 document', async () => {
    const t = await makeTestApp();
    const res = await t.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    const served = t.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/v1/'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`);
    expect(served.length).toBeGreaterThanOrEqual(9);
    for (const route of served) expect(documented, route).toContain(route);
    // The comment route documents its three content types.
    const post = doc.paths['/v1/articles/{articleId}/comments'].post;
    expect(Object.keys(post.requestBody.content).sort()).toEqual([
      'application/json',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
    ]);
  });

  it('serves interactive docs from its own files, without inline script', async () => {
    const t = await makeTestApp();
    const page = await t.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    const bundle = await t.request('/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    const css = await t.request('/docs/swagger-ui.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect((await t.request('/docs/init.js')).status).toBe(200);
    expect((await t.request('/docs/package.json')).status).toBe(404);
  });

  it('routes every request with RegExpRouter: no route makes Hono fall back to its TrieRouter', async () => {
    // SmartRouter picks its router at the first request; one route RegExpRouter cannot compile
    // (a pattern with "|") sent every request through TrieRouter, which allocates per lookup.
    const t = await makeTestApp();
    await t.request('/healthz');
    expect(t.app.router.name).toBe('SmartRouter + RegExpRouter');
  });

  it('answers unknown routes with a 404 problem and sets security headers', async () => {
    const t = await makeTestApp();
    const res = await t.request('/nope');
    expect(res.status).toBe(404);
    expect((await problemOf(res)).code).toBe('NotFound');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    // Hono's secureHeaders() defaults, on API answers too.
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});

describe('CORS', () => {
  it('allows the configured origins with credentials, and no other', async () => {
    const t = await makeTestApp({ config: { CORS_ORIGINS: ['https://www.site.example'] } });
    const preflight = await t.request('/v1/check', {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.site.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://www.site.example');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');

    const allowed = await t.request('/v1/commenter', { headers: { Origin: 'https://www.site.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://www.site.example');
    const other = await t.request('/v1/commenter', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('vary')).toContain('Origin');
    expect(other.headers.get('vary')).toContain('Origin');
  });
});
