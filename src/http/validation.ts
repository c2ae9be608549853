import type { Context } from 'hono';
import type { z } from 'zod';
import { type FieldError, problems } from './problem.js';

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** Validates with a zod schema or throws the 422 problem listing every bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw problems.validation(issuesToErrors(result.error.issues));
  return result.data;
}

/** The OpenAPIHono hook: a failed validation of any request part becomes the 422 problem. */
export function validationHook(
  result: { success: boolean; error?: { issues: readonly z.core.$ZodIssue[] } },
  _c: Context,
) {
  if (!result.success && result.error) throw problems.validation(issuesToErrors(result.error.issues));
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * The fields of a request that may come as JSON or as a plain HTML form post (no script on the
 * page). Anything else is 415; a body that does not parse is 400.
 */
export async function readFields(c: Context): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type)) {
    try {
      return await c.req.json();
    } catch {
      throw problems.malformedBody('The body is not valid JSON.');
    }
  }
  if (FORM_TYPES.includes(type)) {
    try {
      return await c.req.parseBody();
    } catch {
      throw problems.malformedBody('The form body could not be parsed.');
    }
  }
  throw problems.unsupportedMediaType(['application/json', ...FORM_TYPES]);
}
