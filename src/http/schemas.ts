import { z } from '@hono/zod-openapi';
import type { Config } from '../config.js';

/**
 * The API's request and response shapes. Requests are validated with these at the edge and the
 * OpenAPI document is generated from them, so the docs cannot drift from the code.
 */

// C0 controls other than tab/newline/carriage return, and DEL: never meaningful in a comment.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Bidirectional overrides let a pseudo display as someone else's name.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

export const cleanText = (s: z.ZodString) =>
  s
    .refine((v) => v.isWellFormed(), 'Must be valid Unicode text (no lone surrogates).')
    .refine((v) => !CONTROL_CHARS.test(v), 'Must not contain control characters.');

export const articleIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'Letters, digits, and . _ : - (at most 128 characters).')
  .openapi({ example: 'panne-sfr-2026' });

export const articleParamsSchema = z.object({
  articleId: articleIdSchema.openapi({ param: { name: 'articleId', in: 'path' } }),
});

// Ids are UUIDs today; any other shape is refused before it reaches a query (PostgreSQL, for one,
// rejects NUL bytes in text with an error).
export const commentIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a comment id.');
export const commentParamsSchema = z.object({
  id: commentIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const langSchema = z.enum(['fr', 'en']);

export const articleInputSchema = z
  .strictObject({
    title: cleanText(z.string().trim().min(1).max(300)),
    body: cleanText(z.string().trim().min(1).max(200_000)),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
    lang: langSchema.default('fr'),
    tags: z
      .array(cleanText(z.string().trim().min(1).max(100)))
      .max(50)
      .default([]),
    commentsOpen: z.boolean().default(true),
    premoderation: z.enum(['none', 'first', 'all']).optional(),
  })
  .openapi('ArticleInput');

export const articleViewSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    lang: langSchema,
    commentsOpen: z.boolean(),
    commentCount: z.number().int(),
  })
  .openapi('Article');

const formBoolean = z
  .union([z.boolean(), z.enum(['1', '0', 'on', 'off', 'true', 'false', 'yes', 'no', ''])])
  .transform((v) => v === true || v === '1' || v === 'on' || v === 'true' || v === 'yes');

/** Comment fields, from JSON or from an HTML form (where every value is a string). */
export function commentInputSchema(config: Config) {
  return z
    .object({
      author: cleanText(z.string().trim().min(1).max(50)).refine((v) => !BIDI_CONTROLS.test(v), {
        message: 'Must not contain bidirectional control characters.',
      }),
      email: z.string().trim().max(254).pipe(z.email('Must be a valid e-mail address.')),
      body: cleanText(z.string().trim().min(1).max(config.MAX_COMMENT_LENGTH)),
      parentId: z.preprocess((v) => (v === '' ? undefined : v), commentIdSchema.optional()),
      remember: formBoolean.optional(),
      /** Honeypot: hidden by the form, so only bots fill it. */
      website: z.string().max(2048).optional(),
    })
    .openapi('CommentInput');
}

export const spanSchema = z
  .object({ start: z.number().int(), end: z.number().int(), text: z.string() })
  .openapi('Span', { description: '0-based, half-open UTF-16 offsets into the comment body.' });

export const violationSchema = z
  .object({
    rule: z.string(),
    messageId: z.string(),
    message: z.string(),
    severity: z.enum(['low', 'medium', 'high']),
    spans: z.array(spanSchema),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('Violation');

export const publicCommentSchema = z
  .object({
    id: z.string(),
    articleId: z.string(),
    parentId: z.string().nullable(),
    author: z.string(),
    body: z.string(),
    lang: langSchema,
    createdAt: z.string(),
  })
  .openapi('Comment');

export const submittedCommentSchema = z
  .object({
    comment: publicCommentSchema.extend({ status: z.enum(['published', 'pending']) }),
    violations: z.array(violationSchema),
  })
  .openapi('SubmittedComment');

export const commentPageSchema = z
  .object({ items: z.array(publicCommentSchema), nextCursor: z.string().nullable() })
  .openapi('CommentPage');

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});

export const countsQuerySchema = z.object({
  articles: z
    .string()
    .transform((s) => s.split(',').filter((id) => id !== ''))
    .pipe(z.array(articleIdSchema).min(1).max(100)),
});

export const countsSchema = z.object({ counts: z.record(z.string(), z.number().int()) }).openapi('CommentCounts');

export const commenterSchema = z
  .object({ author: z.string().nullable(), email: z.string().nullable() })
  .openapi('Commenter');

export const checkInputSchema = z
  .strictObject({
    articleId: articleIdSchema.optional(),
    body: cleanText(z.string().trim().min(1).max(100_000)),
    author: z.string().max(50).optional(),
    lang: langSchema.optional(),
  })
  .openapi('CheckInput');

export const checkResultSchema = z
  .object({
    decision: z.enum(['publish', 'queue', 'reject']),
    lang: langSchema,
    violations: z.array(violationSchema),
  })
  .openapi('CheckResult');

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

/** The problem responses a route can give, for the OpenAPI document. */
export function problemResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'Malformed body',
    401: 'Missing, unknown or revoked token',
    403: 'Forbidden',
    404: 'Not found',
    409: 'Conflict',
    413: 'Body too large',
    415: 'Unsupported media type',
    422: 'Validation failed',
    429: 'Too many requests',
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s] ?? 'Error', content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
}
