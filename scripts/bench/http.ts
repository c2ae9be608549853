import autocannon from 'autocannon';
import { systemClock } from '../../src/clock.js';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { upsertArticle } from '../../src/domain/articles/articles.js';
import { readCorpus } from '../../src/eval/corpus.js';
import { openForGeneration, prepareArticleInsert } from './generate.js';
import { runPaced } from './paced.js';
import {
  BASELINE_FULL,
  BASELINE_NORMAL,
  PACED_RATE,
  POST_COMMENT,
  POST_COMMENT_LATER,
  POST_COMMENT_PACED,
} from './rows.js';
import { type Running, removeSqliteFiles, startServer } from './servers.js';
import { fmt, type LoadResult, median, table } from './stats.js';
import { WARM_UP_SECONDS } from './warm-up.js';

export interface HttpOptions {
  corpusDir: string;
  duration: number;
  connections: number;
  databaseUrl: string;
  label: string;
  instances: number;
  withBaseline: boolean;
}

interface Result extends LoadResult {
  /** Largest event-loop delay the server reported during the run (see eventLoopMaxDuring). */
  eventLoopMaxMs?: number;
}

/** Comments to post: the corpus bodies, each made unique so that none is a duplicate. */
function commentBodies(corpusDir: string) {
  const corpus = readCorpus(corpusDir);
  const article = corpus.articles[0];
  const bodies = corpus.comments.filter((c) => c.article === article?.id).map((c) => c.body);
  return { article, bodies };
}

/** Long French words, and consonants to slip into them. */
const LONG_WORDS = [
  'application',
  'développeur',
  'intéressant',
  'fonctionnalité',
  'ordinateur',
  'abonnement',
  'téléphone',
  'processeur',
  'sécurité',
  'apparemment',
];
const LETTERS = 'bcdfghjklmnpqrstvxz';

/**
 * A long word with one letter slipped in where `n` says. The letter is never the one already at
 * that place (slipping it before or after that one would give the same word), so each word gives
 * (length − 3) × 18 misspellings: about 900 in a row before one repeats.
 */
function misspelt(n: number): string {
  const word = LONG_WORDS[n % LONG_WORDS.length] as string;
  const k = Math.floor(n / LONG_WORDS.length);
  const places = word.length - 3;
  const at = 2 + (k % places);
  const letters = LETTERS.replace(word.charAt(at), '');
  const letter = letters[Math.floor(k / places) % letters.length] as string;
  return word.slice(0, at) + letter + word.slice(at);
}

/**
 * A reader's draft with three misspellings not seen before: /v1/check asks Hunspell for
 * suggestions (100–700 ms a word in French), as it does while real readers type.
 */
export function freshDraft(n: number) {
  return {
    lang: 'fr',
    body: `Franchement cette ${misspelt(3 * n)} et ce ${misspelt(3 * n + 1)} sont vraiment ${misspelt(3 * n + 2)}, je recommande.`,
  };
}

/**
 * Comments posted so far, over every run of the process: each comment's text ends with its number,
 * a word no comment had before (a real comment has a name, a typo or a figure of its own), in the
 * warm-ups, the measured runs and the runs after them alike (until 2026-11-29 09:xx each run
 * counted from 1 again, so a measured run's first comments repeated its warm-up's numbers).
 */
let commentsPosted = 0;

/** The next comment's JSON: its own author, e-mail and number. */
function nextComment(bodies: string[]): string {
  const n = ++commentsPosted;
  return JSON.stringify({
    author: `Lecteur ${n}`,
    email: `r${n}-${process.hrtime.bigint()}@example.org`,
    body: `${bodies[n % bodies.length]} (${n})`,
  });
}

function run(
  url: string,
  opts: HttpOptions,
  request: Partial<autocannon.Request> & { dynamic?: boolean; bodyOf?: (n: number) => unknown },
  bodies: string[],
) {
  let counter = 0;
  const start = Date.now();
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
              if (request.bodyOf) return { ...req, body: JSON.stringify(request.bodyOf(counter++)) };
              return request.dynamic ? { ...req, body: nextComment(bodies) } : req;
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
          window: { start, end: Date.now() },
        });
      },
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

/**
 * The largest event-loop delay a server reported (one "event loop" log line a second, each
 * covering the second before it) over the reports that fall inside a run.
 */
function eventLoopMaxDuring(output: string, window: { start: number; end: number }): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const line of output.split('\n')) {
    if (!line.includes('"eventLoop"')) continue;
    try {
      const entry = JSON.parse(line) as { time: string | number; eventLoop: { maxMs: number } };
      const at = typeof entry.time === 'number' ? entry.time : Date.parse(entry.time);
      if (at - 1000 >= window.start && at <= window.end) max = Math.max(max, entry.eventLoop.maxMs);
    } catch {
      // a line cut by the output buffer
    }
  }
  return max;
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
    window: {
      start: Math.min(...results.map((r) => r.window.start)),
      end: Math.max(...results.map((r) => r.window.end)),
    },
  };
}

