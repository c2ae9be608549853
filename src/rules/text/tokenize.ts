import { findLinks } from '../modules/links.js';
import { CLASS, classOf, endOfRun, isAscii, isSurrogate } from './char-class.js';
import { CodeUnits } from './code-units.js';
import { ownSlice } from './sequential.js';
import * as wordIds from './word-ids.js';
import { beginSightingPass, singleIdOf } from './word-ids.js';
import * as wordTable from './word-table.js';
import { syncWordTable, wordAscii, wordAt } from './word-table.js';

// An imported binding is read through a module cell, with a check, at every use (in the loops
// too); a module constant is folded into the compiled code. The imports used for every character
// or word, as module constants:
const { HASH_START, hashStep, NO_ID, TO_NUMBER } = wordIds;
const { latin1WordAt, wordId, wordLower, wordText } = wordTable;

/**
 * Tokens with their spans in the original text, shared by every rule (one tokenisation per
 * comment). A hand-written scanner over character codes: one pass, no backtracking, no
 * allocation but the tokens themselves. It is the hottest code of the pipeline (every comment,
 * every rule reads it), which is why it is not the regular expression it implements:
 *
 *   (@[\p{L}\p{N}_][\p{L}\p{N}_.-]*)             mention
 *   | (#[\p{L}\p{N}_]+)                          hashtag
 *   | (\p{N}+(?:[.,]\p{N}+)+)                    number with inner separators ("7,2")
 *   | ([\p{L}\p{M}\p{N}]+(?:['’‑-][\p{L}\p{M}\p{N}]+)*)   word ("aujourd'hui", "USB-C", "2m1")
 *   | (\p{Extended_Pictographic}(?:\u200D\p{Extended_Pictographic}|[\uFE0F\u{1F3FB}-\u{1F3FF}])*)
 *   | ([^\s\p{L}\p{M}\p{N}])                     any other visible character: punctuation
 *
 * tried in that order at each position (test/rules/text/tokenize.test.ts checks the scanner
 * against that pattern on random and adversarial texts).
 */
export type TokenKind = 'word' | 'elision' | 'number' | 'url' | 'email' | 'mention' | 'hashtag' | 'emoji' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** Lower case, accents kept. */
  lower: string;
  /** Whether every character is ASCII: then folding is just lower-casing. */
  ascii: boolean;
  /**
   * Its word number when the tokeniser knew it (see word-table.ts); NO_ID when it has none (met
   * for the first time, too long, no number left); TO_NUMBER for the tokens analyse() numbers.
   * Read by analyse() right away (a number lasts until the numbering starts again).
   */
  id: number;
}

