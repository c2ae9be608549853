import { mkdirSync, writeFileSync } from 'node:fs';

/**
 * Writes a benchmark's results as JSON to bench-results/<prefix><date>.json (the date with its
 * colons and dots made dashes, so that the name sorts and suits every file system), the directory
 * made if it is missing; returns the file's path. `indent` is JSON.stringify's.
 */
export function writeResults(prefix: string, results: unknown, indent: number): string {
  mkdirSync('bench-results', { recursive: true });
  const file = `bench-results/${prefix}${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(results, null, indent)}\n`);
  return file;
}
