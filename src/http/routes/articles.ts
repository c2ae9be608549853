import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { findArticle, publishedCounts, upsertArticle } from '../../domain/articles/articles.js';
import { prepareArticle, termsToStore } from '../../rules/pipeline.js';
import { requireRole } from '../auth.js';
import type { AppEnv, RouteDeps } from '../env.js';
import { problems } from '../problem.js';
import {
  articleInputSchema,
  articleParamsSchema,
  articleViewSchema,
  countsQuerySchema,
  countsSchema,
  problemResponses,
} from '../schemas.js';
import { articleView } from '../views.js';

const putArticle = createRoute({
  method: 'put',
  path: '/v1/articles/{articleId}',
  tags: ['Articles'],
  summary: 'Register or update an article (CMS)',
  security: [{ bearer: [] }],
  request: {
    params: articleParamsSchema,
    body: { content: { 'application/json': { schema: articleInputSchema } }, required: true },
  },
  responses: {
    200: { description: 'Updated', content: { 'application/json': { schema: articleViewSchema } } },
    201: { description: 'Created', content: { 'application/json': { schema: articleViewSchema } } },
    ...problemResponses(400, 401, 403, 413, 415, 422),
  },
});

const getArticle = createRoute({
  method: 'get',
  path: '/v1/articles/{articleId}',
  tags: ['Articles'],
  summary: 'Public view of an article, with its published-comment count',
  request: { params: articleParamsSchema },
  responses: {
    200: { description: 'The article', content: { 'application/json': { schema: articleViewSchema } } },
    ...problemResponses(404, 422),
  },
});

const getCounts = createRoute({
  method: 'get',
  path: '/v1/comment-counts',
  tags: ['Articles'],
  summary: 'Published-comment counts of up to 100 articles, for article lists',
  request: { query: countsQuerySchema },
  responses: {
    200: { description: 'Counts by article id', content: { 'application/json': { schema: countsSchema } } },
    ...problemResponses(422),
  },
});

export function registerArticleRoutes(app: OpenAPIHono<AppEnv>, { db, clock, rules, articles }: RouteDeps) {
  app.use('/v1/articles/:articleId', async (c, next) => {
    // Only writes need a token; GET stays public.
    if (c.req.method === 'PUT') return requireRole(db, 'publisher')(c, next);
    return next();
  });

  app.openapi(putArticle, async (c) => {
    const { articleId } = c.req.valid('param');
    const input = c.req.valid('json');
    // What the rules see of this version of the article (the row written below holds the same).
    const context = { id: articleId, title: input.title, body: input.body, tags: input.tags, lang: input.lang };
    // The terms the on-topic IDF counts the article by, stored with it, so that no start-up has
    // to stem it (see bootstrap.ts); the profile analysed below then finds its stems memoised.
    const terms = termsToStore(rules, context);
    const { article, created } = await upsertArticle(db, clock, articleId, input, terms);
    // Comments and drafts see the new version from now on, not after the cache's time.
    articles.forget(articleId);
    // Analyse the article now (the on-topic rule's profile), not on its first comment.
    prepareArticle(rules, context);
    const counts = await publishedCounts(db, [article.id]);
    return c.json(articleView(article, counts[article.id] ?? 0), created ? 201 : 200);
  });

  app.openapi(getArticle, async (c) => {
    const { articleId } = c.req.valid('param');
    const article = await findArticle(db, articleId);
    if (!article) throw problems.notFound('ArticleNotFound', 'Article');
    const counts = await publishedCounts(db, [article.id]);
    return c.json(articleView(article, counts[article.id] ?? 0), 200);
  });

  app.openapi(getCounts, async (c) => {
    const { articles } = c.req.valid('query');
    return c.json({ counts: await publishedCounts(db, [...new Set(articles)]) }, 200);
  });
}
