import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * How late the event loop ran, in milliseconds: the longest time it was held and the 99th
 * percentile, since the last reset.
 *
 * Node's `monitorEventLoopDelay` (Node 20) records the time between two ticks of a repeating
 * timer, the resolution included: an idle loop reads 10 ms at the default resolution, and a 3 ms
 * block reads 13 ms (measured here; nodejs/node#62935 calls it "an implicit floor of resolution
 * ms"). What a request waited is what the tick was late by: the recorded interval less the
 * resolution, never below zero.
 */
export interface LoopDelay {
  maxMs(): number;
  p99Ms(): number;
  reset(): void;
}

/**
 * A value of the histogram (nanoseconds between two ticks) as how late the tick was, in
 * milliseconds to two decimals.
 */
export function lateMs(nanoseconds: number, resolutionMs: number): number {
  return Math.round(Math.max(0, nanoseconds / 1e6 - resolutionMs) * 100) / 100;
}

/** Starts measuring at once; `resolutionMs` is the timer's interval (finer costs more wake-ups). */
export function measureLoopDelay(resolutionMs = 10): LoopDelay {
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  return {
    maxMs: () => lateMs(histogram.max, resolutionMs),
    p99Ms: () => lateMs(histogram.percentile(99), resolutionMs),
    reset: () => histogram.reset(),
  };
}
