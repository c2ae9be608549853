import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { testConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connection.js';
import { sqliteQueryPlan } from '../../src/db/query-plan.js';
import { listPublishedQuery } from '../../src/domain/comments/repository.js';
import { listQueueQuery } from '../../src/domain/moderation/queue.js';
import { createToken } from '../../src/domain/tokens/tokens.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { openForGeneration, prepareArticleInsert } from './generate.js';
import { type Get, measure, type Row } from './latency.js';
import { COMMENT_PAGE_ROWS, QUEUE_PAGE_ROWS } from './rows.js';
import { removeSqliteFiles, startServer } from './servers.js';
import { fmt, type Summary, table } from './stats.js';
import { WARM_UP_SECONDS } from './warm-up.js';

/**
 * 4. Scale of data: 1,000,000 comments (1,000 articles × 1,000, 2 % pending with a violation),
 * then the moderation queue and an article's comment page, first and deep pages, p99 latency;
 * and the query plans, to see the indexes at work. Latency is measured twice: over HTTP against
 * the built server (dist/server.mjs, what `npm start` runs, on core 0; requests one at a time
 * from a client process of their own on core 1, beside a bare node:http server answering the
 * same way, the floor of this machine), and in this process through `app.request()` (the sources
 * through tsx, no HTTP: the application's own time).
 */

/** The HTTP rows, timed from a fresh client process on this core (see latency.ts). */
function measureOverHttp(base: string, rows: Row[]): Promise<Record<string, Summary>> {
  return new Promise((resolve, reject) => {
    const client = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/latency.ts'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    client.stdout.on('data', (chunk) => {
      output += chunk;
    });
    client.on('error', reject);
    client.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`latency client exited with ${code}`));
      resolve(JSON.parse(output) as Record<string, Summary>);
    });
    client.stdin.end(JSON.stringify({ base, rows }));
  });
}

