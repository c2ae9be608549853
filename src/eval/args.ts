import { parseArgs } from 'node:util';
import type { Lang } from '../db/schema.js';
import { UsageError } from './input-error.js';

export const USAGE = `Usage: npm run eval -- [CORPUS_DIR] [--csv FILE] [options]

  CORPUS_DIR               labelled corpus: articles.jsonl and comments.jsonl (e.g. test/corpus)
  --csv FILE               test cases: a CSV with test_case and expect columns (e.g. mhc-fr-dev.csv)
  --csv-lang fr|en         language the CSV cases are written in (default fr)
  --rules DIR              rule data folder (default: the project's rules/)
  --json FILE              also write the metrics to FILE as JSON
  --throughput-seconds N   time the corpus for at least N seconds (default 1)
  --verbose                list every CSV miss, not only the first 30 per functionality
  -h, --help               this help

Give a corpus, a CSV or both. Exit code 0 whatever the scores (this is a measurement, not a
gate); 2 when an input is invalid.`;

export interface EvalArgs {
  corpusDir: string | null;
  csvFile: string | null;
  csvLang: Lang;
  rulesDir: string | null;
  jsonFile: string | null;
  throughputSeconds: number;
  verbose: boolean;
  help: boolean;
}

/** Parses the command line; any mistake is a UsageError (exit 2), with the usage printed. */
export function parseEvalArgs(argv: string[]): EvalArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`One corpus directory at a time (got ${positionals.join(', ')})`);

  const csvLang = values['csv-lang'] ?? 'fr';
  if (csvLang !== 'fr' && csvLang !== 'en') throw new UsageError(`--csv-lang must be fr or en (got ${csvLang})`);
  const throughputSeconds = Number(values['throughput-seconds'] ?? '1');
  if (!Number.isFinite(throughputSeconds) || throughputSeconds < 0)
    throw new UsageError(`--throughput-seconds must be a number ≥ 0 (got ${values['throughput-seconds']})`);

  const args: EvalArgs = {
    corpusDir: positionals[0] ?? null,
    csvFile: values.csv ?? null,
    csvLang,
    rulesDir: values.rules ?? null,
    jsonFile: values.json ?? null,
    throughputSeconds,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
  };
  if (!args.help && args.corpusDir === null && args.csvFile === null)
    throw new UsageError('Nothing to evaluate: give a corpus directory, --csv FILE, or both.');
  return args;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      csv: { type: 'string' },
      'csv-lang': { type: 'string' },
      rules: { type: 'string' },
      json: { type: 'string' },
      'throughput-seconds': { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
