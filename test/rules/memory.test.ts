import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../scripts/bench/gc.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { defaultRuleModules } from '../../src/rules/modules/index.js';
import { runPipeline } from '../../src/rules/pipeline.js';
import type { ArticleContext } from '../../src/rules/types.js';

const article: ArticleContext = {
  id: 'a',
  title: 'Le processeur',
  body: 'Un processeur rapide pour les smartphones.',
  tags: [],
  lang: 'fr',
};

describe('the rules keep no comment alive', () => {
  it('once it has been checked, whatever words of it their caches keep', () => {
    const rules = loadRuleSet({ modules: defaultRuleModules });
    // Each comment has words never seen before, of 13 characters or more (V8 makes such slices
    // views of the whole string): an accented one, an ASCII one, one after an elision.
    const letters = (i: number) =>
      [0, 1, 2].map((k) => String.fromCharCode(97 + (Math.floor(i / 26 ** k) % 26))).join('');
    const comment = (i: number) =>
      JSON.parse(
        JSON.stringify(
          `Le développement${letters(i)} et l’interopérabilité${letters(i)} de ${letters(i)}longwordascii, voir https://ex.fr/${letters(i)}. ${'Le processeur est rapide mais la batterie tient mal. '.repeat(800)}`,
        ),
      ) as string;
    const run = (i: number) => runPipeline(rules, { body: comment(i), article, fallbackLang: 'fr' });
    run(0);
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    for (let i = 1; i <= 300; i++) run(i);
    collectGarbage();
    const kept = process.memoryUsage().heapUsed - before;
    // 300 comments of ~84 KB: 25 MB if each were kept; what the caches rightly keep is ~1 MB.
    expect(comment(1).length * 300).toBeGreaterThan(12_000_000);
    expect(kept).toBeLessThan(6_000_000);
  });
});
