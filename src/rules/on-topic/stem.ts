import snowballStemmers from 'snowball-stemmers';
import snowballPackage from 'snowball-stemmers/package.json' with { type: 'json' };
import type { Lang } from '../../db/schema.js';
import { fold } from '../text/fold.js';

/**
 * Snowball stemmers (npm `snowball-stemmers`, a port of the reference Snowball algorithms) for
 * French and English, behind a per-language memo: a comment reuses the same few hundred words, so
 * after warm-up a stem is one Map lookup. The key of a word is its folded stem ("Télévision" →
 * "televis"), so that accents typed or not still meet.
 */
const VERSION = snowballPackage.version;
const ALGORITHM: Record<Lang, string> = { fr: 'french', en: 'english' };
const MAX_MEMO = 50_000;
const APOSTROPHES = /[’‘`´]/g;

/**
 * The stemmer a table of stems was computed with: a table made by another version or algorithm
 * is not used (see `learn`).
 */
export const stemmerId = (lang: Lang) => `snowball-stemmers@${VERSION} ${ALGORITHM[lang]}`;

export interface Stemmer {
  /** Folded stem of a lower-case word: the key words are compared by. */
  key(lower: string): string;
  /**
   * Snowball stems computed ahead of time, as a flat list of word (lower case, straight
   * apostrophes) and stem pairs: the rule data's own words (rules/<lang>/on-topic-stems.generated.json),
   * so that loading the data does not run the stemmer (~30 µs a word) thousands of times.
   */
  learn(pairs: readonly string[]): void;
}

/** `onStem` sees every stem the Snowball algorithm computes (to build the table of stems). */
function makeStemmer(lang: Lang, onStem?: (word: string, stem: string) => void): Stemmer {
  const snowball = snowballStemmers.newStemmer(ALGORITHM[lang]);
  const memo = new Map<string, string>();
  const learnt = new Map<string, string>();
  return {
    key(lower) {
      let key = memo.get(lower);
      if (key !== undefined) return key;
      const clean = lower.replace(APOSTROPHES, "'");
      let stem = clean;
      if (clean.length > 2) {
        const known = learnt.get(clean);
        if (known !== undefined) stem = known;
        else {
          stem = snowball.stem(clean);
          onStem?.(clean, stem);
        }
      }
      key = fold(stem);
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(lower, key);
      return key;
    },
    learn(pairs) {
      for (let i = 0; i + 1 < pairs.length; i += 2) learnt.set(pairs[i] as string, pairs[i + 1] as string);
    },
  };
}

const stemmers = new Map<Lang, Stemmer>();

export function stemmerFor(lang: Lang): Stemmer {
  let stemmer = stemmers.get(lang);
  if (!stemmer) {
    stemmer = makeStemmer(lang);
    stemmers.set(lang, stemmer);
  }
  return stemmer;
}

/** A stemmer of its own that always runs Snowball and records each stem in `stems` (by word). */
export function recordingStemmer(lang: Lang, stems: Map<string, string>): Stemmer {
  return makeStemmer(lang, (word, stem) => stems.set(word, stem));
}

/** Folded form with typographic apostrophes made straight, the form phrase lists are written in. */
export function plainFold(text: string): string {
  return fold(text).replace(APOSTROPHES, "'");
}