export async function benchScale(total = 1_000_000) {
  const path = `/tmp/vigie-scale-${Date.now()}.sqlite`;
  const generated = performance.now();
  const sqlite = await openForGeneration(path);
  const articles = 1000;
  const insertArticle = prepareArticleInsert(sqlite);
  const insertComment = sqlite.prepare(
    "insert into comments (id, article_id, parent_id, author, email, body, status, hold_reason, lang, ip, user_agent, fingerprint, flagged_rules, created_at, updated_at) values (?, ?, null, ?, ?, ?, ?, ?, 'fr', '192.0.2.1', 'bench', ?, ?, ?, ?)",
  );
  const insertViolation = sqlite.prepare(
    "insert into comment_violations (comment_id, position, rule, message_id, severity, message, spans, details, rules_version) values (?, 0, 'civility', 'civility.insult', 'high', 'Merci de rester courtois.', '[]', null, 'bench')",
  );
  const insertEvent = sqlite.prepare(
    "insert into moderation_events (id, comment_id, action, from_status, to_status, actor, reason, note, created_at) values (?, ?, ?, null, ?, 'system', null, null, ?)",
  );
  const start = Date.parse('2025-01-01T00:00:00Z');
  sqlite.transaction(() => {
    for (let a = 0; a < articles; a++)
      insertArticle.run(`article-${a}`, `Article ${a}`, 'Texte.', 'fr', '[]', new Date(start).toISOString());
    for (let i = 0; i < total; i++) {
      const id = randomUUID();
      const at = new Date(start + i * 1000).toISOString();
      const pending = i % 50 === 0;
      insertComment.run(
        id,
        `article-${i % articles}`,
        `Lecteur ${i % 5000}`,
        `r${i % 20000}@example.org`,
        `Commentaire ${i}`,
        pending ? 'pending' : 'published',
        pending ? 'flagged' : null,
        randomUUID(),
        pending ? 'civility' : null,
        at,
        at,
      );
      insertEvent.run(randomUUID(), id, pending ? 'hold' : 'publish', pending ? 'pending' : 'published', at);
      if (pending) insertViolation.run(id);
    }
  })();
  sqlite.exec('analyze');
  sqlite.close();
  const generationS = (performance.now() - generated) / 1000;

  const db = openDatabase(path);
  const app = createApp({
    db,
    rules: loadRuleSet({ modules: [] }),
    config: testConfig({ FLOOD_INTERVAL_SECONDS: 0, RATE_LIMIT_PER_MINUTE: 0 }),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
  });
  const { token } = await createToken(db, systemClock, { name: 'bench', role: 'moderator' });
  const auth = { Authorization: `Bearer ${token}` };

  const inProcess: Get = async (path, headers) => {
    const res = await app.request(path, { headers });
    await res.arrayBuffer();
    return res.status;
  };
  // A deep cursor: 40 pages into the queue and into the busiest article.
  let queueCursor = '';
  for (let i = 0; i < 40; i++) {
    const page = (await (
      await app.request(`/v1/moderation/queue?limit=50${queueCursor ? `&cursor=${queueCursor}` : ''}`, {
        headers: auth,
      })
    ).json()) as { nextCursor: string | null };
    if (!page.nextCursor) break;
    queueCursor = page.nextCursor;
  }
  let pageCursor = '';
  for (let i = 0; i < 40; i++) {
    const page = (await (
      await app.request(`/v1/articles/article-7/comments?limit=20${pageCursor ? `&cursor=${pageCursor}` : ''}`)
    ).json()) as { nextCursor: string | null };
    if (!page.nextCursor) break;
    pageCursor = page.nextCursor;
  }
  // 1,000 timed requests per row: a p99 read from the 10 slowest, not from 3 (the counts, ~4–13 ms
  // each, 100).
  const RUNS = 1000;
  const [queueFirst, queueDeep, queueConsole, queueFiltered] = QUEUE_PAGE_ROWS;
  const [commentsFirst, commentsDeep] = COMMENT_PAGE_ROWS;
  const requests: Row[] = [
    [queueFirst, '/v1/moderation/queue?limit=50', auth, RUNS],
    [queueDeep, `/v1/moderation/queue?limit=50&cursor=${queueCursor}`, auth, RUNS],
    [queueConsole, '/v1/moderation/queue?limit=25', auth, RUNS],
    [queueFiltered, '/v1/moderation/queue?limit=50&rule=civility', auth, RUNS],
    ['queue counts', '/v1/moderation/queue/counts', auth, RUNS / 10],
    [commentsFirst, '/v1/articles/article-7/comments?limit=20', {}, RUNS],
    [commentsDeep, `/v1/articles/article-7/comments?limit=20&cursor=${pageCursor}`, {}, RUNS],
    ['article with count', '/v1/articles/article-7', {}, RUNS],
  ];
  const inProcessResults: Record<string, Summary> = {};
  for (const [name, path, headers, runs] of requests)
    inProcessResults[name] = await measure(inProcess, path, headers, runs);

  // Query plans of the two hot listings, from the queries Kysely actually sends.
  const plans = {
    listPublished: await sqliteQueryPlan(
      db,
      listPublishedQuery(db, 'article-7', 20, { createdAt: '2025-01-01T00:00:00.000Z', id: 'x' }),
    ),
    listQueue: await sqliteQueryPlan(db, listQueueQuery(db, {}, 50, null)),
  };
  await db.destroy();

  // The same requests over HTTP against the server `npm start` runs, on the same database, and a
  // bare node:http server on the same core: the latency this machine adds to any request.
  const httpResults: Record<string, Summary> = {};
  const server = await startServer(
    ['dist/server.mjs'],
    { DATABASE_URL: path, LOG_LEVEL: 'warn', FLOOD_INTERVAL_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '0' },
    0,
  );
  try {
    Object.assign(httpResults, await measureOverHttp(server.url, requests));
  } finally {
    await server.stop();
  }
  const bare = await startServer(['scripts/bench/bare-http-server.mjs'], {}, 0);
  try {
    Object.assign(
      httpResults,
      await measureOverHttp(bare.url, [['bare node:http server (floor)', '/readyz', {}, RUNS]]),
    );
  } finally {
    await bare.stop();
  }
  removeSqliteFiles(path);

  console.log(
    `\n4. Scale: ${total.toLocaleString('en')} comments (generated in ${fmt(generationS, 0)} s), latency in ms, over HTTP against the built server (one request at a time, from a client process of its own) and in this process through app.request(), each request timed after ${WARM_UP_SECONDS} s of warm-up`,
  );
  const cells = (r: Summary | undefined) => (r ? [fmt(r.median, 2), fmt(r.p99, 2), fmt(r.max, 2)] : ['', '', '']);
  console.log(
    table(
      ['request', 'HTTP median', 'p99', 'max', 'in-process median', 'p99', 'max'],
      Object.entries(httpResults).map(([n, r]) => [n, ...cells(r), ...cells(inProcessResults[n])]),
    ),
  );
  for (const [name, lines] of Object.entries(plans)) console.log(`   EXPLAIN QUERY PLAN ${name}: ${lines.join(' | ')}`);
  return { total, generationS, overHttp: httpResults, inProcess: inProcessResults, plans };
}
