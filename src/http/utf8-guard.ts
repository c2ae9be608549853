import type { MiddlewareHandler } from 'hono';
import { problems } from './problem.js';

const TEXT_BODY = /^(application\/([\w.-]+\+)?json|application\/x-www-form-urlencoded|text\/)/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Refuses a JSON or form body that is not valid UTF-8 (400), instead of letting the decoder
 * silently turn bad bytes into U+FFFD and store mangled text. Runs after the body-size limit, so
 * the bytes it reads are bounded; the text is cached for the route's own parsing.
 */
export const utf8Guard: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? '';
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && TEXT_BODY.test(type)) {
    const bytes = await c.req.arrayBuffer();
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      throw problems.malformedBody('The body is not valid UTF-8.');
    }
    // Hand the decoded text to c.req.json() / c.req.text(), which would otherwise decode the
    // bytes again through a fetch Response. Hono keeps promises in bodyCache (its type says
    // values); the JSON and form tests fail if that ever changes.
    (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text);
  }
  await next();
};
