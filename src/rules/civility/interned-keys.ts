/**
 * The interned token keys of a data set: each distinct key gets an id (0, 1, 2…), and what the
 * rule reads in a key is kept by id in flat arrays, worked out once. A token is then an integer
 * (token-list.ts) and reading a key's words is a few array reads: no object per key to follow
 * from the token to its words, each one a likely cache miss (the words of a 500-character comment
 * spent most of their time in those misses).
 */
import { doubled } from './doubled.js';
import { KeyTable, keyHash, MAX_POOL, unitsHash } from './key-table.js';
import { packedKey, packedString, SHORT_KEY, ShortKeyTable } from './short-keys.js';
import type { Reading, WordInfo } from './word-info.js';

/** Entries per key in `KeyInterner.words`, and what each is. */
export const KEY_WORDS = 4;
export const READ_NORM = 0;
export const READ_EVASION = 1;
export const READ_INFO = 2;
export const READ_MORE = 3;
type KeyWord = string | null | WordInfo | Reading[] | undefined;

/** Past this many keys the interner starts afresh, at the start of the next comment. */
const MAX_KEYS = 50000;
const INITIAL_CAPACITY = 1024;

/**
 * The keys, found three ways by the key's form: keys of one ASCII character by character code (a
 * spaced-out word, "C O N", "a.a.a…", is a token per letter: an array read spares each the
 * hashing and probing), short keys of letters packed in an integer (most tokens: short-keys.ts),
 * and every other key by its code units (key-table.ts).
 */
export class KeyInterner {
  /** How many keys: ids are 0 to count - 1. */
  count = 0;
  /** By id: the folded key (a–z, digits, and the symbols @ $ € * _ as typed). */
  readonly key: string[] = [];
  /** By id: 1 when the key is a French elided word, apostrophe left out ("qu", "l"). */
  elision: Uint8Array = new Uint8Array(INITIAL_CAPACITY);
  /** By id: the id of the same key with its apostrophe ("qu'"), -1 until first met elided. */
  withApostrophe: Int32Array = new Int32Array(INITIAL_CAPACITY);
  /**
   * What words.ts read in each key, at `id * KEY_WORDS`: the first (most often the only) word the
   * key stands for (READ_NORM; undefined until read), its evasion and WordInfo, and the words after
   * it when the key is known words glued together (else null). One array, so that a token's words
   * are one cache line, not one per field.
   */
  readonly words: KeyWord[] = [];
  /** By id: the `kinds` of the key's first word's WordInfo, beside it (a byte, not a read of the WordInfo). */
  kinds: Uint8Array = new Uint8Array(INITIAL_CAPACITY);
  /** Ids of the keys of one ASCII character, by character code (-1: none yet). */
  readonly singles = new Int32Array(128).fill(-1);
  readonly short = new ShortKeyTable();
  readonly long = new KeyTable();
  /** How many times the interner forgot its keys: ids kept elsewhere are stale once it changes. */
  resets = 0;

  /**
   * Called before each comment: past its bounds, the interner forgets every key (their readings
   * are worked out again when met). Never during a comment, whose tokens hold ids.
   *
   * The arrays keep their length, emptied in place: emptied by truncation, they grew again from
   * nothing, copied at each step (V8 grows an array by ~1.5×), and those copies, large enough to
   * be allocated in the old generation, were ~155 B a comment of what the POST left there under
   * a stream of comments each with a word never met (2026-11-29, sampled after the first reset).
   */
  startComment(): void {
    if (this.count < MAX_KEYS && this.long.units < MAX_POOL) return;
    this.resets++;
    this.count = 0;
    this.key.fill('');
    const words = this.words;
    for (let r = 0; r < words.length; r += KEY_WORDS) emptyWords(words, r);
    this.singles.fill(-1);
    this.short.clear();
    this.long.clear();
  }
}

export function newKeyInterner(): KeyInterner {
  return new KeyInterner();
}

