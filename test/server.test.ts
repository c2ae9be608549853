import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** The real entry point, as `npm start` runs it: configuration, migrations, listening, shutdown. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-server-'));
});
// A test that fails or times out before its SIGTERM must not leave its server running.
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The sources through tsx by default; `dist/server.mjs` is what `npm start` runs after the build. */
function start(env: Record<string, string>, entry: string[] = ['--import', 'tsx', 'src/server.ts']) {
  const child = spawn(process.execPath, entry, {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitUntilReady(port: number): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return true;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return false;
}

/** The JSON log lines a server printed, once it has printed one with message `msg`. */
async function logUntil(server: ReturnType<typeof start>, msg: string) {
  const lines = () =>
    server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; codeCache?: string });
  for (let i = 0; i < 200 && !lines().some((l) => l.msg === msg); i++) await new Promise((r) => setTimeout(r, 50));
  return lines();
}

describe('server', () => {
  it('creates the database on first start, serves, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const server = start({ PORT: String(port), DATABASE_URL: join(dir, 'sub', 'vigie.sqlite') });
    expect(await waitUntilReady(port), server.output()).toBe(true);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(health.headers.get('x-request-id')).toBeTruthy();

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const lines = server
      .output()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; method?: string; reqId?: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['listening', 'stopped']));
    // One structured line per request, with its request id.
    expect(lines.find((l) => l.msg === 'request' && l.method === 'GET')?.reqId).toBeTruthy();
  });

  it('copies the WAL back into the database file from a worker once it listens', async () => {
    const port = await freePort();
    const file = join(dir, 'vigie.sqlite');
    const server = start({ PORT: String(port), DATABASE_URL: file });
    expect(await waitUntilReady(port), server.output()).toBe(true);
    // A new database's migrations and demo article sit in the WAL (~40 pages): SQLite's own
    // checkpoints would wait for 1,000 pages, the worker copies them within its 200 ms period.
    let size = 0;
    for (let i = 0; i < 100 && size < 64 * 1024; i++) {
      await new Promise((r) => setTimeout(r, 50));
      size = statSync(file).size;
    }
    expect(size).toBeGreaterThanOrEqual(64 * 1024);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('exits with a clear message when its port is taken, without a stack trace', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    try {
      const { port } = taken.address() as { port: number };
      const server = start({ PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: join(dir, 'v.sqlite') });
      expect(await server.exited).toBe(1);
      expect(server.output()).toContain(`port 127.0.0.1:${port} is already in use`);
      expect(server.output()).not.toContain("Unhandled 'error' event");
    } finally {
      taken.close();
    }
  });

  it('refuses a bad configuration, naming the variable', async () => {
    const server = start({ PORT: 'not-a-port', DATABASE_URL: join(dir, 'v.sqlite') });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/PORT/);
  });

  it('built (dist/server.mjs): writes a code cache once listening and at exit, and the next start uses it', async () => {
    const cache = join('dist', 'server.cjs.v8cache');
    expect(existsSync('dist/server.mjs'), 'npm run build first').toBe(true);
    const kept = existsSync(cache) ? readFileSync(cache) : null;
    rmSync(cache, { force: true });
    try {
      const env = { DATABASE_URL: join(dir, 'vigie.sqlite'), LOG_LEVEL: 'debug', EVENT_LOOP_REPORT_SECONDS: '0' };
      const port = await freePort();
      const first = start({ ...env, PORT: String(port) }, ['dist/server.mjs']);
      expect(await waitUntilReady(port), first.output()).toBe(true);
      const written = await logUntil(first, 'code cache written for the next start');
      expect(written.find((l) => l.msg === 'code cache written for the next start')?.codeCache).toBe('none');
      expect(existsSync(cache)).toBe(true);
      const atListening = statSync(cache).size;
      // Code compiled after the listening's cache: written again, larger, as the server exits.
      await (await fetch(`http://127.0.0.1:${port}/healthz`)).text();
      const check = await fetch(`http://127.0.0.1:${port}/v1/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lang: 'fr', body: 'Merci pour cet article, il explique bien la nouvelle version.' }),
      });
      expect(check.status).toBe(200);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(statSync(cache).size).toBeGreaterThan(atListening);

      const secondPort = await freePort();
      const second = start({ ...env, PORT: String(secondPort) }, ['dist/server.mjs']);
      expect(await waitUntilReady(secondPort), second.output()).toBe(true);
      const used = await logUntil(second, 'code cache');
      expect(used.find((l) => l.msg === 'code cache')?.codeCache, second.output()).toBe('used');
      expect(used.some((l) => l.msg === 'code cache written for the next start')).toBe(false);
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);

      // Stack traces through the source maps: Node maps only what it loads itself, no vm script.
      const thirdPort = await freePort();
      const mapped = start({ ...env, PORT: String(thirdPort) }, ['--enable-source-maps', 'dist/server.mjs']);
      expect(await waitUntilReady(thirdPort), mapped.output()).toBe(true);
      mapped.child.kill('SIGTERM');
      expect(await mapped.exited).toBe(0);
      expect(mapped.output()).not.toContain('code cache');
    } finally {
      if (kept) writeFileSync(cache, kept);
    }
  });
});
