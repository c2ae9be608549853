import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/connection.js';
import type { Role } from '../db/schema.js';
import { authenticate } from '../domain/tokens/tokens.js';
import type { AppEnv } from './env.js';
import { problems } from './problem.js';

/**
 * Bearer-token guard: no token or an unknown or revoked one is 401 (with WWW-Authenticate),
 * a valid token of another role is 403. `admin` passes every guard.
 */
export function requireRole(db: Db, ...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const principal = match?.[1] ? await authenticate(db, match[1]) : null;
    if (!principal) throw problems.unauthorized();
    if (principal.role !== 'admin' && !roles.includes(principal.role)) {
      throw problems.forbidden(`This needs the role ${roles.join(' or ')}.`);
    }
    c.set('principal', principal);
    await next();
  };
}
