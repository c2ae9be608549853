import type { Accuracy, OutcomeAccuracy, Ratio } from './metrics.js';

/** A ratio as 0.857, or "n/a" when there was nothing to divide by. */
export function formatRatio(value: Ratio): string {
  return value === null ? 'n/a' : value.toFixed(3);
}

export function formatPercent(value: Ratio): string {
  return value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`;
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** One line, at most `max` characters (code points, so an emoji is never cut in half). */
export function truncate(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Lays out rows as aligned columns: the first `leftColumns` (names) left-aligned, the rest
 * (numbers) right-aligned, which is how a reader compares them down a column.
 */
export function formatTable(header: string[], rows: string[][], leftColumns = 1): string[] {
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((row) => (row[col] ?? '').length)));
  const line = (cells: string[]) =>
    '  ' +
    cells
      .map((cell, col) => (col < leftColumns ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The publish/queue table both reports share: overall, then per expected outcome. */
export function formatOutcomeAccuracy(outcomes: OutcomeAccuracy, allLabel: string): string[] {
  const row = (label: string, { cases, correct, accuracy }: Accuracy) => [
    label,
    `${formatCount(correct)}/${formatCount(cases)}`,
    formatPercent(accuracy),
  ];
  return formatTable(
    ['', 'correct', 'accuracy'],
    [
      row(allLabel, outcomes.all),
      row('expected queue (queued)', outcomes.queue),
      row('expected publish (published)', outcomes.publish),
    ],
  );
}
