import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { decideComment } from '../../domain/moderation/decide.js';
import { eventsOfComment, listEvents } from '../../domain/moderation/event-log.js';
import { listQueue, queueCounts } from '../../domain/moderation/queue.js';
import { ruleStats } from '../../domain/moderation/stats.js';
import { decodeCursor, page } from '../../domain/pagination.js';
import { eraseCommenter, exportCommenter } from '../../domain/privacy/privacy.js';
import type { Principal } from '../../domain/tokens/tokens.js';
import { explainViolations } from '../../rules/pipeline.js';
import type { Violation } from '../../rules/types.js';
import { requireRole } from '../auth.js';
import type { AppDeps, AppEnv } from '../env.js';
import { findCommentWithArticle, moderationItems } from '../moderation-items.js';
import {
  approveInputSchema,
  bulkInputSchema,
  bulkResultSchema,
  commentDetailSchema,
  commenterErasureSchema,
  commenterExportSchema,
  commenterParamsSchema,
  deleteInputSchema,
  eventPageSchema,
  eventsQuerySchema,
  moderatorCommentSchema,
  queueCountsSchema,
  queuePageSchema,
  queueQuerySchema,
  statsQuerySchema,
  statsSchema,
} from '../moderation-schemas.js';
import { ProblemError, problems } from '../problem.js';
import { commentParamsSchema, problemResponses } from '../schemas.js';
import { eventView, moderatorCommentView, storedViolationView } from '../views.js';

