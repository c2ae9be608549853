import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runPaced } from '../../scripts/bench/paced.js';

let server: http.Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (running) await new Promise((resolve) => running.close(resolve));
});

/** A server answering every POST with `status`, counting the requests and the bodies it read. */
async function serve(status: number) {
  const received: string[] = [];
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push(`${request.method} ${request.url} ${body}`);
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received };
}

describe('runPaced (the benchmark’s open-loop load)', () => {
  it('sends rate × seconds requests, each with the next body, and times their answers', async () => {
    const { url, received } = await serve(201);
    let n = 0;
    const result = await runPaced([url], {
      rate: 200,
      seconds: 1,
      connections: 5,
      path: '/c',
      body: () => `{"n":${++n}}`,
    });
    expect(received).toHaveLength(200);
    expect(new Set(received).size).toBe(200);
    expect(received[0]).toBe('POST /c {"n":1}');
    expect(result).toMatchObject({ non2xx: 0, errors: 0 });
    expect(result.p50).toBeGreaterThan(0);
    expect(result.p99).toBeGreaterThanOrEqual(result.p50);
    expect(result.window.end).toBeGreaterThan(result.window.start);
  });

  it('counts the answers that are not 2xx', async () => {
    const { url } = await serve(503);
    const result = await runPaced([url], { rate: 100, seconds: 1, connections: 5, path: '/c', body: () => '{}' });
    expect(result).toMatchObject({ non2xx: 100, errors: 0 });
  });

  it('counts a request it could not send as an error', async () => {
    const result = await runPaced(['http://127.0.0.1:1'], {
      rate: 50,
      seconds: 0.2,
      connections: 5,
      path: '/c',
      body: () => '{}',
    });
    expect(result.errors).toBe(10);
    expect(result.p99).toBeNaN();
  });
});
