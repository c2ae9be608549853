import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CliIo } from '../cli.js';
import { loadRuleSet, RuleDataError, type RuleSet } from '../rules/loader.js';
import { defaultRuleModules } from '../rules/modules/index.js';
import { runPipeline } from '../rules/pipeline.js';
import { type EvalArgs, parseEvalArgs, USAGE } from './args.js';
import { readTestCases } from './cases-csv.js';
import { evaluateTestCases } from './cases-eval.js';
import { formatCasesReport } from './cases-report.js';
import { readCorpus, SITE_RULES } from './corpus.js';
import { evaluateCorpus, pipelineInputs } from './corpus-eval.js';
import { formatCorpusReport } from './corpus-report.js';
import { EvalInputError, UsageError } from './input-error.js';
import { measureThroughput } from './throughput.js';
import { evaluateWrongArticle, formatWrongArticleReport } from './wrong-article.js';

export type EvalIo = Pick<CliIo, 'out' | 'err'>;

/**
 * `npm run eval`: measures the default rule pipeline against a labelled corpus and/or a CSV of
 * test cases. Returns the exit code: 0 whatever the scores, 2 for invalid input or arguments.
 */
export function runEvalCli(argv: string[], io: EvalIo): number {
  try {
    const args = parseEvalArgs(argv);
    if (args.help) io.out(USAGE);
    else evaluate(args, io);
    return 0;
  } catch (error) {
    if (!(error instanceof EvalInputError || error instanceof RuleDataError)) throw error;
    io.err(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : error.message);
    return 2;
  }
}

function evaluate(args: EvalArgs, io: EvalIo): void {
  const ruleSet = loadRuleSet({
    modules: defaultRuleModules,
    ...(args.rulesDir === null ? {} : { dir: args.rulesDir }),
  });
  // Read every input before the first report, so a bad CSV is not found after a long corpus run.
  const knownRules = new Set<string>([...SITE_RULES, ...ruleSet.rules.map((r) => r.module.id)]);
  const corpus = args.corpusDir === null ? null : { dir: args.corpusDir, ...readCorpus(args.corpusDir, knownRules) };
  const csv = args.csvFile === null ? null : { file: args.csvFile, cases: readTestCases(args.csvFile) };

  const rules = describeRules(ruleSet);
  const metrics: Record<string, unknown> = { rules };
  io.out(`Rules: ${rules.pipeline.map((r) => `${r.id} (${r.action})`).join(', ')}; data version ${rules.version}`);

  if (corpus) {
    const evaluation = evaluateCorpus(ruleSet, corpus);
    const inputs = pipelineInputs(corpus).map((c) => c.input);
    const throughput = measureThroughput(inputs, (input) => runPipeline(ruleSet, input), {
      minSeconds: args.throughputSeconds,
    });
    print(io, formatCorpusReport({ dir: corpus.dir, evaluation, throughput }));
    const wrongArticle = evaluateWrongArticle(ruleSet, corpus);
    if (wrongArticle) print(io, formatWrongArticleReport(wrongArticle));
    metrics.corpus = { dir: corpus.dir, ...evaluation, throughput, wrongArticle };
  }

  if (csv) {
    const evaluation = evaluateTestCases(ruleSet, csv.cases, args.csvLang);
    print(io, formatCasesReport({ file: csv.file, lang: args.csvLang, evaluation, verbose: args.verbose }));
    metrics.csv = { file: csv.file, lang: args.csvLang, ...evaluation };
  }

  if (args.jsonFile !== null) {
    mkdirSync(dirname(args.jsonFile), { recursive: true });
    writeFileSync(args.jsonFile, `${JSON.stringify(metrics, null, 2)}\n`);
    print(io, [`Metrics written to ${args.jsonFile}`]);
  }
}

/** Prints a report section after a blank line. */
function print(io: EvalIo, lines: string[]): void {
  io.out('');
  for (const line of lines) io.out(line);
}

function describeRules(ruleSet: RuleSet) {
  return { version: ruleSet.version, pipeline: ruleSet.rules.map((r) => ({ id: r.module.id, action: r.action })) };
}
