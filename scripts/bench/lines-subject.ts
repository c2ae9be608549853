/**
 * The process that `npm run bench:lines` samples with perf (see bench-lines.ts): the pipeline on
 * the benchmark's synthetic comments, in one of two orders, for a fixed time from the process's
 * start; it writes how many comments it ran after the warm-up to RESULT_FILE, as JSON.
 *
 * Args: CORPUS_DIR LENGTH TIMES (1: the comments one after the other, as `npm run bench` times
 * them; more: each comment that many times in a row) WARM_UP_MS END_MS RESULT_FILE.
 */
import { writeFileSync } from 'node:fs';
import { compiledRules } from './compiled.js';
import { corpusComments, SYNTHETIC_COUNTS, syntheticComments } from './texts.js';

const [corpusDir = '../shared/corpus', lengthArg = '1000', timesArg = '1', warmUpArg = '5000', endArg = '14000', out] =
  process.argv.slice(2);
if (!out) throw new Error('usage: lines-subject CORPUS_DIR LENGTH TIMES WARM_UP_MS END_MS RESULT_FILE');
const length = Number(lengthArg);
const warmUpMs = Number(warmUpArg);
const endMs = Number(endArg);

const { loadRuleSet, defaultRuleModules, runPipeline } = await compiledRules({ build: false });
const texts = syntheticComments(corpusComments(corpusDir), length, SYNTHETIC_COUNTS[length] ?? 100);
const ruleSet = loadRuleSet({ modules: defaultRuleModules });
const times = Math.max(1, Number(timesArg));

// performance.now() counts from the process's start, as perf's --delay does from the command's.
let counted = 0;
let now = performance.now();
for (let call = 0; now < endMs; call++) {
  const { body, article } = texts[Math.floor(call / times) % texts.length] as (typeof texts)[number];
  runPipeline(ruleSet, { body, article, fallbackLang: article.lang });
  now = performance.now();
  if (now >= warmUpMs) counted++;
}
writeFileSync(out, JSON.stringify({ counted }));
