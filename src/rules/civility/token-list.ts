/**
 * The civility tokens of one comment (normalize.ts) as parallel arrays, one slot per token: no
 * object per token. A list grows to the longest comment it has held and is reused from one
 * comment to the next.
 */
import { doubled } from './doubled.js';
import type { Reading } from './word-info.js';

export type CharClass = 'letter' | 'digit' | 'sym' | 'mask' | 'apos' | 'joiner' | 'space' | 'other';

/**
 * One distinct key, interned in a table per data set (KeyTable): a key met again costs no
 * string, and what the rule reads in it is worked out once (a key's words depend only on it).
 */
export interface InternedKey {
  /** Folded key: a–z, digits, and the symbols @ $ € * _ as typed. */
  key: string;
  /** The key is a French elided word, apostrophe left out ("qu", "l"). */
  elision: boolean;
  /** The same key with its apostrophe ("qu'"), interned when first met elided. */
  withApostrophe: InternedKey | undefined;
  /** The words the key stands for, read by words.ts when first needed. */
  readings: Reading[] | undefined;
}

/** Bits of `flags`. An elided word written with its apostrophe ("t'", "qu'"). */
export const ELIDED = 1;
/** The original token starts with "@" (a mention). */
export const MENTION = 2;
/** The original word has an accented e ("demeuré", not "demeure"). */
export const ACCENTED = 4;
/** A key of one character, not elided: a letter of a possibly spaced-out word ("c o n"). */
export const SINGLE = 8;

const INITIAL_CAPACITY = 256;

export class TokenList {
  /** How many tokens the list holds: the arrays are longer, past `count` they hold old tokens. */
  count = 0;
  readonly key: InternedKey[] = [];
  /** The class of the character after the token ('none' at the end of the text), for joins. */
  readonly sepAfter: (CharClass | 'none')[] = [];
  start = new Int32Array(INITIAL_CAPACITY);
  end = new Int32Array(INITIAL_CAPACITY);
  /** Length of the separator run after the token. */
  sepLength = new Int32Array(INITIAL_CAPACITY);
  flags = new Uint8Array(INITIAL_CAPACITY);
  /** Upper-case letters / letters in the original token, for shouting. */
  upper = new Int32Array(INITIAL_CAPACITY);
  letters = new Int32Array(INITIAL_CAPACITY);

  clear(): void {
    this.count = 0;
  }

  /** Appends a token; `flags` are ELIDED, MENTION and ACCENTED (SINGLE is worked out here). */
  push(
    key: InternedKey,
    start: number,
    end: number,
    sepAfter: CharClass | 'none',
    flags: number,
    upper: number,
    letters: number,
  ): void {
    const i = this.count;
    const single = key.key.length === 1 && (flags & ELIDED) === 0;
    if (i === this.start.length) this.grow();
    this.key[i] = key;
    this.sepAfter[i] = sepAfter;
    this.start[i] = start;
    this.end[i] = end;
    this.sepLength[i] = 0;
    this.flags[i] = single ? flags | SINGLE : flags;
    this.upper[i] = upper;
    this.letters[i] = letters;
    this.count = i + 1;
  }

  has(i: number, flag: number): boolean {
    return ((this.flags[i] as number) & flag) !== 0;
  }

  private grow(): void {
    this.start = doubled(this.start);
    this.end = doubled(this.end);
    this.sepLength = doubled(this.sepLength);
    this.flags = doubled(this.flags);
    this.upper = doubled(this.upper);
    this.letters = doubled(this.letters);
  }
}
