import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { articleExists } from '../../domain/articles/articles.js';
import { listPublished } from '../../domain/comments/repository.js';
import { submitComment } from '../../domain/comments/submit.js';
import { decodeCursor, page } from '../../domain/pagination.js';
import { clientIp } from '../client.js';
import { forgetCommenterIfRemembered, rememberCommenter } from '../commenter-cookies.js';
import type { AppEnv, RouteDeps } from '../env.js';
import { ProblemError, problems } from '../problem.js';
import {
  articleParamsSchema,
  commentInputSchema,
  commentPageSchema,
  pageQuerySchema,
  problemResponses,
  submittedCommentSchema,
} from '../schemas.js';
import { parseOrThrow, readFields } from '../validation.js';
import { publicCommentView, submittedCommentView, violationView } from '../views.js';

const listComments = createRoute({
  method: 'get',
  path: '/v1/articles/{articleId}/comments',
  tags: ['Comments'],
  summary: 'Published comments of an article, oldest first (keyset pagination)',
  request: { params: articleParamsSchema, query: pageQuerySchema },
  responses: {
    200: { description: 'A page of comments', content: { 'application/json': { schema: commentPageSchema } } },
    ...problemResponses(404, 422),
  },
});

export function registerCommentRoutes(app: OpenAPIHono<AppEnv>, deps: RouteDeps) {
  const { db, config, logger } = deps;
  const inputSchema = commentInputSchema(config);
  const bodyContent = { schema: inputSchema };

  // Registered by hand because one route takes JSON and plain HTML forms alike: the body is read
  // by readFields and validated by the same schema the document shows.
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/v1/articles/{articleId}/comments',
    tags: ['Comments'],
    summary: 'Submit a comment (JSON or HTML form)',
    description:
      '201 when published at once, 202 when it waits for a moderator. `remember` sets the vigie_author and vigie_email cookies; without it, those the browser sent are expired.',
    request: {
      params: articleParamsSchema,
      body: {
        required: true,
        content: {
          'application/json': bodyContent,
          'application/x-www-form-urlencoded': bodyContent,
          'multipart/form-data': bodyContent,
        },
      },
    },
    responses: {
      201: { description: 'Published', content: { 'application/json': { schema: submittedCommentSchema } } },
      202: {
        description: 'Waiting for a moderator',
        content: { 'application/json': { schema: submittedCommentSchema } },
      },
      ...problemResponses(400, 403, 404, 409, 413, 415, 422, 429),
    },
  });

  // Built once, not per request: on Node 20's V8, `{ ...deps, onRuleError }` made a new hidden
  // class for every comment (see submittedCommentView), and the old generation filled with them
  // and with what they kept alive (docs/performance-history.md, 2026-11-29 "From 12:32").
  const submitDeps = {
    ...deps,
    onRuleError: (rule: string, error: unknown) => logger.error({ err: error, rule }, 'rule failed; skipped'),
  };

  app.post('/v1/articles/:articleId/comments', async (c) => {
    const { articleId } = parseOrThrow(articleParamsSchema, { articleId: c.req.param('articleId') });
    const fields = parseOrThrow(inputSchema, await readFields(c));
    const outcome = await submitComment(submitDeps, {
      articleId,
      author: fields.author,
      email: fields.email,
      body: fields.body,
      parentId: fields.parentId,
      honeypot: fields.website,
      ip: clientIp(c, config),
      userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null,
    });
    const violations = outcome.violations.map((v) => violationView(v, outcome.article.lang));

    if (outcome.comment.status === 'deleted') {
      throw new ProblemError(422, 'CommentRejected', 'Comment rejected', 'This comment breaks the site rules.', {
        violations,
      });
    }
    if (fields.remember) rememberCommenter(c, config, outcome.comment.author, outcome.comment.email);
    else forgetCommenterIfRemembered(c, config);
    const status = outcome.comment.status === 'published' ? 201 : 202;
    return c.json({ comment: submittedCommentView(outcome.comment), violations }, status);
  });

  app.openapi(listComments, async (c) => {
    const { articleId } = c.req.valid('param');
    const { limit, cursor } = c.req.valid('query');
    if (!(await articleExists(db, articleId))) throw problems.notFound('ArticleNotFound', 'Article');
    const rows = await listPublished(db, articleId, limit, decodeCursor(cursor));
    const { items, nextCursor } = page(rows, limit);
    return c.json({ items: items.map(publicCommentView), nextCursor }, 200);
  });
}