const security = [{ bearer: [] }];
const tags = ['Moderation'];
const authProblems = problemResponses(401, 403);

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const routes = {
  queue: createRoute({
    method: 'get',
    path: '/v1/moderation/queue',
    tags,
    security,
    summary: 'Pending comments, oldest first, with violations, reports and author history',
    request: { query: queueQuerySchema },
    responses: { 200: json(queuePageSchema, 'A page of the queue'), ...authProblems, ...problemResponses(422) },
  }),
  counts: createRoute({
    method: 'get',
    path: '/v1/moderation/queue/counts',
    tags,
    security,
    summary: 'Pending comments in all, per rule and per reason',
    responses: { 200: json(queueCountsSchema, 'Counts'), ...authProblems },
  }),
  comment: createRoute({
    method: 'get',
    path: '/v1/moderation/comments/{id}',
    tags,
    security,
    summary: 'One comment, any status, with its full event history',
    request: { params: commentParamsSchema },
    responses: { 200: json(commentDetailSchema, 'The comment'), ...authProblems, ...problemResponses(404) },
  }),
  approve: createRoute({
    method: 'post',
    path: '/v1/moderation/comments/{id}/approve',
    tags,
    security,
    summary: 'Publish a pending comment',
    request: {
      params: commentParamsSchema,
      body: { content: { 'application/json': { schema: approveInputSchema } }, required: false },
    },
    responses: {
      200: json(moderatorCommentSchema, 'Published'),
      ...authProblems,
      ...problemResponses(400, 404, 409, 415, 422),
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/v1/moderation/comments/{id}',
    tags,
    security,
    summary: 'Delete a pending or published comment (kept for the audit trail)',
    request: {
      params: commentParamsSchema,
      body: { content: { 'application/json': { schema: deleteInputSchema } }, required: false },
    },
    responses: {
      200: json(moderatorCommentSchema, 'Deleted'),
      ...authProblems,
      ...problemResponses(400, 404, 409, 415, 422),
    },
  }),
  bulk: createRoute({
    method: 'post',
    path: '/v1/moderation/bulk',
    tags,
    security,
    summary: 'Approve or delete up to 100 comments; each id succeeds or fails on its own',
    request: { body: { content: { 'application/json': { schema: bulkInputSchema } }, required: true } },
    responses: {
      200: json(bulkResultSchema, 'One result per id'),
      ...authProblems,
      ...problemResponses(400, 415, 422),
    },
  }),
  events: createRoute({
    method: 'get',
    path: '/v1/moderation/events',
    tags,
    security,
    summary: 'The audit log, newest first (append-only)',
    request: { query: eventsQuerySchema },
    responses: { 200: json(eventPageSchema, 'A page of events'), ...authProblems, ...problemResponses(422) },
  }),
  stats: createRoute({
    method: 'get',
    path: '/v1/moderation/stats',
    tags,
    security,
    summary: 'Per rule: comments flagged, then approved or deleted by moderators',
    request: { query: statsQuerySchema },
    responses: { 200: json(statsSchema, 'Statistics'), ...authProblems, ...problemResponses(422) },
  }),
  exportCommenter: createRoute({
    method: 'get',
    path: '/v1/moderation/commenters/{email}/export',
    tags,
    security,
    summary: 'GDPR: everything stored about one e-mail (logged)',
    request: { params: commenterParamsSchema },
    responses: { 200: json(commenterExportSchema, 'The export'), ...authProblems, ...problemResponses(422) },
  }),
  eraseCommenter: createRoute({
    method: 'delete',
    path: '/v1/moderation/commenters/{email}',
    tags,
    security,
    summary: 'GDPR: erase the personal data of one e-mail, keeping an anonymised audit trail (admin, logged)',
    request: { params: commenterParamsSchema },
    responses: {
      200: json(commenterErasureSchema, 'How many comments were erased'),
      ...authProblems,
      ...problemResponses(422),
    },
  }),
};

const actorOf = (principal: Principal) => `token:${principal.name}`;
const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;

export function registerModerationRoutes(app: OpenAPIHono<AppEnv>, { db, clock, rules, config, suggester }: AppDeps) {
  app.use('/v1/moderation/*', requireRole(db, 'moderator'));

  app.openapi(routes.queue, async (c) => {
    const { limit, cursor, ...filters } = c.req.valid('query');
    const rows = await listQueue(db, filters, limit, decodeCursor(cursor));
    const { items, nextCursor } = page(rows, limit);
    return c.json({ items: await moderationItems(db, items), nextCursor }, 200);
  });

  app.openapi(routes.counts, async (c) => c.json(await queueCounts(db), 200));

  app.openapi(routes.comment, async (c) => {
    const { id } = c.req.valid('param');
    const row = await findCommentWithArticle(db, id);
    if (!row) throw problems.notFound('CommentNotFound', 'Comment');
    const [item] = await moderationItems(db, [row]);
    const events = await eventsOfComment(db, id);
    // One comment, a moderator deciding: worth the spelling suggestions (within a budget).
    if (item) {
      const violations = item.violations as unknown as Violation[];
      await explainViolations(rules, violations, row.lang, config.MODERATION_SUGGESTIONS_MS, suggester);
    }
    return c.json({ ...(item as NonNullable<typeof item>), events: events.map(eventView) }, 200);
  });

  app.openapi(routes.approve, async (c) => {
    const { id } = c.req.valid('param');
    const { note } = c.req.valid('json');
    const comment = await decideComment(db, clock, {
      commentId: id,
      decision: 'approve',
      actor: actorOf(c.get('principal')),
      note,
    });
    return c.json(moderatorCommentView(comment), 200);
  });

  app.openapi(routes.remove, async (c) => {
    const { id } = c.req.valid('param');
    const { reason, note } = c.req.valid('json');
    const comment = await decideComment(db, clock, {
      commentId: id,
      decision: 'delete',
      actor: actorOf(c.get('principal')),
      reason,
      note,
    });
    return c.json(moderatorCommentView(comment), 200);
  });

  app.openapi(routes.bulk, async (c) => {
    const { action, ids, reason, note } = c.req.valid('json');
    const actor = actorOf(c.get('principal'));
    const results = [];
    // One transaction per id, in order: a failing id does not undo or stop the others.
    for (const id of ids) {
      try {
        const comment = await decideComment(db, clock, { commentId: id, decision: action, actor, reason, note });
        results.push({ id, status: comment.status });
      } catch (error) {
        if (!(error instanceof ProblemError)) throw error;
        results.push({ id, error: { code: error.code, status: error.status, detail: error.detail ?? error.title } });
      }
    }
    return c.json({ results }, 200);
  });

  app.openapi(routes.events, async (c) => {
    const { limit, cursor, ...filters } = c.req.valid('query');
    const rows = await listEvents(db, filters, limit, decodeCursor(cursor));
    const { items, nextCursor } = page(rows, limit);
    return c.json({ items: items.map(eventView), nextCursor }, 200);
  });

  app.openapi(routes.exportCommenter, async (c) => {
    const { email } = c.req.valid('param');
    const items = await exportCommenter(db, clock, email, actorOf(c.get('principal')));
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        email: email.toLowerCase(),
        comments: items.map((item) => ({
          comment: moderatorCommentView(item.comment),
          violations: item.violations.map(storedViolationView),
          events: item.events.map(eventView),
        })),
      },
      200,
    );
  });

  // Erasure is for administrators only: the moderator guard above lets admins through, this one
  // stops moderators.
  app.use('/v1/moderation/commenters/:email', async (c, next) => {
    if (c.req.method === 'DELETE') return requireRole(db)(c, next);
    return next();
  });
  app.openapi(routes.eraseCommenter, async (c) => {
    const { email } = c.req.valid('param');
    return c.json({ erased: await eraseCommenter(db, clock, email, actorOf(c.get('principal'))) }, 200);
  });

  app.openapi(routes.stats, async (c) => {
    const { since } = c.req.valid('query');
    const from = since ? new Date(since).toISOString() : new Date(clock.now().getTime() - THIRTY_DAYS_MS).toISOString();
    return c.json({ since: from, rules: await ruleStats(db, from) }, 200);
  });
}
