import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { findArticle } from '../../domain/articles/articles.js';
import { projectRoot } from '../../project-root.js';
import type { AppDeps, AppEnv } from '../env.js';
import { articleIdSchema } from '../schemas.js';

/**
 * The browser side of Vigie: the article-page embed (`/embed.js`, `/embed.css`), the moderator
 * console (`/moderation`) and a demo article page (`/demo/{articleId}`). The assets are plain,
 * hand-written files in src/ui/ (no build step), read from the package root so that the server
 * finds them whether it runs from src/ (tsx) or dist/src/ (tsc copies no non-TS file).
 */

/** The project's src/ui/ folder, found by walking up to package.json from this file. */
export function defaultUiDir(): string {
  const root = projectRoot((dir) => existsSync(join(dir, 'src', 'ui', 'embed.js')));
  if (root === null) throw new Error('Cannot find the src/ui/ folder of Vigie.');
  return join(root, 'src', 'ui');
}

/** For the console and demo pages: nothing inline, nothing from another origin, no framing. */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Fills `{{name}}` placeholders, escaping every value unless it is marked as already-safe HTML. */
function fill(template: string, values: Record<string, string | { html: string }>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) return '';
    return typeof value === 'string' ? escapeHtml(value) : value.html;
  });
}

const NOT_FOUND = {
  fr: { title: 'Article introuvable', text: 'Aucun article ne porte cet identifiant.' },
  en: { title: 'Article not found', text: 'No article has this id.' },
};

export function registerUiRoutes(app: OpenAPIHono<AppEnv>, { db }: AppDeps, uiDir = defaultUiDir()) {
  const read = (file: string) => readFile(join(uiDir, file), 'utf8');

  const page = (c: Context<AppEnv>, html: string, status: 200 | 404 = 200) =>
    c.body(html, status, {
      'Content-Type': TYPES.html,
      'Content-Security-Policy': PAGE_CSP,
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-cache',
    });

  // The embed is loaded by article pages of other origins (<script src> is a no-cors request):
  // it must not carry the API's same-origin resource policy.
  for (const file of ['embed.js', 'embed.css'] as const) {
    app.get(`/${file}`, async (c) =>
      c.body(await read(file), 200, {
        'Content-Type': file.endsWith('.js') ? TYPES.js : TYPES.css,
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'public, max-age=300',
      }),
    );
  }

  // The console's and the demo page's own assets: same-origin only.
  for (const file of ['console.js', 'console.css', 'demo.css'] as const) {
    app.get(`/ui/${file}`, async (c) =>
      c.body(await read(file), 200, {
        'Content-Type': file.endsWith('.js') ? TYPES.js : TYPES.css,
        'Cache-Control': 'no-cache',
      }),
    );
  }

  app.get('/moderation', async (c) => page(c, await read('console.html')));
  app.get('/moderation/', (c) => c.redirect('/moderation', 301));

  app.get('/demo/:articleId', async (c) => {
    const parsed = articleIdSchema.safeParse(c.req.param('articleId'));
    const article = parsed.success ? await findArticle(db, parsed.data) : undefined;
    if (!article) {
      const t = NOT_FOUND.fr;
      const html = fill(await read('demo-not-found.html'), { title: t.title, text: t.text });
      return page(c, html, 404);
    }
    const paragraphs = article.body
      .split(/\n\s*\n|\n/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('\n');
    const html = fill(await read('demo.html'), {
      lang: article.lang,
      title: article.title,
      articleId: article.id,
      paragraphs: { html: paragraphs },
      commentsLabel: article.lang === 'en' ? 'Comments' : 'Commentaires',
      siteName: article.lang === 'en' ? 'The Vigie Gazette' : 'La Gazette de Vigie',
      demoNote:
        article.lang === 'en'
          ? 'Demo page: an article page that embeds Vigie as a news site would.'
          : 'Page de démonstration : une page d’article qui intègre Vigie comme le ferait un site.',
    });
    return page(c, html);
  });
}
