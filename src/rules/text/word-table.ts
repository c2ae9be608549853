import { isAscii } from './char-class.js';
import { ownSlice } from './sequential.js';
import {
  admittedWordIdOf,
  hashOf,
  MAX_IDS,
  MAX_WORD_LENGTH,
  metInEarlierPass,
  NO_ID,
  wordIdGeneration,
} from './word-ids.js';

/**
 * The tokeniser's table of the words (and elisions, and numbers) it met before: found from the
 * characters of the comment and a hash of them, it gives a word's string (shared by every token
 * of that word), its lower case, whether it is ASCII and its word number (word-ids.ts) without
 * making a string first. ASCII words are hashed while the scanner reads them; other words
 * (accented, with joiners, elisions) once they are read.
 *
 * Why: numbering each token through a Map keyed by a fresh slice of the comment cost ~40 ns a
 * token (V8 hashes the new string, probes, compares it character by character): about 9 % of
 * the pipeline's time for 1,000-character comments. Punctuation has a table of its own
 * (word-ids.ts); mentions, hashtags, links and emoji still go through the Map.
 *
 * Open addressing: each slot of one Int32Array holds a word's hash, its entry, and where its
 * characters are in the pool (the entries in the order they came). The table starts small and
 * doubles when half full, up to as many entries as word numbers (65,536): the words comments use
 * most stay close together in memory (with all 131,072 slots from the start, tokenising took ~7 %
 * longer). Emptied when the numbering starts again.
 *
 * A word found reads three places: its slot (hash, entry, characters), the pool, and its entry's
 * record (string, lower case, number). For comments of many different words each place is a
 * likely cache miss: with the slot holding only the hash and the entry, and the rest in five
 * arrays by entry, a word read seven.
 */
const FIRST_BITS = 12;
/** Twice as many slots as word numbers: the table is at most half full. */
const MAX_SLOTS = 2 * MAX_IDS;
/** Int32s per slot: the hash, the entry + 1 (0: empty), the start of its characters in the pool, their count. */
const SLOT = 4;

let table = new Int32Array(SLOT << FIRST_BITS);
let mask = (1 << FIRST_BITS) - 1;
/**
 * Every entry's characters, one after the other: compared from here, the words comments use
 * most are a few kilobytes side by side, where their strings are spread over the heap.
 */
let pool = new Uint16Array(1 << 16);
let poolLength = 0;
/** By entry, RECORD items: its string, its lower case, and its word number × 2, + 1 when ASCII. */
const records: (string | number)[] = [];
const RECORD = 3;
let entries = 0;
let generation = wordIdGeneration();

/** Called before each tokenisation: forgets every word once the numbering has started again. */
export function syncWordTable(): void {
  if (generation === wordIdGeneration()) return;
  table = new Int32Array(SLOT << FIRST_BITS);
  mask = (1 << FIRST_BITS) - 1;
  poolLength = 0;
  records.length = 0;
  entries = 0;
  generation = wordIdGeneration();
}

/**
 * The entry of text[start, end) (letters and digits of Latin-1, hashed to `hash` by word-ids.ts's
 * hashStep, with an upper-case letter when `upper`, all ASCII when `ascii`; `codes` holds the text's
 * code units, code-units.ts), added if new and met
 * in an earlier pass (word-ids.ts); -1 when it is not kept (first met, too long, no number left):
 * the token then has no number (NO_ID).
 */
export function latin1WordAt(
  codes: Uint16Array,
  text: string,
  start: number,
  end: number,
  hash: number,
  upper: boolean,
  ascii: boolean,
): number {
  if (end - start > MAX_WORD_LENGTH) return -1; // no number: never kept
  const at = find(codes, start, end, hash);
  const entry = (table[at + 1] as number) - 1;
  if (entry >= 0) return entry;
  if (!metInEarlierPass(hash)) return -1;
  const value = ownSlice(text, start, end);
  return add(at, hash, value, upper ? value.toLowerCase() : value, ascii);
}

/**
 * The entry of text[start, end), any characters (`codes` its code units), added if new and met
 * before; -1 when it is not kept.
 */
export function wordAt(codes: Uint16Array, text: string, start: number, end: number): number {
  if (end - start > MAX_WORD_LENGTH) return -1; // no number: never kept
  const hash = hashOf(text, start, end);
  const at = find(codes, start, end, hash);
  const entry = (table[at + 1] as number) - 1;
  if (entry >= 0) return entry;
  if (!metInEarlierPass(hash)) return -1;
  const value = ownSlice(text, start, end);
  return add(at, hash, value, value.toLowerCase(), isAscii(value));
}

/**
 * Where the slot holding the code units codes[start, end) is in `table` (or the empty slot where it
 * would go). The module's variables are read once into constants (read in the loop, each read
 * checked that the variable was initialised), and the characters are compared here, not in a
 * function of their own: V8 did not inline it, and the call cost as much as a short word's compare.
 */
function find(codes: Uint16Array, start: number, end: number, hash: number): number {
  const length = end - start;
  const slots = table;
  const chars = pool;
  const wrap = SLOT * mask + SLOT - 1;
  let at = SLOT * (hash & mask);
  while (slots[at + 1] !== 0) {
    if (slots[at] === hash && slots[at + 3] === length) {
      // The pool's characters of this entry, from `offset + start` on, against codes[start, end).
      const offset = (slots[at + 2] as number) - start;
      let k = start;
      while (k < end && chars[offset + k] === codes[k]) k++;
      if (k === end) return at;
    }
    at = (at + SLOT) & wrap;
  }
  return at;
}

/** Adds a word at its empty slot (at `at` in `table`): its entry, or -1 when no number is left. */
function add(at: number, hash: number, value: string, lower: string, ascii: boolean): number {
  // Each entry has a number of its own: at most MAX_IDS of them (admittedWordIdOf says NO_ID past it).
  if (entries >= MAX_IDS) return -1;
  const id = admittedWordIdOf(value);
  if (id === NO_ID) return -1;
  const entry = entries++;
  records.push(value, lower, id * 2 + (ascii ? 1 : 0));
  if (poolLength + value.length > pool.length) {
    const grown = new Uint16Array(Math.max(pool.length * 2, poolLength + value.length));
    grown.set(pool.subarray(0, poolLength));
    pool = grown;
  }
  table[at] = hash;
  table[at + 1] = entry + 1;
  table[at + 2] = poolLength;
  table[at + 3] = value.length;
  for (let k = 0; k < value.length; k++) pool[poolLength++] = value.charCodeAt(k);
  if (entries > (mask + 1) >>> 1 && mask + 1 < MAX_SLOTS) grow();
  return entry;
}

/** Twice the slots, every entry placed again by its hash. */
function grow(): void {
  const old = table;
  mask = mask * 2 + 1;
  table = new Int32Array(SLOT * (mask + 1));
  for (let k = 0; k < old.length; k += SLOT) {
    if (old[k + 1] === 0) continue;
    let at = SLOT * ((old[k] as number) & mask);
    while (table[at + 1] !== 0) at = (at + SLOT) & (SLOT * mask + SLOT - 1);
    table.set(old.subarray(k, k + SLOT), at);
  }
}

/** How many words the table holds (for tests: a word met again is found, not added). */
export const wordCount = () => entries;
export const wordText = (entry: number) => records[RECORD * entry] as string;
export const wordLower = (entry: number) => records[RECORD * entry + 1] as string;
export const wordAscii = (entry: number) => ((records[RECORD * entry + 2] as number) & 1) === 1;
export const wordId = (entry: number) => (records[RECORD * entry + 2] as number) >> 1;
