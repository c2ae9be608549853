/**
 * Cost of each rule, alone and all together, on one thread: `npm run bench:rules -- [CORPUS_DIR]`.
 * Texts: the corpus comments, synthetic ~500- and ~5,000-character comments made of them, and
 * adversarial 5,000-character inputs (runs of one letter, of spaces, of `*`, of accents...).
 * Prints median and p99 microseconds per comment. A benchmark, not a test: it never fails.
 */
import { readCorpus } from '../src/eval/corpus.js';
import { toArticleContext } from '../src/eval/corpus-eval.js';
import { loadRuleSet, type RuleSet } from '../src/rules/loader.js';
import { defaultRuleModules } from '../src/rules/modules/index.js';
import { runPipeline } from '../src/rules/pipeline.js';
import type { ArticleContext } from '../src/rules/types.js';
import { quantile } from './bench/stats.js';
import { ADVERSARIAL_TEXTS, concatComments } from './bench/texts.js';

const corpusDir = process.argv[2] ?? '../shared/corpus';
const corpus = readCorpus(corpusDir);
const articles = new Map(corpus.articles.map((a) => [a.id, toArticleContext(a)]));
const article = articles.get(corpus.comments[0]?.article ?? '') as ArticleContext;

const bodies = corpus.comments.map((c) => c.body);
const texts: Record<string, readonly string[]> = {
  corpus: bodies,
  '500 chars': Array.from({ length: 50 }, (_, i) => concatComments(bodies, 500, i * 7)),
  '5,000 chars': Array.from({ length: 10 }, (_, i) => concatComments(bodies, 5000, i * 13)),
  adversarial: ADVERSARIAL_TEXTS,
};

function timeRule(ruleSet: RuleSet, samples: readonly string[], rounds: number): number[] {
  const micros: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const body of samples) {
      const started = process.hrtime.bigint();
      runPipeline(ruleSet, { body, article, fallbackLang: 'fr' });
      micros.push(Number(process.hrtime.bigint() - started) / 1000);
    }
  }
  return micros.sort((a, b) => a - b);
}

const full = loadRuleSet({ modules: defaultRuleModules });
const subjects: [string, RuleSet][] = [
  ...full.rules.map((r): [string, RuleSet] => [r.module.id, { ...full, rules: [{ ...r, action: 'queue' }] }]),
  ['(all rules)', full],
];

console.log(`Rule cost on one thread, µs per comment (median / p99 / max); ${new Date().toISOString()}`);
console.log(
  `${'rule'.padEnd(14)}${Object.keys(texts)
    .map((k) => k.padStart(26))
    .join('')}`,
);
for (const [name, ruleSet] of subjects) {
  // Warm-up: let V8 optimise and the caches fill before measuring.
  for (const samples of Object.values(texts)) timeRule(ruleSet, samples, 2);
  const cells = Object.entries(texts).map(([kind, samples]) => {
    const sorted = timeRule(ruleSet, samples, kind === 'corpus' ? 20 : 10);
    const cell = `${quantile(sorted, 0.5).toFixed(1)} / ${quantile(sorted, 0.99).toFixed(1)} / ${(sorted.at(-1) ?? 0).toFixed(0)}`;
    return cell.padStart(26);
  });
  console.log(`${name.padEnd(14)}${cells.join('')}`);
}
