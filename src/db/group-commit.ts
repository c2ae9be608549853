import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { TurnBudget } from '../event-loop-turn.js';
import { bindGroupConnection } from './group-statements.js';
import type { Durability } from './wal-sync.js';

/**
 * Group commit for SQLite: the write transactions that arrive together share one COMMIT.
 *
 * With `synchronous=FULL` every COMMIT waits for an fsync of the WAL (2–5 ms on this kind of
 * disk), and better-sqlite3 waits synchronously, on the event loop. One commit per comment capped
 * submissions at ~200/s and stalled every other request behind the disk. Databases have solved
 * this for decades by committing many transactions with one flush; this does the same:
 *
 * - the units run one after the other in a shared BEGIN IMMEDIATE transaction on the single
 *   connection, so each sees every earlier unit's rows exactly as if the transactions had run one
 *   after the other (serialisable, like before);
 * - a unit that throws gets its own error, and none of its writes is kept: the group runs the
 *   units before it again and goes on with a SAVEPOINT per unit (see runUnits), so a unit's work
 *   may run more than once and must act only through its `tx`;
 * - no unit's promise resolves before the shared COMMIT is on disk: an acknowledged comment is
 *   durable, as with one commit per comment; if the COMMIT fails, every unit of the group fails;
 * - a group stops taking units after `budgetMs` of work, so the event loop is never held long.
 *
 * With `durability`, the group commits with synchronous=NORMAL and waits for `durability.sync()`
 * (an fdatasync of the WAL on the thread pool, see wal-sync.ts) instead of fsyncing inside the
 * COMMIT on the event loop; the next group starts meanwhile. Other writes on the connection keep
 * the connection's own setting (FULL).
 */
export interface GroupCommitOptions {
  /** Work time after which a group commits and the next units wait for the next group. */
  budgetMs?: number;
  /** Makes a committed group durable off the event loop (SQLite files; none for :memory:). */
  durability?: Durability | undefined;
  /**
   * Asked before each group: null to start it now, or a promise to wait for first (the WAL's
   * catch-up, see checkpointer.ts). The units that arrive meanwhile join the group.
   */
  beforeGroup?: (() => Promise<void> | null) | undefined;
  /**
   * The better-sqlite3 connection under `db`: the group then runs its own statements and its
   * units' `tableInsert`s on it directly while it holds it (see group-statements.ts).
   */
  connection?: SQLite.Database | undefined;
  /**
   * The event loop's turn budget (event-loop-turn.ts): a group also stops taking units once the
   * turn is spent, so that the requests read in the turn and the group together stay within it.
   */
  turn?: Pick<TurnBudget, 'hasTimeLeft'> | undefined;
}

/** The group's own statements. */
const STATEMENTS = {
  normal: 'pragma synchronous = normal',
  full: 'pragma synchronous = full',
  begin: 'begin immediate',
  savepoint: 'savepoint unit',
  release: 'release unit',
  rollbackToSavepoint: 'rollback to unit',
  commit: 'commit',
  rollback: 'rollback',
} as const;

interface Unit<DB> {
  work: (tx: Kysely<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome<DB> = { unit: Unit<DB>; ok: true; value: unknown } | { unit: Unit<DB>; ok: false; error: unknown };
interface Group<DB> {
  outcomes: Outcome<DB>[];
  failure: { error: unknown } | null;
}

export class GroupCommit<DB> {
  private readonly queue: Unit<DB>[] = [];
  private running = false;
  private readonly budgetMs: number;
  private readonly durability: Durability | undefined;
  private readonly beforeGroup: (() => Promise<void> | null) | undefined;
  private readonly connection: SQLite.Database | undefined;
  private readonly turn: Pick<TurnBudget, 'hasTimeLeft'> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    options: GroupCommitOptions = {},
  ) {
    this.budgetMs = options.budgetMs ?? 2;
    this.durability = options.durability;
    this.beforeGroup = options.beforeGroup;
    this.connection = options.connection;
    this.turn = options.turn;
  }

  run<T>(work: (tx: Kysely<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.kick();
    });
  }

  private kick() {
    if (this.running || this.queue.length === 0) return;
    this.running = true;
    // setImmediate, not a microtask: the requests already read in this turn of the event loop
    // join the group.
    setImmediate(() => {
      const wait = this.waitBeforeGroup();
      const commit = () => this.commitGroup();
      // The wait never fails the group: a catch-up that goes wrong only leaves the WAL long.
      const committed = wait === null ? commit() : wait.then(commit, commit);
      void committed.then((group) => {
        // The next group may start while this one's commit reaches the disk.
        this.running = false;
        this.kick();
        return this.settle(group);
      });
    });
  }

  /** What to wait for before the next group (beforeGroup's answer; nothing if it throws). */
  private waitBeforeGroup(): Promise<void> | null {
    try {
      return this.beforeGroup?.() ?? null;
    } catch {
      return null;
    }
  }

  /** Answers every unit of a committed (or failed) group, once its commit is durable. */
  private async settle({ outcomes, failure }: Group<DB>) {
    if (failure === null && this.durability) {
      try {
        await this.durability.sync();
      } catch (error) {
        failure = { error };
      }
    }
    for (const outcome of outcomes) {
      if (outcome.ok && failure === null) outcome.unit.resolve(outcome.value);
      else outcome.unit.reject(outcome.ok ? failure?.error : outcome.error);
    }
  }

