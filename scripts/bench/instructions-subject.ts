/**
 * The process that `npm run bench:instructions` runs under callgrind (see bench-instructions.ts):
 * it warms each subject up with the counting off, then says `ready` on stdout and waits for `go`
 * on stdin; the controller turns counting on. After the measured calls it says `done` and waits
 * for `next` while the controller reads the count. One JSON object per line.
 *
 * Args: CORPUS_DIR LENGTHS (comma-separated) RULE_LENGTH (where each rule's share is counted)
 * [profile] (then only the pipeline at RULE_LENGTH, for the controller's per-function profile).
 */
import { createInterface } from 'node:readline';
import { Filter } from 'bad-words';
import type { RuleSet } from '../../src/rules/loader.js';
import { compiledRules } from './compiled.js';
import { collectGarbage } from './gc.js';
import { AFTER_COLLECTION } from './subject-names.js';
import { type BenchComment, corpusComments, SYNTHETIC_COUNTS, syntheticComments } from './texts.js';

const [corpusDir = '../shared/corpus', lengthList = '1000', ruleLengthArg = '1000', mode = ''] = process.argv.slice(2);
const profile = mode === 'profile';
const ruleLength = Number(ruleLengthArg);
const lengths = profile ? [ruleLength] : lengthList.split(',').map(Number);

const { loadRuleSet, defaultRuleModules, runPipeline, analyse } = await compiledRules({ build: false });
const comments = corpusComments(corpusDir);
/** The texts of `npm run bench`'s pipeline section, made once: the warm-ups and the counts read the same. */
const textSets = new Map(
  lengths.map((length) => [
    length,
    syntheticComments(comments, length, SYNTHETIC_COUNTS[length] ?? Math.max(10, Math.round(100_000 / length))),
  ]),
);
const textsOf = (length: number) => textSets.get(length) ?? [];

const ruleSet = loadRuleSet({ modules: defaultRuleModules });
const filter = new Filter();
const without = (id: string): RuleSet => ({
  ...ruleSet,
  rules: ruleSet.rules.map((r) => (r.module.id === id ? { ...r, action: 'ignore' } : r)),
});
const pipelineOf =
  (rules: RuleSet) =>
  ({ body, article }: BenchComment) =>
    runPipeline(rules, { body, article, fallbackLang: article.lang });

// One full collection after the warm-up, so that every subject starts from a heap of the same
// kind, then more uncounted passes: a full collection threw away the optimised code of ~30 of
// the rules' functions (V8's "weak objects": the maps of their per-comment objects, such as
// sms-speak's Detector, died with the last of them; ~9 since src/rules/keep-shapes.ts), and the
// passes after it cost more while V8 optimised them again. An earlier version of this script
// collected before each counted window and counted ~1.6 million instructions a 1,000-character
// comment, not ~1.0. What a collection costs the pass right after it is a subject of its own.

/**
 * Counted windows per subject, of one pass over the texts each: the controller reports their
 * median and spread. A full collection still falls in some window now and then (~100 million
 * instructions, as much as a whole window's count at 1,000 characters); with five windows of one
 * pass, the median leaves it out (three windows of two passes did not, in one run of two).
 */
const WINDOWS = 5;

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
async function expect(word: string) {
  const line = await lines.next();
  if (line.done || line.value.trim() !== word) throw new Error(`expected "${word}" from the controller`);
}

/** `n` passes of `run` over `texts`. */
function runPasses(n: number, texts: readonly BenchComment[], run: (text: BenchComment) => unknown) {
  for (let p = 0; p < n; p++) for (const t of texts) run(t);
}

/** One counted window: `passes` over `texts`, between the `ready` and the `done` the controller counts. */
async function countedWindow(
  subject: string,
  length: number,
  texts: BenchComment[],
  run: (text: BenchComment) => unknown,
  passes: number,
) {
  say({ type: 'ready', subject, length, calls: passes * texts.length });
  await expect('go');
  runPasses(passes, texts, run);
  say({ type: 'done' });
  await expect('next');
}

/**
 * One subject: `warmUp` passes over the texts uncounted (V8 optimises, the rules' per-word caches
 * fill: as a server's would after its first minutes), a full collection and `warmUp` passes more,
 * then WINDOWS counted windows of `passes` each.
 */
async function measure(
  subject: string,
  length: number,
  run: (text: BenchComment) => unknown,
  warmUp: number,
  passes: number,
) {
  const texts = textsOf(length);
  runPasses(warmUp, texts, run);
  collectGarbage();
  runPasses(warmUp, texts, run);
  for (let w = 0; w < WINDOWS; w++) await countedWindow(subject, length, texts, run, passes);
}

/**
 * The pass right after a full collection, each window after `settle` uncounted passes and a
 * collection: what V8 compiles again (code whose maps died with the collection, see
 * src/rules/keep-shapes.ts) and the sweeping the next allocations do (with `--predictable`, no
 * sweeper thread).
 */
async function measureAfterCollection(subject: string, length: number, run: (text: BenchComment) => unknown) {
  const texts = textsOf(length);
  const settle = 3;
  for (let w = 0; w < WINDOWS; w++) {
    runPasses(settle, texts, run);
    collectGarbage();
    await countedWindow(subject, length, texts, run, 1);
  }
}

// Every length's texts first, uncounted: the first subject counted otherwise met its texts' words
// for the first time (a word gets its number at its second sighting; the rules' per-word caches
// fill) while V8 was still optimising, and its windows fell from 1.1 to 0.5 million instructions.
for (const length of lengths) runPasses(10, textsOf(length), pipelineOf(ruleSet));

for (const length of lengths) {
  // 40 passes before the collection and 40 after, so that V8 is done compiling: after 10 and 10,
  // it still optimised functions called once a comment (`match`, `articleWords`, `searchLinks`…)
  // in four of the five windows at 1,000 characters (--trace-opt, 2026-11-30 17:4x), each
  // compilation counted with its window.
  await measure('pipeline', length, pipelineOf(ruleSet), 40, 1);
  if (profile) continue;
  await measure('isProfane', length, ({ body }) => filter.isProfane(body), 1, 1);
  if (length !== ruleLength) continue;
  await measure('analysis', length, ({ body }) => analyse(body), 10, 1);
  for (const rule of ruleSet.rules) {
    if (rule.action === 'ignore') continue;
    await measure(`pipeline without ${rule.module.id}`, length, pipelineOf(without(rule.module.id)), 10, 1);
  }
  await measureAfterCollection(AFTER_COLLECTION, length, pipelineOf(ruleSet));
}
say({ type: 'end' });
process.exit(0);
