import { type SpellChecker, sharedSpellChecker } from '../spelling/hunspell.js';
import { type Numbered, WordSlots } from '../text/word-ids.js';
import type { LexiconEntry, SmsData } from './data.js';

/**
 * What the sms-speak detection knows about a word from the word alone (its case, its lexicon
 * entry, the SMS shapes the dictionary confirms), cached by the word as written (its word number,
 * see word-ids.ts): comments repeat the same few thousand words, so the usual token costs one
 * array read instead of case conversions, regular expressions and several dictionary lookups. What depends on the
 * neighbouring tokens stays in detect.ts.
 *
 * Each dictionary-backed fact is computed lazily, the first time the detection needs it, under
 * the same conditions as without the cache: the proofreading rule reads the shared Hunspell cache
 * (its uncached lookups are bounded per comment), so the words this rule asks Hunspell about, and
 * when, must not change.
 */
export type CaseShape = 'lower' | 'title' | 'upper' | 'mixed';

export function caseShape(text: string, lower: string): CaseShape {
  if (text === lower) return 'lower';
  const upper = text.toUpperCase();
  if (text === upper) return text.length === 1 || upper === lower ? 'title' : 'upper';
  const first = text.charAt(0);
  return first !== first.toLowerCase() && text.slice(1) === lower.slice(1) ? 'title' : 'mixed';
}

/** Longer tokens are never SMS shapes (and never reach the spelling dictionary). */
const MAX_SHAPE_LENGTH = 24;

/** A standard spelling found by a phonetic rewrite, a dropped silent ending or a dropped schwa. */
export interface Phonetic {
  standard: string;
  strong: boolean;
}

/** The word-only part of the SMS shapes, for a word that is not in the dictionary. */
export interface ShapeFacts {
  /** Digits inside the word: only a rebus can match ("2m1"). */
  digits: boolean;
  /** No vowel: only a consonant skeleton can match ("vrmt"). */
  vowelless: boolean;
  /** A vowelless word of a skeleton's length that is no interjection or unit. */
  skeleton: boolean;
  /** Undefined until asked, then the standard spelling or null. */
  rebus: string | null | undefined;
  contraction: string | null | undefined;
  phonetic: Phonetic | null | undefined;
}

export interface WordFacts {
  /** The word number the facts are kept under (NO_ID: not kept). */
  id: number;
  shape: CaseShape;
  /** Whether a lexicon form may be this word and a sign glued after it ("a+"). */
  joinable: boolean;
  /** The lexicon entry, elongated forms included ("mdrrr"): undefined until asked, null for none. */
  entry: LexiconEntry | null | undefined;
  /** Undefined until asked; null when the word cannot have an SMS shape (most words: in the dictionary). */
  shapes: ShapeFacts | null | undefined;
}

/**
 * Stored instead of the facts of a word that can never be SMS, whatever its context: excluded,
 * or with no lexicon entry, no glued form and no shape left to check. The usual word (in the
 * dictionary) ends up so, and then costs the array read and nothing else.
 */
export const INERT = 0;

const HAS_DIGIT = /[0-9]/;
const LETTER = /\p{L}/u;
const ALNUM_ONLY = /^[\p{L}\p{N}]+$/u;
const DIGIT_RUN = /\d+/g;
const LEADING_DIGIT = /^\d/;
const DIGITS_THEN_LETTERS = /^\d+\p{L}+$/u;

function collapseRuns(word: string): string {
  let out = '';
  for (const ch of word) if (ch !== out.charAt(out.length - 1)) out += ch;
  return out;
}

/** The word facts of one language's data, and the dictionary they were checked against. */
export class WordFactsCache {
  private readonly slots = new WordSlots<WordFacts | typeof INERT>();
  /** The slots of the comment being read (see WordSlots.for). */
  private facts = this.slots;
  private spellChecker: SpellChecker | undefined;
  /**
   * The last word asked to Hunspell. When the shared Hunspell cache is dropped (it is bounded),
   * this word is gone from it: the facts are dropped too, so that the words they were built from
   * are asked again, as they would be without this cache.
   */
  private witness: string | undefined;

  constructor(private readonly data: SmsData) {}

