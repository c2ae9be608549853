/**
 * Normalisation for the civility rule, with every token mapped back to its span in the original
 * text. One pass over the code points, no regular expression on user text:
 * - zero-width characters and soft hyphens vanish (they never split a word);
 * - full-width and other compatibility forms (NFKC), Cyrillic and Greek look-alikes, case and
 *   accents are folded to a–z;
 * - leet symbols (@ $ €), digits and masks (* _) stay inside words so that the matcher can read
 *   "c0nnard", "p*te" or "c@ns";
 * - apostrophes cut elisions off ("t'es" → "t'", "es"); dots, hyphens and spaces split words but
 *   are remembered, so that "c o n n a r d", "c.o.n" and "p-u-t-e" can be joined again.
 */

import { codeUnitsOf } from '../text/code-units.js';
import { elidedKey, internKey, internScanned, type KeyInterner, newKeyInterner, stringOf } from './interned-keys.js';
import * as keyTable from './key-table.js';
import * as shortKeys from './short-keys.js';
import * as token from './token-list.js';
import { type CharClass, separatorCode, TokenList } from './token-list.js';

// An imported binding is read through a module cell, with a check, at every use (in the loops
// too); a module constant is folded into the compiled code. The imported constants used for every
// character or token, as module constants:
const { TOKEN_FIELDS, START, END, SEP_LENGTH, SEP, FLAGS, UPPER, LETTERS, KEY } = token;
const { SEP_APOS, SEP_NONE, SEP_OTHER, MENTION, ACCENTED, SINGLE, ELIDED } = token;
const { FNV_OFFSET, FNV_PRIME } = keyTable;
const { SHORT_KEY } = shortKeys;

export type { KeyInterner } from './interned-keys.js';
export { newKeyInterner } from './interned-keys.js';
export type { CharClass } from './token-list.js';

/** One token as an object (tests and tools; the rule reads the TokenList). */
export interface CivToken {
  /** Folded key: a–z, digits, and the symbols @ $ € * _ as typed. */
  key: string;
  start: number;
  end: number;
  /** The character after the token in the original text ('' at the end), for joins. */
  sepAfter: CharClass | 'none';
  /** Length of the separator run after the token. */
  sepLength: number;
  /** An elided word written with its apostrophe ("t'", "qu'"). */
  elided: boolean;
  /** The original token starts with "@" (a mention). */
  mention: boolean;
  /** Upper-case letters / letters in the original token, for shouting. */
  upper: number;
  letters: number;
  /** The original word has an accented e ("demeuré", not "demeure"). */
  accented: boolean;
}

/** The tokens of `text` as objects: see tokenizeInto. */
export function civTokenize(text: string, skip: readonly { start: number; end: number }[] = []): CivToken[] {
  const keys = newKeyInterner();
  const list = tokenizeInto(new TokenList(), text, skip, keys);
  return Array.from({ length: list.count }, (_, i) => ({
    key: keys.key[list.field(i, KEY)] as string,
    start: list.field(i, START),
    end: list.field(i, END),
    sepAfter: list.sepAfter(i),
    sepLength: list.field(i, SEP_LENGTH),
    elided: list.has(i, ELIDED),
    mention: list.has(i, MENTION),
    upper: list.field(i, UPPER),
    letters: list.field(i, LETTERS),
    accented: list.has(i, ACCENTED),
  }));
}

const ZERO_WIDTH = new Set([
  0x00ad, 0x034f, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff,
]);

/** Cyrillic and Greek letters that look like Latin ones, lower case (folded after toLowerCase). */
const LOOKALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ı: 'i',
  ſ: 's',
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  þ: 'th',
  ð: 'd',
};

const foldCache = new Map<number, string>();

/** Folds one code point to a–z / digits / symbols ('' for a combining mark). Cached per code point. */
export function foldChar(cp: number): string {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  let s = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of s) {
    const mapped = LOOKALIKES[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    const base = ch.normalize('NFD');
    // Keep the base letter, drop combining marks.
    for (const b of base) {
      const c = b.codePointAt(0) as number;
      if (c >= 0x300 && c <= 0x36f) continue;
      out += b;
    }
  }
  s = out;
  if (foldCache.size < 20000) foldCache.set(cp, s);
  return s;
}

