/**
 * The civility tokeniser's shortcut through the shared analysis: a word the analysis already
 * read (tokenize.ts), made of ASCII letters and digits only, is a civility token too when the
 * character after it ends it for both scanners. Its key is then found by the word's number
 * (word-ids.ts) in an array, instead of reading its characters again, hashing them and probing
 * the interner's tables.
 *
 * Why: with the shared words read twice, the civility tokeniser cost ~8 µs of a 1,000-character
 * comment's ~77 in the pipeline (its own reads of the text and its key look-ups, mostly cache
 * misses; measured by skipping it), twice what it costs in a loop of its own.
 *
 * The memos are by word number (WordSlots), and hold what a plain word's civility token is
 * whatever the comment: its key id in one interner (+1; -1 when the word is not plain ASCII
 * letters and digits), and its letters, capitals and length. They are emptied when the
 * numbering starts again or the interner forgets its keys.
 */
import type { Token } from '../text/tokenize.js';
import { type Numbered, WordSlots } from '../text/word-ids.js';
import { internKey, type KeyInterner } from './interned-keys.js';

/** `counts` packs the letters (bits 0–7), the capitals (8–15) and the length (16–23): a word has ≤ 40 characters. */
export const UPPER_SHIFT = 8;
export const LENGTH_SHIFT = 16;
export const COUNT_MASK = 0xff;

/** What one comment reads: the memo of its numbering (see WordSlots.for). */
export interface SharedWords {
  /** By word number: key id + 1, or -1 for a word that is not plain (nothing: not looked at yet). */
  keys: WordSlots<number>;
  /** By word number: letters | capitals << UPPER_SHIFT | length << LENGTH_SHIFT. */
  counts: WordSlots<number>;
}

/** The plain words of one interner (one per data set), by word number. */
class SharedWordKeys {
  private readonly keys = new WordSlots<number>();
  private readonly counts = new WordSlots<number>();
  private internerResets: number;

  constructor(private readonly interner: KeyInterner) {
    this.internerResets = interner.resets;
  }

  /** The words for `analysis`'s numbering, emptied first if the interner has forgotten its keys since. */
  for(analysis: Numbered): SharedWords {
    if (this.interner.resets !== this.internerResets) {
      this.keys.clear();
      this.counts.clear();
      this.internerResets = this.interner.resets;
    }
    return { keys: this.keys.for(analysis), counts: this.counts.for(analysis) };
  }
}

/** Looks at word number `id` (the token `token`) for the first time: its entry (see SharedWords.keys). */
export function learnWord(words: SharedWords, id: number, token: Token, keys: KeyInterner): number {
  const text = token.text;
  let letters = 0;
  let upper = 0;
  let plain = token.kind === 'word';
  for (let k = 0; plain && k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x61 && c <= 0x7a) letters++;
    else if (c >= 0x41 && c <= 0x5a) {
      letters++;
      upper++;
    } else if (c < 0x30 || c > 0x39) plain = false;
  }
  const entry = plain ? internKey(keys, text.toLowerCase()) + 1 : -1;
  words.keys.set(id, entry);
  words.counts.set(id, letters | (upper << UPPER_SHIFT) | (text.length << LENGTH_SHIFT));
  return entry;
}

const byInterner = new WeakMap<KeyInterner, SharedWordKeys>();

/** The plain words of `keys`' interner for `analysis`'s numbering. */
export function sharedWordsOf(keys: KeyInterner, analysis: Numbered): SharedWords {
  let shared = byInterner.get(keys);
  if (!shared) {
    shared = new SharedWordKeys(keys);
    byInterner.set(keys, shared);
  }
  return shared.for(analysis);
}
