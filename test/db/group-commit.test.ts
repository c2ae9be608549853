import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { durabilityOf, openDatabase, openSqlite } from '../../src/db/connection.js';
import { GroupCommit, type GroupCommitOptions } from '../../src/db/group-commit.js';
import { CoalescedSync, walDurability } from '../../src/db/wal-sync.js';
import { block } from '../block.js';

interface Db {
  parents: { id: number };
  children: { id: number; parent: number };
}

let dir: string;
let path: string;
let db: Kysely<Db>;
let group: GroupCommit<Db>;
let commits: number;
let savepoints: number;
let connection: SQLite.Database;
/** Whether the groups run their statements on the SQLite connection (as the server's do) or through Kysely. */
let onConnection = false;
const make = (options: GroupCommitOptions = {}) =>
  new GroupCommit(db, { ...options, ...(onConnection ? { connection } : {}) });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-group-'));
  path = join(dir, 'db.sqlite');
  const sqlite = openSqlite(path);
  sqlite.exec(
    'create table parents (id integer primary key); create table children (id integer primary key, parent integer not null references parents(id))',
  );
  // Count the COMMITs and SAVEPOINTs that reach SQLite.
  commits = 0;
  savepoints = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    if (/^commit/i.test(source)) commits++;
    if (/^savepoint/i.test(source)) savepoints++;
    return prepare(source);
  }) as typeof sqlite.prepare;
  db = new Kysely<Db>({ dialect: new SqliteDialect({ database: sqlite }) });
  connection = sqlite;
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const insertParent = (id: number) => (tx: Kysely<Db>) => tx.insertInto('parents').values({ id }).execute();
const committedIds = () => {
  // A second connection sees only what is committed.
  const other = new SQLite(path, { readonly: true });
  try {
    return (other.prepare('select id from parents order by id').all() as { id: number }[]).map((r) => r.id);
  } finally {
    other.close();
  }
};

const ways = [
  ['through Kysely', false],
  ['on its SQLite connection', true],
] as const;

