import http from 'node:http';
import { type LoadResult, quantile } from './stats.js';

export interface PacedLoad {
  /** Requests a second, over all the URLs. */
  rate: number;
  seconds: number;
  /** Open connections at most, over all the URLs (more requests wait for one, and that counts). */
  connections: number;
  path: string;
  /** The JSON body of the next request. */
  body: () => string;
}

/**
 * A POST load at a fixed rate, open loop: the requests go out on a 1-ms timer whatever the answers,
 * as a site's readers send them. autocannon cannot do this: a connection sends its next request
 * only when its last one is answered (the saturated rows), and its rate limit sends each
 * second's quota at once, a burst that saturates the server for part of every second. Each
 * request's time runs from when it is sent, so time spent waiting for a free connection counts
 * (not from when it was due: this client's 1-ms timer fires late by up to a tick, and that
 * lateness is not the server's).
 */
export async function runPaced(urls: string[], load: PacedLoad): Promise<LoadResult> {
  // Each server's address and connections, made once: the requests only pick one in turn.
  const targets = urls.map((url) => ({
    url: new URL(url),
    agent: new http.Agent({ keepAlive: true, maxSockets: Math.max(1, Math.round(load.connections / urls.length)) }),
  }));
  const latencies: number[] = [];
  let issued = 0;
  let waiting = 0;
  let non2xx = 0;
  let errors = 0;
  const start = Date.now();
  const began = performance.now();

  const send = () => {
    const sentAt = performance.now();
    const target = targets[issued % targets.length] as (typeof targets)[number];
    const body = load.body();
    waiting++;
    const request = http.request(
      {
        agent: target.agent,
        hostname: target.url.hostname,
        port: target.url.port,
        method: 'POST',
        path: load.path,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          waiting--;
          if ((response.statusCode ?? 0) >= 300) non2xx++;
          latencies.push(performance.now() - sentAt);
        });
      },
    );
    request.on('error', () => {
      waiting--;
      errors++;
    });
    request.end(body);
  };

  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - began;
      const due = Math.min(load.seconds * 1000, elapsed);
      // A late tick sends the requests it missed at once.
      for (; issued < Math.floor((due / 1000) * load.rate); issued++) {
        if (waiting >= load.rate) errors++;
        else send();
      }
      if (elapsed >= load.seconds * 1000) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  // The answers still due, 5 s at most.
  for (let waited = 0; waiting > 0 && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  const end = Date.now();
  const seconds = (end - start) / 1000;
  for (const { agent } of targets) agent.destroy();
  latencies.sort((a, b) => a - b);
  // Errors are failed requests, and requests not sent because a second of them was still waiting.
  return {
    // Answered over the whole run, the wait for the last answers included: a server that falls
    // behind the rate shows it here.
    reqPerSec: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    non2xx,
    errors,
    window: { start, end },
  };
}
