/**
 * Spaced-out words: a run of single-letter tokens ("c o n n a r d", "p.u.t.e") split into the
 * known words it spells. The parts are written into a reused RunParts, not one object each: an
 * adversarial comment ("a a a …", "C O N C O N …") is a run of thousands of letters.
 */
import type { LetterTrie } from './data.js';
import { doubled } from './doubled.js';

/** Leet digits and symbols typed as single spaced letters ("c 0 n"). */
const LEET_LETTER: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '€': 'e',
};

/** The trie index (0–25) of the letter a one-character key stands for, -1 when none. */
export function letterOf(key: string): number {
  const c = key.charCodeAt(0);
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  const leet = LEET_LETTER[key];
  return leet === undefined ? -1 : leet.charCodeAt(0) - 0x61;
}

/** Longest known words in a run, at most this many letters long. */
const MAX_WORD = 24;
/** Shortest word a run may spell: "c o n" yes, "l e" no. */
const MIN_WORD = 3;

/**
 * The parts of one run, as parallel arrays: part p covers tokens from[p] to before to[p], and
 * is the known word word[p], or null for a letter left alone. Reused from one run to the next.
 */
export class RunParts {
  count = 0;
  from = new Int32Array(64);
  to = new Int32Array(64);
  readonly word: (string | null)[] = [];

  push(from: number, to: number, word: string | null): void {
    const p = this.count;
    if (p === this.from.length) {
      this.from = doubled(this.from);
      this.to = doubled(this.to);
    }
    this.from[p] = from;
    this.to[p] = to;
    this.word[p] = word;
    this.count = p + 1;
  }
}

/**
 * Splits a run of single-letter tokens, whose trie letters (letterOf, -1 for none) are
 * `letters[0, length)`, into `parts` (emptied first; `from` and `to` count from the run's first
 * token): greedily, the longest stretch of 3 to 24 letters that is a known word (a trie walk,
 * leet read back), else one letter. Linear in the run: at most 24 steps per letter. Whether any
 * known word was found (when none, the run is only letters).
 */
export function splitRun(letters: Int8Array, length: number, trie: LetterTrie, parts: RunParts): boolean {
  parts.count = 0;
  const { children, words } = trie;
  let found = false;
  let pos = 0;
  while (pos < length) {
    let node = 0;
    let best = 0;
    let bestWord = '';
    for (let k = pos; k < length && k - pos < MAX_WORD; k++) {
      const letter = letters[k] as number;
      if (letter < 0) break;
      node = children[node * 26 + letter] as number;
      if (node === 0) break;
      const word = words[node];
      if (word !== null && word !== undefined && k - pos + 1 >= MIN_WORD) {
        best = k - pos + 1;
        bestWord = word;
      }
    }
    if (best > 0) {
      parts.push(pos, pos + best, bestWord);
      pos += best;
      found = true;
    } else {
      parts.push(pos, pos + 1, null);
      pos++;
    }
  }
  return found;
}
