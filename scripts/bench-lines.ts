/**
 * `npm run bench:lines -- [CORPUS_DIR] [--length 1000] [--seconds 9] [--rows 40] [--core 1]`
 *
 * Where the rule pipeline's *time* goes, by line of src/: perf samples the pipeline's thread
 * (`perf record -e cpu-clock`) while it runs the benchmark's synthetic comments, and each sample
 * is placed in V8's optimised code (`node --print-opt-code`: code objects and their tables of
 * source positions, opt-code.ts), then through dist/rules.cjs's source map on a line of src/.
 *
 * It runs twice, the comments in two orders: one after the other, as `npm run bench` times them,
 * and each one REPEAT times in a row. The second is about twice as fast (docs/performance.md,
 * "What a comment before it leaves behind"): what a line costs in the first order and not in
 * the second is what it loses to the comments before it (cache misses, mispredicted branches),
 * which `npm run bench:instructions` cannot see (it counts instructions, one a cache miss).
 *
 * What it cannot place: samples outside the optimised code (builtins, the collector, the runtime,
 * baseline code), shown by perf's symbol; and in a function that inlined code of another script
 * (Node's own JavaScript), those lines are read as positions in the bundle. Sampling also skids:
 * a stalled load is mostly charged to the instruction after it, often the next line.
 *
 * Needs perf (Debian: apt-get install linux-perf) and permission to sample (root, or
 * kernel.perf_event_paranoid ≤ 1). ~40 s. Printed and written to bench-results/lines-<date>.json;
 * never fails on a figure.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundlePlacer, parseOptimisedCode, placeAddress, sourceLine } from './bench/opt-code.js';
import { writeResults } from './bench/results.js';
import { hasTaskset } from './bench/servers.js';
import { fmt, table } from './bench/stats.js';
import { canRun } from './bench/tools.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    length: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '9' },
    rows: { type: 'string', default: '40' },
    core: { type: 'string', default: '1' },
  },
});
const corpusDir = positionals[0] ?? '../shared/corpus';
const FREQUENCY = 4999;
/** The subject's first seconds (loading, compiling) are not sampled. */
const WARM_UP_MS = 5000;
const bundlePath = resolve('dist/rules.cjs');

/** How many times in a row each comment runs in the second order. */
const REPEAT = 100;

type Order = 'turn' | 'repeat';
const ORDERS: Order[] = ['turn', 'repeat'];
const ORDER_NAMES: Record<Order, string> = {
  turn: 'one after the other',
  repeat: `each ${REPEAT} times in a row`,
};

interface Sampled {
  /** Comments run while perf sampled. */
  comments: number;
  /** Samples of the pipeline's thread, by place: a line of src/, or a function where no line is known. */
  byLine: Map<string, number>;
  byFunction: Map<string, number>;
  /** All samples of the pipeline's thread. */
  samples: number;
}