export function classify(ch: string): CharClass {
  if (ch >= 'a' && ch <= 'z') return 'letter';
  if (ch >= '0' && ch <= '9') return 'digit';
  if (ch === '@' || ch === '$' || ch === '€') return 'sym';
  if (ch === '*' || ch === '_') return 'mask';
  if (ch === "'" || ch === '’' || ch === 'ʼ' || ch === '`' || ch === '´') return 'apos';
  if (ch === '-' || ch === '.' || ch === '‐' || ch === '‑' || ch === '–' || ch === '·') return 'joiner';
  if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0' || ch === '\u202f') return 'space';
  return 'other';
}

/**
 * Splits the text into civility tokens, written into `tokens` (emptied first), their keys
 * interned in `keys`. `skip` lists ranges (URLs, e-mail addresses) to ignore; `codes` holds the
 * text's code units (code-units.ts). Linear in the length of the text.
 *
 * Hot path: the token being read lives in local variables and is written to the list when it
 * ends. Its key is never built as a string while scanning: its folded code units go into a
 * reused buffer, and the key is looked up from there (interned-keys.ts: a string is made only
 * for a key never met). ASCII characters, most of any text, skip the per-character look-up:
 * word characters go straight to a tight loop, separators to a table of classes.
 */
export function tokenizeInto(
  tokens: TokenList,
  text: string,
  skip: readonly { start: number; end: number }[],
  keys: KeyInterner,
  codes: Uint16Array = codeUnitsOf(text),
): TokenList {
  keys.startComment();
  const n = text.length;
  // The run loop writes at most one unit per character; a folded character that writes more
  // makes room for the rest of the text (below): the buffer never overflows.
  if (keyUnits.length < n) keyUnits = new Uint16Array(Math.max(n, keyUnits.length * 2));
  let key = keyUnits;
  let fields = tokens.fields;
  let count = 0;
  let skipIndex = 0;
  /** Where the next skipped range starts: the run loop below never reads past it. */
  let nextSkip = skip.length > 0 ? (skip[0] as { start: number }).start : n;
  /** Start of the current token, -1 when none is open. */
  let start = -1;
  /**
   * The token's key so far is key[0, length), its keyHash `hash`; `packed` is its packedKey
   * while `alpha` (only letters a–z so far): how interned-keys.ts finds it (internScanned).
   */
  let length = 0;
  let hash = FNV_OFFSET;
  let packed = 0;
  let alpha = true;
  let mention = false;
  let upper = 0;
  let letters = 0;
  let accented = false;
  /**
   * Where the run of separators after the last token ends and their class: a separator there of
   * that class lengthens it (-1: the last token has no run to lengthen).
   */
  let runEnd = -1;
  let runClass = SEP_NONE;
  // No closure over these variables: captured, they would live in a context object, not registers.
  let i = 0;
  while (i < n) {
    let cp = codes[i] as number;
    if (skipIndex < skip.length) {
      while (skipIndex < skip.length && (skip[skipIndex] as { end: number }).end <= i) skipIndex++;
      const sk = skip[skipIndex];
      nextSkip = sk ? sk.start : n;
      if (sk && sk.start <= i && i < sk.end) {
        if (start >= 0) {
          addToken(
            tokens,
            count++,
            internScanned(keys, key, length, alpha, packed, hash),
            start,
            i,
            SEP_OTHER,
            0,
            (mention ? MENTION : 0) | (accented ? ACCENTED : 0) | (length === 1 ? SINGLE : 0),
            upper,
            letters,
          );
          fields = tokens.fields;
          start = -1;
          runEnd = -1;
        }
        i = sk.end;
        continue;
      }
    }
    if (cp >= 128 || ASCII_WORD[cp] !== 1) {
      let width = 1;
      let sep: number;
      let info: CharInfo | undefined;
      if (cp < 128) {
        sep = ASCII_SEP[cp] as number;
        // "sh!t": an exclamation mark between letters is a leet "i", part of the word.
        if (cp === 0x21 && start >= 0 && i + 1 < n && isAsciiLetter(codes[i + 1] as number)) {
          key[length++] = 0x21;
          hash = Math.imul(hash ^ 0x21, FNV_PRIME);
          alpha = false;
          i++;
          sep = -1;
        }
      } else {
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
          const low = codes[i + 1] as number;
          if (low >= 0xdc00 && low <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
            width = 2;
          }
        }
        info = charInfo(cp);
        // A zero-width character or a lone combining mark: nothing, not even inside a word.
        if (info.skip) {
          i += width;
          continue;
        }
        sep = info.word ? -1 : info.sep;
      }
      if (sep >= 0) {
        // A separator.
        if (start >= 0) {
          // internScanned, written out: the look-ups are small enough for the compiler to inline
          // here, the interning of a new key (rare once the vocabulary is met) stays a call.
          let k: number;
          if (length === 1 && (key[0] as number) < 128) k = keys.singles[key[0] as number] as number;
          else if (alpha && length <= SHORT_KEY) k = keys.short.get(packed);
          else k = keys.long.getCodes(key, length, hash);
          if (k < 0) k = internKey(keys, stringOf(key, length));
          if (sep === SEP_APOS && length <= 7 && keys.elision[k] === 1 && i + 1 < n && startsWord(codes, i + 1, n)) {
            const flags = ELIDED | (mention ? MENTION : 0) | (accented ? ACCENTED : 0);
            addToken(tokens, count++, elidedKey(keys, k), start, i + 1, SEP_APOS, 0, flags, upper, letters);
            fields = tokens.fields;
            start = -1;
            runEnd = -1;
            i += 1;
            continue;
          }
          // This character opens the run of separators after the token just ended.
          if ((count + 1) * TOKEN_FIELDS > fields.length) fields = tokens.room(count);
          const at = count * TOKEN_FIELDS;
          fields[at + KEY] = k;
          count++;
          fields[at + START] = start;
          fields[at + END] = i;
          fields[at + SEP_LENGTH] = width;
          fields[at + SEP] = sep;
          fields[at + FLAGS] = (mention ? MENTION : 0) | (accented ? ACCENTED : 0) | (length === 1 ? SINGLE : 0);
          fields[at + UPPER] = upper;
          fields[at + LETTERS] = letters;
          start = -1;
          runEnd = i + width;
          runClass = sep;
        } else if (runEnd === i && runClass === sep) {
          runEnd += width;
          const at = (count - 1) * TOKEN_FIELDS + SEP_LENGTH;
          fields[at] = (fields[at] as number) + width;
        }
        i += width;
        continue;
      }
      if (info !== undefined) {
        // A word character outside ASCII: its folded form ("é" → "e", "œ" → "oe").
        if (start < 0) {
          start = i;
          length = 0;
          hash = FNV_OFFSET;
          packed = 0;
          alpha = true;
          mention = false;
          upper = 0;
          letters = 0;
          accented = false;
        }
        const folded = info.folded;
        if (folded.length > 1 && length + folded.length + (n - i) > key.length) {
          key = grown(key, length + folded.length + (n - i));
          keyUnits = key;
        }
        for (let f = 0; f < folded.length; f++) {
          const unit = folded.charCodeAt(f);
          key[length++] = unit;
          hash = Math.imul(hash ^ unit, FNV_PRIME);
          if (unit >= 0x61 && unit <= 0x7a) packed = (packed << 5) | (unit & 31);
          else alpha = false;
        }
        if (info.letter) {
          letters++;
          if (info.upper) upper++;
          if (info.accentedE) accented = true;
        }
        i += width;
      }
    } else if (start < 0) {
      // An ASCII word character opens a token (after a separator: "@" first is a mention).
      start = i;
      length = 0;
      hash = FNV_OFFSET;
      packed = 0;
      alpha = true;
      mention = cp === 0x40;
      upper = 0;
      letters = 0;
      accented = false;
    }
    // The ASCII letters, digits and symbols from here: same effect as the steps above, without
    // the look-ups ("!" and anything else go the long way). Never past a skipped range.
    const limit = Math.min(nextSkip, n);
    while (i < limit) {
      let c = codes[i] as number;
      if (c >= 0x61 && c <= 0x7a) letters++;
      else if (c >= 0x41 && c <= 0x5a) {
        letters++;
        upper++;
        c += 0x20;
      } else if (c >= 128 || ASCII_WORD[c] !== 1) break;
      else alpha = false;
      key[length++] = c;
      hash = Math.imul(hash ^ c, FNV_PRIME);
      // Letters a–z are 1 to 26 in their five low bits (meaningful while `alpha`).
      packed = (packed << 5) | (c & 31);
      i++;
    }
  }
  if (start >= 0)
    addToken(
      tokens,
      count++,
      internScanned(keys, key, length, alpha, packed, hash),
      start,
      n,
      SEP_NONE,
      0,
      (mention ? MENTION : 0) | (accented ? ACCENTED : 0) | (length === 1 ? SINGLE : 0),
      upper,
      letters,
    );
  tokens.count = count;
  return tokens;
}
/** The tokeniser's buffer for the key being scanned, reused from one comment to the next. */
let keyUnits: Uint16Array = new Uint16Array(1024);

