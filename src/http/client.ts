import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Config } from '../config.js';

/**
 * The client's IP: the socket's peer, or with TRUST_PROXY the first address of X-Forwarded-For
 * (set it only behind a proxy that overwrites that header, or clients could spoof their IP).
 */
export function clientIp(c: Context, config: Config): string | null {
  if (config.TRUST_PROXY) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    // In-process requests (tests, app.request) have no socket.
    return null;
  }
}

/** Whether the reader reached us over HTTPS, to mark cookies Secure. */
export function isHttps(c: Context, config: Config): boolean {
  if (config.TRUST_PROXY) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (proto) return proto === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}
