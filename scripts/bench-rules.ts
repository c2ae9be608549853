/**
 * Cost of each rule, alone and all together, on one thread: `npm run bench:rules -- [CORPUS_DIR]`.
 * Texts: the corpus comments, synthetic 500-, 1,000- and 5,000-character comments made of them, and
 * adversarial 5,000-character inputs (runs of one letter, of spaces, of `*`, of accents...).
 *
 * Rows: the work every rule shares (the tokenisation and sentences of `context.analysis()`, then
 * language detection from those tokens), each rule's own `check` with that shared work already
 * done (what the rule adds to the pipeline), and the whole pipeline. Prints median, p99 and max
 * microseconds per comment, of the compiled code (dist/rules.cjs, built first), then, per adversarial input, the
 * median of repeated calls: the worst input is the linear-time figure (one slow call among the mixed
 * samples of the first table is as often a garbage collection as the input). A benchmark, not a
 * test: it never fails. `--only RULE` limits the rule rows.
 */
import { readCorpus } from '../src/eval/corpus.js';
import { toArticleContext } from '../src/eval/corpus-eval.js';
import type { RuleSet } from '../src/rules/loader.js';
import type { TextAnalysis } from '../src/rules/text/analysis.js';
import type { ArticleContext } from '../src/rules/types.js';
import { compiledRules } from './bench/compiled.js';
import { quantile } from './bench/stats.js';
import { ADVERSARIAL_TEXTS, concatComments } from './bench/texts.js';

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
const corpusDir = args[0] ?? '../shared/corpus';
const corpus = readCorpus(corpusDir);
const articles = new Map(corpus.articles.map((a) => [a.id, toArticleContext(a)]));
const article = articles.get(corpus.comments[0]?.article ?? '') as ArticleContext;

const bodies = corpus.comments.map((c) => c.body);
const texts: Record<string, readonly string[]> = {
  corpus: bodies,
  '500 chars': Array.from({ length: 50 }, (_, i) => concatComments(bodies, 500, i * 7)),
  // The length of the isProfane target (docs/performance.md).
  '1,000 chars': Array.from({ length: 100 }, (_, i) => concatComments(bodies, 1000, i * 7)),
  '5,000 chars': Array.from({ length: 10 }, (_, i) => concatComments(bodies, 5000, i * 13)),
  adversarial: ADVERSARIAL_TEXTS,
};

// The compiled code, as `npm start` runs it (see bench/compiled.ts).
const { loadRuleSet, defaultRuleModules, runPipeline, analyse, detectLanguage, detectLanguageOfAnalysis } =
  await compiledRules();
const ruleSet = loadRuleSet({ modules: defaultRuleModules });

/** Each call's µs, sorted: `rounds` passes over `samples` at least, and more until `minMs` has passed. */
function time(
  samples: readonly string[],
  rounds: number,
  run: (body: string, index: number) => void,
  minMs = 0,
): number[] {
  const micros: number[] = [];
  const started = performance.now();
  for (let r = 0; r < rounds || performance.now() - started < minMs; r++) {
    samples.forEach((body, index) => {
      const before = process.hrtime.bigint();
      run(body, index);
      micros.push(Number(process.hrtime.bigint() - before) / 1000);
    });
  }
  return micros.sort((a, b) => a - b);
}

/**
 * Warm-up before anything is timed: V8 optimises, and the rules' per-word caches fill. Two passes
 * were too few for the 5,000-character texts: civility's own check took ~500 µs a text for its
 * first 6-10 passes over them and ~100-120 after (measured 2026-11-29 21:1x), so the row's median
 * swung from run to run (128-395 µs). Time, not passes, makes it the same for every text length.
 */
function warmUp(samples: readonly string[], run: (body: string, index: number) => void): void {
  time(samples, 2, run, 300);
}

type Subject = (samples: readonly string[]) => (body: string, index: number) => void;

const pipeline: Subject = () => (body) => runPipeline(ruleSet, { body, article, fallbackLang: 'fr' });
const analysis: Subject = () => (body) => analyse(body);
/** Language detection as the pipeline runs it: from the analysis, done beforehand. */
const language: Subject = (samples) => {
  const analyses = samples.map((body) => analyse(body));
  return (_body, index) => detectLanguageOfAnalysis(analyses[index] as TextAnalysis, 'fr', ruleSet.language);
};

/** One rule's check, with the language and the analysis of each text computed beforehand. */
function ownCheck(entry: RuleSet['rules'][number]): Subject {
  return (samples) => {
    const prepared = samples.map((body) => {
      const lang = detectLanguage(body, 'fr', ruleSet.language);
      const done: TextAnalysis = analyse(body);
      return { lang, analysis: () => done };
    });
    return (body, index) => {
      const { lang, analysis: shared } = prepared[index] as (typeof prepared)[number];
      entry.module.check(body, {
        article,
        lang,
        data: entry.data[lang],
        options: entry.options,
        analysis: shared,
        shared: new Map(),
        submission: {},
      });
    };
  };
}

const subjects: [string, Subject][] = [
  ['analysis', analysis],
  ['language', language],
  ...ruleSet.rules
    .filter((r) => only === undefined || r.module.id === only)
    .map((r): [string, Subject] => [r.module.id, ownCheck(r)]),
  ['(pipeline)', pipeline],
];

console.log(`Cost on one thread, µs per comment (median / p99 / max); ${new Date().toISOString()}`);
console.log("Rule rows: the rule's own check, after the shared language detection and analysis.");
console.log(
  `${'subject'.padEnd(14)}${Object.keys(texts)
    .map((k) => k.padStart(26))
    .join('')}`,
);
for (const [name, subject] of subjects) {
  const cells = Object.entries(texts).map(([kind, samples]) => {
    const run = subject(samples);
    warmUp(samples, run);
    const sorted = time(samples, kind === 'corpus' ? 20 : 10, run);
    const cell = `${quantile(sorted, 0.5).toFixed(1)} / ${quantile(sorted, 0.99).toFixed(1)} / ${(sorted.at(-1) ?? 0).toFixed(0)}`;
    return cell.padStart(26);
  });
  console.log(`${name.padEnd(14)}${cells.join('')}`);
}

/** Each adversarial input alone: the median of `calls` calls, so one pause does not stand for the input. */
function perInputMedians(subject: Subject, calls: number): number[] {
  const run = subject(ADVERSARIAL_TEXTS);
  warmUp(ADVERSARIAL_TEXTS, run);
  return ADVERSARIAL_TEXTS.map((body, index) =>
    quantile(
      time([body], calls, (b) => run(b, index)),
      0.5,
    ),
  );
}

const label = (text: string) => `${JSON.stringify(text.slice(0, 6)).slice(0, -1)}…"`;
console.log('\nAdversarial 5,000-character inputs, each alone: median of 21 calls, µs (worst input, then the next)');
for (const [name, subject] of subjects) {
  const medians = perInputMedians(subject, 21);
  const order = medians.map((_, i) => i).sort((a, b) => (medians[b] ?? 0) - (medians[a] ?? 0));
  const cells = order
    .slice(0, 2)
    .map((i) => `${(medians[i] ?? 0).toFixed(0)} ${label(ADVERSARIAL_TEXTS[i] ?? '')}`.padStart(22));
  console.log(`${name.padEnd(14)}${cells.join('')}`);
}
