/**
 * The words of one comment as parallel arrays, one slot per word: building a word is a few
 * array writes, not an object of a dozen fields (that allocation was most of the cost of
 * building words, ~90 of them in a 500-character comment). A list grows to the longest comment
 * it has held and is reused from one comment to the next.
 */
import { doubled } from './doubled.js';
import type { WordInfo } from './word-info.js';

/** Bits of `flags`. */
export const MENTION = 1;
/** Inside quotation marks. */
export const QUOTED = 2;
/** A comma, colon or semicolon follows. */
export const COMMA = 8;
/** An exclamation mark follows. */
export const BANG = 16;
/** The original word has an accented e ("demeuré", not "demeure"). */
export const ACCENTED = 32;

const INITIAL_CAPACITY = 256;

export class WordList {
  /** How many words the list holds: the arrays are longer, past `count` they hold old words. */
  count = 0;
  /** Canonical form: a known word when the token could be read back, else the folded token. */
  readonly norm: string[] = [];
  /** How the word was read back ("leet", "spaced"…), null when written plainly. */
  readonly evasion: (string | null)[] = [];
  /** What the detectors know about `norm`, looked up once per distinct word. */
  readonly info: WordInfo[] = [];
  /** The `kinds` of each word's WordInfo (word-info.ts, HAS_ bits): which detectors it concerns. */
  kinds = new Uint8Array(INITIAL_CAPACITY);
  /** Span in the original text. */
  start = new Int32Array(INITIAL_CAPACITY);
  end = new Int32Array(INITIAL_CAPACITY);
  flags = new Uint8Array(INITIAL_CAPACITY);
  /** 1 when a sentence ends after the word (the form the pattern sets read), else 0. */
  stops = new Uint8Array(INITIAL_CAPACITY);
  /** The index of the word's sentence (0 for the first). */
  sentence = new Int32Array(INITIAL_CAPACITY);
  /** Upper-case letters and letters of the original word, for shouting. */
  upper = new Int32Array(INITIAL_CAPACITY);
  letters = new Int32Array(INITIAL_CAPACITY);

  /** Empties the list for the next comment. */
  clear(): void {
    this.count = 0;
  }

  /**
   * Appends a word read `norm` (`evasion`, `info`, `kinds`: see the arrays); `flags` are MENTION and
   * ACCENTED (punctuation, quotes, sentence ends and sentence indexes are set later, by the word
   * builder).
   */
  push(
    norm: string,
    evasion: string | null,
    info: WordInfo,
    kinds: number,
    start: number,
    end: number,
    flags: number,
    upper: number,
    letters: number,
  ): void {
    const i = this.count;
    if (i === this.start.length) this.grow();
    this.norm[i] = norm;
    this.evasion[i] = evasion;
    this.info[i] = info;
    this.kinds[i] = kinds;
    this.start[i] = start;
    this.end[i] = end;
    this.flags[i] = flags;
    this.stops[i] = 0;
    this.upper[i] = upper;
    this.letters[i] = letters;
    this.count = i + 1;
  }

  has(i: number, flag: number): boolean {
    return ((this.flags[i] as number) & flag) !== 0;
  }

  stop(i: number): boolean {
    return this.stops[i] === 1;
  }

  quoted(i: number): boolean {
    return ((this.flags[i] as number) & QUOTED) !== 0;
  }

  mark(i: number, flag: number): void {
    this.flags[i] = (this.flags[i] as number) | flag;
  }

  private grow(): void {
    this.start = doubled(this.start);
    this.end = doubled(this.end);
    this.flags = doubled(this.flags);
    this.kinds = doubled(this.kinds);
    this.stops = doubled(this.stops);
    this.sentence = doubled(this.sentence);
    this.upper = doubled(this.upper);
    this.letters = doubled(this.letters);
  }
}
