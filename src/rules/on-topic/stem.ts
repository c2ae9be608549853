import { createRequire } from 'node:module';
import type { Lang } from '../../db/schema.js';
import { fold } from '../text/fold.js';

/**
 * Snowball stemmers (npm `snowball-stemmers`, a port of the reference Snowball algorithms) for
 * French and English, behind a per-language memo: a comment reuses the same few hundred words, so
 * after warm-up a stem is one Map lookup. The key of a word is its folded stem ("Télévision" →
 * "televis"), so that accents typed or not still meet.
 */
interface SnowballStemmer {
  stem(word: string): string;
}
interface SnowballFactory {
  newStemmer(algorithm: string): SnowballStemmer;
}

const factory = createRequire(import.meta.url)('snowball-stemmers') as SnowballFactory;
const ALGORITHM: Record<Lang, string> = { fr: 'french', en: 'english' };
const MAX_MEMO = 50_000;
const APOSTROPHES = /[’‘`´]/g;

export interface Stemmer {
  /** Folded stem of a lower-case word: the key words are compared by. */
  key(lower: string): string;
}

const stemmers = new Map<Lang, Stemmer>();

export function stemmerFor(lang: Lang): Stemmer {
  let stemmer = stemmers.get(lang);
  if (stemmer) return stemmer;
  const snowball = factory.newStemmer(ALGORITHM[lang]);
  const memo = new Map<string, string>();
  stemmer = {
    key(lower) {
      let key = memo.get(lower);
      if (key !== undefined) return key;
      const clean = lower.replace(APOSTROPHES, "'");
      key = fold(clean.length > 2 ? snowball.stem(clean) : clean);
      if (memo.size >= MAX_MEMO) memo.clear();
      memo.set(lower, key);
      return key;
    },
  };
  stemmers.set(lang, stemmer);
  return stemmer;
}

/** Folded form with typographic apostrophes made straight, the form phrase lists are written in. */
export function plainFold(text: string): string {
  return fold(text).replace(APOSTROPHES, "'");
}
