import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Starting and stopping real Vigie servers for the scripts (benchmark, crash test), pinned to a CPU
 * core when taskset exists.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Running {
  child: ChildProcess;
  port: number;
  url: string;
  readyMs: number;
  output: () => string;
  /** The server's "event loop" log lines (EVENT_LOOP_REPORT_SECONDS), all of them. */
  eventLoopReports: () => string;
  rssMb: () => number;
  stop: () => Promise<void>;
}

/** Whether taskset is installed (the scripts pin their processes with it when it is). */
export const hasTaskset = (() => {
  try {
    readFileSync('/usr/bin/taskset');
    return true;
  } catch {
    return false;
  }
})();

/** Spawns `node args` with `env` on `core` (if taskset exists) and waits for /readyz. */
export async function startServer(args: string[], env: Record<string, string>, core: number | null): Promise<Running> {
  const port = await freePort();
  const command = hasTaskset && core !== null ? 'taskset' : process.execPath;
  const argv = hasTaskset && core !== null ? ['-c', String(core), process.execPath, ...args] : args;
  const started = performance.now();
  const child = spawn(command, argv, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Request logs are only kept as a tail; the servers' periodic "event loop" lines all are.
  const reports: string[] = [];
  let partial = '';
  child.stdout?.on('data', (d) => {
    output += d;
    if (output.length > 1_000_000) output = output.slice(-200_000);
    const lines = (partial + String(d)).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.includes('"eventLoop"')) reports.push(line);
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  let readyMs = Number.NaN;
  // Poll every 5 ms (the start-up figure's resolution) for up to 30 s (tsx and a loaded machine).
  const deadline = started + 30_000;
  while (performance.now() < deadline) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) {
        readyMs = performance.now() - started;
        break;
      }
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  if (Number.isNaN(readyMs)) {
    child.kill('SIGKILL');
    throw new Error(`server did not start: ${output}`);
  }
  return {
    child,
    port,
    url,
    readyMs,
    output: () => output,
    eventLoopReports: () => reports.join('\n'),
    rssMb: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      // With taskset the child is taskset's exec'd node: same pid.
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Pins this process to `core`: every thread of it (`-a`), V8's and libuv's helper threads too.
 * `taskset -p` alone pins only the main thread: until 2026-11-30 the load generator's garbage
 * collections could run on the servers' core. Threads started later inherit the main thread's
 * affinity.
 */
export const pinSelf = (core: number) => {
  if (!hasTaskset) return;
  try {
    execFileSync('taskset', ['-a', '-cp', String(core), String(process.pid)], { stdio: 'ignore' });
  } catch {
    // best effort
  }
};

/** Deletes a benchmark's SQLite database and its WAL files: each run writes new ones to /tmp. */
export function removeSqliteFiles(path: string) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
}
