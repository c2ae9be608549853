import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { reportComment } from '../../domain/reports/reports.js';
import { clientIp } from '../client.js';
import type { AppDeps, AppEnv } from '../env.js';
import { reportInputSchema, reportResultSchema } from '../moderation-schemas.js';
import { commentParamsSchema, problemResponses } from '../schemas.js';

const report = createRoute({
  method: 'post',
  path: '/v1/comments/{id}/reports',
  tags: ['Comments'],
  summary: 'Report a published comment to the moderators (public)',
  description:
    'Reports from REPORT_THRESHOLD different IPs send the comment back to the queue; one IP reporting twice counts once.',
  request: {
    params: commentParamsSchema,
    body: { content: { 'application/json': { schema: reportInputSchema } }, required: true },
  },
  responses: {
    202: { description: 'Received', content: { 'application/json': { schema: reportResultSchema } } },
    ...problemResponses(400, 404, 415, 422, 429),
  },
});

export function registerReportRoutes(app: OpenAPIHono<AppEnv>, { db, clock, config }: AppDeps) {
  app.openapi(report, async (c) => {
    const { id } = c.req.valid('param');
    const { reason, detail } = c.req.valid('json');
    await reportComment(db, clock, config.REPORT_THRESHOLD, {
      commentId: id,
      ip: clientIp(c, config) ?? 'unknown',
      reason,
      detail,
    });
    // The same answer whatever the count: a reader learns nothing about other reports.
    return c.json({ received: true as const }, 202);
  });
}
