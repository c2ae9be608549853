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

import { elidedKey, internKey, internPlain, type KeyInterner, newKeyInterner, plainKey } from './interned-keys.js';
import { FNV_OFFSET, hashStep } from './key-table.js';
import { ACCENTED, type CharClass, ELIDED, type InternedKey, MENTION, TokenList } from './token-list.js';

export type { KeyInterner } from './interned-keys.js';
export { newKeyInterner } from './interned-keys.js';
export type { CharClass, InternedKey } from './token-list.js';

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
  const list = tokenizeInto(new TokenList(), text, skip, newKeyInterner());
  return Array.from({ length: list.count }, (_, i) => ({
    key: (list.key[i] as InternedKey).key,
    start: list.start[i] as number,
    end: list.end[i] as number,
    sepAfter: list.sepAfter[i] as CharClass | 'none',
    sepLength: list.sepLength[i] as number,
    elided: list.has(i, ELIDED),
    mention: list.has(i, MENTION),
    upper: list.upper[i] as number,
    letters: list.letters[i] as number,
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
 * interned in `keys`. `skip` lists ranges (URLs, e-mail addresses) to ignore. Linear in the
 * length of the text.
 *
 * Hot path: the token being read lives in local variables and is written to the list when it
 * ends. Its key is not built character by character: while the token is plain ASCII its key is
 * the slice of the text, lower-cased, hashed as it is scanned and looked up in `keys` by its place
 * in the text (a string is made only for a key never met); only a non-ASCII character (folded, or
 * skipped inside the word) switches to appending folded characters. Runs of ASCII word
 * characters, most of any text, take a tight loop of their own.
 */
export function tokenizeInto(
  tokens: TokenList,
  text: string,
  skip: readonly { start: number; end: number }[],
  keys: KeyInterner,
): TokenList {
  tokens.clear();
  let skipIndex = 0;
  /** Where the next skipped range starts: the fast loop below never reads past it. */
  let nextSkip = skip.length > 0 ? (skip[0] as { start: number }).start : text.length;
  /** Start of the current token, -1 when none is open. */
  let start = -1;
  /** The folded key so far when the token is not plain ASCII (`plain` false). */
  let key = '';
  let plain = true;
  /** keyHash of the key of a plain token so far. */
  let hash = FNV_OFFSET;
  let mention = false;
  let upper = 0;
  let letters = 0;
  let accented = false;
  let lastClass: CharClass = 'space';
  // No closure over these variables: captured, they would live in a context object, not registers.
  let i = 0;
  const n = text.length;
  while (i < n) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      cp = text.codePointAt(i) as number;
      width = cp > 0xffff ? 2 : 1;
    }
    if (skipIndex < skip.length) {
      while (skipIndex < skip.length && (skip[skipIndex] as { end: number }).end <= i) skipIndex++;
      const sk = skip[skipIndex];
      nextSkip = sk ? sk.start : n;
      if (sk && sk.start <= i && i < sk.end) {
        if (start >= 0) {
          const k = plain ? internPlain(keys, text, start, i, upper, hash) : internKey(keys, key);
          tokens.push(k, start, i, 'other', tokenFlags(mention, accented), upper, letters);
          start = -1;
        }
        i = sk.end;
        lastClass = 'other';
        continue;
      }
    }
    const info = charInfo(cp);
    if (info.skip) {
      // A zero-width character inside a word: the key is no longer a slice of the text.
      if (start >= 0 && plain) {
        key = plainKey(text, start, i, upper);
        plain = false;
      }
      i += width;
      continue;
    }
    let cls = info.cls;
    let inWord = info.word;
    // "sh!t": an exclamation mark between letters is a leet "i".
    if (cp === 0x21 && start >= 0 && isAsciiLetter(text.charCodeAt(i + 1))) {
      cls = 'sym';
      inWord = true;
    }
    if (inWord) {
      if (start < 0) {
        start = i;
        plain = true;
        key = '';
        hash = FNV_OFFSET;
        mention = cp === 0x40 && lastClass !== 'letter';
        upper = 0;
        letters = 0;
        accented = false;
      }
      if (cp >= 128) {
        if (plain) {
          key = plainKey(text, start, i, upper);
          plain = false;
        }
        key += info.folded;
      } else if (!plain) key += cp === 0x21 ? '!' : info.folded;
      else hash = hashStep(hash, asciiLower(cp));
      if (info.letter) {
        letters++;
        if (info.upper) upper++;
        if (info.accentedE) accented = true;
      }
      i += width;
      lastClass = cls;
      // The ASCII letters, digits and symbols that follow: same effect as the steps above, without
      // the look-ups ("!" and anything else go the long way). Never past a skipped range.
      if (plain) {
        const limit = Math.min(nextSkip, n);
        while (i < limit) {
          const c = text.charCodeAt(i);
          if (c >= 0x61 && c <= 0x7a) {
            letters++;
            lastClass = 'letter';
            hash = hashStep(hash, c);
          } else if (c >= 0x41 && c <= 0x5a) {
            letters++;
            upper++;
            lastClass = 'letter';
            hash = hashStep(hash, c + 0x20);
          } else if (c < 128 && ASCII_WORD[c] === 1) {
            lastClass = (lowInfo[c] as CharInfo).cls;
            hash = hashStep(hash, c);
          } else break;
          i++;
        }
      } else {
        // A token that is no longer a slice of the text ("numéros" after its "é"): the same
        // characters append to its key in one piece, not one string per character.
        const from = i;
        let capitals = false;
        const limit = Math.min(nextSkip, n);
        while (i < limit) {
          const c = text.charCodeAt(i);
          if (c >= 0x61 && c <= 0x7a) {
            letters++;
            lastClass = 'letter';
          } else if (c >= 0x41 && c <= 0x5a) {
            letters++;
            upper++;
            capitals = true;
            lastClass = 'letter';
          } else if (c < 128 && ASCII_WORD[c] === 1) lastClass = (lowInfo[c] as CharInfo).cls;
          else break;
          i++;
        }
        if (i > from) key += capitals ? text.slice(from, i).toLowerCase() : text.slice(from, i);
      }
      continue;
    }
    if (start >= 0) {
      const k = plain ? internPlain(keys, text, start, i, upper, hash) : internKey(keys, key);
      let elided = false;
      if (cls === 'apos' && k.key.length <= 7) {
        const next = i + 1 < n ? charInfo(text.codePointAt(i + 1) as number) : null;
        elided = next !== null && (next.cls === 'letter' || next.cls === 'digit') && k.elision;
      }
      if (elided) {
        tokens.push(elidedKey(keys, k), start, i + 1, 'apos', ELIDED | tokenFlags(mention, accented), upper, letters);
        start = -1;
        i += 1;
        lastClass = 'apos';
        continue;
      }
      tokens.push(k, start, i, cls, tokenFlags(mention, accented), upper, letters);
      start = -1;
      // This character opens the run of separators after the token just ended.
      tokens.sepLength[tokens.count - 1] = width;
      i += width;
      lastClass = cls;
      continue;
    }
    const prev = tokens.count - 1;
    if (
      prev >= 0 &&
      (tokens.end[prev] as number) + (tokens.sepLength[prev] as number) === i &&
      tokens.sepAfter[prev] === cls
    )
      tokens.sepLength[prev] = (tokens.sepLength[prev] as number) + width;
    i += width;
    lastClass = cls;
  }
  if (start >= 0) {
    const k = plain ? internPlain(keys, text, start, n, upper, hash) : internKey(keys, key);
    tokens.push(k, start, n, 'none', tokenFlags(mention, accented), upper, letters);
  }
  return tokens;
}

function tokenFlags(mention: boolean, accented: boolean): number {
  return (mention ? MENTION : 0) | (accented ? ACCENTED : 0);
}

interface CharInfo {
  folded: string;
  cls: CharClass;
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

function asciiLower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
