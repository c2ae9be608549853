import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase, startBackgroundCheckpoints } from '../../src/db/connection.js';
import { writeTransaction } from '../../src/db/transaction.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-connection-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tables = async (db: Db) => (await db.introspection.getTables()).map((t) => t.name).sort();

const autocheckpoint = async (db: Db) =>
  (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]?.wal_autocheckpoint;

describe('openDatabase (SQLite)', () => {
  it('keeps temporary storage, the savepoints’ sub-journals among it, in memory', async () => {
    const db = openDatabase(join(dir, 'db.sqlite'));
    try {
      const rows = (await sql<{ temp_store: number }>`pragma temp_store`.execute(db)).rows;
      expect(rows).toEqual([{ temp_store: 2 }]); // 2 = MEMORY; SQLite's default, 0, means a file
    } finally {
      await closeDatabase(db);
    }
  });

  it.each([':memory:', 'file'])('%s: pending migrations apply all or nothing', async (where) => {
    const db = openDatabase(where === 'file' ? join(dir, 'db.sqlite') : ':memory:');
    try {
      const migrator = new Migrator({
        db,
        provider: {
          getMigrations: async () => ({
            '0001_first': {
              up: (m: Kysely<unknown>) => m.schema.createTable('first').addColumn('id', 'text').execute(),
            },
            '0002_fails_half_way': {
              up: async (m: Kysely<unknown>) => {
                await m.schema.createTable('second').addColumn('id', 'text').execute();
                throw new Error('half way');
              },
            },
          }),
        },
      });
      const result = await migrator.migrateToLatest();

      expect(String(result.error)).toContain('half way');
      // Neither the first migration nor the second one's first statement stayed.
      expect(await tables(db)).toEqual([]);
      expect(
        await db
          .selectFrom('kysely_migration' as never)
          .selectAll()
          .execute(),
      ).toEqual([]);
    } finally {
      await closeDatabase(db);
    }
  });
});

describe('startBackgroundCheckpoints', () => {
  it('moves a file’s checkpoints out of its commits once called', async () => {
    const db = openDatabase(join(dir, 'db.sqlite'));
    try {
      // Until the server listens, SQLite checkpoints inside commits as it does by default.
      expect(await autocheckpoint(db)).toBe(1000);
      startBackgroundCheckpoints(db, () => {});
      expect(await autocheckpoint(db)).toBe(0);
    } finally {
      await closeDatabase(db);
    }
  });

  it('makes write transactions wait for a catch-up once the WAL is long: it starts again', async () => {
    const path = join(dir, 'db.sqlite');
    const db = openDatabase(path);
    try {
      await sql`create table t (id integer primary key, payload text)`.execute(db);
      startBackgroundCheckpoints(db, () => {}, { intervalMs: 5, maxWalFrames: 50 });
      const insert = (n: number) =>
        writeTransaction(db, (tx) => sql`insert into t (payload) values (${'x'.repeat(2000) + n})`.execute(tx));
      // The worker boots first (~100 ms): until then nothing reports the WAL's length.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const sequence = readFileSync(`${path}-wal`).readUInt32BE(12);
      // Inserts queued faster than they commit, as under load: commit groups one after the
      // other, with no pause in which the worker could copy the WAL's last frames by itself.
      await Promise.all(Array.from({ length: 4000 }, (_, k) => insert(k)));
      // The WAL header's checkpoint sequence number counts the times it was started again.
      expect(readFileSync(`${path}-wal`).readUInt32BE(12) - sequence).toBeGreaterThanOrEqual(4);
    } finally {
      await closeDatabase(db);
    }
  });

  it('does nothing for an in-memory database', async () => {
    const db = openDatabase(':memory:');
    try {
      startBackgroundCheckpoints(db, () => {});
      expect(await autocheckpoint(db)).toBe(1000);
    } finally {
      await closeDatabase(db);
    }
  });
});
