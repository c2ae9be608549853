import { readFileSync } from 'node:fs';
import { type Hunspell, loadModule } from 'hunspell-asm';
import type { Lang } from '../../db/schema.js';
import { dictionaryFile } from './dictionary-files.js';

/**
 * Real Hunspell (the spell checker of LibreOffice and Firefox, compiled to WebAssembly) with the
 * dictionary-fr, dictionary-en (US) and dictionary-en-gb packages: British spellings are correct
 * English too ("centre", "colour"). The WebAssembly module is instantiated once when this
 * module is imported (top-level await, ~40 ms); each language's dictionary is built on first use
 * (~350 ms for French), i.e. when the rule data loads at start-up, never on a request.
 */
const listenersBefore = new Set(process.listeners('uncaughtException'));
const factory = await loadModule();
// The Emscripten glue installs an uncaughtException handler that rethrows from inside its own
// minified source, so that any crash of the process would print 750 KB of it. Remove it: Node's
// default handling (and ours) stays in charge of the process.
for (const listener of process.listeners('uncaughtException')) {
  if (!listenersBefore.has(listener)) process.removeListener('uncaughtException', listener);
}

const PACKAGES: Record<Lang, string[]> = { fr: ['dictionary-fr'], en: ['dictionary-en', 'dictionary-en-gb'] };
const instances = new Map<string, Hunspell>();

function hunspell(name: string): Hunspell {
  let instance = instances.get(name);
  if (!instance) {
    const aff = factory.mountBuffer(readFileSync(dictionaryFile(name, 'aff')), `${name}.aff`);
    const dic = factory.mountBuffer(readFileSync(dictionaryFile(name, 'dic')), `${name}.dic`);
    instance = factory.create(aff, dic);
    instances.set(name, instance);
  }
  return instance;
}

export interface SpellChecker {
  lang: Lang;
  /** Whether Hunspell accepts the word as written (case rules included: "paris" vs "Paris"). */
  isWord(word: string): boolean;
  /** The cached answer for the word, or undefined when asking would cost a dictionary lookup. */
  cached(word: string): boolean | undefined;
  /** Up to `max` corrections. Slow (tens to hundreds of ms): never on the submission path. */
  suggest(word: string, max?: number): string[];
}

/**
 * Hunspell answers in ~10–30 µs a word through WebAssembly; comments repeat the same few thousand
 * words, so a bounded cache in front makes the usual lookup a Map hit (~0.1 µs). When the cache is
 * full it is dropped whole: simpler than LRU, and refilled by the next few comments.
 */
const CACHE_LIMIT = 100_000;

export function spellChecker(lang: Lang): SpellChecker {
  const dictionaries = PACKAGES[lang].map(hunspell);
  const cache = new Map<string, boolean>();
  return {
    lang,
    isWord(word) {
      let known = cache.get(word);
      if (known === undefined) {
        known = dictionaries.some((d) => d.spell(word));
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(word, known);
      }
      return known;
    },
    cached: (word) => cache.get(word),
    suggest(word, max = 3) {
      return [...new Set(dictionaries.flatMap((d) => d.suggest(word)))].slice(0, max);
    },
  };
}

const shared = new Map<Lang, SpellChecker>();

/** One checker (and cache) per language for the whole process, shared by every rule. */
export function sharedSpellChecker(lang: Lang): SpellChecker {
  let checker = shared.get(lang);
  if (!checker) {
    checker = spellChecker(lang);
    shared.set(lang, checker);
  }
  return checker;
}
