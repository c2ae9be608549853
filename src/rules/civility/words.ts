/**
 * From civility tokens to canonical words: joins spaced or dotted single letters
 * ("c o n n a r d", "p-u-t-e"), reads evasive spellings back through the canonicaliser, splits
 * words glued to a function word ("tuerce" → "tuer" "ce"), and marks sentence ends and quotes.
 */
import type { CivilityData } from './data.js';
import { KeyTable, keyHash } from './key-table.js';
import { type CivToken, civTokenize } from './normalize.js';
import { type WordInfo, wordInfo } from './word-info.js';

/** Leet digits and symbols typed as single spaced letters ("c 0 n"). */
const LEET_LETTER: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '€': 'e',
};

export interface Word {
  /** Canonical form: a known word when the token could be read back, else the folded token. */
  norm: string;
  start: number;
  end: number;
  evasion: string | null;
  mention: boolean;
  /** Inside quotation marks. */
  quoted: boolean;
  /** A sentence ends after this word. */
  stop: boolean;
  /** A comma, colon or semicolon follows. */
  comma: boolean;
  /** An exclamation mark follows. */
  bang: boolean;
  upper: number;
  letters: number;
  /** The original word has an accented e ("demeuré", not "demeure"). */
  accented: boolean;
  /** What the detectors know about `norm`, looked up once per word. */
  info: WordInfo;
}

function isSingle(t: CivToken): boolean {
  return t.key.length === 1 && !t.elided;
}

function joinable(t: CivToken): boolean {
  return (t.sepAfter === 'space' || t.sepAfter === 'joiner') && t.sepLength <= 2;
}

function makeWord(
  reading: Reading,
  start: number,
  end: number,
  mention: boolean,
  upper: number,
  letters: number,
  accented: boolean,
): Word {
  return {
    norm: reading.norm,
    start,
    end,
    evasion: reading.evasion,
    mention,
    quoted: false,
    stop: false,
    comma: false,
    bang: false,
    upper,
    letters,
    accented,
    info: reading.info,
  };
}

export function toWords(text: string, tokens: CivToken[], data: CivilityData): Word[] {
  const readings = readingsFor(data);
  const words: Word[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as CivToken;
    // A run of three or more single letters, each followed by one or two spaces, dots or dashes.
    if (isSingle(t)) {
      let j = i;
      while (
        j + 1 < tokens.length &&
        isSingle(tokens[j] as CivToken) &&
        joinable(tokens[j] as CivToken) &&
        isSingle(tokens[j + 1] as CivToken)
      )
        j++;
      if (j - i + 1 >= 3) {
        const run = tokens.slice(i, j + 1);
        const joined = joinRun(run, data);
        if (joined) {
          for (const part of joined) {
            const first = run[part.from] as CivToken;
            const last = run[part.to - 1] as CivToken;
            const upper = run.slice(part.from, part.to).reduce((n, x) => n + x.upper, 0);
            if (part.to - part.from === 1)
              words.push(
                makeWord(readingOf(first.key, readings, data), first.start, first.end, false, upper, 1, false),
              );
            else
              words.push(
                makeWord(
                  spacedReading(part.word, data),
                  first.start,
                  last.end,
                  false,
                  upper,
                  part.to - part.from,
                  false,
                ),
              );
          }
        }
        // Joined or not, the run is done: never rescan it from its second letter.
        if (!joined)
          for (const single of run)
            words.push(
              makeWord(readingOf(single.key, readings, data), single.start, single.end, false, single.upper, 1, false),
            );
        i = j + 1;
        continue;
      }
    }
    // One word, or two or three when the token is known words glued together.
    const parts = readingsOf(t.key, readings, data);
    for (let k = 0; k < parts.length; k++) {
      const first = k === 0;
      words.push(
        makeWord(
          parts[k] as Reading,
          t.start,
          t.end,
          t.mention,
          first ? t.upper : 0,
          first ? t.letters : 0,
          t.accented,
        ),
      );
    }
    i++;
  }
  markPunctuation(text, words);
  return words;
}

/** How a key reads: its canonical form and evasion. */
interface Reading {
  norm: string;
  evasion: string | null;
  info: WordInfo;
}

/**
 * Readings by key, per data set, bounded: a key's words depend only on the key (an elided key
 * ends with its apostrophe, and comment vocabulary repeats a lot), so each key is read once.
 */
const readingCaches = new WeakMap<CivilityData, KeyTable<Reading[]>>();

function readingsFor(data: CivilityData): KeyTable<Reading[]> {
  let cache = readingCaches.get(data);
  if (!cache) {
    cache = new KeyTable();
    readingCaches.set(data, cache);
  }
  return cache;
}

