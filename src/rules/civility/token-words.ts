/**
 * The civility words of a comment read from the shared analysis's tokens, not from its
 * characters: each word token's civility words are worked out once, by the civility tokeniser
 * and word builder themselves run on that token's text alone, and kept by the token's word
 * number (word-ids.ts). A comment of words met before then costs an array read and a word-list
 * push per token.
 *
 * Why: the civility rule read every comment twice more after the shared tokeniser (its own
 * tokeniser, then the word builder over its tokens), about a quarter of the pipeline's
 * instructions for a 1,000-character comment (`npm run bench:instructions -- --profile`).
 *
 * A token's words are the same alone as in the comment when nothing around it can join it to
 * its neighbours for the civility tokeniser. Where something may (see wordsFromAnalysis), that
 * part of the comment is read character by character, as words.ts's wordsOf reads it all:
 * - a character between tokens that the civility tokeniser reads as part of a word or skips
 *   ("@", "$", "*", "_", a zero-width space), or an astral one;
 * - two word tokens with nothing between them ("7,2km"), but an elision and its word ("l'avion");
 * - an "!" or an apostrophe right after a word and before a letter ("sh!t", "l`avion");
 * - mentions, hashtags, emoji, and links the rule does not skip;
 * - three or more one-letter civility tokens in a row across tokens: a spaced-out word ("c o n")
 *   may be read there.
 * test/rules/civility/token-words.test.ts compares both ways on the corpus and random texts.
 */
import type { TextAnalysis } from '../text/analysis.js';
import { CodeUnits } from '../text/code-units.js';
import type { Token } from '../text/tokenize.js';
import { WordSlots } from '../text/word-ids.js';
import type { CivilityData } from './data.js';
import { type KeyInterner, separatorOf, tokenizeInto } from './normalize.js';
import * as tokenList from './token-list.js';
import { TokenList } from './token-list.js';
import type { WordInfo } from './word-info.js';
import * as wordList from './word-list.js';
import { WordList } from './word-list.js';
import { internerFor, markPunctuation, toWords } from './words.js';

// Module constants, not imported bindings, in the per-token loop (see normalize.ts).
const { SINGLE, START, SEP_APOS } = tokenList;
/** The flags a word has before the punctuation is marked (word-list.ts). */
const OWN_FLAGS = wordList.MENTION | wordList.ACCENTED;
const SPACE = 0x20;

/** One civility word of a token, its span relative to the token's start. */
class TokenWord {
  constructor(
    readonly norm: string,
    readonly evasion: string | null,
    readonly info: WordInfo,
    readonly kinds: number,
    readonly from: number,
    readonly to: number,
    readonly flags: number,
    readonly upper: number,
    readonly letters: number,
  ) {}
}

/**
 * What one shared token is to the civility rule, whatever the comment it is in: its first word
 * (its own fields, one object read per token), and how its civility tokens may join others'.
 */
class TokenWords extends TokenWord {
  constructor(
    first: TokenWord,
    /** How many words it has: none when it holds only characters the tokeniser skips. */
    readonly count: number,
    /** Its words after the first, in order. */
    readonly more: readonly TokenWord[],
    /** Its civility tokens of one character (not elided), from its first on and from its last back. */
    readonly leadingSingles: number,
    readonly trailingSingles: number,
    /** Whether every civility token of it is one (then both counts are all of them). */
    readonly allSingles: boolean,
  ) {
    super(
      first.norm,
      first.evasion,
      first.info,
      first.kinds,
      first.from,
      first.to,
      first.flags,
      first.upper,
      first.letters,
    );
  }
}

/** The words after the first of a token of one word or none (most tokens): one array for all. */
const NO_MORE: readonly TokenWord[] = [];
/** The first word of a token with none: never read (`count` is 0). */
const NO_WORD = new TokenWord('', null, undefined as unknown as WordInfo, 0, 0, 0, 0, 0, 0);

/** The tokens' words by word number, per data set (the words' readings are the data set's). */
const memos = new WeakMap<CivilityData, WordSlots<TokenWords>>();

function memoFor(data: CivilityData): WordSlots<TokenWords> {
  let memo = memos.get(data);
  if (!memo) {
    memo = new WordSlots<TokenWords>();
    memos.set(data, memo);
  }
  return memo;
}

/** A range of the text the rule skips (a link), as in words.ts's wordsOf. */
type Skipped = { start: number; end: number };
const NO_SKIP: readonly Skipped[] = [];

// The scratch lists of readAlone, reused: what it reads is copied out before the next call.
const aloneUnits = new CodeUnits();
const aloneTokens = new TokenList();
const aloneWords = new WordList();

/**
 * `text` read alone, character by character, as words.ts's wordsOf reads a comment (`skip` its
 * ranges to skip): its civility tokens and words, in lists reused by the next call. Its own code
 * units reader: the comment's (code-units.ts's codeUnitsOf) is still being read.
 */