/** Runs the subject under perf in one order; returns perf's samples (pid, tid, address, symbol) and the subject's count. */
async function record(order: Order, dir: string) {
  const subject = new URL('./bench/lines-subject.ts', import.meta.url).pathname;
  const perfData = join(dir, `perf-${order}.data`);
  const codeFile = join(dir, `code-${order}.txt`);
  const resultFile = join(dir, `result-${order}.json`);
  const endMs = WARM_UP_MS + 1000 * Number(values.seconds);
  const command = [
    'perf',
    'record',
    '--quiet',
    `--delay=${WARM_UP_MS}`,
    '-F',
    String(FREQUENCY),
    '-e',
    'cpu-clock',
    '-o',
    perfData,
    '--',
    process.execPath,
    '--perf-basic-prof',
    '--print-opt-code',
    '--no-logfile-per-isolate',
    `--logfile=${join(dir, 'v8.log')}`,
    '--import',
    'tsx',
    subject,
    corpusDir,
    values.length,
    String(order === 'repeat' ? REPEAT : 1),
    String(WARM_UP_MS),
    String(endMs),
    resultFile,
  ];
  // One core, as the benchmark's pipeline section runs: the other threads of the process
  // (V8's compiler and collector) take turns with it, as they do there.
  const argv = hasTaskset ? ['taskset', '-c', values.core, ...command] : command;
  const out = openSync(codeFile, 'w');
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: ['ignore', out, 'inherit'] });
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  closeSync(out);
  if (code !== 0) throw new Error(`perf record exited with ${code}`);
  const { counted } = JSON.parse(readFileSync(resultFile, 'utf8')) as { counted: number };
  const script = execFileSync('perf', ['script', '-i', perfData, '-F', 'pid,tid,ip,sym'], {
    maxBuffer: 1 << 30,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return { counted, script, codes: parseOptimisedCode(readFileSync(codeFile, 'utf8')) };
}

/** perf script's line "pid/tid address symbol" (the symbol may hold spaces). */
const SAMPLE = /^\s*(\d+)\/(\d+)\s+([0-9a-f]+)\s*(.*)$/;

function attribute(recorded: Awaited<ReturnType<typeof record>>): Sampled {
  const placeLine = bundlePlacer(recorded.codes, bundlePath);
  const byLine = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (into: Map<string, number>, key: string) => into.set(key, (into.get(key) ?? 0) + 1);
  let samples = 0;
  for (const text of recorded.script.split('\n')) {
    const sample = SAMPLE.exec(text);
    // The pipeline's thread is the process's first (its id is the process's).
    if (!sample || sample[1] !== sample[2]) continue;
    samples++;
    const placed = placeAddress(recorded.codes, Number.parseInt(sample[3] as string, 16));
    if (placed === null) {
      const symbol = (sample[4] ?? '').replace(/ \/\S+$/, '').trim() || '(unknown)';
      add(byFunction, symbol);
      add(byLine, `(outside optimised code) ${symbol}`);
      continue;
    }
    add(byFunction, `*${placed.code.name}`);
    add(byLine, placeLine(placed.code, placed.position) ?? `(no line) *${placed.code.name}`);
  }
  return { comments: recorded.counted, byLine, byFunction, samples };
}

/** µs of the pipeline's thread per comment, for `n` samples of a run. */
const usPerComment = (n: number, run: Sampled) => (n * 1e6) / FREQUENCY / run.comments;

function report(runs: Record<Order, Sampled>) {
  const rows = Number(values.rows);
  const { turn, repeat } = runs;
  console.log(
    `\nThe pipeline's thread: ${fmt(usPerComment(turn.samples, turn), 1)} µs a comment ${ORDER_NAMES.turn} (${turn.samples} samples, ${turn.comments} comments), ${fmt(usPerComment(repeat.samples, repeat), 1)} µs ${ORDER_NAMES.repeat} (${repeat.samples} samples, ${repeat.comments} comments).`,
  );
  const compare = (of: (run: Sampled) => Map<string, number>) => {
    const keys = new Set([...of(turn).keys(), ...of(repeat).keys()]);
    return [...keys]
      .map((key) => {
        const a = usPerComment(of(turn).get(key) ?? 0, turn);
        const b = usPerComment(of(repeat).get(key) ?? 0, repeat);
        return { key, turn: a, repeat: b, lost: a - b, share: (100 * (of(turn).get(key) ?? 0)) / turn.samples };
      })
      .sort((x, y) => y.turn - x.turn);
  };
  const head = ['µs a comment, in turn', 'share', `µs, repeated`, 'lost to the comments before'];
  const figures = (r: ReturnType<typeof compare>[number]) => [
    fmt(r.turn, 2),
    `${fmt(r.share, 1)} %`,
    fmt(r.repeat, 2),
    fmt(r.lost, 2),
  ];
  const functions = compare((run) => run.byFunction);
  console.log(`\nBy function (* optimised; the others are perf's symbols), the first ${rows}:`);
  console.log(
    table(
      [...head, 'function'],
      functions.slice(0, rows).map((r) => [...figures(r), r.key.slice(0, 70)]),
    ),
  );
  const lines = compare((run) => run.byLine);
  console.log(`\nBy line of src/ (what a function inlined counts on the inlined line), the first ${rows}:`);
  console.log(
    table(
      [...head, 'line', 'source'],
      lines.slice(0, rows).map((r) => [...figures(r), r.key.slice(0, 60), sourceLine(r.key)]),
    ),
  );
  const lost = [...lines].sort((x, y) => y.lost - x.lost);
  console.log(`\nThe lines that lose most to the comments before, the first ${rows}:`);
  console.log(
    table(
      [...head, 'line', 'source'],
      lost.slice(0, rows).map((r) => [...figures(r), r.key.slice(0, 60), sourceLine(r.key)]),
    ),
  );
  return { functions, lines };
}

async function main() {
  if (!canRun('perf')) {
    console.error('bench:lines needs perf (Debian: apt-get install linux-perf).');
    process.exit(1);
  }
  console.log(
    `Vigie time by line (perf), ${new Date().toISOString()}; corpus: ${corpusDir}; ${values.length} characters`,
  );
  console.log('Building (npm run build): the rules are sampled as bundled into dist/rules.cjs…');
  execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'vigie-lines-'));
  const runs = {} as Record<Order, Sampled>;
  try {
    for (const order of ORDERS) {
      console.log(`Sampling ${values.seconds} s, the comments ${ORDER_NAMES[order]}…`);
      runs[order] = attribute(await record(order, dir));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const result = report(runs);
  const file = writeResults(
    'lines-',
    {
      date: new Date().toISOString(),
      length: Number(values.length),
      frequency: FREQUENCY,
      runs: Object.fromEntries(ORDERS.map((o) => [o, { comments: runs[o].comments, samples: runs[o].samples }])),
      ...result,
    },
    1,
  );
  console.log(`\nWritten to ${file}`);
}

await main();
