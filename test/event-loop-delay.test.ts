import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { measureLoopDelay } from '../src/event-loop-delay.js';

/** Holds the event loop, as a slow synchronous call would. */
function block(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe('measureLoopDelay', () => {
  // Node's own histogram reads an idle loop as late by its whole resolution (10 ms here).
  it('reads an idle loop as (nearly) not late, not as late as its timer interval', async () => {
    const delay = measureLoopDelay(10);
    await sleep(120);
    expect(delay.maxMs()).toBeLessThan(8);
    expect(delay.p99Ms()).toBeLessThanOrEqual(delay.maxMs());
  });

  it('reads a 40 ms block as a delay of tens of milliseconds, and forgets it once reset', async () => {
    const delay = measureLoopDelay(10);
    await sleep(30);
    block(40);
    await sleep(30);
    // A tick fell due during the block and ran at its end: 30–40 ms late, less on a loaded machine's
    // later start; never the block plus the interval.
    expect(delay.maxMs()).toBeGreaterThanOrEqual(25);
    delay.reset();
    await sleep(60);
    expect(delay.maxMs()).toBeLessThan(25);
  });
});