function readAlone(text: string, skip: readonly Skipped[], keys: KeyInterner, data: CivilityData) {
  const codes = aloneUnits.of(text);
  const tokens = tokenizeInto(aloneTokens, text, skip, keys, codes);
  return { tokens, words: toWords(text, tokens, keys, data, aloneWords, codes) };
}

/**
 * `token`'s civility words, read from its text alone. An elision ("l'", "qu'") is read with a
 * letter after it, as the shared tokeniser only cuts one before a letter or a digit: the civility
 * tokeniser then decides as in the comment whether it is elided.
 */
function tokenWords(token: Token, keys: KeyInterner, data: CivilityData): TokenWords {
  const own = token.text;
  const { tokens, words: read } = readAlone(token.kind === 'elision' ? `${own}a` : own, NO_SKIP, keys, data);
  const words: TokenWord[] = [];
  for (let k = 0; k < read.count && (read.start[k] as number) < own.length; k++)
    words.push(
      new TokenWord(
        read.norm[k] as string,
        read.evasion[k] as string | null,
        read.info[k] as WordInfo,
        read.kinds[k] as number,
        read.start[k] as number,
        read.end[k] as number,
        (read.flags[k] as number) & OWN_FLAGS,
        read.upper[k] as number,
        read.letters[k] as number,
      ),
    );
  let count = 0;
  while (count < tokens.count && tokens.field(count, START) < own.length) count++;
  let leading = 0;
  while (leading < count && tokens.has(leading, SINGLE)) leading++;
  let trailing = 0;
  while (trailing < count && tokens.has(count - 1 - trailing, SINGLE)) trailing++;
  const more = words.length > 1 ? words.slice(1) : NO_MORE;
  return new TokenWords(words[0] ?? NO_WORD, words.length, more, leading, trailing, leading === count);
}

/** Whether the token's last civility token is longer than one character (none: it has none). */
const endsWithWord = (read: TokenWords) => read.trailingSingles === 0 && !read.allSingles;

/** Whether the civility tokeniser reads every character of codes[from, to) as a separator. */
function separatorsOnly(codes: Uint16Array, from: number, to: number): boolean {
  for (let c = from; c < to; c++) {
    const unit = codes[c] as number;
    if ((unit >= 0xd800 && unit <= 0xdfff) || separatorOf(unit) < 0) return false;
  }
  return true;
}

/** Token `i`'s words, worked out once per word number (kept in `memo`). */
function wordsOfToken(
  analysis: TextAnalysis,
  i: number,
  memo: WordSlots<TokenWords>,
  keys: KeyInterner,
  data: CivilityData,
): TokenWords {
  return memo.get(analysis.wordIds[i] as number) ?? learnTokenWords(analysis, i, memo, keys, data);
}

/** Token `i`'s words worked out, for a word number not in `memo` yet (kept there; NO_ID keeps nothing). */
function learnTokenWords(
  analysis: TextAnalysis,
  i: number,
  memo: WordSlots<TokenWords>,
  keys: KeyInterner,
  data: CivilityData,
): TokenWords {
  const read = tokenWords(analysis.tokens[i] as Token, keys, data);
  memo.set(analysis.wordIds[i] as number, read);
  return read;
}

/** Whether the start of token `i` (not the first) is a cut (see wordsFromAnalysis). */
function isCut(
  analysis: TextAnalysis,
  i: number,
  codes: Uint16Array,
  memo: WordSlots<TokenWords>,
  keys: KeyInterner,
  data: CivilityData,
): boolean {
  const before = analysis.tokens[i - 1] as Token;
  const start = (analysis.tokens[i] as Token).start;
  return (
    start > before.end &&
    (before.kind === 'word' || before.kind === 'number') &&
    separatorsOnly(codes, before.end, start) &&
    endsWithWord(wordsOfToken(analysis, i - 1, memo, keys, data))
  );
}

const output = new WordList();
/** How many characters the last call read character by character (tests: the tokens' words were used). */
let partCharacters = 0;
export const charactersReadByParts = () => partCharacters;

/**
 * Appends to `words` the words of text[from, to), read character by character, the ranges of
 * `skip` in it skipped. Both ends are cuts (see below), which no skipped range spans: the part
 * reads as it does in the whole comment.
 */
function readPart(
  text: string,
  from: number,
  to: number,
  skip: readonly Skipped[],
  keys: KeyInterner,
  data: CivilityData,
  words: WordList,
): void {
  const part = text.slice(from, to);
  partCharacters += part.length;
  const skipped: Skipped[] = [];
  for (const range of skip)
    if (range.start >= from && range.end <= to) skipped.push({ start: range.start - from, end: range.end - from });
  const read = readAlone(part, skipped, keys, data).words;
  for (let k = 0; k < read.count; k++)
    words.push(
      read.norm[k] as string,
      read.evasion[k] as string | null,
      read.info[k] as WordInfo,
      read.kinds[k] as number,
      (read.start[k] as number) + from,
      (read.end[k] as number) + from,
      (read.flags[k] as number) & OWN_FLAGS,
      read.upper[k] as number,
      read.letters[k] as number,
    );
}