  /** Runs and commits the next group; never throws: failures are in the group it returns. */
  private async commitGroup(): Promise<Group<DB>> {
    const group: Group<DB> = { outcomes: [], failure: null };
    try {
      await this.db.connection().execute(async (tx) => {
        if (this.connection) bindGroupConnection(tx, this.connection);
        try {
          await this.runUnits(tx, group);
        } finally {
          if (this.durability) await this.statement(tx, 'full');
        }
      });
    } catch (error) {
      group.failure ??= { error };
    }
    return group;
  }

  /**
   * Runs the group's units, then commits. Each unit first runs straight in the transaction, with
   * no SAVEPOINT of its own: a savepoint makes SQLite copy into its sub-journal every page the
   * unit changes that an earlier unit of the group had changed (the indexes' pages, for nearly
   * every comment): 5–10 % of a comment POST's CPU (2026-11-30). A unit that fails cannot be undone
   * alone that way: the group then rolls back, runs the units before it again, each in its own
   * SAVEPOINT, and goes on with savepoints to its end. So a unit's work may run twice; it acts
   * only through `tx`, and only its last run counts.
   */
  private async runUnits(tx: Kysely<DB>, group: Group<DB>) {
    const { outcomes } = group;
    const started = performance.now();
    if (!(await this.begin(tx, group, [], true))) return;
    const failed = await this.runWithoutSavepoints(tx, group, started);
    if (failed) {
      const again = outcomes.splice(0).map((outcome) => outcome.unit);
      outcomes.push(failed);
      // No transaction may be left if SQLite rolled it back itself (I/O error, disk full...).
      await this.statement(tx, 'rollback').catch(() => {});
      if (!(await this.begin(tx, group, again, false))) return;
      await this.runInSavepoints(tx, group, again, started);
    }
    try {
      if (group.failure) throw group.failure.error;
      await this.statement(tx, 'commit');
    } catch (error) {
      group.failure ??= { error };
      await this.statement(tx, 'rollback').catch(() => {}); // no transaction left to roll back
    }
  }

  /**
   * BEGIN (after switching to synchronous=NORMAL when `switchSync`). If it fails, nothing ran:
   * `taken` and every queued unit fail with its error (the queue stays queued only if we take none).
   */
  private async begin(tx: Kysely<DB>, group: Group<DB>, taken: Unit<DB>[], switchSync: boolean): Promise<boolean> {
    try {
      if (switchSync && this.durability) await this.statement(tx, 'normal');
      await this.statement(tx, 'begin');
      return true;
    } catch (error) {
      group.failure = { error };
      const failed = [...taken, ...this.queue.splice(0)];
      group.outcomes.push(...failed.map((unit): Outcome<DB> => ({ unit, ok: false, error })));
      return false;
    }
  }

  /** Takes units while there is time, each straight in the transaction; returns the first that fails. */
  private async runWithoutSavepoints(tx: Kysely<DB>, group: Group<DB>, started: number): Promise<Outcome<DB> | null> {
    while (this.queue.length > 0 && (group.outcomes.length === 0 || this.hasTimeLeft(started))) {
      const unit = this.queue.shift() as Unit<DB>;
      try {
        group.outcomes.push({ unit, ok: true, value: await unit.work(tx) });
      } catch (error) {
        return { unit, ok: false, error };
      }
    }
    return null;
  }

  /**
   * Runs `again` (every one of them), then takes queued units while there is time, each in its
   * own SAVEPOINT: a unit that fails is rolled back alone, with its own error.
   */
  private async runInSavepoints(tx: Kysely<DB>, group: Group<DB>, again: Unit<DB>[], started: number) {
    const { outcomes } = group;
    const next = () =>
      again.shift() ?? (this.queue.length > 0 && this.hasTimeLeft(started) ? this.queue.shift() : undefined);
    for (let unit = next(); unit !== undefined; unit = next()) {
      try {
        await this.statement(tx, 'savepoint');
        const value = await unit.work(tx);
        await this.statement(tx, 'release');
        outcomes.push({ unit, ok: true, value });
      } catch (error) {
        outcomes.push({ unit, ok: false, error });
        try {
          await this.statement(tx, 'rollbackToSavepoint');
          await this.statement(tx, 'release');
        } catch (rollbackError) {
          // SQLite rolled the whole transaction back itself (I/O error, disk full...): the
          // earlier units are gone too, and those taken to run again fail with them.
          group.failure = { error: rollbackError };
          outcomes.push(...again.splice(0).map((u): Outcome<DB> => ({ unit: u, ok: false, error: rollbackError })));
          return;
        }
      }
    }
  }

  /** Whether the group may take another unit: its own budget and the event loop's turn. */
  private hasTimeLeft(started: number): boolean {
    return performance.now() - started < this.budgetMs && (this.turn?.hasTimeLeft() ?? true);
  }

  /** One of the group's own statements: on the connection when it has it, else through Kysely. */
  private async statement(tx: Kysely<DB>, name: keyof typeof STATEMENTS): Promise<void> {
    if (this.connection) this.connection.prepare(STATEMENTS[name]).run();
    else await sql.raw(STATEMENTS[name]).execute(tx);
  }
}
