/**
 * `npm run bench:instructions -- [CORPUS_DIR] [--lengths 500,1000,5000] [--rule-length 1000] [--profile [--rows 40]] [--cache]`
 *
 * Instructions per comment, counted by valgrind's callgrind: the rule pipeline against bad-words'
 * isProfane on the same texts, and (at one length) the shared analysis, what each rule adds to
 * the pipeline (the pipeline without it, subtracted) and the pipeline's pass right after a full
 * collection. `npm run bench` times the same code; its
 * timings of one build differ by up to 2x from one minute to the next on a shared virtual
 * machine, these counts by ~1 % (see callgrind.ts), so they tell whether a change made the code
 * do less. They are not the time targets: a cache miss is one instruction and ~100 cycles.
 *
 * With `--profile`, only the pipeline at the rule length, and its instructions by function
 * (instruction-profile.ts), the first `--rows` of them, the builtins its compiled code called
 * (by caller) and the totals by kind of code: where to look before changing the rules (~2 min).
 *
 * With `--cache`, the same profile under callgrind's cache simulation, then the simulated cache
 * misses a comment by function and by line of src/ (cache-profile.ts, ~1.5 min). V8 then runs with
 * `--single-threaded`, not `--predictable`: under `--predictable` it allocated the tokeniser's
 * tokens in the old generation (docs/performance.md, "How to rerun"), which is not where a
 * server's are, and where they lie is what a cache simulation measures. The counts stay
 * within ~1 % of each other from run to run.
 *
 * Needs valgrind (Debian: apt-get install valgrind). ~13 min: the code runs ~50x slower counted.
 * Results are printed and written to bench-results/instructions-<date>.json. Never fails on a
 * figure.
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { machineCaches, valgrindCacheOptions } from './bench/cache-geometry.js';
import { printCacheProfile } from './bench/cache-profile.js';
import { callgrindControl, dumpInstructions } from './bench/callgrind.js';
import {
  type BuiltinCalls,
  builtinCalls,
  type CodeKind,
  kindOf,
  parsePerfMap,
  selfInstructions,
} from './bench/instruction-profile.js';
import { writeResults } from './bench/results.js';
import { fmt, median, table } from './bench/stats.js';
import { AFTER_COLLECTION } from './bench/subject-names.js';
import { canRun } from './bench/tools.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    lengths: { type: 'string', default: '500,1000,5000' },
    'rule-length': { type: 'string', default: '1000' },
    profile: { type: 'boolean', default: false },
    rows: { type: 'string', default: '40' },
    cache: { type: 'boolean', default: false },
  },
});
const corpusDir = positionals[0] ?? '../shared/corpus';
/** `--cache` is a profile too, under the cache simulation. */
const profile = values.profile || values.cache;
const caches = values.cache ? valgrindCacheOptions(machineCaches()) : { options: [], described: [] };

interface Count {
  subject: string;
  length: number;
  /** Calls in each window. */
  calls: number;
  /** Instructions counted in each window (the subject process counts several). */
  windows: number[];
}

type Message = { type: 'ready'; subject: string; length: number; calls: number } | { type: 'done' } | { type: 'end' };

