import { ownSlice } from './sequential.js';
import { NO_ID, wordIdGeneration, wordIdOf } from './word-ids.js';

/**
 * The tokeniser's table of ASCII words met before: found from the characters of the comment and
 * a hash computed while scanning them, it gives a word's string (shared by every token of that
 * word), its lower case and its word number (word-ids.ts) without making a string first.
 *
 * Why: numbering each token through a Map keyed by a fresh slice of the comment cost ~40 ns a
 * token (V8 hashes the new string, probes, compares it character by character): about 9 % of
 * the pipeline's time for 1,000-character comments. ASCII words are most tokens of most
 * comments; the others still go through the Map.
 *
 * Open addressing in typed arrays, at most half full: as many entries as word numbers (65,536),
 * emptied with them when the numbering starts again.
 */
const BITS = 17;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;
/** Longer words have no number (word-ids.ts): never kept. */
const MAX_LENGTH = 40;

const used = new Uint8Array(SIZE);
const hashes = new Int32Array(SIZE);
const ids = new Int32Array(SIZE);
const texts: string[] = new Array<string>(SIZE).fill('');
const lowers: string[] = new Array<string>(SIZE).fill('');
let count = 0;
let generation = wordIdGeneration();

/** FNV-1a, one character at a time: the scanner folds each character in as it reads it. */
export const HASH_START = 0x811c9dc5 | 0;
export const hashStep = (hash: number, code: number) => Math.imul(hash ^ code, 0x01000193);

/** Called before each tokenisation: forgets every word once the numbering has started again. */
export function syncAsciiWords(): void {
  if (generation === wordIdGeneration()) return;
  used.fill(0);
  texts.fill('');
  lowers.fill('');
  count = 0;
  generation = wordIdGeneration();
}

/**
 * The entry of text[start, end) (ASCII letters and digits, hashed to `hash`, with an upper-case
 * letter when `upper`), added if new; -1 when it cannot be kept (too long, no number left).
 */
export function asciiWordAt(text: string, start: number, end: number, hash: number, upper: boolean): number {
  const length = end - start;
  if (length > MAX_LENGTH) return -1;
  let slot = hash & MASK;
  while (used[slot] === 1) {
    if (hashes[slot] === hash && sameWord(texts[slot] as string, text, start, length)) return slot;
    slot = (slot + 1) & MASK;
  }
  if (count >= SIZE >>> 1) return -1;
  const value = ownSlice(text, start, end);
  const id = wordIdOf(value);
  if (id === NO_ID) return -1;
  used[slot] = 1;
  hashes[slot] = hash;
  ids[slot] = id;
  texts[slot] = value;
  lowers[slot] = upper ? value.toLowerCase() : value;
  count++;
  return slot;
}

export const asciiWordText = (slot: number) => texts[slot] as string;
export const asciiWordLower = (slot: number) => lowers[slot] as string;
export const asciiWordId = (slot: number) => ids[slot] as number;

function sameWord(word: string, text: string, start: number, length: number): boolean {
  if (word.length !== length) return false;
  for (let k = 0; k < length; k++) if (word.charCodeAt(k) !== text.charCodeAt(start + k)) return false;
  return true;
}
