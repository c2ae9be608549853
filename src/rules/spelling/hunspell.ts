import { readFileSync } from 'node:fs';
import type { Lang } from '../../db/schema.js';
import { builtFile } from '../../project-root.js';
import { type AccentFreeForms, accentFree, accentFreeForms } from './accent-free-forms.js';
import { DICTIONARY_PACKAGES, dictionaryFile, SPELLING_PACKAGES } from './dictionary-files.js';
import { bootHunspellRuntime, type HunspellRuntime } from './hunspell-runtime.js';
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
 * English too ("centre", "colour"). The WebAssembly module boots on first use (~40 ms, when the
 * rule data loads at start-up, never on a request): the compiled server copies the dictionaries
 * from the build's snapshot (~40 ms, see hunspell-snapshot.ts), the sources build them (~350 ms).
 */
/** The build's snapshot, when this is the compiled code and the snapshot fits these files. */
function buildSnapshot(): StoredSnapshot | null {
  const file = builtFile(SNAPSHOT_FILE);
  return file ? openSnapshot(file, snapshotKey(DICTIONARY_PACKAGES)) : null;
}

/** The snapshot restored, or null: then the dictionaries are built (the start-up log says which). */
function restoredSnapshot(): Restored | null {
  const stored = buildSnapshot();
  if (!stored) return null;
  try {
    return restoreSnapshot(stored);
  } catch {
    return null; // unreadable file, failed boot: building the dictionaries still works
  }
}

interface Booted {
  runtime: HunspellRuntime;
  handles: Map<string, number>;
  from: 'snapshot' | 'dictionary files';
}
let booted: Booted | undefined;

function boot(): Booted {
  if (!booted) {
    const restored = restoredSnapshot();
    booted = restored
      ? { runtime: restored.runtime, handles: new Map(restored.handles), from: 'snapshot' }
      : { runtime: bootHunspellRuntime(), handles: new Map(), from: 'dictionary files' };
  }
  return booted;
}

/** Where the dictionaries come from, for the start-up log (boots Hunspell if nothing has yet). */
export function dictionariesFrom(): 'snapshot' | 'dictionary files' {
  return boot().from;
}

function hunspell(name: string): number {
  const { runtime, handles } = boot();
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
  /**
   * Counts the times the cache was dropped: an answer a caller remembers with the generation it
   * got it at is still cached while the generation is the same, so the caller can skip asking
   * (a Map lookup in a cache of up to 100,000 words) and nothing changes.
   */
  readonly generation: number;
  /** Up to `max` corrections. Slow (tens to hundreds of ms): never on the submission path. */
  suggest(word: string, max?: number): string[];
  /**
   * False when no word of the dictionaries has `form` (lower case, no accents) as its accent-free
   * form, by the filter of accent-free-forms.ts; true when one may, or when there is no filter.
   */
  mayHaveAccentFreeForm(form: string): boolean;
  /** How many words Hunspell itself was asked (neither the cache nor the filter answered). */
  readonly lookups: number;
}

/**
 * Hunspell answers in ~10–30 µs a word through WebAssembly; comments repeat the same few thousand
 * words, so a bounded cache in front makes the usual lookup a Map hit (~0.1 µs). When the cache is
 * full it is dropped whole: simpler than LRU, and refilled by the next few comments.
 */
const CACHE_LIMIT = 100_000;

/** A plain field for `generation`, not a getter: rules read it for each word of a comment. */
class CachedSpellChecker implements SpellChecker {
  generation = 0;
  lookups = 0;
  private readonly cache = new Map<string, boolean>();
  private readonly dictionaries: number[];
  private readonly runtime: HunspellRuntime;

  /**
   * The filter of the dictionaries' accent-free forms (accent-free-forms.ts), read when first
   * needed (the suggestion worker never needs it); null when there is none. A word
   * whose accent-free form is in no form of the dictionaries is none of them, whatever its
   * case, and Hunspell is not asked: a typo never seen before costs Hunspell 10 µs to 20 ms (it
   * tries every affix rule on it), on the event loop's thread.
   */
  private forms: AccentFreeForms | null | undefined;

  constructor(
    readonly lang: Lang,
    private readonly formsOf: (lang: Lang) => AccentFreeForms | null,
  ) {
    this.runtime = boot().runtime;
    this.dictionaries = SPELLING_PACKAGES[lang].map(hunspell);
  }

  isWord(word: string): boolean {
    let known = this.cache.get(word);
    if (known === undefined) {
      known = this.mayHaveAccentFreeForm(accentFree(word)) && this.spell(word);
      if (this.cache.size >= CACHE_LIMIT) {
        this.cache.clear();
        this.generation++;
      }
      this.cache.set(word, known);
    }
    return known;
  }

  cached(word: string): boolean | undefined {
    return this.cache.get(word);
  }

  mayHaveAccentFreeForm(form: string): boolean {
    if (this.forms === undefined) this.forms = this.formsOf(this.lang);
    return this.forms === null || this.forms.mayBeAForm(form);
  }

  private spell(word: string): boolean {
    this.lookups++;
    return this.dictionaries.some((handle) => this.runtime.spell(handle, word));
  }

  suggest(word: string, max = 3): string[] {
    return [...new Set(this.dictionaries.flatMap((handle) => this.runtime.suggest(handle, word)))].slice(0, max);
  }
}

/**
 * A checker with its own cache. `formsOf` gives the language's filter of accent-free forms: the
 * one `npm run build` wrote, for the compiled code (none for the sources; see accent-free-forms.ts).
 */
export function spellChecker(
  lang: Lang,
  formsOf: (lang: Lang) => AccentFreeForms | null = accentFreeForms,
): SpellChecker {
  return new CachedSpellChecker(lang, formsOf);
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