/** Runs the subject process under callgrind, counting only between its `go` and its `done`. */
async function countAll(
  outDir: string,
): Promise<{ counts: Count[]; cacheProfile: ReturnType<typeof printCacheProfile> | undefined }> {
  const subject = new URL('./bench/instructions-subject.ts', import.meta.url).pathname;
  /** With `--cache`, V8's optimised code (`--print-opt-code`), to place each address on a line. */
  const codeFile = join(outDir, 'optimised-code.txt');
  const child: ChildProcessWithoutNullStreams = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      // Nothing is counted until the controller asks: loading the rules uncounted is ~10x faster.
      '--instr-atstart=no',
      `--callgrind-out-file=${join(outDir, 'callgrind.out.%p')}`,
      // V8 writes and rewrites machine code on the heap.
      '--smc-check=all-non-file',
      ...(values.cache ? ['--cache-sim=yes', ...caches.options] : []),
      // Each instruction's count, by address, for the profile by function.
      ...(profile ? ['--dump-instr=yes', '--compress-pos=no', '--compress-strings=no'] : []),
      process.execPath,
      // One thread, fixed seeds: V8's compiler and collector work where they are counted, the same
      // way in every run. For the cache simulation, one thread only (see the top of this file),
      // and the optimised code printed to place each address on a line.
      ...(values.cache
        ? // Into a file of its own: printed on stdout, V8's buffered output and the subject's
          // messages cut into each other's lines.
          ['--single-threaded', '--print-opt-code', '--redirect-code-traces', `--redirect-code-traces-to=${codeFile}`]
        : ['--predictable']),
      // The names of V8's compiled code, in /tmp/perf-<pid>.map (and its log out of the way).
      ...(profile ? ['--perf-basic-prof', '--no-logfile-per-isolate', `--logfile=${join(outDir, 'v8.log')}`] : []),
      '--import',
      'tsx',
      subject,
      corpusDir,
      values.lengths,
      values['rule-length'],
      ...(profile ? ['profile'] : []),
    ],
    { stdio: 'pipe' },
  );
  let valgrindLog = '';
  child.stderr.on('data', (chunk: Buffer) => {
    valgrindLog += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const pid = child.pid as number;
  const counts: Count[] = [];
  let current: { subject: string; length: number; calls: number } | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.startsWith('{"type":')) continue;
    const message = JSON.parse(line) as Message;
    if (message.type === 'ready') {
      current = { subject: message.subject, length: message.length, calls: message.calls };
      callgrindControl(pid, '--instr=on');
      callgrindControl(pid, '--zero');
      child.stdin.write('go\n');
    } else if (message.type === 'done' && current) {
      const instructions = dumpInstructions(pid, outDir);
      callgrindControl(pid, '--instr=off');
      const { subject, length, calls } = current;
      let count = counts.find((c) => c.subject === subject && c.length === length);
      if (!count) {
        count = { subject, length, calls, windows: [] };
        counts.push(count);
      }
      count.windows.push(instructions);
      console.log(`  ${subject}, ${length} chars: ${fmt(instructions / calls / 1000, 1)} k instructions a call`);
      child.stdin.write('next\n');
    } else if (message.type === 'end') {
      child.stdin.end();
    }
  }
  const code = await exited;
  if (code !== 0) throw new Error(`The counted process exited with ${code}:\n${valgrindLog.slice(-3000)}`);
  // The simulated misses of `--cache`, printed (see cache-profile.ts) and kept for the JSON.
  const cacheProfile = values.cache ? cacheFigures(outDir, pid, counts, readFileSync(codeFile, 'utf8')) : undefined;
  if (profile) printProfile(outDir, pid, counts);
  return { counts, cacheProfile };
}

function cacheFigures(outDir: string, pid: number, counts: Count[], printedCode: string) {
  console.log(`\nCache simulation: ${caches.described.join('; ') || "valgrind's own guess of the caches"}.`);
  return printCacheProfile({
    outDir,
    pid,
    comments: counts[0]?.calls ?? 0,
    printedCode,
    bundlePath: resolve('dist/rules.cjs'),
    rows: Number(values.rows),
  });
}

/** Where the pipeline's counted windows' instructions went, by function (see instruction-profile.ts). */
function printProfile(outDir: string, pid: number, counts: Count[]) {
  const mapFile = `/tmp/perf-${pid}.map`;
  const cwd = `file://${process.cwd()}/`;
  const symbols = parsePerfMap(readFileSync(mapFile, 'utf8'), (name) => name.replace(cwd, ''));
  rmSync(mapFile, { force: true });
  const byFunction = new Map<string, number>();
  const toBuiltins = new Map<string, BuiltinCalls>();
  for (const file of readdirSync(outDir).filter((f) => f.startsWith('callgrind.out.'))) {
    const dump = readFileSync(join(outDir, file), 'utf8');
    selfInstructions(dump, symbols, byFunction);
    builtinCalls(dump, symbols, toBuiltins);
  }
  const calls = counts.reduce((sum, c) => sum + c.calls * c.windows.length, 0);
  const total = [...byFunction.values()].reduce((a, b) => a + b, 0);
  console.log(
    `\nThe pipeline's instructions by function, ${fmt(total / calls / 1000, 1)} thousand a comment in all (self: what a function inlines counts in it; * optimised, ^ baseline, ~ interpreted):`,
  );
  console.log(
    table(
      ['k instructions a comment', 'share', 'function'],
      [...byFunction]
        .sort((a, b) => b[1] - a[1])
        .slice(0, Number(values.rows))
        .map(([name, n]) => [fmt(n / calls / 1000, 1), `${fmt((100 * n) / total, 1)} %`, name.slice(0, 100)]),
    ),
  );
  const byKind = new Map<CodeKind, number>();
  for (const [name, n] of byFunction) {
    const kind = kindOf(name);
    byKind.set(kind, (byKind.get(kind) ?? 0) + n);
  }
  console.log(
    "\nThe builtins the rules' compiled code called, by caller (inclusive instructions; a call V8 usually inlines, as push or ===, called here means the code lost its types):",
  );
  console.log(
    table(
      ['calls a comment', 'k instructions a comment', 'caller -> builtin'],
      [...toBuiltins.values()]
        .sort((a, b) => b.instructions - a.instructions)
        .slice(0, Number(values.rows))
        .map((c) => [
          fmt(c.calls / calls, 1),
          fmt(c.instructions / calls / 1000, 1),
          `${c.caller} -> ${c.builtin}`.slice(0, 110),
        ]),
    ),
  );
  console.log('\nBy kind of code (the compiler counts when V8 optimised during a window):');
  console.log(
    table(
      ['k instructions a comment', 'share', 'kind'],
      [...byKind]
        .sort((a, b) => b[1] - a[1])
        .map(([kind, n]) => [fmt(n / calls / 1000, 1), `${fmt((100 * n) / total, 1)} %`, kind]),
    ),
  );
}

