import { z } from 'zod';

/**
 * Configuration comes from environment variables only (12-factor), validated once at start-up so
 * that a typo fails loudly with the variable's name instead of misbehaving later.
 */

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes' || v === 'on');

const intFromEnv = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const envSchema = z.object({
  PORT: intFromEnv(0, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('./data/vigie.sqlite'),
  FLOOD_INTERVAL_SECONDS: intFromEnv(0, 86_400).default(15),
  RATE_LIMIT_PER_MINUTE: intFromEnv(0, 1_000_000).default(30),
  TRUST_PROXY: booleanFromEnv.default(false),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  /** `auto` marks cookies Secure when the request arrived over HTTPS. */
  COOKIE_SECURE: z
    .enum(['auto', 'true', 'false', '1', '0'])
    .default('auto')
    .transform((v) => (v === 'auto' ? 'auto' : v === 'true' || v === '1')),
  MAX_COMMENT_LENGTH: intFromEnv(1, 100_000).default(5000),
  /** Whole request body, JSON or form; bigger is 413 before any parsing. */
  MAX_BODY_BYTES: intFromEnv(1024, 10 * 1024 * 1024).default(64 * 1024),
  /** Distinct reporting IPs that send a published comment back to the queue. */
  REPORT_THRESHOLD: intFromEnv(1, 1000).default(3),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Time for spelling suggestions in POST /v1/check: the reader waits for them. */
  CHECK_SUGGESTIONS_MS: intFromEnv(0, 60_000).default(300),
  /** Time for spelling suggestions on one comment of the moderation desk. */
  MODERATION_SUGGESTIONS_MS: intFromEnv(0, 60_000).default(500),
  /**
   * How long a comment or a draft check may use an article read earlier (0: read it every time).
   * Changes through this instance's API apply at once; made elsewhere, within this time.
   */
  ARTICLE_CACHE_MS: intFromEnv(0, 60_000).default(1000),
  /** How often the server logs the event loop's delays (max, p99) and its memory; 0: never. */
  EVENT_LOOP_REPORT_SECONDS: intFromEnv(0, 86_400).default(60),
  /**
   * Milliseconds of work the server starts in one turn of the event loop; requests beyond wait
   * for a later turn, so that timers and other sockets are never held long (0: no limit).
   */
  EVENT_LOOP_TURN_MS: intFromEnv(0, 1000).default(2),
  RULES_DIR: z.string().min(1).optional(),
});

export type Config = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/** Parses `env` (process.env by default); throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set", as shells and .env files often leave them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The configuration tests and scripts start from: the defaults, on an in-memory database. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: 'silent' }), ...overrides };
}
