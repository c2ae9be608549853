import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { ArticleCache } from './domain/articles/article-cache.js';
import type { AppDeps, AppEnv, RouteDeps } from './http/env.js';
import { ProblemError, problemResponse, problems } from './http/problem.js';
import { writeRateLimit } from './http/rate-limit.js';
import { corsHeaders, securityHeaders } from './http/response-headers.js';
import { registerArticleRoutes } from './http/routes/articles.js';
import { registerCheckRoutes } from './http/routes/check.js';
import { registerCommenterRoutes } from './http/routes/commenter.js';
import { registerCommentRoutes } from './http/routes/comments.js';
import { registerModerationRoutes } from './http/routes/moderation.js';
import { registerReportRoutes } from './http/routes/reports.js';
import { registerSystemRoutes } from './http/routes/system.js';
import { registerUiRoutes } from './http/routes/ui.js';
import { turnGate } from './http/turn-gate.js';
import { utf8Guard } from './http/utf8-guard.js';
import { validationHook } from './http/validation.js';

export type { AppDeps } from './http/env.js';

/**
 * The whole HTTP service, built from its dependencies. Tests call it with an in-memory database
 * and `app.request()`; server.ts calls it with the real ones and listens.
 */
export function createApp(deps: AppDeps) {
  const { config, clock, logger } = deps;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  if (deps.turn) app.use(turnGate(deps.turn));
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        reqId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
  // A route's own value of a header wins (the UI pages' CSP, the embed's CORP).
  app.use(securityHeaders());
  app.use(
    '/v1/*',
    corsHeaders({
      allowOrigin: (origin) => config.CORS_ORIGINS.includes(origin),
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Authorization'],
      maxAge: 600,
    }),
  );
  const limitBody = bodyLimit({
    maxSize: config.MAX_BODY_BYTES,
    onError: () => {
      throw problems.payloadTooLarge(config.MAX_BODY_BYTES);
    },
  });
  app.use((c, next) => {
    // Asking @hono/node-server for the body stream (bodyLimit does) builds a full fetch Request
    // and reads the body through web streams: GET and HEAD have no body, and a declared
    // Content-Length (the parser enforces it) is checked without reading anything.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined && /^\d+$/.test(length)) {
      if (Number(length) > config.MAX_BODY_BYTES) throw problems.payloadTooLarge(config.MAX_BODY_BYTES);
      return next();
    }
    return limitBody(c, next);
  });
  app.use(utf8Guard);
  // Drafts are checked as readers type (the embed debounces): /v1/check gets its own, larger
  // budget so that checking never eats the budget of the post that follows.
  app.use('/v1/*', writeRateLimit(config, clock, { skip: (path) => path === '/v1/check' }));
  app.use('/v1/check', writeRateLimit(config, clock, { multiplier: 4 }));

  const routeDeps: RouteDeps = { ...deps, articles: new ArticleCache(clock, config.ARTICLE_CACHE_MS) };
  registerSystemRoutes(app, deps);
  registerArticleRoutes(app, routeDeps);
  registerCommentRoutes(app, routeDeps);
  registerCheckRoutes(app, routeDeps);
  registerCommenterRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerModerationRoutes(app, deps);
  registerUiRoutes(app, deps);

  app.notFound((c) => problemResponse(c, problems.notFound('NotFound', 'Resource')));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    if (error instanceof HTTPException && error.status < 500) {
      // Raised by Hono's own validators: malformed JSON or form (400), wrong content type (415).
      const problem =
        error.status === 415
          ? problems.unsupportedMediaType(['application/json'])
          : error.status === 413
            ? problems.payloadTooLarge(config.MAX_BODY_BYTES)
            : error.status === 400
              ? problems.malformedBody(error.message)
              : new ProblemError(error.status, 'BadRequest', 'Bad request', error.message);
      return problemResponse(c, problem);
    }
    logger.error({ err: error, reqId: c.get('requestId') }, 'unhandled error');
    return problemResponse(
      c,
      new ProblemError(500, 'InternalError', 'Internal error', 'Something went wrong on our side.'),
    );
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
