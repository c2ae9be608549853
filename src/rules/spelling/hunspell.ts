import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../db/schema.js';
import { projectRoot, runsCompiled } from '../../project-root.js';
import { DICTIONARY_PACKAGES, dictionaryFile, SPELLING_PACKAGES } from './dictionary-files.js';
import { bootHunspellRuntime } from './hunspell-runtime.js';
import {
  openSnapshot,
  type Restored,
  restoreSnapshot,
  SNAPSHOT_FILE,
  type StoredSnapshot,
  snapshotKey,
} from './hunspell-snapshot.js';

/**
 * Real Hunspell (the spell checker of LibreOffice and Firefox, compiled to WebAssembly) with the
 * dictionary-fr, dictionary-en (US) and dictionary-en-gb packages: British spellings are correct
 * English too ("centre", "colour"). The WebAssembly module boots when this module is imported
 * (top-level await, ~20-40 ms); the dictionaries are ready on first use, i.e. when the rule data
 * loads at start-up, never on a request: the compiled server copies them from the build's
 * snapshot (~40 ms, see hunspell-snapshot.ts), the sources build them (~350 ms).
 */
/** The build's snapshot, when this is the compiled code and the snapshot fits these files. */
function buildSnapshot(): StoredSnapshot | null {
  const root = runsCompiled() ? projectRoot() : null;
  const file = root ? join(root, 'dist', SNAPSHOT_FILE) : null;
  return file && existsSync(file) ? openSnapshot(file, snapshotKey(DICTIONARY_PACKAGES)) : null;
}

const stored = buildSnapshot();
/** The snapshot restored, or null: then the dictionaries are built (the start-up log says which). */
async function restoredSnapshot(): Promise<Restored | null> {
  if (!stored) return null;
  try {
    return await restoreSnapshot(stored);
  } catch {
    return null; // unreadable file, failed boot: building the dictionaries still works
  }
}

const restored = await restoredSnapshot();
const runtime = restored?.runtime ?? (await bootHunspellRuntime());
const handles = new Map<string, number>(restored?.handles);
/** Where the dictionaries come from, for the start-up log. */
export const dictionariesFrom: 'snapshot' | 'dictionary files' = restored ? 'snapshot' : 'dictionary files';

function hunspell(name: string): number {
  let handle = handles.get(name);
  if (handle === undefined) {
    handle = runtime.create(readFileSync(dictionaryFile(name, 'aff')), readFileSync(dictionaryFile(name, 'dic')));
    handles.set(name, handle);
  }
  return handle;
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
  const dictionaries = SPELLING_PACKAGES[lang].map(hunspell);
  const cache = new Map<string, boolean>();
  return {
    lang,
    isWord(word) {
      let known = cache.get(word);
      if (known === undefined) {
        known = dictionaries.some((handle) => runtime.spell(handle, word));
        if (cache.size >= CACHE_LIMIT) cache.clear();
        cache.set(word, known);
      }
      return known;
    },
    cached: (word) => cache.get(word),
    suggest(word, max = 3) {
      return [...new Set(dictionaries.flatMap((handle) => runtime.suggest(handle, word)))].slice(0, max);
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
