import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/loader.js';
import { defaultRuleModules } from '../../src/rules/modules/index.js';
import { runPipeline } from '../../src/rules/pipeline.js';
import type { ArticleContext } from '../../src/rules/types.js';

/**
 * Every regular expression that sees user text must run in linear time. These 5,000-character
 * inputs are the classic triggers of catastrophic backtracking; a quadratic or exponential
 * pattern takes seconds to hours on them, a linear one well under a millisecond. The bound is
 * generous (this is a shared, noisy machine): the benchmark (npm run bench:rules) gives the real
 * figures.
 */
const ADVERSARIAL: Record<string, string> = {
  'one letter': 'a'.repeat(5000),
  'one capital letter and !': `${'A'.repeat(4999)}!`,
  spaces: `${' '.repeat(4999)}a`,
  stars: '*'.repeat(5000),
  underscores: '_'.repeat(5000),
  dots: '.'.repeat(5000),
  accents: 'é'.repeat(5000),
  'letter space': 'a '.repeat(2500),
  'letter dash': 'a-'.repeat(2500),
  'letter dot': 'a.'.repeat(2500),
  'letter star': 'a*'.repeat(2500),
  'spaced insult-like letters': 'c o n '.repeat(833),
  elisions: "l'".repeat(2500),
  digits: '1'.repeat(5000),
  'digits and letters': 'a1'.repeat(2500),
  'at signs': '@'.repeat(5000),
  'exclamation marks': '!'.repeat(5000),
  'url-like': 'http://a.'.repeat(555),
  'zero-width': 'a\u200B'.repeat(2500),
  emoji: '😀'.repeat(2500),
  apostrophes: "a'".repeat(2500),
};

const article: ArticleContext = {
  id: 'a',
  title: 'Panne géante chez un opérateur',
  body: 'Des millions d’abonnés ont été privés d’internet pendant neuf heures.',
  tags: ['panne'],
  lang: 'fr',
};

/**
 * The fastest of up to three runs, stopping at the first under `bound`: a super-linear pattern
 * is slow every time, while a run slowed by the machine (a GC, another process on the core) is
 * not slowed three times in a row.
 */
function fastestRun(bound: number, run: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < 3 && fastest >= bound; attempt++) {
    const started = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

describe('rules on adversarial input', () => {
  const full = loadRuleSet({ modules: defaultRuleModules });

  it.each(Object.entries(ADVERSARIAL))('%s: each rule and the whole pipeline finish fast', (_name, body) => {
    for (const lang of ['fr', 'en'] as const) {
      for (const rule of full.rules) {
        const alone = { ...full, rules: [{ ...rule, action: 'queue' as const }] };
        let failedRules: unknown[] = [];
        const elapsed = fastestRun(250, () => {
          failedRules = runPipeline(alone, { body, article: { ...article, lang }, fallbackLang: lang }).failedRules;
        });
        expect(failedRules, `${rule.module.id} threw`).toEqual([]);
        expect(elapsed, `${rule.module.id} (${lang}) took ${elapsed.toFixed(0)} ms`).toBeLessThan(250);
      }
      const whole = fastestRun(500, () =>
        runPipeline(full, { body, article: { ...article, lang }, fallbackLang: lang }),
      );
      expect(whole).toBeLessThan(500);
    }
  });
});