  /** Called once per comment: another rule may have filled the Hunspell cache up to its limit. */
  sync(analysis: Numbered): void {
    this.facts = this.slots.for(analysis);
    if (this.witness !== undefined && this.spellChecker?.cached(this.witness) === undefined) this.forget();
  }

  /** The facts of the word `text` (whose lower case is `lower` and word number `id`), or INERT. */
  of(id: number, text: string, lower: string): WordFacts | typeof INERT {
    let facts = this.facts.get(id);
    if (facts === undefined) {
      const { data } = this;
      // An excluded word is never SMS for this rule.
      facts = data.excluded.has(lower)
        ? INERT
        : {
            id,
            shape: caseShape(text, lower),
            joinable: data.joinPrefixes.has(lower),
            entry: undefined,
            shapes: undefined,
          };
      this.facts.set(id, facts);
    }
    return facts;
  }

  /** The lexicon entry of the word; elongated forms ("mdrrr") are looked for only among unknown words. */
  entry(facts: WordFacts, lower: string): LexiconEntry | null {
    if (facts.entry === undefined) {
      facts.entry =
        this.data.lexicon.get(lower) ??
        (lower.length >= 4 && facts.shape !== 'mixed' && !this.isWord(lower) ? this.elongated(lower) : null);
      this.settle(facts);
    }
    return facts.entry;
  }

  /** The word-only checks of a shape, for a lower-case or capitalised word: null for a dictionary word. */
  shapes(facts: WordFacts, text: string, lower: string): ShapeFacts | null {
    if (facts.shapes === undefined) {
      facts.shapes = this.shapesOf(facts, text, lower);
      this.settle(facts);
    }
    return facts.shapes;
  }

  /** Stores INERT for a word once its facts show it can never be SMS (upper case and mixed words have no shape). */
  private settle(facts: WordFacts): void {
    const noShape = facts.shapes === null || facts.shape === 'upper' || facts.shape === 'mixed';
    if (facts.entry === null && noShape && !facts.joinable && this.facts.get(facts.id) === facts)
      this.facts.set(facts.id, INERT);
  }

  /** Drops every word's facts (those of this comment's slots and the kept ones). */
  private forget(): void {
    this.facts.clear();
    this.slots.clear();
  }

  rebus(shapes: ShapeFacts, lower: string): string | null {
    if (shapes.rebus === undefined) shapes.rebus = this.rebusOf(lower);
    return shapes.rebus;
  }

  contraction(shapes: ShapeFacts, lower: string): string | null {
    if (shapes.contraction === undefined) shapes.contraction = this.contractionOf(lower);
    return shapes.contraction;
  }

  phonetic(shapes: ShapeFacts, lower: string): Phonetic | null {
    if (shapes.phonetic === undefined) shapes.phonetic = this.phoneticOf(lower);
    return shapes.phonetic;
  }

  private isWord(word: string): boolean {
    this.spellChecker ??= sharedSpellChecker(this.data.lang);
    const known = this.spellChecker.isWord(word);
    // This lookup may have filled the Hunspell cache and dropped it: drop the facts as well.
    if (this.witness !== undefined && this.spellChecker.cached(this.witness) === undefined) this.forget();
    this.witness = word;
    return known;
  }

  /** "mdrrr", "looool", "bcppp": a sure form with a letter repeated for emphasis. */
  private elongated(lower: string): LexiconEntry | null {
    if (lower.length < 4 || lower.length > MAX_SHAPE_LENGTH) return null;
    const collapsed = collapseRuns(lower);
    if (collapsed === lower || collapsed.length < 3) return null;
    const entry = this.data.lexicon.get(collapsed);
    return entry?.certainty === 'sure' ? entry : null;
  }

  private shapesOf(facts: WordFacts, text: string, lower: string): ShapeFacts | null {
    const { data } = this;
    if (lower.length < 2 || lower.length > MAX_SHAPE_LENGTH) return null;
    const digits = HAS_DIGIT.test(lower);
    // Most tokens are words: one dictionary lookup and out.
    if (!digits && (this.isWord(text) || (facts.shape !== 'lower' && this.isWord(lower)))) return null;
    if (data.acronyms.has(lower) || !ALNUM_ONLY.test(lower)) return null; // "a-t-il", "us-west-2"
    let vowels = 0;
    for (const ch of lower) if (data.vowels.has(ch)) vowels++;
    const skeleton =
      vowels === 0 &&
      lower.length >= data.skeleton.minLength &&
      lower.length <= data.skeleton.maxLength &&
      !data.interjections.has(collapseRuns(lower)) &&
      !data.units.has(lower);
    return { digits, vowelless: vowels === 0, skeleton, rebus: undefined, contraction: undefined, phonetic: undefined };
  }