/** A copy of `key` with room for `length` units. */
function grown(key: Uint16Array, length: number): Uint16Array {
  const bigger = new Uint16Array(Math.max(length, key.length * 2));
  bigger.set(key);
  return bigger;
}

/** Appends token `i` to `tokens` (the paths the tokeniser seldom takes; the hot one writes the fields itself). */
function addToken(
  tokens: TokenList,
  i: number,
  key: number,
  start: number,
  end: number,
  sep: number,
  sepLength: number,
  flags: number,
  upper: number,
  letters: number,
): void {
  const fields = tokens.room(i);
  const at = i * TOKEN_FIELDS;
  fields[at + KEY] = key;
  fields[at + START] = start;
  fields[at + END] = end;
  fields[at + SEP_LENGTH] = sepLength;
  fields[at + SEP] = sep;
  fields[at + FLAGS] = flags;
  fields[at + UPPER] = upper;
  fields[at + LETTERS] = letters;
}

/** Whether the code point at `at` is a letter or a digit: after an apostrophe, an elision. */
function startsWord(codes: Uint16Array, at: number, n: number): boolean {
  let cp = codes[at] as number;
  if (cp >= 0xd800 && cp <= 0xdbff && at + 1 < n) {
    const low = codes[at + 1] as number;
    if (low >= 0xdc00 && low <= 0xdfff) cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
  }
  const cls = charInfo(cp).cls;
  return cls === 'letter' || cls === 'digit';
}

