import { percentileOfSorted } from './metrics.js';

export interface Throughput {
  /** Passes over the whole corpus. */
  rounds: number;
  checks: number;
  seconds: number;
  checksPerSecond: number;
  /** Per-check latency in microseconds; null when nothing ran. */
  medianMicros: number | null;
  p95Micros: number | null;
  maxMicros: number | null;
}

export interface ThroughputOptions {
  /** Keep going round the corpus until this much time has passed: one pass is too short to time. */
  minSeconds?: number;
  minRounds?: number;
  /** Milliseconds clock; injectable so tests need not wait. */
  now?: () => number;
}

/**
 * Times `check(item)` for every item, over and over, and reports checks per second over the
 * whole run plus the median and 95th-percentile time of one check. Each check is timed alone so
 * a few slow comments (a pathological regex) show in p95 and max instead of vanishing in a mean.
 */
export function measureThroughput<T>(
  items: readonly T[],
  check: (item: T) => void,
  { minSeconds = 1, minRounds = 3, now = () => performance.now() }: ThroughputOptions = {},
): Throughput {
  const durations: number[] = [];
  let rounds = 0;
  const start = now();
  let elapsed = 0;
  while (items.length > 0 && (rounds < minRounds || elapsed < minSeconds * 1000)) {
    for (const item of items) {
      const before = now();
      check(item);
      durations.push(now() - before);
    }
    rounds++;
    elapsed = now() - start;
  }
  durations.sort((a, b) => a - b);
  const micros = (ms: number | null) => (ms === null ? null : ms * 1000);
  return {
    rounds,
    checks: durations.length,
    seconds: elapsed / 1000,
    checksPerSecond: elapsed > 0 ? durations.length / (elapsed / 1000) : 0,
    medianMicros: micros(percentileOfSorted(durations, 50)),
    p95Micros: micros(percentileOfSorted(durations, 95)),
    maxMicros: micros(durations.at(-1) ?? null),
  };
}