async function main() {
  if (!canRun('valgrind')) {
    console.error('bench:instructions needs valgrind (Debian: apt-get install valgrind).');
    process.exit(1);
  }
  console.log(`Vigie instruction counts (callgrind), ${new Date().toISOString()}; corpus: ${corpusDir}`);
  console.log('Building (npm run build): the rules are counted as bundled into dist/rules.cjs…');
  execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  const outDir = mkdtempSync(join(tmpdir(), 'vigie-callgrind-'));
  let counts: Count[];
  let cacheProfile: ReturnType<typeof printCacheProfile> | undefined;
  try {
    ({ counts, cacheProfile } = await countAll(outDir));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  if (cacheProfile) {
    const date = new Date().toISOString();
    const file = writeResults(
      'misses-',
      { date, corpusDir, node: process.version, caches: caches.described, ...cacheProfile },
      1,
    );
    console.log(`\nWritten to ${file}`);
  }
  if (profile) return;
  const countOf = (subject: string, length: number) => counts.find((c) => c.subject === subject && c.length === length);
  /** The median window's instructions per call. */
  const perCall = (subject: string, length: number) => {
    const c = countOf(subject, length);
    return c ? median(c.windows) / c.calls : Number.NaN;
  };
  /** The windows' spread around their median, in %: how far one count can be trusted. */
  const spread = (subject: string, length: number) => {
    const c = countOf(subject, length);
    if (!c) return 'n/a';
    const m = median(c.windows);
    return `${fmt((100 * (Math.min(...c.windows) - m)) / m, 1)}…+${fmt((100 * (Math.max(...c.windows) - m)) / m, 1)} %`;
  };
  const lengths = [...new Set(counts.map((c) => c.length))];

  console.log('\nThousands of instructions per comment:');
  console.log(
    table(
      ['length', 'Vigie (pipeline)', 'its windows', 'isProfane', 'its windows', 'isProfane ÷ Vigie'],
      lengths.map((length) => {
        const vigie = perCall('pipeline', length);
        const profane = perCall('isProfane', length);
        return [
          `${length} chars`,
          fmt(vigie / 1000, 1),
          spread('pipeline', length),
          fmt(profane / 1000, 1),
          spread('isProfane', length),
          `${fmt(profane / vigie, 2)}×`,
        ];
      }),
    ),
  );

  const ruleLength = Number(values['rule-length']);
  const whole = perCall('pipeline', ruleLength);
  const shares = counts
    .filter((c) => c.length === ruleLength && c.subject.startsWith('pipeline without '))
    .map((c) => ({ rule: c.subject.slice('pipeline without '.length), adds: whole - perCall(c.subject, ruleLength) }));
  if (shares.length > 0) {
    console.log(`\nAt ${ruleLength} characters, thousands of instructions per comment (share of the pipeline):`);
    const rows = [
      ['shared analysis (tokens, word numbers, folding, sentences)', perCall('analysis', ruleLength)],
      ...shares.map((s): [string, number] => [`${s.rule} (the pipeline without it, subtracted)`, s.adds]),
    ] as [string, number][];
    console.log(
      table(
        ['part', 'k instructions', 'share'],
        rows.map(([part, n]) => [part, fmt(n / 1000, 1), `${fmt((100 * n) / whole, 1)} %`]),
      ),
    );
    console.log(
      'A rule whose result another reads (sms-speak, read by proofreading) adds only what is left when it is ignored.',
    );
  }

  const afterCollection = perCall(AFTER_COLLECTION, ruleLength);
  if (Number.isFinite(afterCollection))
    console.log(
      `\nAt ${ruleLength} characters, the pass right after a full collection: ${fmt(afterCollection / 1000, 1)} thousand instructions per comment (${spread(AFTER_COLLECTION, ruleLength)}), ${fmt(afterCollection / whole, 2)}× the pipeline's. It counts what V8 compiles again (code whose maps died with the collection: src/rules/keep-shapes.ts) and the sweeping the next allocations do.`,
    );

  const file = writeResults(
    'instructions-',
    { date: new Date().toISOString(), corpusDir, node: process.version, counts },
    2,
  );
  console.log(`\nWritten to ${file}`);
}

await main();
