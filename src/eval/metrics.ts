import type { Decision } from '../rules/types.js';

/** How one rule did against the labels: fired and labelled, fired only, labelled only. */
export interface RuleCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** A ratio, or null when its denominator is zero (nothing to measure, shown as "n/a"). */
export type Ratio = number | null;

export function ratio(numerator: number, denominator: number): Ratio {
  return denominator === 0 ? null : numerator / denominator;
}

/** Of the times the rule fired, how often the label agreed. */
export function precision({ tp, fp }: RuleCounts): Ratio {
  return ratio(tp, tp + fp);
}

/** Of the comments labelled with the rule, how many it caught. */
export function recall({ tp, fn }: RuleCounts): Ratio {
  return ratio(tp, tp + fn);
}

/** Harmonic mean of precision and recall, computed from counts so that 0/0 stays "n/a". */
export function f1({ tp, fp, fn }: RuleCounts): Ratio {
  return ratio(2 * tp, 2 * tp + fp + fn);
}

export type Outcome = 'publish' | 'queue';

/** The site publishes only on `publish`: a rejected comment is not published either. */
export function outcomeOf(decision: Decision): Outcome {
  return decision === 'publish' ? 'publish' : 'queue';
}

export interface Accuracy {
  cases: number;
  correct: number;
  accuracy: Ratio;
}

/** Accuracy overall and per expected outcome, so a rule set that queues everything cannot hide. */
export interface OutcomeAccuracy {
  all: Accuracy;
  queue: Accuracy;
  publish: Accuracy;
}

export function outcomeAccuracy(pairs: Iterable<{ expected: Outcome; predicted: Outcome }>): OutcomeAccuracy {
  const tally = { queue: { cases: 0, correct: 0 }, publish: { cases: 0, correct: 0 } };
  for (const { expected, predicted } of pairs) {
    tally[expected].cases++;
    if (predicted === expected) tally[expected].correct++;
  }
  const withRatio = ({ cases, correct }: { cases: number; correct: number }): Accuracy => ({
    cases,
    correct,
    accuracy: ratio(correct, cases),
  });
  return {
    all: withRatio({
      cases: tally.queue.cases + tally.publish.cases,
      correct: tally.queue.correct + tally.publish.correct,
    }),
    queue: withRatio(tally.queue),
    publish: withRatio(tally.publish),
  };
}

/** Nearest-rank percentile (p in 0..100) of values sorted ascending; null for no values. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}
