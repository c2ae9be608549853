import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';

/**
 * Security and CORS headers, set before the route runs rather than after.
 *
 * Hono's secureHeaders() and cors() write their headers on the finished response
 * (`c.res.headers`), which makes @hono/node-server turn its lightweight response into a full
 * fetch Response and write it out the slow way: about a third of the CPU of a comment page,
 * measured here. Headers prepared with c.header() before the route are merged when the route
 * builds its response, at no cost, and the route's own value of a header still wins (the UI
 * pages' CSP, the embed's Cross-Origin-Resource-Policy), as secureHeaders({ overwrite: false })
 * did. The values stay Hono's: its secureHeaders() runs once on a stand-in context and its
 * headers are replayed; CORS preflights still go through its cors().
 */
async function secureHeaderDefaults(): Promise<[string, string][]> {
  // A stand-in context that records what the middleware sets: a real probe request would load
  // undici's fetch classes at start-up for nothing.
  const recorded = new Map<string, string>();
  const headers = {
    has: (name: string) => recorded.has(name.toLowerCase()),
    get: (name: string) => recorded.get(name.toLowerCase()) ?? null,
    set: (name: string, value: string) => void recorded.set(name.toLowerCase(), value),
    append: (name: string, value: string) => void recorded.set(name.toLowerCase(), value),
    delete: (name: string) => void recorded.delete(name.toLowerCase()),
  };
  const context = { res: { headers }, header: headers.set, set: () => {}, get: () => undefined };
  await secureHeaders()(context as unknown as Context, async () => {});
  if (recorded.size === 0) throw new Error('secureHeaders() set no header on the stand-in context');
  return [...recorded];
}

export function securityHeaders(): MiddlewareHandler {
  const defaults = secureHeaderDefaults();
  let headers: [string, string][] | undefined;
  return async (c, next) => {
    headers ??= await defaults;
    for (const [name, value] of headers) c.header(name, value);
    await next();
  };
}

export interface CorsOptions {
  allowOrigin: (origin: string) => boolean;
  allowMethods: string[];
  allowHeaders: string[];
  maxAge: number;
}

/** CORS with credentials for the allowed origins; the answer to preflights is Hono's cors(). */
export function corsHeaders(options: CorsOptions): MiddlewareHandler {
  const preflight = cors({
    origin: (origin) => (options.allowOrigin(origin) ? origin : null),
    credentials: true,
    allowMethods: options.allowMethods,
    allowHeaders: options.allowHeaders,
    maxAge: options.maxAge,
  });
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('origin');
    if (origin && options.allowOrigin(origin)) c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Allow-Credentials', 'true');
    c.header('Vary', 'Origin', { append: true });
    await next();
  };
}
