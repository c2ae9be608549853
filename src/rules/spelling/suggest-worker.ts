import { parentPort, workerData } from 'node:worker_threads';
import type { Lang } from '../../db/schema.js';
import { lowerThisThreadsPriority } from '../../thread-priority.js';
import { sharedSpellChecker } from './hunspell.js';

/**
 * The worker thread behind WorkerSuggester (worker-suggester.ts): its own Hunspell (the compiled
 * worker restores the build's snapshot, like the server), one word per message, answered in
 * order. Bundled on its own as dist/suggest-worker.cjs by `npm run build`.
 */
export const SUGGEST_WORKER_ROLE = 'vigie-suggest';

export interface SuggestRequest {
  lang: Lang;
  word: string;
  max: number;
  /** Date.now() after which the word is not worth looking up any more (see WorkerSuggester). */
  skipAfter: number;
}

export interface SuggestReply {
  lang: Lang;
  word: string;
  max: number;
  /** Null when the word was skipped: its deadline had passed before its turn. */
  suggestions: string[] | null;
}

/** One word's suggestions, as both sides of the worker remember them. */
export const suggestionKey = (lang: Lang, max: number, word: string) => `${lang}\0${max}\0${word}`;

/** Answers requests on `port`; words already answered are remembered (readers retype them). */
export function serveSuggestions(port: NonNullable<typeof parentPort>, now: () => number = Date.now) {
  const answered = new Map<string, string[]>();
  port.on('message', ({ lang, word, max, skipAfter }: SuggestRequest) => {
    const key = suggestionKey(lang, max, word);
    let suggestions = answered.get(key) ?? null;
    // A word nobody will read any more is skipped: a backlog drains instead of growing.
    if (suggestions === null && now() <= skipAfter) {
      suggestions = sharedSpellChecker(lang).suggest(word, max);
      if (answered.size >= 10_000) answered.clear();
      answered.set(key, suggestions);
    }
    port.postMessage({ lang, word, max, suggestions } satisfies SuggestReply);
  });
}

if (parentPort && (workerData as { role?: unknown } | null)?.role === SUGGEST_WORKER_ROLE) {
  // Suggestions are the server's background work: 100–700 ms of Hunspell a word, where a request
  // takes well under a millisecond. On a busy core this thread yields to the event loop's
  // (2026-12-02, the benchmark's drafts of fresh misspellings, server on one core: the loop's worst
  // second 5–22 ms late while this thread searched).
  lowerThisThreadsPriority();
  serveSuggestions(parentPort);
}
