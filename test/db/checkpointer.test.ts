import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../src/db/checkpointer.js';
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
