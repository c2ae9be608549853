/**
 * From civility tokens to canonical words: joins spaced or dotted single letters
 * ("c o n n a r d", "p-u-t-e"), reads evasive spellings back through the canonicaliser, splits
 * words glued to a function word ("tuerce" → "tuer" "ce"), and marks sentence ends and quotes.
 */
import { codeUnitsOf } from '../text/code-units.js';
import type { CivilityData } from './data.js';
import * as keyWords from './interned-keys.js';
import { type KeyInterner, newKeyInterner } from './interned-keys.js';
import { tokenizeInto } from './normalize.js';
import { letterOf, RunParts, splitRun } from './spaced-runs.js';
import * as token from './token-list.js';
import { TokenList } from './token-list.js';
import { type Reading, type WordInfo, wordInfo } from './word-info.js';
import * as word from './word-list.js';
import { WordList } from './word-list.js';

// An imported binding is read through a module cell, with a check, at every use (in the loops
// too); a module constant is folded into the compiled code. The imported constants used for every
// token or word, as module constants:
const { TOKEN_FIELDS, FLAGS, SINGLE, SEP, SEP_LENGTH, SEP_SPACE, SEP_JOINER, KEY, START, END, UPPER, LETTERS } = token;
const { MENTION: TOKEN_MENTION, ACCENTED: TOKEN_ACCENTED } = token;
const { KEY_WORDS, READ_NORM, READ_EVASION, READ_INFO, READ_MORE } = keyWords;
const { MENTION, ACCENTED, BANG, COMMA, QUOTED } = word;

/**
 * The words of `tokens` (their keys interned in `keys`, for `data`), written into `words`
 * (emptied first); `codes` holds the text's code units (code-units.ts).
 */
export function toWords(
  text: string,
  tokens: TokenList,
  keys: KeyInterner,
  data: CivilityData,
  words: WordList,
  codes: Uint16Array = codeUnitsOf(text),
): WordList {
  words.clear();
  const n = tokens.count;
  const fields = tokens.fields;
  // Each key's words, read once (readKey) and kept by key id: a token's words are array reads.
  const read = keys.words;
  let i = 0;
  while (i < n) {
    const at = i * TOKEN_FIELDS;
    const flags = fields[at + FLAGS] as number;
    // A run of three or more single letters, each followed by one or two spaces, dots or dashes
    // (the next single letter may join a letter followed by one or two of them).
    if ((flags & SINGLE) !== 0) {
      let j = i;
      for (; j + 1 < n; j++) {
        const next = (j + 1) * TOKEN_FIELDS;
        const sep = fields[next - TOKEN_FIELDS + SEP] as number;
        const joinable =
          (sep === SEP_SPACE || sep === SEP_JOINER) && (fields[next - TOKEN_FIELDS + SEP_LENGTH] as number) <= 2;
        if (!joinable || ((fields[next + FLAGS] as number) & SINGLE) === 0) break;
      }
      if (j - i + 1 >= 3) {
        runWords(tokens, i, j + 1, keys, data, words);
        // Joined or not, the run is done: never rescan it from its second letter.
        i = j + 1;
        continue;
      }
    }
    // One word, or two or three when the token is known words glued together. Written out, not a
    // call to letterWord(): with that call civility took 47–52 µs per 500-character check
    // instead of 25–29 (bench:rules, 3 alternated runs each).
    const id = fields[at + KEY] as number;
    const r = id * KEY_WORDS;
    if (read[r + READ_NORM] === undefined) readKey(keys, id, data);
    const start = fields[at + START] as number;
    const end = fields[at + END] as number;
    const wordFlags = ((flags & TOKEN_MENTION) !== 0 ? MENTION : 0) | ((flags & TOKEN_ACCENTED) !== 0 ? ACCENTED : 0);
    words.push(
      read[r + READ_NORM] as string,
      read[r + READ_EVASION] as string | null,
      read[r + READ_INFO] as WordInfo,
      keys.kinds[id] as number,
      start,
      end,
      wordFlags,
      fields[at + UPPER] as number,
      fields[at + LETTERS] as number,
    );
    const glued = read[r + READ_MORE] as Reading[] | null;
    if (glued !== null)
      for (const g of glued) words.push(g.norm, g.evasion, g.info, g.info.kinds, start, end, wordFlags, 0, 0);
    i++;
  }
  markPunctuation(text.length, codes, words);
  return words;
}

/** The trie letters of a run's tokens, reused from one run to the next. */
let runLetters = new Int8Array(256);

