import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Checkpointer, type CheckpointerOptions, startCheckpointer } from '../../src/db/checkpointer.js';
import { openSqlite } from '../../src/db/connection.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-ckpt-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const until = async (condition: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return condition();
};

describe('startCheckpointer', () => {
  it('turns off checkpoints in commits and copies the WAL back from its worker thread', async () => {
    const path = join(dir, 'db.sqlite');
    const sqlite = openSqlite(path);
    sqlite.exec('create table t (id integer primary key, payload text)');
    const checkpointer = startCheckpointer(sqlite, path, { intervalMs: 20 });
    try {
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const sizeBefore = statSync(path).size;
      const insert = sqlite.prepare('insert into t (payload) values (?)');
      for (let i = 0; i < 500; i++) insert.run('x'.repeat(1000));
      // The rows reach the database file without this connection checkpointing.
      expect(await until(() => statSync(path).size > sizeBefore + 400_000)).toBe(true);
    } finally {
      await checkpointer.stop();
      sqlite.close();
    }
  });

  it('turns checkpoints in commits back on when its worker fails', async () => {
    const path = join(dir, 'db.sqlite');
    const sqlite = openSqlite(path);
    const errors: unknown[] = [];
    // The worker opens the file with fileMustExist: a wrong path makes it fail.
    const checkpointer = startCheckpointer(sqlite, join(dir, 'missing.sqlite'), { onError: (e) => errors.push(e) });
    try {
      expect(await until(() => errors.length > 0)).toBe(true);
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await checkpointer.stop();
      sqlite.close();
    }
  });
});

describe('startCheckpointer: the WAL under a steady stream of commits', () => {
  const FRAME = 4096 + 24; // a page and its frame header
  /** How many times the WAL was started again: its header's checkpoint sequence number (bytes 12–15). */
  const walSequence = (path: string) => readFileSync(`${path}-wal`).readUInt32BE(12);

  /** The next turn of the event loop: where the worker's reports arrive, as between the server's commit groups. */
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  /**
   * A file with a table, its checkpointer, and an insert of one 2 KB row, given to `body` once the
   * worker has checkpointed (it boots in ~100 ms, longer than the loops below); stopped and
   * closed after, whatever happens.
   */
  async function withCheckpointer(
    options: CheckpointerOptions,
    body: (c: { path: string; checkpointer: Checkpointer; insert: () => void }) => Promise<void>,
    { fsync = true } = {},
  ) {
    const path = join(dir, 'db.sqlite');
    const sqlite = openSqlite(path);
    if (!fsync) sqlite.pragma('synchronous = NORMAL'); // no fsync per commit: only the test's time
    sqlite.exec('create table t (id integer primary key, payload text)');
    const checkpointer = startCheckpointer(sqlite, path, options);
    const statement = sqlite.prepare('insert into t (payload) values (?)');
    const insert = () => void statement.run('x'.repeat(2000));
    try {
      const before = statSync(path).size;
      for (let i = 0; i < 100; i++) insert();
      expect(await until(() => statSync(path).size > before + 100_000)).toBe(true);
      await body({ path, checkpointer, insert });
    } finally {
      await checkpointer.stop();
      sqlite.close();
    }
  }

  it('starts the WAL again and again when each write asks beforeWrite first', async () => {
    await withCheckpointer(
      { intervalMs: 5, maxWalFrames: 100 },
      async ({ path, checkpointer, insert }) => {
        const sequence = walSequence(path);
        // ~20,000 frames: without the catch-ups (measured: beforeWrite not asked), the WAL file
        // reached 5,500–20,000 frames and was started again at most once.
        for (let i = 0; i < 10_000; i++) {
          await checkpointer.beforeWrite();
          insert();
          await nextTurn();
        }
        expect(walSequence(path) - sequence).toBeGreaterThanOrEqual(10);
        // The file never shrinks: its size is the longest the WAL was (~1,500 frames here: how far
        // it gets between two reports of the worker).
        expect(statSync(`${path}-wal`).size).toBeLessThan(5000 * FRAME);
      },
      { fsync: false },
    );
  });

  it('lets writes go on when the catch-up cannot empty the WAL (a reader holds an old snapshot)', async () => {
    await withCheckpointer(
      { intervalMs: 5, maxWalFrames: 10, maxWaitMs: 2000 },
      async ({ path, checkpointer, insert }) => {
        // A reader in the middle of a transaction: no checkpoint may copy what was written after it began.
        const reader = new SQLite(path, { readonly: true });
        reader.exec('begin');
        reader.prepare('select count(*) from t').get();
        try {
          const started = Date.now();
          let waits = 0;
          for (let i = 0; i < 200; i++) {
            const wait = checkpointer.beforeWrite();
            if (wait !== null) waits++;
            await wait;
            insert();
            await nextTurn();
          }
          // Each incomplete catch-up ends at the worker's report, not at maxWaitMs, and is not asked
          // for again at once.
          expect(waits).toBeGreaterThan(0);
          expect(Date.now() - started).toBeLessThan(1500);
        } finally {
          reader.exec('commit');
          reader.close();
        }
      },
    );
  });
});
