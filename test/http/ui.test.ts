import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultUiDir, escapeHtml, PAGE_CSP } from '../../src/http/routes/ui.js';
import { makeTestApp, problemOf } from '../helpers.js';

const uiDir = defaultUiDir();
// These tests are about pages and headers, not rules: an app without rule modules loads faster
// and does not depend on the rules' data.

describe('UI routes', () => {
  it('serves the embed script and stylesheet to pages of any origin', async () => {
    const t = await makeTestApp({ modules: [] });
    for (const [path, type] of [
      ['/embed.js', 'text/javascript; charset=utf-8'],
      ['/embed.css', 'text/css; charset=utf-8'],
    ] as const) {
      const res = await t.request(path, { headers: { Origin: 'https://www.site.example' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      // <script src> from another origin is a no-cors request: a same-origin CORP would block it.
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(readFileSync(join(uiDir, path.slice(1)), 'utf8'));
    }
  });

  it('keeps the same-origin resource policy on the API', async () => {
    const t = await makeTestApp({ modules: [] });
    const res = await t.request('/healthz');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('serves the console with a strict Content-Security-Policy', async () => {
    const t = await makeTestApp({ modules: [] });
    const res = await t.request('/moderation');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(PAGE_CSP);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('<script src="/ui/console.js" defer></script>');
    const slash = await t.request('/moderation/');
    expect(slash.status).toBe(301);
    expect(slash.headers.get('location')).toBe('/moderation');

    for (const [path, type] of [
      ['/ui/console.js', 'text/javascript; charset=utf-8'],
      ['/ui/console.css', 'text/css; charset=utf-8'],
      ['/ui/demo.css', 'text/css; charset=utf-8'],
    ] as const) {
      const asset = await t.request(path);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('content-type')).toBe(type);
    }
  });

  it('renders the demo page of a registered article, escaping its title and text', async () => {
    const t = await makeTestApp({ modules: [] });
    await t.putArticle('panne', {
      title: 'Panne <script>alert("x")</script> & co',
      body: 'Premier paragraphe <img src=x onerror=alert(1)>.\n\nSecond "paragraphe".',
      lang: 'fr',
    });
    const res = await t.request('/demo/panne');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    const html = await res.text();
    expect(html).toContain('<h1>Panne &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; co</h1>');
    expect(html).toContain('<p>Premier paragraphe &#60;img src=x onerror=alert(1)&#62;.</p>');
    expect(html).toContain('<p>Second &#34;paragraphe&#34;.</p>');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('<div data-vigie-article="panne"></div>');
    expect(html).toContain('<span data-vigie-count="panne">');
    expect(html).toContain('<script src="/embed.js" async></script>');
    expect(html).toContain('<html lang="fr">');
  });

  it('renders an English article page in English', async () => {
    const t = await makeTestApp({ modules: [] });
    await t.putArticle('outage', { title: 'Outage', body: 'A cable was cut.', lang: 'en' });
    const html = await (await t.request('/demo/outage')).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('aria-label="Comments"');
  });

  it('answers 404 with an HTML page for an unknown or invalid article', async () => {
    const t = await makeTestApp({ modules: [] });
    for (const path of ['/demo/inconnu', '/demo/%3Cscript%3E', '/demo/..%2F..%2Fpackage.json']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
      expect(await res.text()).toContain('Article introuvable');
    }
  });

  it('leaves other paths to the API 404', async () => {
    const t = await makeTestApp({ modules: [] });
    for (const path of ['/ui/other.js', '/ui/../package.json', '/embed.json', '/moderation/x']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(404);
      expect((await problemOf(res)).code).toBe('NotFound');
    }
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;',
    );
  });
});

describe('UI assets', () => {
  const files = readdirSync(uiDir);

  it('never turn data into HTML in script', () => {
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(join(uiDir, file), 'utf8');
      for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function']) {
        expect(source.includes(sink), `${file} uses ${sink}`).toBe(false);
      }
    }
  });

  it('have no inline script, style or event handler in their HTML (the CSP would block them)', () => {
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(uiDir, file), 'utf8');
      expect(html, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html, file).not.toMatch(/<style\b/i);
      expect(html, file).not.toMatch(/\sstyle=/i);
      expect(html, file).not.toMatch(/\son[a-z]+=/i);
      expect(html, file).not.toMatch(/\b(src|href)="(https?:)?\/\//i);
    }
  });
});
