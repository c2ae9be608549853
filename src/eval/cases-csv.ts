import { existsSync, readFileSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { EvalInputError, formatIssues } from './input-error.js';

/**
 * One row of a test-case CSV such as mhc-fr-dev.csv (Multilingual HateCheck): the text to check,
 * the site's expected decision and the functionality it tests. Other columns are ignored.
 * `unscored` rows are counted but not scored: their expected decision is a policy call left open.
 */
export interface TestCase {
  /** 1-based line of the CSV where the row ends (a quoted field may span several lines). */
  line: number;
  text: string;
  expect: 'queue' | 'publish' | 'unscored';
  functionality: string;
}

const REQUIRED_COLUMNS = ['test_case', 'expect'] as const;
/** Grouping key for files without a `functionality` column. */
export const NO_FUNCTIONALITY = '(none)';

const rowSchema = z.looseObject({
  test_case: z.string().trim().min(1, 'test_case is empty'),
  expect: z.enum(['queue', 'publish', 'unscored']),
  functionality: z.string().optional(),
});

/**
 * Parses the CSV with csv-parse: the cases contain quoted fields with commas
 * ("Les femmes sont,débiles, sans exception"), which a split on "," would cut in the wrong place.
 */
export function parseTestCases(text: string, file: string): TestCase[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, columns: true, skip_empty_lines: true, info: true });
  } catch (error) {
    if (error instanceof CsvError) throw new EvalInputError(`${file}: ${error.message}`);
    throw error;
  }
  if (records.length === 0) throw new EvalInputError(`${file}: no rows`);
  const header = Object.keys(records[0]?.record ?? {});
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0)
    throw new EvalInputError(`${file}: missing column(s) ${missing.join(', ')} (header: ${header.join(', ')})`);

  return records.map(({ record, info }) => {
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) throw new EvalInputError(`${file}:${info.lines}: ${formatIssues(parsed.error.issues)}`);
    const { test_case, expect, functionality } = parsed.data;
    return { line: info.lines, text: test_case, expect, functionality: functionality?.trim() || NO_FUNCTIONALITY };
  });
}

export function readTestCases(file: string): TestCase[] {
  if (!existsSync(file)) throw new EvalInputError(`${file}: file not found`);
  return parseTestCases(readFileSync(file, 'utf8'), file);
}
