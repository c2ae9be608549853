/**
 * Keeps each turn of the event loop short under load: work that arrives once the current turn
 * has run for `budgetMs` waits for a later turn, first come first served, so that timers, the
 * other sockets and the commits that reached the disk get the thread every few milliseconds.
 *
 * Why: under 50 connections the server read up to 50 requests in one turn of the loop and ran
 * each to its first real wait (the rules, the unit of the group commit: ~150 µs a comment), one
 * after the other: 7–30 ms in which nothing else ran (measured 2026-11-29, the loop's delay
 * sampled every millisecond). Letting the requests in by slices of 2 ms took the delays over 8 ms
 * from 43 and 38 to 5 and 11 in two 12-s loads, for 2–4 % of the req/s; what is left is mostly
 * the kernel giving the core to the process's other threads (V8's, the checkpointer) for a few
 * milliseconds (docs/performance-history.md, "From 14:28").
 *
 * How: a turn's clock starts with the first work that asks, and stops at the next timers phase
 * (a 0 ms timer). Work asks `admit()`: `undefined` to go on at once, or a promise that resolves
 * in a later turn. Each waiting piece of work has a setImmediate callback that lets the first in
 * line in if the turn has time left; Node runs the microtasks of the work let in before the next
 * callback, so each one sees the time the work before it took. A callback that finds the turn
 * spent hands the line over to the next turn: a 0 ms timer (the timers phase comes first in a
 * turn) queues a callback for every piece of work still waiting.
 */
export class TurnBudget {
  /** When the current turn's clock started; -1 when it is not running. */
  private startedAt = -1;
  private readonly line: (() => void)[] = [];
  private endTurnTimer: NodeJS.Timeout | undefined;
  private nextTurnTimer: NodeJS.Timeout | undefined;
  private nextTurnPending = false;
  private waited = 0;

  /** `budgetMs` 0 turns it off: everything goes on at once. */
  constructor(
    readonly budgetMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether work may still start in this turn (starts the turn's clock if it is not running). */
  hasTimeLeft(): boolean {
    if (this.budgetMs <= 0) return true;
    const now = this.now();
    if (this.startedAt < 0) {
      this.startedAt = now;
      this.armEndOfTurn();
      return true;
    }
    return now - this.startedAt < this.budgetMs;
  }

  /** `undefined`: go on now; else a promise that resolves when the work's turn comes. */
  admit(): Promise<void> | undefined {
    // Nobody overtakes the line, even in a turn with time left.
    if (this.line.length === 0 && this.hasTimeLeft()) return undefined;
    this.waited++;
    return new Promise<void>((resolve) => {
      this.line.push(resolve);
      setImmediate(this.letFirstIn);
    });
  }

  /** How many times work had to wait, since the last call (for the server's periodic report). */
  takeWaitedCount(): number {
    const count = this.waited;
    this.waited = 0;
    return count;
  }

  private readonly letFirstIn = () => {
    if (this.line.length === 0) return;
    if (this.hasTimeLeft()) (this.line.shift() as () => void)();
    else this.retryNextTurn();
  };

  private retryNextTurn() {
    if (this.nextTurnPending) return;
    this.nextTurnPending = true;
    // One timer object, re-armed (refresh) each time: this runs every few milliseconds under load.
    if (this.nextTurnTimer) this.nextTurnTimer.refresh();
    else this.nextTurnTimer = setTimeout(this.queueLine, 0);
  }

  private readonly queueLine = () => {
    this.nextTurnPending = false;
    for (let i = 0; i < this.line.length; i++) setImmediate(this.letFirstIn);
  };

  private armEndOfTurn() {
    if (this.endTurnTimer) this.endTurnTimer.refresh();
    // Unref'd: a turn's end is no reason for the process to stay up.
    else this.endTurnTimer = setTimeout(this.endTurn, 0).unref();
  }

  private readonly endTurn = () => {
    this.startedAt = -1;
  };
}
