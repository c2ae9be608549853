import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createApp } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { type Config, testConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Role } from '../../src/db/schema.js';
import { createToken } from '../../src/domain/tokens/tokens.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { defaultRuleModules } from '../../src/rules/modules/index.js';
import type { AnyRuleModule, RuleModule, Violation } from '../../src/rules/types.js';

/**
 * Browser tests run Vigie for real: a Node HTTP server on 127.0.0.1 (random port) around
 * createApp, an in-memory database, and Debian's Chromium driven by playwright-core.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM_PATH);
export const DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');

const SMS_STANDARD: Record<string, string> = { pk: 'pourquoi', slt: 'salut', koi: 'quoi', jsp: 'je ne sais pas' };

/**
 * Stands in for the real sms-speak rule until it lands in defaultRuleModules: flags a few SMS
 * tokens with the same violation shape (`details.tokens: [{ text, standard, start, end }]`).
 */
export const testSmsSpeakRule: RuleModule<null, Record<string, never>> = {
  id: 'sms-speak',
  parseOptions: () => ({}),
  loadData: () => null,
  check(text): Violation[] {
    const tokens = [...text.matchAll(/(?<![\p{L}\p{N}])(pk|slt|koi|jsp)(?![\p{L}\p{N}])/giu)].map((m) => ({
      text: m[0],
      standard: SMS_STANDARD[m[0].toLowerCase()] ?? m[0],
      start: m.index,
      end: m.index + m[0].length,
    }));
    if (tokens.length === 0) return [];
    return [
      {
        rule: 'sms-speak',
        messageId: 'sms-speak.found',
        severity: 'low',
        message: {
          fr: 'Pas de langage SMS : écrivez les mots en entier.',
          en: 'No text-speak: write words in full.',
        },
        spans: tokens.map(({ text: t, start, end }) => ({ text: t, start, end })),
        details: { tokens },
      },
    ];
  },
};

/** The real rules when the sms-speak rule has landed, otherwise the real ones plus the stand-in. */
export function browserRuleModules(): { modules: AnyRuleModule[]; realSmsSpeak: boolean } {
  const realSmsSpeak = defaultRuleModules.some((m) => m.id === 'sms-speak');
  return {
    modules: realSmsSpeak ? defaultRuleModules : [...defaultRuleModules, testSmsSpeakRule],
    realSmsSpeak,
  };
}

/**
 * A clock from a fixed date that moves one second each time it is read: comments keep their
 * order and the screenshots show the same dates on every run.
 */
export function tickingClock(start = Date.parse('2026-03-10T07:30:00Z')): Clock {
  let now = start;
  return {
    now: () => {
      now += 1000;
      return new Date(now);
    },
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

export async function startVigie(config: Partial<Config> = {}) {
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  const { modules, realSmsSpeak } = browserRuleModules();
  const rules = loadRuleSet({ modules });
  const fullConfig = testConfig({ FLOOD_INTERVAL_SECONDS: 0, RATE_LIMIT_PER_MINUTE: 0, ...config });
  const clock = tickingClock();
  const app = createApp({ db, rules, config: fullConfig, clock, logger: pino({ level: 'silent' }) });
  const tokens = {} as Record<Role, string>;
  for (const role of ['publisher', 'moderator', 'admin'] as const) {
    tokens[role] = (await createToken(db, clock, { name: `browser-${role}`, role })).token;
  }
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  const url = await new Promise<string>((resolve) => {
    if (server.listening) resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    else server.once('listening', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: test bodies are checked by assertions.
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };

  return {
    url,
    db,
    clock,
    tokens,
    realSmsSpeak,
    async putArticle(id: string, article: Record<string, unknown>) {
      const res = await call('PUT', `/v1/articles/${id}`, article, { Authorization: `Bearer ${tokens.publisher}` });
      if (res.status !== 200 && res.status !== 201) throw new Error(`putArticle ${res.status}`);
    },
    postComment(articleId: string, fields: Record<string, unknown>) {
      return call('POST', `/v1/articles/${articleId}/comments`, fields);
    },
    async close() {
      await close(server);
      await db.destroy();
    },
  };
}

export type Vigie = Awaited<ReturnType<typeof startVigie>>;

/** A page of "another site": a static HTML server on its own port (another origin). */
export async function startSite(html: (path: string) => string | null) {
  const server = createServer((req, res) => {
    const page = html(req.url ?? '/');
    if (page === null) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
  });
  const url = await listen(server);
  return { url, close: () => close(server) };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** Collects JavaScript dialogs (an injected alert), uncaught errors and CSP violations, to assert none. */
export function watchPage(page: Page) {
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    // HTTP errors the page handles (409, 422, a favicon's 404) are logged by Chromium too: not ours.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${msg.text()}`);
    }
  });
  return problems;
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(DOCS_DIR, { recursive: true });
  await page.screenshot({ path: join(DOCS_DIR, name), fullPage: true });
}

/** Collapses runs of whitespace (including no-break spaces) for text comparisons. */
export const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