describe.each(ways)('GroupCommit, its statements %s', (_way, direct) => {
  beforeEach(() => {
    onConnection = direct;
    group = make();
  });

  it('commits the units that arrive together with one COMMIT', async () => {
    const patient = make({ budgetMs: 10_000 }); // timing out of the picture
    await Promise.all([1, 2, 3, 4, 5].map((id) => patient.run(insertParent(id))));
    expect(committedIds()).toEqual([1, 2, 3, 4, 5]);
    expect(commits).toBe(1);
  });

  it('resolves a unit only once its rows are committed', async () => {
    await group.run(insertParent(7));
    expect(committedIds()).toEqual([7]);
  });

  it('runs the units one after the other: each sees the rows of the earlier ones', async () => {
    const seen = await Promise.all([
      group.run(insertParent(1)),
      group.run(async (tx) => (await tx.selectFrom('parents').select('id').execute()).length),
    ]);
    expect(seen[1]).toBe(1);
  });

  it('rolls back a failing unit alone, with its own error', async () => {
    const results = await Promise.allSettled([
      group.run(insertParent(1)),
      group.run(async (tx) => {
        await insertParent(2)(tx);
        throw new Error('refused');
      }),
      group.run(insertParent(1)), // primary key taken by the first unit
      group.run(insertParent(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused');
    expect((results[2] as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(committedIds()).toEqual([1, 3]);
  });

  it('runs no SAVEPOINT while no unit of the group fails', async () => {
    const patient = make({ budgetMs: 10_000 });
    await Promise.all([1, 2, 3].map((id) => patient.run(insertParent(id))));
    expect(committedIds()).toEqual([1, 2, 3]);
    expect(savepoints).toBe(0);
  });

  it('after a failing unit, runs the units before it again, each in a SAVEPOINT, and keeps only their last run', async () => {
    const patient = make({ budgetMs: 10_000 });
    let runs = 0;
    const results = await Promise.allSettled([
      patient.run(async (tx) => {
        runs++;
        await insertParent(1)(tx); // its first run's row would make the second fail (primary key)
        return runs;
      }),
      patient.run(async (tx) => {
        await insertParent(2)(tx);
        throw new Error('refused');
      }),
      patient.run(insertParent(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<number>).value).toBe(2);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused');
    expect(committedIds()).toEqual([1, 3]);
    expect(runs).toBe(2);
    expect(savepoints).toBe(2); // the first unit again, then the third
    expect(commits).toBe(1);
  });

  it('gives a unit that fails when run again its own error, and commits the others', async () => {
    const patient = make({ budgetMs: 10_000 });
    let runs = 0;
    const results = await Promise.allSettled([
      patient.run(insertParent(1)),
      patient.run(async (tx) => {
        runs++;
        if (runs > 1) throw new Error('second run');
        await insertParent(2)(tx);
      }),
      patient.run(async () => {
        throw new Error('refused');
      }),
      patient.run(insertParent(4)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('second run');
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('refused');
    expect(committedIds()).toEqual([1, 4]);
  });

  it('fails every unit of the group when the COMMIT fails, and commits nothing', async () => {
    // A deferred foreign key is only checked at COMMIT: the whole group's commit fails.
    await sql`pragma defer_foreign_keys = on`.execute(db);
    const results = await Promise.allSettled([
      group.run(insertParent(1)),
      group.run((tx) => tx.insertInto('children').values({ id: 1, parent: 99 }).execute()),
      group.run(insertParent(2)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(committedIds()).toEqual([]);
    // The connection is usable again afterwards.
    await group.run(insertParent(5));
    expect(committedIds()).toEqual([5]);
  });

  it('waits for beforeGroup before a group, and the units that arrive meanwhile join it', async () => {
    let open = () => {};
    let asked = 0;
    const gated = make({
      budgetMs: 10_000,
      beforeGroup: () => {
        asked++;
        return asked === 1 ? new Promise<void>((resolve) => (open = resolve)) : null;
      },
    });
    const first = gated.run(insertParent(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Nothing began while the wait lasts: not even the BEGIN.
    expect(commits).toBe(0);
    const second = gated.run(insertParent(2));
    open();
    await Promise.all([first, second]);
    expect(committedIds()).toEqual([1, 2]);
    expect(commits).toBe(1);
    await gated.run(insertParent(3));
    expect(asked).toBe(2);
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('worker gone'))],
    [
      'throws',
      () => {
        throw new Error('worker gone');
      },
    ],
  ])('commits the group even when the wait before it %s', async (_how, beforeGroup) => {
    const gated = make({ beforeGroup });
    await gated.run(insertParent(1));
    expect(committedIds()).toEqual([1]);
  });

  it('keeps a group short: past its time budget, the rest waits for the next group', async () => {
    const slow = make({ budgetMs: 5 });
    const busy = (id: number) => async (tx: Kysely<Db>) => {
      block(3); // 3 ms of work
      await insertParent(id)(tx);
    };
    await Promise.all([1, 2, 3, 4, 5, 6].map((id) => slow.run(busy(id))));
    expect(committedIds()).toEqual([1, 2, 3, 4, 5, 6]);
    // 18 ms of work in groups of at most 5 ms (+ the unit that crosses the line): 3 groups or
    // more (more on a loaded machine), never one.
    expect(commits).toBeGreaterThanOrEqual(3);
  });

  it.each([
    [true, 1],
    [false, 3],
  ])('with the event loop’s turn saying time left %s, three units take %d commit(s)', async (left, expected) => {
    const grouped = make({ budgetMs: 10_000, turn: { hasTimeLeft: () => left } });
    await Promise.all([1, 2, 3].map((id) => grouped.run(insertParent(id))));
    expect(committedIds()).toEqual([1, 2, 3]);
    // A spent turn still lets each group take one unit: no unit waits for ever.
    expect(commits).toBe(expected);
  });
});

/** The connection's `synchronous` level (1: NORMAL, 2: FULL), read through `on`. */
const synchronousOf = async (on: Kysely<Db>) =>
  (await sql<{ synchronous: number }>`pragma synchronous`.execute(on)).rows[0]?.synchronous;

/** A Durability whose syncs the test finishes by hand. */
function manualDurability() {
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  return {
    pending,
    durability: {
      sync: () => new Promise<void>((resolve, reject) => pending.push({ resolve, reject })),
    },
  };
}

const settled = async <T>(promise: Promise<T>) => {
  let state = 'pending';
  promise.then(
    () => {
      state = 'resolved';
    },
    () => {
      state = 'rejected';
    },
  );
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe.each(ways)('GroupCommit with a durability (fdatasync off the event loop), statements %s', (_way, direct) => {
  beforeEach(() => {
    onConnection = direct;
  });

  it('answers a unit only once the sync after its commit returned, and commits the next group meanwhile', async () => {
    const { pending, durability } = manualDurability();
    const durable = make({ durability });
    const first = durable.run(insertParent(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(committedIds()).toEqual([1]); // committed...
    expect(await settled(first)).toBe('pending'); // ...but not acknowledged before the sync
    const second = durable.run(insertParent(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(committedIds()).toEqual([1, 2]); // the next group did not wait for the disk
    expect(pending).toHaveLength(2);
    pending[0]?.resolve();
    expect(await settled(first)).toBe('resolved');
    expect(await settled(second)).toBe('pending');
    pending[1]?.resolve();
    expect(await settled(second)).toBe('resolved');
  });

  it('fails the units of a group whose sync failed', async () => {
    const { pending, durability } = manualDurability();
    const durable = make({ durability });
    const unit = durable.run(insertParent(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    pending[0]?.reject(new Error('EIO'));
    await expect(unit).rejects.toThrow('EIO');
  });

  it('commits with synchronous=NORMAL and gives the connection back with FULL', async () => {
    const { pending, durability } = manualDurability();
    const durable = make({ durability });
    let during: unknown;
    const unit = durable.run(async (tx) => {
      during = await synchronousOf(tx);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    pending[0]?.resolve();
    await unit;
    expect(during).toBe(1); // NORMAL
    expect(await synchronousOf(db)).toBe(2);
  });

  // openSqlite keeps prepared statements, the pragmas among them, and SQLite applies `pragma
  // synchronous` when it compiles one: a kept one must still take effect each time it runs.
  it('switches to NORMAL and back to FULL for every group, not only the first', async () => {
    const { pending, durability } = manualDurability();
    const durable = make({ durability });
    const seen: unknown[] = [];
    const readLevel = async (tx: Kysely<Db>) => {
      seen.push(await synchronousOf(tx));
    };
    for (let group = 0; group < 3; group++) {
      const unit = durable.run(readLevel);
      await new Promise((resolve) => setTimeout(resolve, 20));
      pending[group]?.resolve();
      await unit;
      seen.push(await synchronousOf(db));
    }
    expect(seen).toEqual([1, 2, 1, 2, 1, 2]);
  });

  it('fdatasyncs the real WAL file', async () => {
    const durable = make({ durability: walDurability(path) });
    await Promise.all([1, 2, 3].map((id) => durable.run(insertParent(id))));
    expect(committedIds()).toEqual([1, 2, 3]);
  });
});

describe('CoalescedSync', () => {
  it('gives a caller a sync started after its call, shared with everyone who came meanwhile', async () => {
    const started: (() => void)[] = [];
    const sync = new CoalescedSync(() => new Promise<void>((resolve) => started.push(resolve)));
    const a = sync.sync();
    expect(started).toHaveLength(1);
    const b = sync.sync(); // the running sync may have missed b's writes
    const c = sync.sync();
    expect(started).toHaveLength(1);
    started[0]?.();
    await a;
    expect(await settled(b)).toBe('pending');
    expect(started).toHaveLength(2); // one more sync, for b and c together
    started[1]?.();
    await Promise.all([b, c]);
    expect(started).toHaveLength(2);
  });

  it('passes a failed sync on to its callers, and syncs again for the next ones', async () => {
    let calls = 0;
    const sync = new CoalescedSync(async () => {
      calls++;
      if (calls === 1) throw new Error('EIO');
    });
    await expect(sync.sync()).rejects.toThrow('EIO');
    await expect(sync.sync()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});

describe('durabilityOf', () => {
  it('gives a WAL fdatasync for a SQLite file in WAL mode, nothing for an in-memory database', async () => {
    const file = openDatabase(join(dir, 'other.sqlite'));
    const memory = openDatabase(':memory:');
    try {
      expect(durabilityOf(file)).toBeDefined();
      expect(durabilityOf(memory)).toBeUndefined();
    } finally {
      await file.destroy();
      await memory.destroy();
    }
  });
});
