/**
 * The civility tokens of one comment (normalize.ts) in one integer array, keys as ids: no
 * object per token. A list grows to the longest comment it has held and is reused from one
 * comment to the next.
 */
import { doubled } from './doubled.js';

export type CharClass = 'letter' | 'digit' | 'sym' | 'mask' | 'apos' | 'joiner' | 'space' | 'other';

/** Bits of `flags`. An elided word written with its apostrophe ("t'", "qu'"). */
export const ELIDED = 1;
/** The original token starts with "@" (a mention). */
export const MENTION = 2;
/** The original word has an accented e ("demeuré", not "demeure"). */
export const ACCENTED = 4;
/** A key of one character, not elided: a letter of a possibly spaced-out word ("c o n"). */
export const SINGLE = 8;

/** The classes of the character after a token, by code (the `SEP` field): 'none' at the end of the text. */
export const SEPARATOR_CLASSES: readonly (CharClass | 'none')[] = [
  'letter',
  'digit',
  'sym',
  'mask',
  'apos',
  'joiner',
  'space',
  'other',
  'none',
];
export const SEP_APOS = 4;
export const SEP_JOINER = 5;
export const SEP_SPACE = 6;
export const SEP_OTHER = 7;
export const SEP_NONE = 8;

/** The code of a class in SEPARATOR_CLASSES. */
export function separatorCode(cls: CharClass | 'none'): number {
  return SEPARATOR_CLASSES.indexOf(cls);
}

/**
 * The integer fields of a token, at `token * TOKEN_FIELDS + field` in `TokenList.fields`: one
 * array that the tokeniser and the word builder hold in a local variable, where a field per
 * array made a store or a load cost a field read, a length check and a conversion each.
 */
export const START = 0;
export const END = 1;
/** Length of the separator run after the token. */
export const SEP_LENGTH = 2;
/** The class of the character after the token (SEPARATOR_CLASSES), for joins. */
export const SEP = 3;
export const FLAGS = 4;
/** Upper-case letters / letters in the original token, for shouting. */
export const UPPER = 5;
export const LETTERS = 6;
/** The id of the token's key (interned-keys.ts). */
export const KEY = 7;
export const TOKEN_FIELDS = 8;

const INITIAL_CAPACITY = 256;

export class TokenList {
  /** How many tokens the list holds: the arrays are longer, past `count` they hold old tokens. */
  count = 0;
  fields: Int32Array = new Int32Array(INITIAL_CAPACITY * TOKEN_FIELDS);

  clear(): void {
    this.count = 0;
  }

  /** The fields array with room for token `i`: a new, longer one when it was full. */
  room(i: number): Int32Array {
    if ((i + 1) * TOKEN_FIELDS > this.fields.length) this.fields = doubled(this.fields);
    return this.fields;
  }

  /** Appends a token (tools and tests; the tokeniser writes `fields` itself). */
  push(key: number, start: number, end: number, sep: number, flags: number, upper: number, letters: number): void {
    const i = this.count;
    const fields = this.room(i);
    const at = i * TOKEN_FIELDS;
    fields[at + KEY] = key;
    fields[at + START] = start;
    fields[at + END] = end;
    fields[at + SEP_LENGTH] = 0;
    fields[at + SEP] = sep;
    fields[at + FLAGS] = flags;
    fields[at + UPPER] = upper;
    fields[at + LETTERS] = letters;
    this.count = i + 1;
  }

  field(i: number, field: number): number {
    return this.fields[i * TOKEN_FIELDS + field] as number;
  }

  sepAfter(i: number): CharClass | 'none' {
    return SEPARATOR_CLASSES[this.field(i, SEP)] as CharClass | 'none';
  }

  has(i: number, flag: number): boolean {
    return (this.field(i, FLAGS) & flag) !== 0;
  }
}
