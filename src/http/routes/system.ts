import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { AppDeps, AppEnv } from '../env.js';
import { ProblemError } from '../problem.js';

const require = createRequire(import.meta.url);

/** Swagger UI's files come from the swagger-ui-dist package, served by us: no CDN needed. */
const SWAGGER_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Vigie API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

// A separate file rather than an inline script, so that the page works under a strict CSP.
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' });`;

export function registerSystemRoutes(app: OpenAPIHono<AppEnv>, { db }: AppDeps) {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    try {
      await sql`select 1`.execute(db);
    } catch {
      throw new ProblemError(503, 'NotReady', 'Not ready', 'The database does not answer.');
    }
    return c.json({ status: 'ready' });
  });

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Vigie',
      version: '1.0.0',
      description:
        'Comment moderation for news sites: intake, four explainable rules, moderation desk. Errors are RFC 9457 problem details with a stable `code`.',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });

  app.get('/docs', (c) => c.html(DOCS_PAGE));
  app.get('/docs/init.js', (c) => c.body(DOCS_INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
  // One static route per file, not one route with a pattern: a pattern with "|" is one that
  // Hono's RegExpRouter cannot compile, and then every request of the API, not just these, went
  // through the slower TrieRouter it falls back to (~4 KB allocated per lookup under POST load).
  for (const [file, contentType] of Object.entries(SWAGGER_FILES)) {
    // Read once, on the file's first request (the bundle is 1.5 MB), then served from memory.
    let read: Promise<Buffer<ArrayBuffer>> | undefined;
    app.get(`/docs/${file}`, async (c) => {
      read ??= readFile(join(swaggerDir, file));
      const body = await read;
      return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'public, max-age=86400' });
    });
  }
}
