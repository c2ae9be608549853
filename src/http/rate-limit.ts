import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { clientIp } from './client.js';
import { problems } from './problem.js';

/**
 * Per-IP limit on write requests, a fixed one-minute window per IP, in this process's memory
 * (several instances each apply it: the docs say so). Hand-written rather than a package because
 * it must read time from the injected clock and answer with our problem format; it is 30 lines.
 */
export function writeRateLimit(
  config: Config,
  clock: Clock,
  { multiplier = 1, skip = (_path: string): boolean => false } = {},
): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>();
  const windowMs = 60_000;
  let lastSweep = 0;

  return async (c, next) => {
    const limit = config.RATE_LIMIT_PER_MINUTE * multiplier;
    const readOnly = c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS';
    if (limit === 0 || readOnly || skip(c.req.path)) return next();
    const ip = clientIp(c, config) ?? 'unknown';
    const now = clock.now().getTime();
    if (now - lastSweep > windowMs) {
      // Forget finished windows so that the map holds only the last minute's clients.
      for (const [key, w] of windows) if (now - w.start >= windowMs) windows.delete(key);
      lastSweep = now;
    }
    let window = windows.get(ip);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      windows.set(ip, window);
    }
    window.count++;
    if (window.count > limit) {
      const retryAfter = Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
      throw problems.tooManyRequests('RateLimited', retryAfter, `At most ${limit} write requests a minute.`);
    }
    return next();
  };
}