interface CharInfo {
  folded: string;
  cls: CharClass;
  /** `cls` as a separator code (token-list.ts, SEPARATOR_CLASSES). */
  sep: number;
  /** Letter, digit, leet symbol or mask: part of a word. */
  word: boolean;
  letter: boolean;
  upper: boolean;
  accentedE: boolean;
  /** Zero-width characters and lone combining marks: they never split a word. */
  skip: boolean;
}

const infoCache = new Map<number, CharInfo>();
/** Below U+2100 (Latin, Greek, Cyrillic, general punctuation): an array, filled as met. */
const LOW_LIMIT = 0x2100;
const lowInfo: (CharInfo | undefined)[] = new Array(LOW_LIMIT).fill(undefined);

const SKIPPED: CharInfo = {
  folded: '',
  cls: 'other',
  sep: SEP_OTHER,
  word: false,
  letter: false,
  upper: false,
  accentedE: false,
  skip: true,
};

function computeInfo(cp: number): CharInfo {
  if (ZERO_WIDTH.has(cp)) return SKIPPED;
  const raw = String.fromCodePoint(cp);
  const folded = cp < 128 ? raw.toLowerCase() : foldChar(cp);
  if (folded === '') return SKIPPED;
  const cls = classify(folded[0] as string);
  const word = cls === 'letter' || cls === 'digit' || cls === 'sym' || cls === 'mask';
  return {
    folded: word ? folded : '',
    cls,
    sep: separatorCode(cls),
    word,
    letter: cls === 'letter',
    upper: raw !== raw.toLowerCase(),
    accentedE: /[éèêëÉÈÊË]/.test(raw),
    skip: false,
  };
}

for (let c = 0; c < 128; c++) lowInfo[c] = computeInfo(c);

/** 1 for the ASCII characters that are part of a word (letters, digits, @ $ * _), for the fast loop. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => ((lowInfo[c] as CharInfo).word ? 1 : 0));
/** The separator code of each ASCII character (token-list.ts, SEPARATOR_CLASSES). */
const ASCII_SEP = Uint8Array.from({ length: 128 }, (_, c) => (lowInfo[c] as CharInfo).sep);

/**
 * The separator class of code point `cp` (token-list.ts, SEPARATOR_CLASSES), or -1 when the
 * tokeniser reads it as part of a word or skips it (zero-width characters, lone marks).
 */
export function separatorOf(cp: number): number {
  const info = charInfo(cp);
  return info.skip || info.word ? -1 : info.sep;
}

function charInfo(cp: number): CharInfo {
  if (cp < LOW_LIMIT) {
    let low = lowInfo[cp];
    if (low === undefined) {
      low = computeInfo(cp);
      lowInfo[cp] = low;
    }
    return low;
  }
  let info = infoCache.get(cp);
  if (!info) {
    info = computeInfo(cp);
    if (infoCache.size < 20000) infoCache.set(cp, info);
  }
  return info;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
