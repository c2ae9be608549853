import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp } from '../../helpers.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function startModerator(dbPath: string, actor: string, decision: 'approve' | 'delete') {
  const child = fork(join(import.meta.dirname, 'race-child.ts'), [dbPath, actor, decision], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const nextMessage = () =>
    new Promise<{ id?: string; outcome?: string }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { id?: string; outcome?: string }));
      child.once('error', reject);
    });
  const ready = nextMessage();
  const decide = async (id: string) => {
    const reply = nextMessage();
    child.send({ id });
    return (await reply).outcome ?? 'no answer';
  };
  const stop = () => new Promise<void>((resolve) => child.once('exit', () => resolve()).send({ done: true }));
  return { ready, decide, stop };
}

/** Both moderators get each id at the same moment and the next one only when both have answered. */
async function race(ids: string[], a: ReturnType<typeof startModerator>, b: ReturnType<typeof startModerator>) {
  await Promise.all([a.ready, b.ready]);
  const outcomes: Record<string, [string, string]> = {};
  for (const id of ids) outcomes[id] = await Promise.all([a.decide(id), b.decide(id)]);
  await Promise.all([a.stop(), b.stop()]);
  return outcomes;
}

describe('two moderators racing on a file database (two processes, two connections)', () => {
  it.each([['approve'], ['delete']] as const)(
    'two moderators who %s the same comments at once: exactly one wins each, no lock error',
    async (decision) => {
      dir = mkdtempSync(join(tmpdir(), 'vigie-race-'));
      const dbPath = join(dir, 'vigie.sqlite');
      const t = await makeTestApp({ databaseUrl: dbPath, policy: { premoderation: 'all', rules: {} } });
      await t.putArticle('a1');
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        ids.push(
          (await (await t.postComment('a1', { body: `Texte ${i}`, email: `s${i}@example.org` })).json()).comment.id,
        );
      }
      await t.db.destroy();
      const outcomes = await race(
        ids,
        startModerator(dbPath, 'token:alice', decision),
        startModerator(dbPath, 'token:carol', decision),
      );
      // Any other outcome (both won, SQLITE_BUSY, a crash) fails here.
      for (const id of ids) expect([...(outcomes[id] ?? [])].sort(), id).toEqual(['InvalidTransition', 'won']);

      const check = await makeTestApp({ databaseUrl: dbPath });
      try {
        const approvals = await check.db
          .selectFrom('moderation_events')
          .select('comment_id')
          .where('action', '=', decision)
          .execute();
        expect(approvals).toHaveLength(ids.length);
        expect(new Set(approvals.map((e) => e.comment_id)).size).toBe(ids.length);
      } finally {
        await check.db.destroy();
      }
    },
  );
});
