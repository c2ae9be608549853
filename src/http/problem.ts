import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * RFC 9457 problem details. Every error the API returns is one of these, with a stable `code`
 * that clients switch on (the `title` and `detail` are for people and may change).
 */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }
}

export interface FieldError {
  path: string;
  message: string;
}

/** Shorthands for the problems the domain raises, so codes and titles stay consistent. */
export const problems = {
  validation: (errors: FieldError[], detail = 'The request has invalid fields.') =>
    new ProblemError(422, 'ValidationFailed', 'Validation failed', detail, { errors }),
  malformedBody: (detail: string) => new ProblemError(400, 'MalformedBody', 'Malformed request body', detail),
  unsupportedMediaType: (allowed: string[]) =>
    new ProblemError(415, 'UnsupportedMediaType', 'Unsupported media type', `Send one of: ${allowed.join(', ')}.`),
  payloadTooLarge: (limit: number) =>
    new ProblemError(413, 'PayloadTooLarge', 'Request body too large', `The body must not exceed ${limit} bytes.`),
  notFound: (code: string, what: string) => new ProblemError(404, code, `${what} not found`),
  unauthorized: (detail = 'A valid bearer token is required.') =>
    new ProblemError(401, 'Unauthorized', 'Unauthorized', detail, {}, { 'WWW-Authenticate': 'Bearer realm="vigie"' }),
  forbidden: (detail: string) => new ProblemError(403, 'Forbidden', 'Forbidden', detail),
  tooManyRequests: (code: string, retryAfterSeconds: number, detail: string) =>
    new ProblemError(
      429,
      code,
      'Too many requests',
      detail,
      { retryAfter: retryAfterSeconds },
      {
        'Retry-After': String(retryAfterSeconds),
      },
    ),
};

export function problemResponse(c: Context, problem: ProblemError): Response {
  const body: ProblemBody = {
    type: `urn:vigie:problem:${problem.code}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    instance: c.req.path,
    ...problem.extensions,
  };
  const requestId = c.get('requestId' as never) as string | undefined;
  if (requestId) body.requestId = requestId;
  return c.body(JSON.stringify(body), problem.status, {
    ...problem.headers,
    'Content-Type': 'application/problem+json; charset=utf-8',
  });
}
