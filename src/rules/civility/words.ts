/**
 * From civility tokens to canonical words: joins spaced or dotted single letters
 * ("c o n n a r d", "p-u-t-e"), reads evasive spellings back through the canonicaliser, splits
 * words glued to a function word ("tuerce" → "tuer" "ce"), and marks sentence ends and quotes.
 */
import type { CivilityData } from './data.js';
import { type KeyInterner, newKeyInterner } from './interned-keys.js';
import { tokenizeInto } from './normalize.js';
import { RunParts, splitRun } from './spaced-runs.js';
import {
  type InternedKey,
  SINGLE,
  ACCENTED as TOKEN_ACCENTED,
  MENTION as TOKEN_MENTION,
  TokenList,
} from './token-list.js';
import { type Reading, wordInfo } from './word-info.js';
import { ACCENTED, BANG, COMMA, MENTION, QUOTED, WordList } from './word-list.js';

/** A token of one character, not elided: a letter of a possibly spaced-out word ("c o n"). */
function isSingle(tokens: TokenList, t: number): boolean {
  return tokens.has(t, SINGLE);
}

/** One or two spaces, dots or dashes after the token: the next single letter may join it. */
function joinable(tokens: TokenList, t: number): boolean {
  const sep = tokens.sepAfter[t];
  return (sep === 'space' || sep === 'joiner') && (tokens.sepLength[t] as number) <= 2;
}

/** The flags of the word(s) a token makes. */
function wordFlags(tokens: TokenList, t: number): number {
  return (tokens.has(t, TOKEN_MENTION) ? MENTION : 0) | (tokens.has(t, TOKEN_ACCENTED) ? ACCENTED : 0);
}

/** The words of `tokens` (interned for `data`), written into `words` (emptied first). */
export function toWords(text: string, tokens: TokenList, data: CivilityData, words: WordList): WordList {
  words.clear();
  const n = tokens.count;
  let i = 0;
  while (i < n) {
    // A run of three or more single letters, each followed by one or two spaces, dots or dashes.
    if (isSingle(tokens, i)) {
      let j = i;
      while (j + 1 < n && isSingle(tokens, j) && joinable(tokens, j) && isSingle(tokens, j + 1)) j++;
      if (j - i + 1 >= 3) {
        const parts = runParts;
        if (splitRun(tokens.key, i, j + 1, data.vocabTrie, parts)) {
          for (let p = 0; p < parts.count; p++) {
            const from = parts.from[p] as number;
            const to = parts.to[p] as number;
            let upper = 0;
            for (let k = from; k < to; k++) upper += tokens.upper[k] as number;
            const word = parts.word[p];
            if (word === null || word === undefined)
              words.push(
                readingOf(tokens.key[from] as InternedKey, data),
                tokens.start[from] as number,
                tokens.end[from] as number,
                0,
                upper,
                1,
              );
            else
              words.push(
                spacedReading(word, data),
                tokens.start[from] as number,
                tokens.end[to - 1] as number,
                0,
                upper,
                to - from,
              );
          }
        } else {
          // No word in the run: its letters stay words of their own.
          for (let k = i; k <= j; k++)
            words.push(
              readingOf(tokens.key[k] as InternedKey, data),
              tokens.start[k] as number,
              tokens.end[k] as number,
              0,
              tokens.upper[k] as number,
              1,
            );
        }
        // Joined or not, the run is done: never rescan it from its second letter.
        i = j + 1;
        continue;
      }
    }
    // One word, or two or three when the token is known words glued together.
    const parts = readingsOf(tokens.key[i] as InternedKey, data);
    const start = tokens.start[i] as number;
    const end = tokens.end[i] as number;
    const flags = wordFlags(tokens, i);
    words.push(parts[0] as Reading, start, end, flags, tokens.upper[i] as number, tokens.letters[i] as number);
    for (let k = 1; k < parts.length; k++) words.push(parts[k] as Reading, start, end, flags, 0, 0);
    i++;
  }
  markPunctuation(text, words);
  return words;
}

/**
 * The interned keys per data set: a key's words depend only on the key (an elided key ends with
 * its apostrophe, and comment vocabulary repeats a lot), so each key is read once, and kept with
 * the key.
 */
const interners = new WeakMap<CivilityData, KeyInterner>();

function internerFor(data: CivilityData): KeyInterner {
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

/** The words a token's key stands for: itself read back, or the known words glued in it. */
function readingsOf(key: InternedKey, data: CivilityData): Reading[] {
  if (key.readings === undefined) {
    const split = unglued(key.key, data);
    key.readings = split ? split.map((part) => read(part, data)) : [read(key.key, data)];
  }
  return key.readings;
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

/** A key read as one word (a letter of a spaced run): never split. */
function readingOf(key: InternedKey, data: CivilityData): Reading {
  // Keys shorter than five letters are never unglued: their cached reading is the word itself.
  return key.key.length < 5 ? (readingsOf(key, data)[0] as Reading) : read(key.key, data);
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
function markPunctuation(text: string, words: WordList) {
  let inStraight = false;
  let depth = 0;
  let prevEnd = 0;
  let sentence = 0;
  const n = words.count;
  const { stops } = words;
  for (let k = 0; k <= n; k++) {
    const gapEnd = k < n ? (words.start[k] as number) : text.length;
    const prev = k - 1;
    for (let c = prevEnd; c < gapEnd; c++) {
      const ch = text.charCodeAt(c);
      if (ch === 0x22) inStraight = !inStraight;
      else if (ch === 0xab || ch === 0x201c || ch === 0x201e || ch === 0x2039) depth++;
      else if (ch === 0xbb || ch === 0x201d || ch === 0x203a) depth = depth > 0 ? depth - 1 : 0;
      else if (prev >= 0) {
        if (ch === 0x2e || ch === 0x3f || ch === 0x2026 || ch === 0x0a) stops[prev] = 1;
        else if (ch === 0x21) {
          stops[prev] = 1;
          words.mark(prev, BANG);
        } else if (ch === 0x2c || ch === 0x3b || ch === 0x3a) words.mark(prev, COMMA);
      }
    }
    if (k < n) {
      // The previous word's sentence end is known now: this word opens the next sentence or not.
      if (prev >= 0 && stops[prev] === 1) sentence++;
      words.sentence[k] = sentence;
      if (inStraight || depth > 0) words.mark(k, QUOTED);
      const end = words.end[k] as number;
      if (end > prevEnd) prevEnd = end;
    }
  }
  if (n > 0) stops[n - 1] = 1;
}

/**
 * The words of a comment. The returned list is this module's, reused by the next call: read it
 * before the next comment (the rule checks one comment at a time, synchronously).
 */
export function wordsOf(text: string, skip: { start: number; end: number }[], data: CivilityData): WordList {
  return toWords(text, tokenizeInto(scratchTokens, text, skip, internerFor(data)), data, scratchWords);
}

const scratchTokens = new TokenList();
const runParts = new RunParts();
const scratchWords = new WordList();
