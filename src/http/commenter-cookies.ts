import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import type { Config } from '../config.js';
import { isHttps } from './client.js';

/**
 * "Sauvegarder mon pseudo et mon adresse e-mail pour la prochaine fois": two cookies, set only
 * with the reader's consent and expired when the box is unticked (as WordPress does). HttpOnly:
 * pages read them through GET /v1/commenter, never from script.
 */
export const AUTHOR_COOKIE = 'vigie_author';
export const EMAIL_COOKIE = 'vigie_email';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** `maxAge` is passed in, not added to a spread copy: see submittedCommentView (views.ts). */
function baseOptions(c: Context, config: Config, maxAge?: number): CookieOptions {
  const secure = config.COOKIE_SECURE === 'auto' ? isHttps(c, config) : config.COOKIE_SECURE;
  return { path: '/', httpOnly: true, secure, sameSite: 'Lax', maxAge };
}

export function rememberCommenter(c: Context, config: Config, author: string, email: string) {
  const options = baseOptions(c, config, ONE_YEAR_SECONDS);
  setCookie(c, AUTHOR_COOKIE, author, options);
  setCookie(c, EMAIL_COOKIE, email, options);
}

export function forgetCommenter(c: Context, config: Config) {
  const options = baseOptions(c, config);
  deleteCookie(c, AUTHOR_COOKIE, options);
  deleteCookie(c, EMAIL_COOKIE, options);
}

/**
 * A post with the box unticked: expires the cookies the browser sent, if any. Most posts come
 * without either, and then no Set-Cookie is answered: two headers built and sent on every post
 * for nothing (measured in docs/performance-history.md, 2026-11-29).
 */
export function forgetCommenterIfRemembered(c: Context, config: Config) {
  const { author, email } = readCommenter(c);
  if (author !== null || email !== null) forgetCommenter(c, config);
}

export function readCommenter(c: Context) {
  return { author: getCookie(c, AUTHOR_COOKIE) ?? null, email: getCookie(c, EMAIL_COOKIE) ?? null };
}
