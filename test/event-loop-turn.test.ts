import { describe, expect, it } from 'vitest';
import { TurnBudget } from '../src/event-loop-turn.js';
import { block } from './block.js';

/** A clock the test moves by hand. */
function manualClock() {
  let ms = 0;
  return {
    now: () => ms,
    advance: (by: number) => {
      ms += by;
    },
  };
}

describe('TurnBudget', () => {
  it('lets work in at once while the turn has time left', () => {
    const clock = manualClock();
    const turn = new TurnBudget(2, clock.now);
    expect(turn.admit()).toBeUndefined();
    clock.advance(1.9);
    expect(turn.admit()).toBeUndefined();
    expect(turn.takeWaitedCount()).toBe(0);
  });

  it('makes work wait once the turn is spent, and lets it in with a later turn', async () => {
    const clock = manualClock();
    const turn = new TurnBudget(2, clock.now);
    expect(turn.admit()).toBeUndefined();
    clock.advance(2);
    const wait = turn.admit();
    expect(wait).toBeInstanceOf(Promise);
    expect(turn.takeWaitedCount()).toBe(1);
    expect(turn.takeWaitedCount()).toBe(0);
    await wait; // the next turn starts a new clock: the test ends only if it is let in
  });

  it('is off with a budget of 0', () => {
    const clock = manualClock();
    const turn = new TurnBudget(0, clock.now);
    expect(turn.admit()).toBeUndefined();
    clock.advance(1000);
    expect(turn.admit()).toBeUndefined();
    expect(turn.hasTimeLeft()).toBe(true);
  });

  it('runs a timer that is due between the work of a spent turn and the work that waited', async () => {
    const turn = new TurnBudget(2);
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0); // due in 1 ms, while the first work runs
    expect(turn.admit()).toBeUndefined();
    order.push('first');
    block(3);
    const wait = turn.admit();
    await wait;
    order.push('second');
    expect(order).toEqual(['first', 'timer', 'second']);
  });

  it('keeps the line in order: work that comes once the turn has time again waits behind it', async () => {
    let ms = 0;
    const turn = new TurnBudget(2, () => ms);
    const order: string[] = [];
    expect(turn.admit()).toBeUndefined();
    ms = 5;
    const waiting = ['a', 'b'].map((name) => (turn.admit() as Promise<void>).then(() => order.push(name)));
    ms = 0; // the turn's clock reads time left again (as in a new turn) while a and b still wait
    const late = turn.admit();
    expect(late).toBeInstanceOf(Promise);
    await Promise.all([...waiting, late?.then(() => order.push('late'))]);
    expect(order).toEqual(['a', 'b', 'late']);
  });

  it('spreads work of 1 ms each over turns of about the budget, and lets every piece in', async () => {
    const turn = new TurnBudget(2);
    const turnsSeen = new Set<number>();
    let turnNumber = 0;
    const ticker = setInterval(() => turnNumber++, 0);
    // Like requests read from 12 sockets in one turn: each arrives in a callback of its own and
    // runs its work (here 1 ms) before the next one arrives.
    const work = () =>
      new Promise<void>((done) =>
        setImmediate(async () => {
          await turn.admit();
          turnsSeen.add(turnNumber);
          block(1);
          done();
        }),
      );
    await Promise.all(Array.from({ length: 12 }, work));
    clearInterval(ticker);
    // 12 ms of work at 2 ms (+ the piece that crosses the line) a turn: 4 turns or more, never one.
    expect(turnsSeen.size).toBeGreaterThanOrEqual(4);
  });
});
