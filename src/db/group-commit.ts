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
 * - each unit of work runs inside its own SAVEPOINT of a shared BEGIN IMMEDIATE transaction, one
 *   after the other on the single connection, so it sees every earlier unit's rows exactly as if
 *   the transactions had run one after the other (serialisable, like before);
 * - a unit that throws is rolled back to its savepoint alone and gets its own error;
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

  private async runUnits(tx: Kysely<DB>, group: Group<DB>) {
    const { outcomes } = group;
    const started = performance.now();
    try {
      if (this.durability) await this.statement(tx, 'normal');
      await this.statement(tx, 'begin');
    } catch (error) {
      group.failure = { error };
      // Nothing ran: the units of the queue stay queued only if we take none.
      outcomes.push(...this.queue.splice(0).map((unit): Outcome<DB> => ({ unit, ok: false, error })));
      return;
    }
    while (this.queue.length > 0 && (outcomes.length === 0 || this.hasTimeLeft(started))) {
      const unit = this.queue.shift() as Unit<DB>;
      await this.statement(tx, 'savepoint');
      try {
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
          // earlier units are gone too.
          group.failure = { error: rollbackError };
          break;
        }
      }
    }
    try {
      if (group.failure) throw group.failure.error;
      await this.statement(tx, 'commit');
    } catch (error) {
      group.failure ??= { error };
      await this.statement(tx, 'rollback').catch(() => {}); // no transaction left to roll back
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