/**
 * RSS "after warm-up" read at rest as well as right after the load: the spelling-suggestion
 * worker stops after 60 s without a request (worker-suggester.ts), and V8 collects the garbage
 * the load left in the old generation only when its memory reducer runs, about a minute after
 * the traffic stops (2026-11-29, --trace-gc after a POST load: three compacting collections ~53 s
 * later, heap 94 -> 49 MB, RSS 219 -> 175 MB; 90 s of rest had missed them in two runs of three).
 */
const REST_SECONDS = 180;
const REST_POLL_SECONDS = 15;

/** Each server's RSS every REST_POLL_SECONDS while nothing is sent to it, for `seconds`. */
async function rssWhileIdle(servers: Running[], seconds: number) {
  const series: { seconds: number; mb: number }[][] = servers.map(() => []);
  for (let waited = REST_POLL_SECONDS; waited <= seconds; waited += REST_POLL_SECONDS) {
    await new Promise((resolve) => setTimeout(resolve, REST_POLL_SECONDS * 1000));
    for (const [i, s] of servers.entries()) series[i]?.push({ seconds: waited, mb: s.rssMb() });
  }
  return series;
}

/**
 * 2. HTTP through the real server (dist/server.mjs, what `npm start` runs) on one core, load from this process on
 * the other: comment submission through all rules and the database (saturated, then at a steady
 * rate), a comment page, /v1/check;
 * drafts with fresh misspellings beside health checks; and, in the same run, the bare Hono +
 * Kysely insert as the ceiling; then the server's RSS right after the load and at rest.
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
    // One event-loop report a second: the maximum during each measured run comes from them.
    EVENT_LOOP_REPORT_SECONDS: '1',
  };
  const servers: Running[] = [];
  for (let i = 0; i < opts.instances; i++) servers.push(await startServer(['dist/server.mjs'], env, 0));
  const urls = servers.map((s) => s.url);
  const results: Record<string, Result> = {};
  // The servers' own figures, beside the endpoints' (written to the JSON as `server`).
  const server = {
    rssMbAfterLoad: [] as number[],
    rssMbAtRest: [] as { seconds: number; mb: number }[][],
    eventLoopDelayMaxMs: [] as number[],
  };
  try {
    const measure = async (request: Parameters<typeof run>[2]) => {
      // A short warm-up first: V8 compiles the code paths, caches fill, as on a running site.
      await runSpread(urls, { ...opts, duration: WARM_UP_SECONDS }, request, bodies);
      return runSpread(urls, opts, request, bodies);
    };
    const post = { method: 'POST', path: '/v1/articles/bench/comments', dynamic: true } as const;
    results[POST_COMMENT] = await measure(post);
    // Going on at once: the seconds in which the old generation fills and is collected.
    results[POST_COMMENT_LATER] = await runSpread(urls, opts, post, bodies);
    results[POST_COMMENT_PACED] = await runPaced(urls, {
      rate: PACED_RATE,
      seconds: opts.duration,
      connections: opts.connections,
      path: post.path,
      body: () => nextComment(bodies),
    });
    results['GET comment page'] = await measure({ method: 'GET', path: '/v1/articles/bench/comments?limit=20' });
    results['POST /v1/check'] = await measure({
      method: 'POST',
      path: '/v1/check',
      body: JSON.stringify({ articleId: 'bench', body: bodies.slice(0, 3).join(' ') }),
    });
    // Readers drafting with misspellings never seen before, 5 at a time, and health checks beside
    // them: whether the server still answers while Hunspell looks for suggestions.
    const few = { ...opts, connections: 5 };
    await runSpread(
      urls,
      { ...few, duration: WARM_UP_SECONDS },
      { method: 'POST', path: '/v1/check', bodyOf: freshDraft },
      bodies,
    );
    const [drafts, health] = await Promise.all([
      runSpread(urls, few, { method: 'POST', path: '/v1/check', bodyOf: (n) => freshDraft(n + 100_000) }, bodies),
      runSpread(urls, few, { method: 'GET', path: '/healthz' }, bodies),
    ]);
    results['POST /v1/check, fresh misspellings, 5 conn.'] = drafts;
    results['GET /healthz beside them, 5 conn.'] = health;
    server.rssMbAfterLoad = servers.map((s) => s.rssMb());
    server.rssMbAtRest = await rssWhileIdle(servers, REST_SECONDS);
  } finally {
    for (const s of servers) await s.stop();
    server.eventLoopDelayMaxMs = servers.map((s) => /"eventLoopDelayMaxMs":([\d.]+)/.exec(s.output())?.[1]).map(Number);
    for (const result of Object.values(results))
      result.eventLoopMaxMs = Math.max(...servers.map((s) => eventLoopMaxDuring(s.eventLoopReports(), result.window)));
  }
  if (opts.withBaseline && opts.instances === 1) {
    // The same bare insert twice: with Vigie's durability (synchronous=FULL, one fsync per
    // commit: what the stack gives without group commit), and with synchronous=NORMAL (no
    // fsync: the CPU ceiling of Hono + Kysely + SQLite on this machine).
    for (const [name, synchronous] of [
      [BASELINE_FULL, 'FULL'],
      [BASELINE_NORMAL, 'NORMAL'],
    ] as const) {
      const databasePath = `/tmp/vigie-baseline-${Date.now()}.sqlite`;
      const baseline = await startServer(
        ['--import', 'tsx', 'scripts/bench/baseline-server.ts'],
        { DATABASE_URL: databasePath, BASELINE_SYNCHRONOUS: synchronous },
        0,
      );
      try {
        const request = { method: 'POST', path: '/v1/articles/bench/comments', dynamic: true } as const;
        await run(baseline.url, { ...opts, duration: WARM_UP_SECONDS }, request, bodies);
        const result: Result = await run(baseline.url, opts, request, bodies);
        // Measured and logged as Vigie's is (baseline-server.ts): the stack's own loop delay.
        result.eventLoopMaxMs = eventLoopMaxDuring(baseline.eventLoopReports(), result.window);
        results[name] = result;
      } finally {
        await baseline.stop();
        removeSqliteFiles(databasePath);
      }
    }
  }
  const rows = Object.entries(results).map(([name, r]) => [
    name,
    fmt(r.reqPerSec, 0),
    fmt(r.p50, 1),
    fmt(r.p99, 1),
    r.eventLoopMaxMs === undefined || !Number.isFinite(r.eventLoopMaxMs) ? '-' : fmt(r.eventLoopMaxMs, 1),
    r.non2xx,
    r.errors,
  ]);
  console.log(
    `\n2. HTTP, ${opts.label}, ${opts.instances} instance(s), ${opts.connections} connections, ${opts.duration} s each after ${WARM_UP_SECONDS} s of warm-up`,
  );
  console.log(table(['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'loop max ms', 'non-2xx', 'errors'], rows));
  console.log(
    `   server RSS after load: ${server.rssMbAfterLoad.map((r) => fmt(r, 0)).join(', ')} MB; max event-loop delay over the server's life (start-up and warm-ups included): ${server.eventLoopDelayMaxMs.map((d) => fmt(d, 1)).join(', ')} ms`,
  );
  console.log(
    `   server RSS at rest after the load (idle, every ${REST_POLL_SECONDS} s): ${server.rssMbAtRest
      .map((series) => series.map((p) => `${p.seconds} s ${fmt(p.mb, 0)}`).join(', '))
      .join('; ')} MB`,
  );
  const post = results[POST_COMMENT];
  for (const name of [BASELINE_FULL, BASELINE_NORMAL]) {
    const base = results[name];
    if (post && base)
      console.log(`   comment submission = ${fmt((100 * post.reqPerSec) / base.reqPerSec, 0)} % of "${name}"`);
  }
  return { ...results, server };
}

/**
 * A site with an archive: `count` articles (the corpus's, repeated with a number; ~1,500
 * characters each), created a minute apart, written straight into a migrated database. Start-up
 * reads the most recent ones for the on-topic rule's IDF: this is what that costs.
 */
