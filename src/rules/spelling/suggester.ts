import type { Lang } from '../../db/schema.js';
import { sharedSpellChecker } from './hunspell.js';

/**
 * Hunspell's suggestions for misspelt words. They cost 100–700 ms a word in French (measured:
 * "interressant" 544 ms, "aplication" 270 ms; its n-gram phase is not the slow part), so where a
 * server asks for them, it asks a worker thread (worker-suggester.ts) and waits without blocking;
 * the CLI and the tests ask in-process.
 */
export interface Suggester {
  /**
   * Suggestions (at most `max`) for each word answered within `budgetMs`; the words that were not
   * are missing from the map.
   */
  suggest(lang: Lang, words: readonly string[], max: number, budgetMs: number): Promise<Map<string, string[]>>;
}

/**
 * On the calling thread, which Hunspell blocks. A call never starts once the budget is spent (one
 * that has started runs to its end, so the budget can be exceeded by one call).
 */
export function inProcessSuggester(now: () => number = () => performance.now()): Suggester {
  return {
    async suggest(lang, words, max, budgetMs) {
      const checker = sharedSpellChecker(lang);
      const started = now();
      const found = new Map<string, string[]>();
      for (const word of words) {
        if (found.has(word)) continue;
        if (now() - started >= budgetMs) break;
        found.set(word, checker.suggest(word, max));
      }
      return found;
    },
  };
}
