import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
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

describe('server', () => {
  it('creates the database on first start, serves, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const server = start({ PORT: String(port), DATABASE_URL: join(dir, 'sub', 'vigie.sqlite') });
    let ready = false;
    for (let i = 0; i < 200 && !ready; i++) {
      try {
        ready = (await fetch(`http://127.0.0.1:${port}/readyz`)).ok;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    expect(ready, server.output()).toBe(true);
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
});
