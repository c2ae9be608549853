import type { CorpusEvaluation, Miss, RuleReport } from './corpus-eval.js';
import { formatCount, formatOutcomeAccuracy, formatRatio, formatTable, truncate } from './text.js';
import type { Throughput } from './throughput.js';

export interface CorpusReportInput {
  dir: string;
  evaluation: CorpusEvaluation;
  throughput: Throughput;
}

/** The text report of a labelled corpus: decisions, per-rule scores, speed, then every miss. */
export function formatCorpusReport({ dir, evaluation, throughput }: CorpusReportInput): string[] {
  const e = evaluation;
  return [
    `Corpus ${dir}: ${e.articles} articles, ${e.comments} comments`,
    '',
    'Publish/queue (a comment is queued when the decision is anything but publish)',
    ...formatOutcomeAccuracy(e.decisions, 'all comments'),
    '',
    'Per rule (a comment counts for a rule when it is labelled with it or the rule fired)',
    ...formatTable(['rule', 'status', 'TP', 'FP', 'FN', 'precision', 'recall', 'F1'], e.rules.map(ruleRow), 2),
    '',
    formatThroughput(throughput),
    '',
    ...formatRuleErrors(e.ruleErrors),
    ...formatMisses(e),
  ];
}

function ruleRow(r: RuleReport): string[] {
  const status = r.status === 'active' ? '' : r.status;
  return [r.rule, status, String(r.tp), String(r.fp), String(r.fn), ...[r.precision, r.recall, r.f1].map(formatRatio)];
}

function formatThroughput(t: Throughput): string {
  const micros = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} µs`);
  return (
    `Throughput: ${formatCount(t.checksPerSecond)} checks/s ` +
    `(${t.rounds} rounds, ${formatCount(t.checks)} checks in ${t.seconds.toFixed(2)} s); ` +
    `per comment: median ${micros(t.medianMicros)}, p95 ${micros(t.p95Micros)}, max ${micros(t.maxMicros)}`
  );
}

function formatRuleErrors(errors: CorpusEvaluation['ruleErrors']): string[] {
  if (errors.length === 0) return [];
  return [
    `Rule errors (${errors.length}): the pipeline skipped these rules on these comments`,
    ...errors.map((e) => `  ${e.id}  ${e.rule}: ${e.error}`),
    '',
  ];
}

function formatMisses({ misses, rules }: CorpusEvaluation): string[] {
  const unlisted = rules.filter((r) => r.status !== 'active').reduce((sum, r) => sum + r.fn + r.fp, 0);
  const unlistedNote = unlisted > 0 ? `; not listed: the ${unlisted} misses of rules that do not run` : '';
  const lines = [`Misses (${misses.length})${unlistedNote}`];
  let currentRule = '';
  for (const miss of misses) {
    if (miss.rule !== currentRule) {
      currentRule = miss.rule;
      lines.push(`  ${currentRule}`);
    }
    lines.push(...formatMiss(miss));
  }
  if (misses.length === 0) lines.push('  none');
  return lines;
}

function formatMiss(miss: Miss): string[] {
  const lines = [`    ${miss.id}  ${miss.kind}  ${JSON.stringify(truncate(miss.body))}`];
  if (miss.note) lines.push(`          note: ${miss.note}`);
  for (const { message, spans } of miss.evidence) {
    const quoted = spans.map((s) => JSON.stringify(truncate(s, 60)));
    lines.push(`          evidence: ${message}${quoted.length > 0 ? `  spans: ${quoted.join(', ')}` : ''}`);
  }
  return lines;
}
