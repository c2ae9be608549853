import autocannon from 'autocannon';
import { systemClock } from '../../src/clock.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { upsertArticle } from '../../src/domain/articles/articles.js';
import { readCorpus } from '../../src/eval/corpus.js';
import { type Running, startServer } from './servers.js';
import { fmt, table } from './stats.js';

export interface HttpOptions {
  corpusDir: string;
  duration: number;
  connections: number;
  databaseUrl: string;
  label: string;
  instances: number;
  withBaseline: boolean;
}

interface Result {
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Comments to post: the corpus bodies, each made unique so that none is a duplicate. */
function commentBodies(corpusDir: string) {
  const corpus = readCorpus(corpusDir);
  const article = corpus.articles[0];
  const bodies = corpus.comments.filter((c) => c.article === article?.id).map((c) => c.body);
  return { article, bodies };
}

function run(
  url: string,
  opts: HttpOptions,
  request: Partial<autocannon.Request> & { dynamic?: boolean },
  bodies: string[],
) {
  let counter = 0;
  return new Promise<Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: opts.connections,
        duration: opts.duration,
        requests: [
          {
            method: request.method ?? 'GET',
            path: request.path ?? '/',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => {
              if (!request.dynamic) return req;
              counter++;
              const body = `${bodies[counter % bodies.length]} (${counter})`;
              return {
                ...req,
                body: JSON.stringify({
                  author: `Lecteur ${counter}`,
                  email: `r${counter}-${process.hrtime.bigint()}@example.org`,
                  body,
                }),
              };
            },
            ...(request.body ? { body: request.body } : {}),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          reqPerSec: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors,
        });
      },
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

/** Several autocannon runs at once (one per instance), summed. */
async function runSpread(urls: string[], opts: HttpOptions, request: Parameters<typeof run>[2], bodies: string[]) {
  const per = { ...opts, connections: Math.max(1, Math.round(opts.connections / urls.length)) };
  const results = await Promise.all(urls.map((u) => run(u, per, request, bodies)));
  return {
    reqPerSec: results.reduce((s, r) => s + r.reqPerSec, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
    errors: results.reduce((s, r) => s + r.errors, 0),
  };
}

/**
 * 2. HTTP through the real server (dist/server.mjs, what `npm start` runs) on one core, load from this process on
 * the other: comment submission through all rules and the database, a comment page, /v1/check;
 * and, in the same run, the bare Hono + Kysely insert as the ceiling.
 */
export async function benchHttp(opts: HttpOptions) {
  const { article, bodies } = commentBodies(opts.corpusDir);
  if (!article) throw new Error('empty corpus');
  const setup = openDatabase(opts.databaseUrl);
  await migrateToLatest(setup);
  await upsertArticle(setup, systemClock, 'bench', {
    title: article.title,
    body: article.body,
    lang: article.lang,
    tags: article.tags,
    commentsOpen: true,
  });
  await setup.destroy();

  const env = {
    DATABASE_URL: opts.databaseUrl,
    FLOOD_INTERVAL_SECONDS: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'info',
  };
  const servers: Running[] = [];
  for (let i = 0; i < opts.instances; i++) servers.push(await startServer(['dist/server.mjs'], env, 0));
  const urls = servers.map((s) => s.url);
  const results: Record<string, Result & { eventLoopMaxMs?: number }> = {};
  try {
    results['POST comment (all rules + DB)'] = await runSpread(
      urls,
      opts,
      { method: 'POST', path: '/v1/articles/bench/comments', dynamic: true },
      bodies,
    );
    results['GET comment page'] = await runSpread(
      urls,
      opts,
      { method: 'GET', path: '/v1/articles/bench/comments?limit=20' },
      bodies,
    );
    results['POST /v1/check'] = await runSpread(
      urls,
      opts,
      {
        method: 'POST',
        path: '/v1/check',
        body: JSON.stringify({ articleId: 'bench', body: bodies.slice(0, 3).join(' ') }),
      },
      bodies,
    );
  } finally {
    const rss = servers.map((s) => s.rssMb());
    for (const s of servers) await s.stop();
    const loops = servers.map((s) => /"eventLoopDelayMaxMs":([\d.]+)/.exec(s.output())?.[1]).map(Number);
    (results as Record<string, unknown>).server = { rssMbAfterLoad: rss, eventLoopDelayMaxMs: loops };
  }
  if (opts.withBaseline && opts.instances === 1) {
    const baseline = await startServer(
      ['--import', 'tsx', 'scripts/bench/baseline-server.ts'],
      { DATABASE_URL: `/tmp/vigie-baseline-${Date.now()}.sqlite` },
      0,
    );
    try {
      results['baseline: bare Hono + Kysely insert'] = await run(
        baseline.url,
        opts,
        { method: 'POST', path: '/v1/articles/bench/comments', dynamic: true },
        bodies,
      );
    } finally {
      await baseline.stop();
    }
  }
  const server = (results as Record<string, unknown>).server as {
    rssMbAfterLoad: number[];
    eventLoopDelayMaxMs: number[];
  };
  const rows = Object.entries(results)
    .filter(([name]) => name !== 'server')
    .map(([name, r]) => [name, fmt(r.reqPerSec, 0), fmt(r.p50, 1), fmt(r.p99, 1), r.non2xx, r.errors]);
  console.log(
    `\n2. HTTP, ${opts.label}, ${opts.instances} instance(s), ${opts.connections} connections, ${opts.duration} s each`,
  );
  console.log(table(['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'], rows));
  console.log(
    `   server RSS after load: ${server.rssMbAfterLoad.map((r) => fmt(r, 0)).join(', ')} MB; max event-loop delay: ${server.eventLoopDelayMaxMs.map((d) => fmt(d, 1)).join(', ')} ms`,
  );
  const post = results['POST comment (all rules + DB)'];
  const base = results['baseline: bare Hono + Kysely insert'];
  if (post && base)
    console.log(
      `   comment submission = ${fmt((100 * post.reqPerSec) / base.reqPerSec, 0)} % of the bare baseline's req/s`,
    );
  return results;
}

/** 3. Start-up: process start to /readyz answering (dictionaries loaded), and RSS at rest. */
export async function benchStartup(databaseUrl: string, runs = 5) {
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = await startServer(['dist/server.mjs'], { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, 0);
    times.push(s.readyMs);
    rss.push(s.rssMb());
    await s.stop();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `\n3. Start-up to /readyz: min ${fmt(sorted[0] ?? NaN, 0)} ms, median ${fmt(sorted[Math.floor(sorted.length / 2)] ?? NaN, 0)} ms over ${runs} starts; RSS at ready ${fmt(Math.min(...rss), 0)}–${fmt(Math.max(...rss), 0)} MB`,
  );
  return { readyMs: times, rssMb: rss };
}