function read(key: string, data: CivilityData): Reading {
  const r = data.canon.read(key);
  const norm = r?.word ?? key;
  return { norm, evasion: r?.evasion ?? null, info: wordInfo(norm, data) };
}

/** The words a token's key stands for: itself read back, or the known words glued in it. */
function readingsOf(key: string, cache: KeyTable<Reading[]>, data: CivilityData): Reading[] {
  const hash = keyHash(key);
  let parts = cache.get(key, hash);
  if (parts === undefined) {
    const split = unglued(key, data);
    parts = split ? split.map((part) => read(part, data)) : [read(key, data)];
    cache.add(key, hash, parts);
  }
  return parts;
}

/** Spaced-out words ("c o n") by word, per data set: a run may spell the same word many times. */
const spacedCaches = new WeakMap<CivilityData, Map<string, Reading>>();

function spacedReading(word: string, data: CivilityData): Reading {
  let cache = spacedCaches.get(data);
  if (!cache) {
    cache = new Map();
    spacedCaches.set(data, cache);
  }
  let reading = cache.get(word);
  if (!reading) {
    // Only known words are joined: the cache is bounded by the vocabulary.
    reading = { norm: word, evasion: 'spaced', info: wordInfo(word, data) };
    cache.set(word, reading);
  }
  return reading;
}

/** A key read as one word (a letter of a spaced run): never split. */
function readingOf(key: string, cache: KeyTable<Reading[]>, data: CivilityData): Reading {
  // Keys shorter than five letters are never unglued: their cached reading is the word itself.
  return key.length < 5 ? (readingsOf(key, cache, data)[0] as Reading) : read(key, data);
}

/**
 * Splits a single-letter run into words: greedily, the longest stretch of 3 to 24 letters that is
 * a known word (a trie walk), else one letter. Linear in the run: at most 24 steps per letter.
 * Null when the run spells nothing known.
 */
function joinRun(run: CivToken[], data: CivilityData): { from: number; to: number; word: string }[] | null {
  const n = run.length;
  const parts: { from: number; to: number; word: string }[] = [];
  let found = false;
  let pos = 0;
  while (pos < n) {
    // Longest known word starting here, walking the trie letter by letter (leet read back).
    const { children, words } = data.vocabTrie;
    let node = 0;
    let best = 0;
    let bestWord = '';
    for (let k = pos; k < n && k - pos < 24; k++) {
      const letter = letterOf((run[k] as CivToken).key);
      if (letter < 0) break;
      node = children[node * 26 + letter] as number;
      if (node === 0) break;
      const word = words[node];
      if (word !== null && word !== undefined && k - pos + 1 >= 3) {
        best = k - pos + 1;
        bestWord = word;
      }
    }
    if (best > 0) {
      parts.push({ from: pos, to: pos + best, word: bestWord });
      pos += best;
      found = true;
    } else {
      parts.push({ from: pos, to: pos + 1, word: (run[pos] as CivToken).key });
      pos++;
    }
  }
  return found ? parts : null;
}

/** The trie index (0–25) of the letter a one-character key stands for, -1 when none. */
function letterOf(key: string): number {
  const c = key.charCodeAt(0);
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  const leet = LEET_LETTER[key];
  return leet === undefined ? -1 : leet.charCodeAt(0) - 0x61;
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

function markPunctuation(text: string, words: Word[]) {
  let inStraight = false;
  let depth = 0;
  let prevEnd = 0;
  for (let k = 0; k <= words.length; k++) {
    const w = words[k];
    const gapEnd = w ? w.start : text.length;
    const prev = words[k - 1];
    for (let c = prevEnd; c < gapEnd; c++) {
      const ch = text.charCodeAt(c);
      if (ch === 0x22) inStraight = !inStraight;
      else if (ch === 0xab || ch === 0x201c || ch === 0x201e || ch === 0x2039) depth++;
      else if (ch === 0xbb || ch === 0x201d || ch === 0x203a) depth = depth > 0 ? depth - 1 : 0;
      else if (prev) {
        if (ch === 0x2e || ch === 0x3f || ch === 0x2026 || ch === 0x0a) prev.stop = true;
        else if (ch === 0x21) {
          prev.stop = true;
          prev.bang = true;
        } else if (ch === 0x2c || ch === 0x3b || ch === 0x3a) prev.comma = true;
      }
    }
    if (w) {
      w.quoted = inStraight || depth > 0;
      if (w.end > prevEnd) prevEnd = w.end;
    }
  }
  const last = words[words.length - 1];
  if (last) last.stop = true;
}

export function wordsOf(text: string, skip: { start: number; end: number }[], data: CivilityData): Word[] {
  return toWords(text, civTokenize(text, skip), data);
}
