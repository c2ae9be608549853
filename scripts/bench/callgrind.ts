import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Instruction counts from valgrind's callgrind, for `npm run bench:instructions`. A count is the
 * same from one run to the next within ~1 % (V8 run with `--predictable`: one thread, fixed
 * seeds), whatever else the machine does, where this machine's timings of the same code differ
 * by up to 2x. It is not time: a cache miss costs one instruction and a hundred cycles.
 */

/** The events of a callgrind output file: its `totals:` line, or `summary:` in older formats. */
export function totalInstructions(callgrindOutput: string): number {
  const match = /^totals:\s+(\d+)/m.exec(callgrindOutput) ?? /^summary:\s+(\d+)/m.exec(callgrindOutput);
  if (!match?.[1]) throw new Error('No "totals:" or "summary:" line in the callgrind output.');
  return Number(match[1]);
}

/** Sends one command to a process running under callgrind (see `callgrind_control --help`). */
export function callgrindControl(pid: number, ...args: string[]): void {
  execFileSync('callgrind_control', [...args, String(pid)], { stdio: 'ignore' });
}

/** The instructions counted since the last zero: dumps them and reads the dump it wrote. */
export function dumpInstructions(pid: number, outDir: string): number {
  const before = new Set(readdirSync(outDir));
  callgrindControl(pid, '--dump');
  const written = readdirSync(outDir)
    .filter((name) => !before.has(name))
    .map((name) => join(outDir, name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  const last = written.at(-1);
  if (last === undefined) throw new Error(`callgrind wrote no dump into ${outDir}.`);
  return totalInstructions(readFileSync(last, 'utf8'));
}