/** The words of the run of single-letter tokens `first` to before `end`: known words joined, other letters alone. */
function runWords(
  tokens: TokenList,
  first: number,
  end: number,
  keys: KeyInterner,
  data: CivilityData,
  words: WordList,
): void {
  const fields = tokens.fields;
  const length = end - first;
  if (runLetters.length < length) runLetters = new Int8Array(Math.max(length, runLetters.length * 2));
  for (let k = 0; k < length; k++)
    runLetters[k] = letterOf(keys.key[fields[(first + k) * TOKEN_FIELDS + KEY] as number] as string);
  const parts = runParts;
  if (splitRun(runLetters, length, data.vocabTrie, parts)) {
    for (let p = 0; p < parts.count; p++) {
      const from = first + (parts.from[p] as number);
      const to = first + (parts.to[p] as number);
      let upper = 0;
      for (let k = from; k < to; k++) upper += fields[k * TOKEN_FIELDS + UPPER] as number;
      const word = parts.word[p];
      const start = fields[from * TOKEN_FIELDS + START] as number;
      if (word === null || word === undefined) {
        const id = fields[from * TOKEN_FIELDS + KEY] as number;
        letterWord(keys, id, data, words, start, fields[from * TOKEN_FIELDS + END] as number, upper);
      } else {
        const reading = spacedReading(word, data);
        const wordEnd = fields[(to - 1) * TOKEN_FIELDS + END] as number;
        words.push(
          reading.norm,
          reading.evasion,
          reading.info,
          reading.info.kinds,
          start,
          wordEnd,
          0,
          upper,
          to - from,
        );
      }
    }
  } else {
    // No word in the run: its letters stay words of their own.
    for (let k = first; k < end; k++) {
      const at = k * TOKEN_FIELDS;
      const id = fields[at + KEY] as number;
      letterWord(
        keys,
        id,
        data,
        words,
        fields[at + START] as number,
        fields[at + END] as number,
        fields[at + UPPER] as number,
      );
    }
  }
}

/** A letter of a spaced run left alone, as one word (a key of one character is never glued words). */
function letterWord(
  keys: KeyInterner,
  id: number,
  data: CivilityData,
  words: WordList,
  start: number,
  end: number,
  upper: number,
): void {
  const r = id * KEY_WORDS;
  const read = keys.words;
  if (read[r + READ_NORM] === undefined) readKey(keys, id, data);
  const norm = read[r + READ_NORM] as string;
  words.push(
    norm,
    read[r + READ_EVASION] as string | null,
    read[r + READ_INFO] as WordInfo,
    keys.kinds[id] as number,
    start,
    end,
    0,
    upper,
    1,
  );
}

/**
 * The interned keys per data set: a key's words depend only on the key (an elided key ends with
 * its apostrophe, and comment vocabulary repeats a lot), so each key is read once, and kept with
 * the key.
 */
const interners = new WeakMap<CivilityData, KeyInterner>();

export function internerFor(data: CivilityData): KeyInterner {
  // Comments come mostly in one language: the last data set's table is at hand without a look-up.
  if (data === lastData && lastKeys) return lastKeys;
  let keys = interners.get(data);
  if (!keys) {
    keys = newKeyInterner();
    interners.set(data, keys);
  }
  lastData = data;
  lastKeys = keys;
  return keys;
}

let lastData: CivilityData | undefined;
let lastKeys: KeyInterner | undefined;

function read(key: string, data: CivilityData): Reading {
  const r = data.canon.read(key);
  const norm = r?.word ?? key;
  return { norm, evasion: r?.evasion ?? null, info: wordInfo(norm, data) };
}

/** Reads key `id`: its word (itself read back), or the known words glued in it. */
function readKey(keys: KeyInterner, id: number, data: CivilityData): void {
  const key = keys.key[id] as string;
  const split = unglued(key, data);
  const readings = split ? split.map((part) => read(part, data)) : [read(key, data)];
  const first = readings[0] as Reading;
  const r = id * KEY_WORDS;
  keys.words[r + READ_NORM] = first.norm;
  keys.words[r + READ_EVASION] = first.evasion;
  keys.words[r + READ_INFO] = first.info;
  keys.words[r + READ_MORE] = readings.length > 1 ? readings.slice(1) : null;
  keys.kinds[id] = first.info.kinds;
}

/** Spaced-out words ("c o n") by word, per data set: a run may spell the same word many times. */
const spacedCaches = new WeakMap<CivilityData, Map<string, Reading>>();
let lastSpacedData: CivilityData | undefined;
let lastSpacedCache: Map<string, Reading> | undefined;

function spacedReading(word: string, data: CivilityData): Reading {
  // A run of spaced words ("C O N C O N …") asks for one data set's cache word after word.
  let cache = data === lastSpacedData ? lastSpacedCache : spacedCaches.get(data);
  if (!cache) {
    cache = new Map();
    spacedCaches.set(data, cache);
  }
  lastSpacedData = data;
  lastSpacedCache = cache;
  let reading = cache.get(word);
  if (!reading) {
    // Only known words are joined: the cache is bounded by the vocabulary.
    reading = { norm: word, evasion: 'spaced', info: wordInfo(word, data) };
    cache.set(word, reading);
  }
  return reading;
}

