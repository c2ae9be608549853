import type { Token } from './tokenize.js';

/**
 * A number for each distinct token text, handed out once for every rule (`analyse` writes each
 * token's into the analysis), so that a rule keeps what it knows of a word in an array indexed
 * by that number (`WordSlots`) instead of a Map keyed by the string.
 *
 * Why: the language detection, on-topic, sms-speak and proofreading each looked every token up
 * in a Map of their own; hashing and comparing strings took about a fifth of the pipeline's time
 * in a profile of 1,000-character comments (V8's FindOrderedHashMapEntry and StringEqual). Now a
 * token costs one Map lookup, and each rule an array read.
 *
 * Bounded: after MAX_IDS distinct texts no new number is handed out (NO_ID: the rules then work
 * the word out without remembering it) until `renewWordIdsWhenFull` starts again from zero. It is
 * called only where no analysis is in use (before a comment's pipeline): a number must keep
 * naming the same word for as long as the rules read one comment.
 *
 * A text gets its number the second time it is met, in a later tokenisation than the first (see
 * `metInEarlierPass`): until then it has none, and the rules work it out each time.
 */
export const NO_ID = -1;
/** A token's id before analyse() numbers it (mentions, hashtags, links...): see assignWordIds. */
export const TO_NUMBER = -2;
export const MAX_IDS = 65_536;
/** Longer tokens (keyboard runs, adversarial input) get no number: they would only fill memory. */
export const MAX_WORD_LENGTH = 40;

const ids = new Map<string, number>();
/** The numbers of one-character ASCII texts (punctuation, mostly), by character code: no Map lookup. */
const singles = new Int32Array(128).fill(NO_ID);
/** Bumped whenever the numbers are handed out anew: what the slots hold under older ones is void. */
let generation = 0;

/**
 * Each token's number, by index, and the generation they belong to: the tokeniser's (`Token.id`,
 * see word-table.ts; read here right after it tokenised: a number or NO_ID), else, for the tokens
 * it left TO_NUMBER, from the Map.
 */
export function assignWordIds(tokens: readonly Token[]): { ids: Int32Array; generation: number } {
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.id !== TO_NUMBER) {
      out[i] = token.id;
      continue;
    }
    const text = token.text;
    out[i] = text.length === 1 ? singleIdOf(text) : wordIdOf(text);
  }
  return { ids: out, generation };
}

/** The number of a one-character text: for ASCII, from a table by character code. */
export function singleIdOf(text: string): number {
  const code = text.charCodeAt(0);
  if (code >= 128) return wordIdOf(text);
  let id = singles[code] as number;
  if (id === NO_ID) {
    // Punctuation, at most 128 texts: numbered when first met (see metInEarlierPass).
    id = admittedWordIdOf(text);
    singles[code] = id;
  }
  return id;
}

/**
 * The number of `text`, handed out now if it has none and was met in an earlier pass; NO_ID the
 * first time, over 40 characters or once full.
 */
export function wordIdOf(text: string): number {
  const id = ids.get(text);
  if (id !== undefined) return id;
  return mayNumber(text) && metInEarlierPass(hashOf(text)) ? handOut(text) : NO_ID;
}

/** The number of `text`, handed out now if it has none (NO_ID once full): for a text met before. */
export function admittedWordIdOf(text: string): number {
  const id = ids.get(text);
  if (id !== undefined) return id;
  return mayNumber(text) ? handOut(text) : NO_ID;
}

/** Whether a text with no number may get one: at most 40 characters, and numbers left. */
function mayNumber(text: string): boolean {
  return text.length <= MAX_WORD_LENGTH && ids.size < MAX_IDS;
}

/** The next number, for a text that has none. */
function handOut(text: string): number {
  const id = ids.size;
  ids.set(text, id);
  return id;
}

/** FNV-1a, one character at a time: the tokeniser folds each character in as it reads it. */
export const HASH_START = 0x811c9dc5 | 0;
export const hashStep = (hash: number, code: number) => Math.imul(hash ^ code, 0x01000193);

/** The hash of text[start, end), as the tokeniser folds it character by character. */
export function hashOf(text: string, start = 0, end = text.length): number {
  let hash = HASH_START;
  for (let i = start; i < end; i++) hash = hashStep(hash, text.charCodeAt(i));
  return hash;
}

