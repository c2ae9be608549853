import { z } from '@hono/zod-openapi';
import { REPORT_REASONS } from '../domain/reports/reports.js';
import {
  articleIdSchema,
  cleanText,
  commentIdSchema,
  langSchema,
  pageQuerySchema,
  violationSchema,
} from './schemas.js';

/** Shapes of the moderation desk API. Moderators may see e-mails and IPs; readers never do. */

const note = cleanText(z.string().trim().max(2000));
export const deleteReasonSchema = z.enum(REPORT_REASONS);

export const moderatorCommentSchema = z
  .object({
    id: z.string(),
    articleId: z.string(),
    parentId: z.string().nullable(),
    author: z.string(),
    email: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    body: z.string(),
    lang: langSchema,
    status: z.enum(['pending', 'published', 'deleted']),
    holdReason: z.enum(['flagged', 'premoderation', 'reported']).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('ModeratorComment');

export const storedViolationSchema = violationSchema.extend({ rulesVersion: z.string() }).openapi('StoredViolation');

export const reportSchema = z
  .object({ reason: z.string(), detail: z.string().nullable(), createdAt: z.string() })
  .openapi('Report');

export const authorHistorySchema = z
  .object({
    published: z.number().int(),
    deleted: z.number().int(),
    pending: z.number().int(),
    countLimit: z
      .number()
      .int()
      .openapi({ description: 'Each count stops at this number: a count equal to it means at least as many.' }),
  })
  .openapi('AuthorHistory', {
    description: 'Comments of the same e-mail so far, by status, each counted up to `countLimit`.',
  });

export const eventSchema = z
  .object({
    id: z.string(),
    commentId: z.string(),
    action: z.enum(['publish', 'hold', 'reject', 'approve', 'delete', 'requeue', 'erase']),
    from: z.string().nullable(),
    to: z.string(),
    actor: z.string(),
    reason: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ModerationEvent');

export const queueItemSchema = z
  .object({
    comment: moderatorCommentSchema,
    article: z.object({ id: z.string(), title: z.string() }),
    violations: z.array(storedViolationSchema),
    reports: z.array(reportSchema),
    authorHistory: authorHistorySchema,
  })
  .openapi('QueueItem');

export const queueQuerySchema = pageQuerySchema.extend({
  rule: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,63}$/, 'Not a rule id.')
    .optional(),
  articleId: articleIdSchema.optional(),
  reason: z.enum(['flagged', 'reported', 'premoderation']).optional(),
});

export const queuePageSchema = z
  .object({ items: z.array(queueItemSchema), nextCursor: z.string().nullable() })
  .openapi('QueuePage');

export const queueCountsSchema = z
  .object({
    total: z.number().int(),
    byRule: z.record(z.string(), z.number().int()),
    byReason: z.record(z.string(), z.number().int()),
  })
  .openapi('QueueCounts');

export const commentDetailSchema = queueItemSchema.extend({ events: z.array(eventSchema) }).openapi('CommentDetail');

export const approveInputSchema = z.strictObject({ note: note.optional() }).openapi('ApproveInput');
export const deleteInputSchema = z
  .strictObject({ reason: deleteReasonSchema.optional(), note: note.optional() })
  .openapi('DeleteInput');

export const bulkInputSchema = z
  .strictObject({
    action: z.enum(['approve', 'delete']),
    ids: z.array(commentIdSchema).min(1).max(100),
    reason: deleteReasonSchema.optional(),
    note: note.optional(),
  })
  .openapi('BulkInput');

export const bulkResultSchema = z
  .object({
    results: z.array(
      z.union([
        z.object({ id: z.string(), status: z.enum(['pending', 'published', 'deleted']) }),
        z.object({
          id: z.string(),
          error: z.object({ code: z.string(), status: z.number().int(), detail: z.string() }),
        }),
      ]),
    ),
  })
  .openapi('BulkResult');

export const eventsQuerySchema = pageQuerySchema.extend({
  commentId: commentIdSchema.optional(),
  actor: cleanText(z.string().min(1).max(200)).optional(),
});

export const eventPageSchema = z
  .object({ items: z.array(eventSchema), nextCursor: z.string().nullable() })
  .openapi('EventPage');

export const statsQuerySchema = z.object({
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'ISO 8601 date-time; default: 30 days ago.' }),
});

export const statsSchema = z
  .object({
    since: z.string(),
    rules: z.record(
      z.string(),
      z.object({
        flagged: z.number().int(),
        approved: z.number().int(),
        deleted: z.number().int(),
        rejected: z.number().int(),
        pending: z.number().int(),
        falsePositiveRate: z.number().nullable(),
      }),
    ),
  })
  .openapi('RuleStats');

export const reportInputSchema = z
  .strictObject({ reason: deleteReasonSchema, detail: cleanText(z.string().trim().max(1000)).optional() })
  .openapi('ReportInput');

export const reportResultSchema = z.object({ received: z.literal(true) }).openapi('ReportReceived');

export const commenterParamsSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email())
    .openapi({ param: { name: 'email', in: 'path' }, example: 'lecteur@example.org' }),
});

export const commenterExportSchema = z
  .object({
    email: z.string(),
    comments: z.array(
      z.object({
        comment: moderatorCommentSchema,
        violations: z.array(storedViolationSchema),
        events: z.array(eventSchema),
      }),
    ),
  })
  .openapi('CommenterExport');

export const commenterErasureSchema = z.object({ erased: z.number().int() }).openapi('CommenterErasure');
