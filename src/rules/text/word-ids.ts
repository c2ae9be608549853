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
 */
export const NO_ID = -1;
export const MAX_IDS = 65_536;
/** Longer tokens (keyboard runs, adversarial input) get no number: they would only fill memory. */
export const MAX_WORD_LENGTH = 40;

const ids = new Map<string, number>();
/** The numbers of one-character ASCII texts (punctuation, mostly), by character code: no Map lookup. */
const singles = new Int32Array(128).fill(NO_ID);
/** Bumped whenever the numbers are handed out anew: what the slots hold under older ones is void. */
let generation = 0;

/**
 * Each token's number, by index, and the generation they belong to: the tokeniser's when it
 * found one (`Token.id`, see word-table.ts; read here right after it tokenised), else from the Map.
 */
export function assignWordIds(tokens: readonly Token[]): { ids: Int32Array; generation: number } {
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.id >= 0) {
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
    id = wordIdOf(text);
    singles[code] = id;
  }
  return id;
}

/** The number of `text`, handed out now if it has none; NO_ID over 40 characters or once full. */
export function wordIdOf(text: string): number {
  let id = ids.get(text);
  if (id === undefined) {
    if (text.length > MAX_WORD_LENGTH || ids.size >= MAX_IDS) return NO_ID;
    id = ids.size;
    ids.set(text, id);
  }
  return id;
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