/**
 * The texts met before, as a Bloom filter of their hashes: a text is numbered once it is met in a
 * pass (a tokenisation) after the one it was first met in.
 *
 * Why: most texts met once are never met again (a figure, a typo, a name), and a number costs
 * every rule a memo of that word, kept until the numbering starts again. In the benchmark, where
 * each comment ends with a number no comment had before, those memos were ~40 % of what the POST
 * promoted to V8's old generation (538–574 → 322–327 B a request) and ~20 MB of the server's RSS
 * at rest (183–185 → 162–165 MB), and working those words out again each time costs less than
 * keeping them: +8–12 % req/s, alternated 22-s loads, 2026-11-29.
 *
 * What a pass meets is added to the filter only when the next pass begins, so within a pass a text
 * never changes its answer: every token of a word in one comment has the same number, or none, as
 * rules that compare tokens by number expect. A filter, not a table of texts: no text is kept, and
 * none is missed once met (a table of hashes, one per slot, let two words of one slot that come in
 * every comment take each other's place for ever). A false positive (~1.4 % when full) only
 * numbers a text at its first sighting, which is what every text had before. Emptied before it
 * would hold more than SIGHTINGS_PER_FILTER texts, so that it never fills up: the words then wait
 * one more comment.
 */
const FILTER_BITS = 21;
const filter = new Int32Array((1 << FILTER_BITS) >>> 5);
const SIGHTINGS_PER_FILTER = 2 * MAX_IDS;
let sightingsInFilter = 0;
/** This pass's first sightings (hashes), added to the filter when the next pass begins. */
const pending = new Int32Array(MAX_IDS);
let pendingCount = 0;

/** Bit positions of a hash: its low bits, and those of a second hash mixed from it. */
const firstBit = (hash: number) => hash & ((1 << FILTER_BITS) - 1);
const secondBit = (hash: number) => Math.imul(hash ^ (hash >>> 16), 0x45d9f3b) >>> (32 - FILTER_BITS);
const hasBit = (bit: number) => (filter[bit >>> 5] as number) & (1 << (bit & 31));

/** Starts a pass: what the last one met now counts as met before. */
export function beginSightingPass(): void {
  // Emptied before a pass's sightings would overflow it, never in the middle of them.
  if (sightingsInFilter + pendingCount > SIGHTINGS_PER_FILTER) {
    filter.fill(0);
    sightingsInFilter = 0;
  }
  for (let i = 0; i < pendingCount; i++) {
    const hash = pending[i] as number;
    const a = firstBit(hash);
    const b = secondBit(hash);
    filter[a >>> 5] = (filter[a >>> 5] as number) | (1 << (a & 31));
    filter[b >>> 5] = (filter[b >>> 5] as number) | (1 << (b & 31));
    sightingsInFilter++;
  }
  pendingCount = 0;
}

/** Whether a text of this hash was met in an earlier pass; if not, notes that this one met it. */
export function metInEarlierPass(hash: number): boolean {
  if (hasBit(firstBit(hash)) !== 0 && hasBit(secondBit(hash)) !== 0) return true;
  // Past MAX_IDS first sightings in one pass (a 5,000-character comment has ~1,000 words), the
  // rest wait for another pass.
  if (pendingCount < pending.length) pending[pendingCount++] = hash;
  return false;
}

/** Changes whenever the numbering starts again (see renewWordIdsWhenFull). */
export function wordIdGeneration(): number {
  return generation;
}

/** Starts the numbering again once it is full. Only where no analysis is being read (see above). */
export function renewWordIdsWhenFull(): void {
  if (ids.size < MAX_IDS) return;
  ids.clear();
  singles.fill(NO_ID);
  generation++;
}

/** What an analysis needs to be read with `WordSlots`. */
export interface Numbered {
  wordIds: Int32Array;
  wordIdGeneration: number;
}

/**
 * One rule's memo of words by number. Call `for(analysis)` once per comment and read and write
 * through what it returns.
 */
export class WordSlots<T> {
  private values: (T | undefined)[] = [];
  private generation = generation;

  /**
   * The slots to use with this analysis's numbers: these, emptied first when the numbering was
   * renewed since they were filled, or, for an analysis numbered before a renewal (its numbers
   * now name other words), slots of its own that last as long as the caller keeps them.
   */
  for(analysis: Numbered): WordSlots<T> {
    if (analysis.wordIdGeneration === this.generation) return this;
    if (analysis.wordIdGeneration !== generation) return new WordSlots<T>();
    this.values = [];
    this.generation = generation;
    return this;
  }

  get(id: number): T | undefined {
    return id >= 0 && id < this.values.length ? this.values[id] : undefined;
  }

  /** Remembers `value` for word `id` (nothing for NO_ID). */
  set(id: number, value: T): void {
    if (id < 0) return;
    const values = this.values;
    // Filled in order, never with holes: the array stays in V8's fast elements.
    while (values.length <= id) values.push(undefined);
    values[id] = value;
  }

  clear(): void {
    this.values = [];
  }
}