/** French elided words, apostrophe left out: "t'es" is read "t'" "es". */
const ELISIONS = new Set([
  'l',
  'd',
  'j',
  'm',
  't',
  's',
  'c',
  'n',
  'qu',
  'jusqu',
  'lorsqu',
  'puisqu',
  'quoiqu',
  'presqu',
  'quelqu',
  'aujourd',
]);

/** A key's words before they are read: none yet (undefined), and no words glued after it (null). */
function emptyWords(words: KeyWord[], r: number): void {
  words[r + READ_NORM] = undefined;
  words[r + READ_EVASION] = null;
  words[r + READ_INFO] = undefined;
  words[r + READ_MORE] = null;
}

/** A new id for `key`, not yet in the interner: in the arrays' room left by a reset, else at their end. */
function added(keys: KeyInterner, key: string): number {
  const id = keys.count;
  if (id === keys.elision.length) {
    keys.elision = doubled(keys.elision);
    keys.withApostrophe = doubled(keys.withApostrophe);
    keys.kinds = doubled(keys.kinds);
  }
  if (id < keys.key.length) keys.key[id] = key;
  else keys.key.push(key);
  keys.elision[id] = ELISIONS.has(key) ? 1 : 0;
  keys.withApostrophe[id] = -1;
  const r = id * KEY_WORDS;
  if (r === keys.words.length) keys.words.push(undefined, undefined, undefined, undefined);
  emptyWords(keys.words, r);
  keys.count = id + 1;
  return id;
}

/** The id of a folded key. */
export function internKey(keys: KeyInterner, key: string): number {
  const first = key.charCodeAt(0);
  if (key.length === 1 && first < 128) {
    let id = keys.singles[first] as number;
    if (id < 0) {
      id = added(keys, key);
      keys.singles[first] = id;
    }
    return id;
  }
  const packed = packedString(key);
  if (packed > 0) {
    let id = keys.short.get(packed);
    if (id < 0) {
      id = added(keys, key);
      keys.short.add(packed, id);
    }
    return id;
  }
  const hash = keyHash(key);
  let id = keys.long.get(key, hash);
  if (id < 0) {
    id = added(keys, key);
    keys.long.add(key, hash, id);
  }
  return id;
}

/**
 * The id of the key the tokeniser scanned into `units[0, length)` (folded code units), with its
 * keyHash `hash` and, when `alpha` (letters a–z only), its packedKey `packed`, worked out as it
 * scanned: no string when the key is known, no second pass over its units.
 */
export function internScanned(
  keys: KeyInterner,
  units: Uint16Array,
  length: number,
  alpha: boolean,
  packed: number,
  hash: number,
): number {
  const first = units[0] as number;
  let id: number;
  if (length === 1 && first < 128) id = keys.singles[first] as number;
  else if (alpha && length <= SHORT_KEY) id = keys.short.get(packed);
  else id = keys.long.getCodes(units, length, hash);
  return id >= 0 ? id : internKey(keys, stringOf(units, length));
}

/** The id of the key made of `units[0, length)` (folded code units): no string when the key is known. */
export function internCodes(keys: KeyInterner, units: Uint16Array, length: number): number {
  const packed = packedKey(units, length);
  return internScanned(keys, units, length, packed > 0, packed, unitsHash(units, length));
}

/** Code units per String.fromCharCode call: well below any engine's limit on arguments. */
const CHUNK = 4096;

/** The string of `units[0, length)`: a flat string of its own, not a slice that keeps the comment alive. */
export function stringOf(units: Uint16Array, length: number): string {
  let out = '';
  for (let from = 0; from < length; from += CHUNK)
    out += String.fromCharCode.apply(null, units.subarray(from, Math.min(length, from + CHUNK)) as unknown as number[]);
  return out;
}

/** The id of the key with its apostrophe ("qu" → "qu'"), for a key met elided. */
export function elidedKey(keys: KeyInterner, id: number): number {
  let elided = keys.withApostrophe[id] as number;
  if (elided < 0) {
    elided = internKey(keys, `${keys.key[id]}'`);
    keys.withApostrophe[id] = elided;
  }
  return elided;
}
