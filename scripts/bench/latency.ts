/**
 * Latency of requests sent one at a time, and a client process for it: the scale section times
 * its HTTP rows from a fresh `node` running this file, not from the benchmark's own process.
 * That process has just generated 1,000,000 rows and served the in-process rows, and its own
 * garbage collections (up to 7–12 ms during the HTTP rows, 2026-11-29) were counted as the
 * server's latency: about half of the requests over 5 ms overlapped one of them.
 *
 * As a script: `node --import tsx scripts/bench/latency.ts` reads {base, rows} as JSON on stdin
 * and writes {name: summary} as JSON on stdout.
 */
import { Agent, get } from 'node:http';
import { text } from 'node:stream/consumers';
import { pathToFileURL } from 'node:url';
import { type Summary, summarise } from './stats.js';
import { WARM_UP_SECONDS } from './warm-up.js';

/** One request, answered in full; resolves to the status. */
export type Get = (path: string, headers: Record<string, string>) => Promise<number>;
/** A row: its name, the path, the headers, how many timed requests. */
export type Row = [string, string, Record<string, string>, number];

/**
 * Warm-up (the same request for WARM_UP_SECONDS, at least 20 times), then `runs` timed ones, one
 * at a time. With 20 warm-up requests alone the first rows measured the server’s first seconds,
 * JIT compilation included (p99 10–12 ms for pages whose steady p99 is ~4–6, 2026-11-29).
 */
export async function measure(get: Get, path: string, headers: Record<string, string>, runs: number) {
  const warmUntil = performance.now() + WARM_UP_SECONDS * 1000;
  for (let i = 0; i < 20 || performance.now() < warmUntil; i++) await get(path, headers);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const status = await get(path, headers);
    samples.push(performance.now() - s);
    if (status !== 200) throw new Error(`${path}: ${status}`);
  }
  return summarise(samples);
}

/**
 * node:http with one kept-alive connection: a lighter client than fetch, whose own work (and
 * garbage) would be counted in the latency.
 */
export function httpGetter(base: string): Get {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return (path, headers) =>
    new Promise((resolve, reject) => {
      get(`${base}${path}`, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { base, rows } = JSON.parse(await text(process.stdin)) as { base: string; rows: Row[] };
  const getter = httpGetter(base);
  const results: Record<string, Summary> = {};
  for (const [name, path, headers, runs] of rows) results[name] = await measure(getter, path, headers, runs);
  process.stdout.write(JSON.stringify(results));
}