/**
 * The civility words of `analysis`'s text (`codes` its code units), the same as words.ts's
 * wordsOf reads with the ranges of `skip` skipped: the rule's links (modules/civility.ts,
 * linksToSkip), all of the analysis's or none. The returned list is this module's, reused by the
 * next call.
 *
 * Tokens are read from their words (tokenWords) until one may read otherwise in the comment
 * (see the top of this file); the comment is then read character by character from the last cut
 * before it to the first cut after it. A cut is a token's start after white space, right after a
 * word whose last civility token is not one letter: no civility token nor spaced-out word spans
 * it, so each side reads as in the whole comment.
 */
export function wordsFromAnalysis(
  analysis: TextAnalysis,
  skip: readonly Skipped[],
  data: CivilityData,
  codes: Uint16Array,
): WordList {
  const { tokens, text, wordIds } = analysis;
  const length = text.length;
  const keys = internerFor(data);
  const memo = memoFor(data).for(analysis);
  const words = output;
  words.clear();
  partCharacters = 0;
  const count = tokens.length;
  /** The last cut: where it is, and how many words came before it. */
  let cutAt = 0;
  let cutWords = 0;
  /** Where the last token ended, and whether it was a word or number, or an elision: what may join the next token. */
  let lastEnd = 0;
  let lastWord = false;
  let lastElision = false;
  /** One-letter civility tokens in a row up to here (across white space and punctuation). */
  let singles = 0;
  let i = 0;
  while (i < count) {
    const token = tokens[i] as Token;
    const start = token.start;
    const kind = token.kind;
    // The white space before the token: a single space, or separators for the civility tokeniser too.
    const spaced = start > lastEnd;
    let alone = !spaced || (start === lastEnd + 1 && codes[lastEnd] === SPACE) || separatorsOnly(codes, lastEnd, start);
    if (alone && spaced && lastWord && singles === 0) {
      cutAt = start;
      cutWords = words.count;
    }
    let read: TokenWords | null = null;
    if (!alone) {
      // read the part below
    } else if (kind === 'word' || kind === 'number' || kind === 'elision') {
      // Two words with nothing between them are one word for the civility tokeniser.
      if (!spaced && (lastWord || lastElision)) alone = lastElision;
      if (alone) {
        // wordsOfToken written out: V8 did not inline it, and the call cost ~70 instructions a
        // token. The call is left for a word met for the first time.
        read = memo.get(wordIds[i] as number) ?? learnTokenWords(analysis, i, memo, keys, data);
        if (singles > 0 && singles + read.leadingSingles >= 3) alone = false;
      }
    } else if (kind === 'punct') {
      const unit = codes[start] as number;
      const sep = token.end === start + 1 ? separatorOf(unit) : -1;
      // Right after a word, "!" before a letter is a leet "i" ("sh!t") and an apostrophe before
      // a letter may make the word an elision ("l`avion"): the civility tokeniser reads them so.
      alone =
        sep >= 0 &&
        !(
          (unit === 0x21 || sep === SEP_APOS) &&
          (lastWord || lastElision) &&
          !spaced &&
          start + 1 < length &&
          separatorOf(codes[start + 1] as number) < 0
        );
    } else {
      // Links read alone when the rule skips them; mentions, hashtags and emoji never.
      alone = (kind === 'url' || kind === 'email') && skip.length > 0;
    }
    if (alone) {
      if (read !== null) {
        singles = read.allSingles ? singles + read.leadingSingles : read.trailingSingles;
        if (read.count > 0) {
          const w = read;
          words.push(w.norm, w.evasion, w.info, w.kinds, start + w.from, start + w.to, w.flags, w.upper, w.letters);
          // Words glued in one ("tuerce": "tuer" "ce"), or a word with joiners ("peut-être").
          if (read.count > 1)
            for (const m of read.more)
              words.push(m.norm, m.evasion, m.info, m.kinds, start + m.from, start + m.to, m.flags, m.upper, m.letters);
        }
      }
      lastEnd = token.end;
      lastWord = read !== null && kind !== 'elision';
      lastElision = read !== null && kind === 'elision';
      i++;
      continue;
    }
    // Token `i`, or what is before it, may read otherwise in the comment: from the last cut to
    // the next one, character by character.
    let next = i + 1;
    while (next < count && !isCut(analysis, next, codes, memo, keys, data)) next++;
    const to = next < count ? (tokens[next] as Token).start : length;
    words.count = cutWords;
    readPart(text, cutAt, to, skip, keys, data, words);
    i = next;
    cutAt = to;
    cutWords = words.count;
    // A cut follows a word whose last civility token is no single letter.
    lastEnd = to;
    lastWord = false;
    lastElision = false;
    singles = 0;
  }
  // White space after the last token that the civility tokeniser reads otherwise.
  if (lastEnd < length && !separatorsOnly(codes, lastEnd, length)) {
    words.count = cutWords;
    readPart(text, cutAt, length, skip, keys, data, words);
  }
  markPunctuation(length, codes, words);
  return words;
}