/** French elided words that stand before a vowel with an apostrophe: "l'", "qu'", "jusqu'"... */
const ELIDED = new Set(['l', 'd', 'j', 'm', 't', 's', 'c', 'n', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu']);
const LONGEST_ELIDED = 7;
/** ELIDED's words as numbers, five bits a letter (a = 1 … z = 26): looked up with no string. */
const ELIDED_PACKED = new Set(
  Array.from(ELIDED, (word) => {
    let packed = 0;
    for (let k = 0; k < word.length; k++) packed = packed * 32 + (word.charCodeAt(k) - 0x60);
    return packed;
  }),
);

const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const HYPHEN = 0x2d;
const NB_HYPHEN = 0x2011;
const AT = 0x40;
const HASH = 0x23;
const UNDERSCORE = 0x5f;
const DOT = 0x2e;
const COMMA = 0x2c;
const ZWJ = 0x200d;
const VS16 = 0xfe0f;

const WORDLIKE = CLASS.letter | CLASS.mark | CLASS.number;
const HANDLE = CLASS.letter | CLASS.number;

/**
 * Tokens are appended as `tokens[tokens.length] = token`, not with `push`: in the bundle V8 called
 * its `push` builtin for every token here instead of inlining the call (~125 instructions a token,
 * ~2 % of the pipeline's at 1,000 characters; callgrind, 2026-12-02). Why was not pinned down: a
 * small test of the same pattern had it inlined.
 */

/** The tokeniser's code units (code-units.ts): the hot loops read them, not the string. */
const units = new CodeUnits();

/**
 * The tokens of `input`. `links`, when given, receives its URL and e-mail tokens too, in order:
 * the rules that look for links then read those, not every token.
 */
export function tokenize(input: string, links?: Token[]): Token[] {
  const codes = units.of(input);
  // One string layout for every caller, so that the scanners' reads of it stay inlined.
  const text = units.flatCopy(input);
  syncWordTable();
  // A text met for the first time in this comment gets its number in a later one (word-ids.ts).
  beginSightingPass();
  const tokens: Token[] = [];
  // URLs and e-mail addresses first: their dots and slashes are not sentence punctuation.
  let cursor = 0;
  for (const link of findLinks(text, { includeEmails: true })) {
    scan(text, codes, cursor, link.start, tokens);
    // The link's own copy, not a view of the comment (see ownSlice).
    const value = ownSlice(text, link.start, link.end);
    const token = makeToken(
      link.email ? 'email' : 'url',
      value,
      link.start,
      link.end,
      value.toLowerCase(),
      isAscii(value),
    );
    tokens[tokens.length] = token;
    links?.push(token);
    cursor = link.end;
  }
  scan(text, codes, cursor, text.length, tokens);
  return tokens;
}

/** The code units of the text the last tokenize() call read, until the next call (analysis.ts reads them). */
export const lastTokenizedUnits = (): Uint16Array => units.last;

function makeToken(
  kind: TokenKind,
  text: string,
  start: number,
  end: number,
  lower: string,
  ascii: boolean,
  id = TO_NUMBER,
): Token {
  return { kind, text, start, end, lower, ascii, id };
}

/** Code point at `i`, and its length in code units (2 for a surrogate pair). */
function codePoint(text: string, i: number): number {
  return text.codePointAt(i) ?? 0;
}
const width = (cp: number) => (cp > 0xffff ? 2 : 1);

/** Scans text[from, to): nothing past `to` is looked at, as if the range were the whole text. */
function scan(text: string, codes: Uint16Array, from: number, to: number, tokens: Token[]) {
  let i = from;
  while (i < to) {
    const unit = codes[i] as number;
    if (unit === SPACE) {
      i++;
      continue;
    }
    // Most words of most comments are letters and digits of Latin-1 (ASCII, and the accented
    // letters of French) ended by ASCII punctuation or a space: read them without the class
    // table (a French comment's accented words, "été", "très", "déjà", too), and find them in
    // the word table from the hash made while reading them. The word is pushed when the
    // character after it ends it for the general path too (an ASCII character that is neither
    // a letter, a digit nor a joiner); anything else goes on to the general path.
    //
    // Written out here, not a function of its own: V8 did not inline that function, and its
    // call cost ~50 instructions a word (~16 thousand a 1,000-character comment, callgrind).
    if (isAsciiLetter(unit) || isLatin1Letter(unit)) {
      const start = i;
      let end = i;
      let upper = false;
      let ascii = true;
      let hash = HASH_START;
      for (; end < to; end++) {
        const c = codes[end] as number;
        if (c >= 0x61 && c <= 0x7a) {
          hash = hashStep(hash, c);
          continue;
        }
        if (c >= 0x41 && c <= 0x5a) upper = true;
        else if (isLatin1Letter(c)) {
          ascii = false;
          // À–Þ are capitals (but ×, not a letter); ß–ÿ small letters.
          if (c <= 0xde) upper = true;
        } else if (c < 0x30 || c > 0x39) break;
        hash = hashStep(hash, c);
      }
      const next = end < to ? (codes[end] as number) : SPACE;
      if (next < 0x80 && !isJoiner(next)) {
        // A word met before: its string, lower case and number, with no new string.
        const entry = latin1WordAt(codes, text, start, end, hash, upper, ascii);
        if (entry >= 0)
          tokens[tokens.length] = makeToken(
            'word',
            wordText(entry),
            start,
            end,
            wordLower(entry),
            ascii,
            wordId(entry),
          );
        else {
          const value = ownSlice(text, start, end);
          tokens[tokens.length] = makeToken(
            'word',
            value,
            start,
            end,
            upper ? value.toLowerCase() : value,
            ascii,
            NO_ID,
          );
        }
        i = end;
        continue;
      }
      // An elided word before its apostrophe and a letter ("l'avion", "qu’elle"): the general
      // path would join the word and what follows the apostrophe, then cut the elided word off
      // with its apostrophe. The same token, and the rest read from the letter on, as a word of
      // its own (not from a digit: "l'7,2" would then read a number "7,2").
      if (end + 1 < to && isElision(text, start, end) && (classOf(codePoint(text, end + 1)) & CLASS.letter) !== 0) {
        pushKnown('elision', text, codes, start, end + 1, tokens);
        i = end + 1;
        continue;
      }
    }
    // Most characters of most comments are ASCII letters and spaces: no code point decoding.
    const cp = isSurrogate(unit) ? codePoint(text, i) : unit;
    const cls = classOf(cp);
    if (cls & CLASS.space) {
      i += width(cp);
      continue;
    }
    if (cls & WORDLIKE && (cls & CLASS.number) === 0) {
      i = scanWord(text, codes, i, to, tokens);
      continue;
    }
    const end =
      (cp === AT && handleStarts(text, i + 1, to) && scanMention(text, i, to, tokens)) ||
      (cp === HASH && handleStarts(text, i + 1, to) && scanHashtag(text, i, to, tokens)) ||
      (cls & CLASS.number && scanNumber(text, i, to, tokens)) ||
      (cls & WORDLIKE && scanWord(text, codes, i, to, tokens)) ||
      (cls & CLASS.pictographic && scanEmoji(text, i, to, tokens)) ||
      pushSingle(text, i, width(cp), tokens);
    i = end;
  }
}

const SPACE = 0x20;
const isAsciiLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
/** À–ÿ but × and ÷: the letters of Latin-1 Supplement (all of them \p{L}). */
const isLatin1Letter = (c: number) => c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7;

/** Whether a mention or hashtag body starts at i: a letter, a number or "_". */
function handleStarts(text: string, i: number, to: number): boolean {
  if (i >= to) return false;
  const cp = codePoint(text, i);
  return cp === UNDERSCORE || (classOf(cp) & HANDLE) !== 0;
}

/** A word, elision or number: from the word table when it can keep it (see word-table.ts). */
function pushKnown(
  kind: TokenKind,
  text: string,
  codes: Uint16Array,
  start: number,
  end: number,
  tokens: Token[],
): void {
  const entry = wordAt(codes, text, start, end);
  if (entry >= 0) {
    tokens[tokens.length] = makeToken(
      kind,
      wordText(entry),
      start,
      end,
      wordLower(entry),
      wordAscii(entry),
      wordId(entry),
    );
    return;
  }
  pushSpan(kind, text, start, end, tokens, NO_ID);
}

/**
 * A token of its own string: numbered later by analyse() (mentions, hashtags, numbers with
 * separators, emoji), or with no number (`id` NO_ID: a word the table did not keep).
 */
function pushSpan(kind: TokenKind, text: string, start: number, end: number, tokens: Token[], id = TO_NUMBER): number {
  const value = ownSlice(text, start, end);
  tokens[tokens.length] = makeToken(kind, value, start, end, value.toLowerCase(), isAscii(value), id);
  return end;
}

/** One punctuation character or symbol, numbered here (see word-ids.ts). */
function pushSingle(text: string, i: number, length: number, tokens: Token[]): number {
  const value = text.slice(i, i + length);
  const ascii = length === 1 && text.charCodeAt(i) < 0x80;
  tokens[tokens.length] = makeToken(
    'punct',
    value,
    i,
    i + length,
    value,
    ascii,
    length === 1 ? singleIdOf(value) : TO_NUMBER,
  );
  return i + length;
}

function scanMention(text: string, start: number, to: number, tokens: Token[]): number {
  let i = start + 1;
  while (i < to) {
    const cp = codePoint(text, i);
    if (cp !== UNDERSCORE && cp !== DOT && cp !== HYPHEN && (classOf(cp) & HANDLE) === 0) break;
    i += width(cp);
  }
  return pushSpan('mention', text, start, i, tokens);
}

function scanHashtag(text: string, start: number, to: number, tokens: Token[]): number {
  let i = start + 1;
  while (i < to) {
    const cp = codePoint(text, i);
    if (cp !== UNDERSCORE && (classOf(cp) & HANDLE) === 0) break;
    i += width(cp);
  }
  return pushSpan('hashtag', text, start, i, tokens);
}

// What the last wordRun() saw, besides where it ended (no object per run: this is per word).
let runDigits = true;

/** End of the run of letters, marks and numbers starting at i; sets runDigits. */
function wordRun(text: string, i: number, to: number): number {
  let digits = true;
  while (i < to) {
    const unit = text.charCodeAt(i);
    const cp = isSurrogate(unit) ? codePoint(text, i) : unit;
    const cls = classOf(cp);
    if ((cls & WORDLIKE) === 0) break;
    if ((cls & CLASS.number) === 0) digits = false;
    i += width(cp);
  }
  runDigits = digits;
  return i;
}

/** A number with inner separators ("7,2", "1.000.000"), or 0 when there is no separator. */
function scanNumber(text: string, start: number, to: number, tokens: Token[]): number {
  let i = endOfRun(text, start, to, CLASS.number);
  let groups = 0;
  for (;;) {
    const sep = i < to ? text.charCodeAt(i) : -1;
    if ((sep !== DOT && sep !== COMMA) || i + 1 >= to || (classOf(codePoint(text, i + 1)) & CLASS.number) === 0) break;
    i = endOfRun(text, i + 1, to, CLASS.number);
    groups++;
  }
  return groups === 0 ? 0 : pushSpan('number', text, start, i, tokens);
}

const isJoiner = (c: number) => c === APOSTROPHE || c === RIGHT_QUOTE || c === HYPHEN || c === NB_HYPHEN;

function scanWord(text: string, codes: Uint16Array, start: number, to: number, tokens: Token[]): number {
  let i = wordRun(text, start, to);
  let digits = runDigits;
  // The first joiner, if it is an apostrophe, may end an elision ("l'", "qu'").
  let firstJoiner = -1;
  while (i + 1 < to && isJoiner(text.charCodeAt(i)) && classOf(codePoint(text, i + 1)) & WORDLIKE) {
    if (firstJoiner < 0) firstJoiner = i;
    digits = false;
    i = wordRun(text, i + 1, to);
  }
  if (firstJoiner < 0) {
    pushKnown(digits ? 'number' : 'word', text, codes, start, i, tokens);
  } else {
    pushWord(text, codes, start, i, firstJoiner, tokens);
  }
  return i;
}

/** Pushes a word with joiners, split after its elided prefixes: "l'équipe" → "l'", "équipe". */
function pushWord(text: string, codes: Uint16Array, start: number, end: number, firstJoiner: number, tokens: Token[]) {
  let from = start;
  let joiner = firstJoiner;
  while (joiner >= 0 && isElision(text, from, joiner)) {
    pushKnown('elision', text, codes, from, joiner + 1, tokens);
    from = joiner + 1;
    joiner = nextJoiner(text, from, end);
  }
  pushKnown(endOfRun(text, from, end, CLASS.number) === end ? 'number' : 'word', text, codes, from, end, tokens);
}

function nextJoiner(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) if (isJoiner(text.charCodeAt(i))) return i;
  return -1;
}

/**
 * Whether text[from, end) is one of ELIDED, whatever its case: read from its character codes, no
 * string made. (The same answer as lower-casing a slice: no other character lower-cases to one
 * letter a–z of an elided word.)
 */
function isElidedWord(text: string, from: number, end: number): boolean {
  if (end - from > LONGEST_ELIDED) return false;
  let packed = 0;
  for (let k = from; k < end; k++) {
    const c = text.charCodeAt(k) | 0x20;
    if (c < 0x61 || c > 0x7a) return false;
    packed = packed * 32 + (c - 0x60);
  }
  return ELIDED_PACKED.has(packed);
}

/** text[from, joiner) is an elided word and the joiner an apostrophe followed by a letter or number. */
function isElision(text: string, from: number, joiner: number): boolean {
  const mark = text.charCodeAt(joiner);
  if (mark !== APOSTROPHE && mark !== RIGHT_QUOTE) return false;
  if ((classOf(codePoint(text, joiner + 1)) & HANDLE) === 0) return false;
  return isElidedWord(text, from, joiner);
}

function scanEmoji(text: string, start: number, to: number, tokens: Token[]): number {
  let i = start + width(codePoint(text, start));
  while (i < to) {
    const cp = codePoint(text, i);
    if (cp === VS16 || (cp >= 0x1f3fb && cp <= 0x1f3ff)) {
      i += width(cp);
    } else if (cp === ZWJ && i + 1 < to && classOf(codePoint(text, i + 1)) & CLASS.pictographic) {
      i += 1 + width(codePoint(text, i + 1));
    } else {
      break;
    }
  }
  return pushSpan('emoji', text, start, i, tokens);
}
