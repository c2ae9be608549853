import { Filter } from 'bad-words';
import type { ArticleContext } from '../../src/rules/types.js';
import { compiledRules } from './compiled.js';
import { collectGarbage } from './gc.js';
import { fmt, summarise, table } from './stats.js';
import { ADVERSARIAL_TEXTS, corpusComments, SYNTHETIC_COUNTS, syntheticComments } from './texts.js';

/**
 * 1. The rule pipeline on one thread: the corpus comments, and synthetic 500-, 1,000- and
 * 5,000-character comments made of them, against bad-words' isProfane and clean on the same texts.
 * The rules are the compiled ones, bundled as the server's (dist/rules.cjs, see compiled.ts).
 */
export async function benchPipeline(corpusDir: string) {
  // The compiled code, as `npm start` runs it (see compiled.ts).
  const { loadRuleSet, defaultRuleModules, runPipeline } = await compiledRules();
  const comments = corpusComments(corpusDir);
  const synthetic = (length: number) => syntheticComments(comments, length, SYNTHETIC_COUNTS[length] ?? 0);
  const adversarial = ADVERSARIAL_TEXTS.map((body, k) => ({ body, article: comments[k]?.article as ArticleContext }));
  const sets = {
    corpus: comments,
    '500 chars': synthetic(500),
    '1,000 chars': synthetic(1000),
    '5,000 chars': synthetic(5000),
    'adversarial 5,000': adversarial,
  };

  const rules = loadRuleSet({ modules: defaultRuleModules });
  const filter = new Filter();

  type Timed = (body: string, article: ArticleContext) => unknown;
  /** Times each call of `fn` on every text, in passes over `texts`, for at least `minMs`; appends to `samples`. */
  const timeInto = (
    samples: number[],
    fn: Timed,
    texts: { body: string; article: ArticleContext }[],
    minMs: number,
  ) => {
    const started = performance.now();
    do {
      for (const t of texts) {
        const s = process.hrtime.bigint();
        fn(t.body, t.article);
        samples.push(Number(process.hrtime.bigint() - s) / 1000);
      }
    } while (performance.now() - started < minMs);
  };
  /**
   * Vigie and isProfane timed in alternating rounds, ROUNDS of each: the machine's speed drifts
   * (a shared virtual machine), and two sides timed one after the other (2 s, then 1 s, until
   * 2026-11-29 07:0x) could meet different minutes of it. Each side's median is over all its rounds.
   *
   * Each side first runs WARM_UP_MS on the set's texts, timed apart (the JSON's `warmUp`) and left
   * out of its figures. Why: until 2026-12-02 a side was warmed up with 20 texts, and each new set
   * still made V8 deoptimise and compile again (19 deoptimisations in the rules when the 500-character
   * texts followed the corpus's, "out of bounds" and "insufficient type feedback"), so its p99 was
   * mostly those first milliseconds: in a scratch run, 165 of the 265 slowest 1 % of 500-character
   * calls came in their first 0.5 s, and the first round's p99 was 1,245 µs against 211–349 for the
   * other seven. A server meets that once, after it starts; bench:rules warms each cell the same way.
   */
  const ROUNDS = 8;
  const WARM_UP_MS = 300;
  const timeBoth = (vigieFn: Timed, profaneFn: Timed, texts: { body: string; article: ArticleContext }[]) => {
    const vigieWarmUp: number[] = [];
    const profaneWarmUp: number[] = [];
    timeInto(vigieWarmUp, vigieFn, texts, WARM_UP_MS);
    timeInto(profaneWarmUp, profaneFn, texts, WARM_UP_MS);
    const vigie: number[] = [];
    const profane: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      timeInto(vigie, vigieFn, texts, 2000 / ROUNDS);
      timeInto(profane, profaneFn, texts, 1000 / ROUNDS);
    }
    return {
      vigie: summarise(vigie),
      isProfane: summarise(profane),
      warmUp: { vigie: summarise(vigieWarmUp), isProfane: summarise(profaneWarmUp) },
    };
  };
  const time = (fn: Timed, texts: { body: string; article: ArticleContext }[], minMs: number) => {
    for (const t of texts.slice(0, 20)) fn(t.body, t.article); // warm-up
    const samples: number[] = [];
    timeInto(samples, fn, texts, minMs);
    return summarise(samples);
  };

  const rows: (string | number)[][] = [];
  const results: Record<string, unknown> = {};
  for (const [name, texts] of Object.entries(sets)) {
    // Each measurement starts from the same heap: bad-words' `clean` leaves hundreds of megabytes
    // of garbage, which V8 otherwise collects (and marks concurrently, slowing the code it runs
    // beside) during the next set's timing.
    collectGarbage();
    const { vigie, isProfane, warmUp } = timeBoth(
      (body, article) => runPipeline(rules, { body, article, fallbackLang: article.lang }),
      (body) => filter.isProfane(body),
      texts,
    );
    collectGarbage();
    const clean =
      name === '5,000 chars'
        ? time((body) => filter.clean(body), texts.slice(0, 3), 0)
        : time((body) => filter.clean(body), texts, 500);
    results[name] = { vigie, badWordsIsProfane: isProfane, badWordsClean: clean, warmUp };
    rows.push([
      name,
      fmt(vigie.median),
      fmt(vigie.p99),
      fmt(vigie.max, 0),
      fmt(1e6 / vigie.median, 0),
      fmt(isProfane.median),
      fmt(clean.median, 0),
      `${fmt(isProfane.median / vigie.median)}x`,
      fmt(warmUp.vigie.p99),
    ]);
  }
  console.log('\n1. Rule pipeline, all rules, one thread (µs per comment)');
  console.log(
    table(
      [
        'texts',
        'median',
        'p99',
        'max',
        'comments/s',
        'bad-words isProfane',
        'bad-words clean',
        'isProfane / Vigie',
        'p99 in warm-up',
      ],
      rows,
    ),
  );
  console.log(
    `Each side ran ${WARM_UP_MS} ms on each set before its rounds; "p99 in warm-up" is Vigie's then, left out of its figures.`,
  );
  return results;
}
