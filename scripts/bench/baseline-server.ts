/**
 * The ceiling of our stack for the HTTP benchmark: a bare Hono route that parses the same JSON
 * and inserts one row with Kysely into SQLite (same pragmas as Vigie, or without the fsync per
 * commit: BASELINE_SYNCHRONOUS=NORMAL), nothing else.
 *
 * It reports its event loop's delay once a second, measured and logged as Vigie's server does
 * (EVENT_LOOP_REPORT_SECONDS=1), so that the benchmark sets Vigie's loop delay beside the stack's
 * own, in the same run.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { Kysely, SqliteDialect } from 'kysely';
import { openSqlite } from '../../src/db/connection.js';
import { measureLoopDelay } from '../../src/event-loop-delay.js';

interface Db {
  rows: { id: string; author: string; email: string; body: string; created_at: string };
}
const sqlite = openSqlite(process.env.DATABASE_URL ?? '/tmp/baseline.sqlite');
// FULL as Vigie (the default of openSqlite), or NORMAL: no fsync per commit, the CPU ceiling.
if (process.env.BASELINE_SYNCHRONOUS === 'NORMAL') sqlite.pragma('synchronous = NORMAL');
sqlite.exec(
  'create table if not exists rows (id text primary key, author text, email text, body text, created_at text)',
);
const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: sqlite }) });

const app = new Hono();
app.get('/readyz', (c) => c.json({ status: 'ready' }));
app.post('/v1/articles/:id/comments', async (c) => {
  const body = (await c.req.json()) as { author: string; email: string; body: string };
  const id = crypto.randomUUID();
  await db
    .insertInto('rows')
    .values({ id, author: body.author, email: body.email, body: body.body, created_at: new Date().toISOString() })
    .execute();
  return c.json({ id }, 201);
});
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });

const period = measureLoopDelay();
setInterval(() => {
  // The fields the benchmark reads from Vigie's "event loop" lines (http.ts, eventLoopMaxDuring).
  console.log(JSON.stringify({ time: Date.now(), eventLoop: { maxMs: period.maxMs(), p99Ms: period.p99Ms() } }));
  period.reset();
}, 1000).unref();