/** The known words glued in a key ("tuerce" → tuer, ce), or null when it is not glued. */
function unglued(key: string, data: CivilityData): string[] | null {
  if (key.length < 5 || key.length > 30) return null;
  return /^[a-z]+$/.test(key) && !data.vocab.has(key) && data.canon.read(key) === null && !data.isDictionaryWord(key)
    ? unglue(key, data)
    : null;
}

function known(w: string, data: CivilityData): boolean {
  return w.length >= 4 && data.vocab.has(w);
}

/** "tuerce" → tuer ce; "cetravelo" → ce travelo; "orduresdefemmes" → ordures de femmes. */
function unglue(key: string, data: CivilityData): string[] | null {
  for (let cut = 1; cut < key.length; cut++) {
    const a = key.slice(0, cut);
    const b = key.slice(cut);
    if (data.glue.has(a) && known(b, data)) return [a, b];
    if (data.glue.has(b) && known(a, data)) return [a, b];
    if (known(a, data)) {
      for (let cut2 = 1; cut2 < b.length; cut2++) {
        const g = b.slice(0, cut2);
        const c = b.slice(cut2);
        if (data.glue.has(g) && known(c, data)) return [a, g, c];
      }
    }
    // A long known word glued after other words: "personneslesplusstupides".
    if (cut >= 4 && b.length >= 7 && known(b, data) && !data.isDictionaryWord(a)) return [...segment(a, data), b];
  }
  return null;
}

/** Greedy longest-word segmentation of glued ordinary words; the input itself when it fails. */
function segment(text: string, data: CivilityData): string[] {
  const parts: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    let taken = 0;
    for (let len = Math.min(16, text.length - pos); len >= 2; len--) {
      const piece = text.slice(pos, pos + len);
      if (data.glue.has(piece) || data.vocab.has(piece) || (len >= 3 && data.isDictionaryWord(piece))) {
        taken = len;
        break;
      }
    }
    if (taken === 0) return [text];
    parts.push(text.slice(pos, pos + taken));
    pos += taken;
  }
  return parts;
}

/**
 * Marks sentence ends, commas and exclamation marks after words and the words inside quotes, and
 * numbers the sentences.
 */
export function markPunctuation(length: number, codes: Uint16Array, words: WordList) {
  // Locals, not fields read again at every use.
  const { stops, start, end, flags, sentence } = words;
  let inStraight = false;
  let depth = 0;
  let prevEnd = 0;
  let sentenceIndex = 0;
  const n = words.count;
  for (let k = 0; k <= n; k++) {
    const gapEnd = k < n ? (start[k] as number) : length;
    const prev = k - 1;
    for (let c = prevEnd; c < gapEnd; c++) {
      const ch = codes[c] as number;
      // Most gaps are one space, which marks nothing: not tested against each mark below.
      if (ch === 0x20) continue;
      if (ch === 0x22) inStraight = !inStraight;
      else if (ch === 0xab || ch === 0x201c || ch === 0x201e || ch === 0x2039) depth++;
      else if (ch === 0xbb || ch === 0x201d || ch === 0x203a) depth = depth > 0 ? depth - 1 : 0;
      else if (prev >= 0) {
        if (ch === 0x2e || ch === 0x3f || ch === 0x2026 || ch === 0x0a) stops[prev] = 1;
        else if (ch === 0x21) {
          stops[prev] = 1;
          flags[prev] = (flags[prev] as number) | BANG;
        } else if (ch === 0x2c || ch === 0x3b || ch === 0x3a) flags[prev] = (flags[prev] as number) | COMMA;
      }
    }
    if (k < n) {
      // The previous word's sentence end is known now: this word opens the next sentence or not.
      if (prev >= 0 && stops[prev] === 1) sentenceIndex++;
      sentence[k] = sentenceIndex;
      if (inStraight || depth > 0) flags[k] = (flags[k] as number) | QUOTED;
      const wordEnd = end[k] as number;
      if (wordEnd > prevEnd) prevEnd = wordEnd;
    }
  }
  if (n > 0) stops[n - 1] = 1;
}

/**
 * The words of a comment, read character by character (the rule reads them from the shared
 * analysis's tokens, token-words.ts, which gives the same words). The returned list is this
 * module's, reused by the next call: read it before the next comment (the rule checks one comment
 * at a time, synchronously).
 */
export function wordsOf(text: string, skip: { start: number; end: number }[], data: CivilityData): WordList {
  const codes = codeUnitsOf(text);
  const keys = internerFor(data);
  const tokens = tokenizeInto(scratchTokens, text, skip, keys, codes);
  return toWords(text, tokens, keys, data, scratchWords, codes);
}

const scratchTokens = new TokenList();
const runParts = new RunParts();
const scratchWords = new WordList();
