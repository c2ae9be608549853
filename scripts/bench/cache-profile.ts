/**
 * `npm run bench:instructions -- --cache`: the pipeline's simulated cache misses by function and
 * by line of src/. callgrind's cache simulation (`--cache-sim=yes`, the machine's geometry from
 * cache-geometry.ts) counts, for each machine instruction, the reads and writes that missed the
 * first-level data cache (D1mr, D1mw), the instruction fetches that missed the first-level
 * instruction cache (I1mr), and those that missed the last level simulated (the second: DLmr,
 * DLmw, ILmr). Each of V8's addresses is placed as `npm run bench:lines` places a sample: the code
 * object and its source positions (`--print-opt-code`, opt-code.ts), then dist/rules.cjs's source
 * map.
 *
 * Why: the time a comment loses to the comments before it (~40 % of it) is not in the instruction
 * counts, and this machine has no performance counters to read its misses. A simulation is not
 * the processor: it has no prefetcher (a pass over an array allocated in order misses on each new
 * line here, where the hardware fetches ahead) and its replacement is exact LRU. It is the same in
 * every run, so it tells whether a change makes a comment touch fewer cache lines; the time is
 * then `npm run bench:lines`' and the benchmark's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { totalInstructions } from './callgrind.js';
import { eventNames, parsePerfMap, selfCosts } from './instruction-profile.js';
import { bundlePlacer, type OptimisedCode, parseOptimisedCode, placeAddress, sourceLine } from './opt-code.js';
import { fmt, table } from './stats.js';

export interface CacheProfileInput {
  /**
   * The directory of callgrind's dumps ("callgrind.out.*"), one a counted window: the window of
   * the median instructions is read. Why not all: a window in which V8 compiled or collected its
   * old generation counts ~35 % more instructions than the others, and misses to match.
   */
  outDir: string;
  /** The counted process: V8's perf map is /tmp/perf-<pid>.map. */
  pid: number;
  /** Comments run in each counted window. */
  comments: number;
  /** What the process printed with --print-opt-code. */
  printedCode: string;
  bundlePath: string;
  rows: number;
}

/** The place of a line of costs: a line of src/, or a function where no line is known. */
function placer(input: CacheProfileInput) {
  const symbols = parsePerfMap(readFileSync(`/tmp/perf-${input.pid}.map`, 'utf8'));
  const codes = parseOptimisedCode(input.printedCode);
  const placeLine = bundlePlacer(codes, input.bundlePath);
  /**
   * The printed code objects by name and size. Why not by address, as bench:lines places samples:
   * the counted process collects its whole heap after its warm-up (instructions-subject.ts), and
   * V8 may move code then; the perf map follows the move (a line for the new place), the printed
   * addresses do not. A code object is found where the perf map says it now is, by its name and
   * size, and its table of positions read from there.
   */
  const printed = new Map(codes.map((c) => [`${c.name}\0${c.size}`, c]));
  const named = (address: number) => (symbols.at(address) ?? '(unnamed code)').replace(/ \S+$/, '');
  return {
    functionOf: (line: { fn: string; jit: boolean; address: number }) => (line.jit ? named(line.address) : line.fn),
    lineOf(line: { fn: string; jit: boolean; address: number }): string {
      if (!line.jit) return `(native) ${line.fn}`;
      const range = symbols.rangeAt(line.address);
      const optimised = range === undefined ? null : /^JS:\*(\S*)/.exec(range.name);
      const code = optimised && range ? printed.get(`${optimised[1]}\0${range.size}`) : undefined;
      const placed = code && range ? placeAddress([{ ...code, start: range.start }], line.address) : null;
      if (placed === null) return `(outside optimised code) ${named(line.address)}`;
      return placeLine(code as OptimisedCode, placed.position) ?? `(no line) *${placed.code.name}`;
    },
  };
}

/** Prints the misses a comment by function and by line, the first `rows` of each; returns them for the JSON. */
export function printCacheProfile(input: CacheProfileInput) {
  const windows = readdirSync(input.outDir)
    .filter((f) => f.startsWith('callgrind.out.'))
    .map((f) => readFileSync(join(input.outDir, f), 'utf8'))
    .filter((dump) => /^events:.*\bD1mr\b/m.test(dump))
    .map((dump) => ({ dump, instructions: totalInstructions(dump) }))
    .filter((w) => w.instructions > 0)
    .sort((a, b) => a.instructions - b.instructions);
  const median = windows[(windows.length - 1) >> 1];
  if (median === undefined) throw new Error('No dump with the cache simulation’s events (D1mr).');
  const events = eventNames(median.dump);
  const place = placer(input);
  const byFunction = selfCosts(median.dump, place.functionOf);
  const byLine = selfCosts(median.dump, place.lineOf);
  const index = (name: string) => events.indexOf(name);
  const per = (costs: number[], name: string) => (index(name) < 0 ? 0 : (costs[index(name)] ?? 0) / input.comments);
  const totals = events.map((_, e) => [...byFunction.values()].reduce((sum, costs) => sum + (costs[e] ?? 0), 0));
  console.log(
    `\nSimulated caches, a comment (the window of the median instructions of ${windows.length}, ${input.comments} comments): ${events
      .map((name, e) => `${name} ${fmt((totals[e] as number) / input.comments, 0)}`)
      .join(', ')}`,
  );
  const allD1 = per(totals, 'D1mr');
  const head = [
    'D1 read misses a comment',
    'share',
    'D1 write misses',
    'I1 misses',
    'last-level misses',
    'k instructions',
  ];
  const figures = (costs: number[]) => [
    fmt(per(costs, 'D1mr'), 1),
    `${fmt((100 * per(costs, 'D1mr')) / allD1, 1)} %`,
    fmt(per(costs, 'D1mw'), 1),
    fmt(per(costs, 'I1mr'), 1),
    fmt(per(costs, 'DLmr') + per(costs, 'DLmw') + per(costs, 'ILmr'), 1),
    fmt(per(costs, 'Ir') / 1000, 1),
  ];
  const sorted = (from: Map<string | number, number[]>) =>
    [...from].sort((a, b) => per(b[1], 'D1mr') - per(a[1], 'D1mr')).slice(0, input.rows);
  console.log(`\nBy function, the first ${input.rows} by first-level data-cache read misses:`);
  console.log(
    table(
      [...head, 'function'],
      sorted(byFunction).map(([name, costs]) => [...figures(costs), String(name).slice(0, 80)]),
    ),
  );
  console.log(`\nBy line of src/ (what a function inlined counts on the inlined line), the first ${input.rows}:`);
  console.log(
    table(
      [...head, 'line', 'source'],
      sorted(byLine).map(([place, costs]) => [
        ...figures(costs),
        String(place).slice(0, 60),
        sourceLine(String(place)),
      ]),
    ),
  );
  const asRows = (from: Map<string | number, number[]>) =>
    sorted(from).map(([key, costs]) => ({
      key,
      perComment: Object.fromEntries(events.map((name) => [name, per(costs, name)])),
    }));
  return {
    events,
    perComment: Object.fromEntries(events.map((name, e) => [name, (totals[e] as number) / input.comments])),
    functions: asRows(byFunction),
    lines: asRows(byLine),
  };
}
