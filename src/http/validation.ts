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
  if (type === 'application/x-www-form-urlencoded') return parseUrlEncoded(await c.req.text());
  if (type === 'multipart/form-data') {
    let fields: Record<string, unknown>;
    try {
      fields = await c.req.parseBody();
    } catch {
      throw problems.malformedBody('The form body could not be parsed.');
    }
    // Multipart parts are decoded leniently: a replacement character means bytes were not UTF-8.
    if (Object.values(fields).some((v) => typeof v === 'string' && v.includes('\uFFFD'))) {
      throw problems.malformedBody('The form body is not valid UTF-8.');
    }
    return fields;
  }
  throw problems.unsupportedMediaType(['application/json', ...FORM_TYPES]);
}

/**
 * application/x-www-form-urlencoded, strictly: a percent-escape that does not decode to UTF-8
 * ("%FF") is a 400, where URLSearchParams would silently store U+FFFD. A repeated field keeps
 * its last value, as most servers do.
 */
function parseUrlEncoded(body: string): Record<string, string> {
  // A Map, turned into an object at the end: a field named "__proto__" stays a plain field.
  const fields = new Map<string, string>();
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const [rawKey, rawValue] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    try {
      fields.set(decodeURIComponent(rawKey.replaceAll('+', ' ')), decodeURIComponent(rawValue.replaceAll('+', ' ')));
    } catch {
      throw problems.malformedBody('The form body has an invalid percent-escape (not UTF-8).');
    }
  }
  return Object.fromEntries(fields);
}
