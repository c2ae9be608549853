import type { CaseMiss, CasesEvaluation, FunctionalityReport } from './cases-eval.js';
import { formatCount, formatOutcomeAccuracy, formatPercent, formatTable, truncate } from './text.js';

export interface CasesReportInput {
  file: string;
  lang: string;
  evaluation: CasesEvaluation;
  /** Show every miss; otherwise `missesShown` per functionality. */
  verbose: boolean;
  missesShown?: number;
}

/** The text report of a test-case CSV: publish/queue accuracy overall and per functionality. */
export function formatCasesReport({ file, lang, evaluation, verbose, missesShown = 30 }: CasesReportInput): string[] {
  const e = evaluation;
  const limit = verbose ? Number.POSITIVE_INFINITY : missesShown;
  const withMisses = e.functionalities.filter((f) => f.misses.length > 0);
  const missCount = withMisses.reduce((sum, f) => sum + f.misses.length, 0);
  return [
    `Test cases ${file}: ${formatCount(e.cases)} cases, ${formatCount(e.unscored)} unscored (counted, not scored); checked as ${lang}, without an article`,
    '',
    'Publish/queue (a case is queued when the decision is anything but publish)',
    ...formatOutcomeAccuracy(e.outcomes, 'all scored cases'),
    '',
    'Per functionality',
    ...formatTable(
      ['functionality', 'cases', 'scored', 'correct', 'accuracy'],
      e.functionalities.map(functionalityRow),
    ),
    '',
    `Misses (${formatCount(missCount)})${verbose ? '' : `; at most ${missesShown} shown per functionality, --verbose shows all`}`,
    ...withMisses.flatMap((f) => formatFunctionalityMisses(f, limit)),
    ...(missCount === 0 ? ['  none'] : []),
  ];
}

function functionalityRow(f: FunctionalityReport): string[] {
  return [f.functionality, String(f.cases), String(f.scored), String(f.correct), formatPercent(f.accuracy)];
}

function formatFunctionalityMisses(f: FunctionalityReport, limit: number): string[] {
  const shown = f.misses.slice(0, limit);
  const hidden = f.misses.length - shown.length;
  return [
    `  ${f.functionality} (${f.misses.length} of ${f.scored})`,
    ...shown.map(formatCaseMiss),
    ...(hidden > 0 ? [`    … ${hidden} more`] : []),
  ];
}

function formatCaseMiss(miss: CaseMiss): string {
  const rules = miss.rules.length > 0 ? `  [${miss.rules.join(', ')}]` : '';
  return `    line ${miss.line}  expected ${miss.expect}, got ${miss.decision}${rules}  ${JSON.stringify(truncate(miss.text))}`;
}