export async function writeArchive(databasePath: string, corpusDir: string, count: number) {
  const articles = readCorpus(corpusDir).articles;
  const sqlite = await openForGeneration(databasePath);
  const insert = prepareArticleInsert(sqlite);
  const start = Date.parse('2024-01-01T00:00:00Z');
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const article = articles[i % articles.length];
      if (!article) throw new Error(`${corpusDir}: no articles`);
      const at = new Date(start + i * 60_000).toISOString();
      insert.run(
        `archive-${i}`,
        `${article.title} ${i}`,
        `${article.body}\n${i}`,
        article.lang,
        JSON.stringify(article.tags),
        at,
      );
    }
  })();
  sqlite.close();
}

/** 3. Start-up: process start to /readyz answering (dictionaries loaded), and RSS at rest. */
export async function benchStartup(databaseUrl: string, what: string, runs = 5) {
  const times: number[] = [];
  const rss: number[] = [];
  const phases: { importsMs: number; rulesAndDatabaseMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const s = await startServer(['dist/server.mjs'], { DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' }, 0);
    times.push(s.readyMs);
    rss.push(s.rssMb());
    const startup = /"startup":(\{[^}]*\})/.exec(s.output())?.[1];
    if (startup) phases.push(JSON.parse(startup));
    await s.stop();
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `\n3. Start-up to /readyz, ${what}: min ${fmt(sorted[0] ?? NaN, 0)} ms, median ${fmt(median(times), 0)} ms, max ${fmt(sorted[sorted.length - 1] ?? NaN, 0)} ms over ${runs} starts; RSS at ready ${fmt(Math.min(...rss), 0)}–${fmt(Math.max(...rss), 0)} MB`,
  );
  console.log(
    `   median phases (server's own clock from process start): imports ${fmt(median(phases.map((p) => p.importsMs)), 0)} ms, rules and database ${fmt(median(phases.map((p) => p.rulesAndDatabaseMs)), 0)} ms`,
  );
  return { readyMs: times, rssMb: rss, phases };
}
