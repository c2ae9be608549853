/**
 * Crash test (`npm run test:crash`): the real server on a file database, concurrent clients
 * posting comments, `kill -9` in the middle of the load, several times. Afterwards every comment
 * the server acknowledged (201/202) must be in the database, intact, with its violations and its
 * event, and nothing may be half-written (a comment without its event or with gaps in its
 * violations). Exits 1 on any loss. It proves the durability settings in src/db/connection.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { systemClock } from '../src/clock.js';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createToken } from '../src/domain/tokens/tokens.js';
import { startServer } from './bench/servers.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 5);
const CLIENTS = 8;
const dir = mkdtempSync(join(tmpdir(), 'vigie-crash-'));
const dbPath = join(dir, 'vigie.sqlite');

interface Ack {
  id: string;
  body: string;
  author: string;
  status: string;
  rules: string[];
}

async function client(port: number, round: number, n: number, acks: Ack[], stop: { now: boolean }) {
  for (let i = 0; !stop.now; i++) {
    const withLinks = i % 3 === 0;
    const body = `Round ${round}, client ${n}, comment ${i}: ${withLinks ? 'voir https://a.example et https://b.example' : 'un avis mesuré sur la panne.'}`;
    const author = `Lecteur ${n}`;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/articles/crash/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ author, email: `r${round}c${n}i${i}@example.org`, body }),
      });
      if (res.status === 201 || res.status === 202) {
        const json = (await res.json()) as { comment: { id: string; status: string }; violations: { rule: string }[] };
        acks.push({
          id: json.comment.id,
          body,
          author,
          status: json.comment.status,
          rules: json.violations.map((v) => v.rule),
        });
      }
    } catch {
      return; // the server died under us: this request was never acknowledged
    }
  }
}

async function main() {
  // The server as `npm start` runs it: the bundle of the compiled sources.
  execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  const setup = openDatabase(dbPath);
  await migrateToLatest(setup);
  const { token } = await createToken(setup, systemClock, { name: 'crash-test', role: 'publisher' });
  await setup.destroy();

  const acks: Ack[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const server = await startServer(
      ['dist/server.mjs'],
      { DATABASE_URL: dbPath, FLOOD_INTERVAL_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'error' },
      null,
    );
    const { port } = server;
    if (round === 1) {
      const res = await fetch(`http://127.0.0.1:${port}/v1/articles/crash`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: 'Panne géante', body: 'Des millions d’abonnés privés d’internet.' }),
      });
      if (res.status !== 201) throw new Error(`could not register the article: ${res.status}`);
    }
    const stop = { now: false };
    const before = acks.length;
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(port, round, n, acks, stop));
    await new Promise((r) => setTimeout(r, 400 + Math.random() * 600));
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    stop.now = true;
    await Promise.all(clients);
    console.log(`round ${round}: killed with SIGKILL after ${acks.length - before} acknowledged comments`);
  }

  // Verify with a plain connection, as an operator would after the crash.
  const db = new Database(dbPath);
  const failures: string[] = [];
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') failures.push(`integrity_check: ${integrity}`);
  const getComment = db.prepare('select body, author, status from comments where id = ?');
  const getRules = db.prepare('select rule, position from comment_violations where comment_id = ? order by position');
  for (const ack of acks) {
    const row = getComment.get(ack.id) as { body: string; author: string; status: string } | undefined;
    if (!row) {
      failures.push(`${ack.id}: acknowledged but missing`);
      continue;
    }
    if (row.body !== ack.body || row.author !== ack.author || row.status !== ack.status)
      failures.push(`${ack.id}: changed`);
    const rules = (getRules.all(ack.id) as { rule: string }[]).map((r) => r.rule);
    if (rules.join() !== ack.rules.join()) failures.push(`${ack.id}: violations ${rules} instead of ${ack.rules}`);
  }
  const orphans = db
    .prepare(
      'select count(*) as n from comments c where not exists (select 1 from moderation_events e where e.comment_id = c.id)',
    )
    .get() as { n: number };
  if (orphans.n > 0) failures.push(`${orphans.n} comments without their event (half-written)`);
  const gaps = db
    .prepare(
      'select comment_id, count(*) as n, max(position) as last from comment_violations group by comment_id having n != last + 1',
    )
    .all();
  if (gaps.length > 0) failures.push(`${gaps.length} comments with gaps in their violations`);
  const total = (db.prepare('select count(*) as n from comments').get() as { n: number }).n;
  db.close();
  rmSync(dir, { recursive: true, force: true });

  console.log(`${ROUNDS} crashes, ${acks.length} comments acknowledged, ${total} stored, integrity ${integrity}`);
  if (failures.length > 0) {
    console.error(`LOST OR DAMAGED (${failures.length}):\n${failures.slice(0, 20).join('\n')}`);
    process.exit(1);
  }
  if (acks.length === 0) {
    console.error('no comment was acknowledged: the test proved nothing');
    process.exit(1);
  }
  console.log('crash test: every acknowledged comment is intact');
}

await main();
