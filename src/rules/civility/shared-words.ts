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
 * The arrays are by word number, and hold what a plain word's civility token is whatever the
 * comment: its key id in one interner (+1; -1 when the word is not plain ASCII letters and
 * digits, 0 not looked at yet), and its letters, capitals and length. They are emptied when the
 * numbering starts again or the interner forgets its keys.
 */
import type { TextAnalysis } from '../text/analysis.js';
import type { Token } from '../text/tokenize.js';
import { doubled } from './doubled.js';
import { internKey, type KeyInterner } from './interned-keys.js';

/** `counts` packs the letters (bits 0–7), the capitals (8–15) and the length (16–23): a word has ≤ 40 characters. */
export const UPPER_SHIFT = 8;
export const LENGTH_SHIFT = 16;
export const COUNT_MASK = 0xff;

export class SharedWordKeys {
  /** By word number: key id + 1, -1 for a word that is not plain, 0 not looked at. */
  keys = new Int32Array(1024);
  /** By word number: letters | capitals << UPPER_SHIFT | length << LENGTH_SHIFT. */
  counts = new Int32Array(1024);
  private wordIdGeneration = -1;
  private interner: KeyInterner | undefined;
  private internerResets = -1;

  /** Makes the arrays valid for `analysis`'s numbering and the interner's current keys. */
  sync(analysis: TextAnalysis, keys: KeyInterner): void {
    if (
      analysis.wordIdGeneration === this.wordIdGeneration &&
      keys === this.interner &&
      keys.resets === this.internerResets
    )
      return;
    this.keys.fill(0);
    this.wordIdGeneration = analysis.wordIdGeneration;
    this.interner = keys;
    this.internerResets = keys.resets;
  }

  /** Looks at word number `id` (the token `token`) for the first time: its entry in `keys`. */
  learn(id: number, token: Token, keys: KeyInterner): number {
    while (id >= this.keys.length) {
      this.keys = doubled(this.keys);
      this.counts = doubled(this.counts);
    }
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
    this.keys[id] = entry;
    this.counts[id] = letters | (upper << UPPER_SHIFT) | (text.length << LENGTH_SHIFT);
    return entry;
  }
}

const byInterner = new WeakMap<KeyInterner, SharedWordKeys>();

/** The arrays of one interner's keys (the interners are one per data set). */
export function sharedWordKeysOf(keys: KeyInterner): SharedWordKeys {
  let shared = byInterner.get(keys);
  if (!shared) {
    shared = new SharedWordKeys();
    byInterner.set(keys, shared);
  }
  return shared;
}
