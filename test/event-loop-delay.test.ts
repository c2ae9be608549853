import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { lateMs, measureLoopDelay } from '../src/event-loop-delay.js';
import { block } from './block.js';

describe('lateMs', () => {
  // Node's histogram records the time between two ticks: an idle loop at a 10 ms resolution
  // reads 10.08-10.13 ms (measured here), a 3 ms block 13.26.
  it.each([
    [10_080_000, 10, 0.08],
    [13_260_000, 10, 3.26],
    [23_456_789, 10, 13.46],
    [1_040_000, 1, 0.04],
    // A tick can come a little early after a late one: never a negative delay.
    [6_110_000, 10, 0],
    [0, 10, 0],
  ])('%d ns between ticks every %d ms: %d ms late', (nanoseconds, resolutionMs, expected) => {
    expect(lateMs(nanoseconds, resolutionMs)).toBe(expected);
  });
});

describe('measureLoopDelay', () => {
  it('reads a 40 ms block as tens of milliseconds late, and forgets it once reset', async () => {
    const delay = measureLoopDelay(10);
    await sleep(30);
    block(40);
    await sleep(30);
    // A tick fell due in the block's first 10 ms and ran at its end: at least 30 ms late (more on
    // a loaded machine, never less).
    expect(delay.maxMs()).toBeGreaterThanOrEqual(25);
    expect(delay.p99Ms()).toBeLessThanOrEqual(delay.maxMs());
    delay.reset();
    await sleep(60);
    expect(delay.maxMs()).toBeLessThan(25);
  });
});