  /** Pronoun stuck to a verb: "jvais", "jcrois". */
  private contractionOf(lower: string): string | null {
    const { data } = this;
    for (const { prefix, standard } of data.contractions) {
      const rest = lower.slice(prefix.length);
      if (lower.startsWith(prefix) && rest.length >= 3 && !data.vowels.has(rest.charAt(0)) && this.isWord(rest))
        return `${standard} ${rest}`;
    }
    return null;
  }

  /** Phonetic respelling ("koi" → "quoi"), dropped silent ending ("tro" → "trop") or schwa ("dmain"). */
  private phoneticOf(lower: string): Phonetic | null {
    const { data } = this;
    if (lower.length > data.rewriteMaxLength) return null;
    for (const { pattern, to, atStart, atEnd, weak } of data.rewrites) {
      let base: string;
      if (atEnd) {
        if (!lower.endsWith(pattern)) continue;
        base = lower.slice(0, lower.length - pattern.length) + to;
      } else if (atStart) {
        if (!lower.startsWith(pattern)) continue;
        base = to + lower.slice(pattern.length);
      } else {
        if (!lower.includes(pattern)) continue;
        base = lower.replaceAll(pattern, to);
      }
      for (const ending of data.rewriteEndings) {
        const candidate = base + ending;
        if (candidate.length >= 2 && this.isWord(candidate)) return { standard: candidate, strong: !weak };
      }
    }
    if (lower.length <= data.silentMaxLength) {
      for (const ending of data.silentEndings) {
        if (ending && this.isWord(lower + ending)) return { standard: lower + ending, strong: false };
      }
    }
    if (
      data.schwa &&
      lower.length >= 3 &&
      lower.length <= data.schwaMaxLength &&
      !data.vowels.has(lower.charAt(0)) &&
      !data.vowels.has(lower.charAt(1))
    ) {
      const candidate = lower.charAt(0) + data.schwa + lower.slice(1);
      if (this.isWord(candidate)) return { standard: candidate, strong: false };
    }
    return null;
  }

  /** Digits read aloud inside a word: "2m1" → "demain", "gr8" → "great", "every1" → "everyone". */
  private rebusOf(lower: string): string | null {
    const { data } = this;
    if (!LETTER.test(lower) || data.technical.has(lower)) return null;
    // Numbers with a unit or an ordinal ("10h", "2e", "12go", "1080p"): technical, not a rebus.
    const letters = lower.replace(DIGIT_RUN, '');
    if (
      LEADING_DIGIT.test(lower) &&
      DIGITS_THEN_LETTERS.test(lower) &&
      (data.units.has(letters) || data.technical.has(letters))
    )
      return null;
    let candidates = [''];
    let last = 0;
    for (const m of lower.matchAll(DIGIT_RUN)) {
      const sounds = data.digitSounds.get(m[0]);
      if (!sounds) return null;
      const between = lower.slice(last, m.index);
      candidates = candidates.flatMap((c) => sounds.map((s) => c + between + s));
      if (candidates.length > 64) return null;
      last = (m.index ?? 0) + m[0].length;
    }
    const tail = lower.slice(last);
    for (const c of candidates) {
      const candidate = c + tail;
      if (candidate.length >= 4 && LETTER.test(candidate) && this.isWord(candidate)) return candidate;
    }
    return null;
  }
}

const caches = new WeakMap<SmsData, WordFactsCache>();

/** The word facts for `data` (one language's compiled data), created on first use. */
export function wordFactsOf(data: SmsData): WordFactsCache {
  let cache = caches.get(data);
  if (!cache) {
    cache = new WordFactsCache(data);
    caches.set(data, cache);
  }
  return cache;
}
