/**
 * From civility tokens to canonical words: joins spaced or dotted single letters
 * ("c o n n a r d", "p-u-t-e"), reads evasive spellings back through the canonicaliser, splits
 * words glued to a function word ("tuerce" → "tuer" "ce"), and marks sentence ends and quotes.
 */
import type { CivilityData, TrieNode } from './data.js';
import { type CivToken, civTokenize } from './normalize.js';

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
  key: string;
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
}

function isSingle(t: CivToken): boolean {
  return t.key.length === 1 && !t.elided;
}

function joinable(t: CivToken): boolean {
  return (t.sepAfter === 'space' || t.sepAfter === 'joiner') && t.sepLength <= 2;
}

export function toWords(text: string, tokens: CivToken[], data: CivilityData): Word[] {
  selectCache(data);
  const words: Word[] = [];
  const push = (key: string, start: number, end: number, extra: Partial<Word> = {}) => {
    const read = data.canon.read(key);
    words.push({
      norm: read?.word ?? key,
      key,
      start,
      end,
      evasion: read?.evasion ?? null,
      mention: false,
      quoted: false,
      stop: false,
      comma: false,
      bang: false,
      upper: 0,
      letters: 0,
      accented: false,
      ...extra,
    });
  };
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
            if (part.to - part.from === 1) push(first.key, first.start, first.end, { upper, letters: 1 });
            else
              words.push({
                norm: part.word,
                key: part.word,
                start: first.start,
                end: last.end,
                evasion: 'spaced',
                mention: false,
                quoted: false,
                stop: false,
                comma: false,
                bang: false,
                upper,
                letters: part.to - part.from,
                accented: false,
              });
          }
        }
        // Joined or not, the run is done: never rescan it from its second letter.
        if (!joined)
          for (const single of run) push(single.key, single.start, single.end, { upper: single.upper, letters: 1 });
        i = j + 1;
        continue;
      }
    }
    const before = words.length;
    pushToken(t, data, push);
    for (let k = before; k < words.length; k++) {
      const w = words[k] as Word;
      w.mention = t.mention;
      w.upper = k === before ? t.upper : 0;
      w.letters = k === before ? t.letters : 0;
      w.accented = t.accented;
    }
    i++;
  }
  markPunctuation(text, words);
  return words;
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
    let node: TrieNode | undefined = data.vocabTrie;
    let best = 0;
    let bestWord = '';
    for (let k = pos; k < n && k - pos < 24; k++) {
      const key = (run[k] as CivToken).key;
      node = node.next.get(LEET_LETTER[key] ?? key);
      if (!node) break;
      if (node.word !== null && k - pos + 1 >= 3) {
        best = k - pos + 1;
        bestWord = node.word;
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

/** Pushes a token as one word, or as two or three when it is known words glued together. */
function pushToken(t: CivToken, data: CivilityData, push: (key: string, start: number, end: number) => void) {
  const key = t.key;
  if (key.length >= 5 && key.length <= 30 && !t.elided) {
    let split = ungluedCache.get(key);
    if (split === undefined) {
      split =
        /^[a-z]+$/.test(key) && !data.vocab.has(key) && data.canon.read(key) === null && !data.isDictionaryWord(key)
          ? unglue(key, data)
          : null;
      if (ungluedCache.size >= 50000) ungluedCache.clear();
      ungluedCache.set(key, split);
    }
    if (split) {
      for (const part of split) push(part, t.start, t.end);
      return;
    }
  }
  push(key, t.start, t.end);
}

/** Unglued forms by key (null: not glued), per data set: comment vocabulary repeats a lot. */
const ungluedCaches = new WeakMap<CivilityData, Map<string, string[] | null>>();
let ungluedCache = new Map<string, string[] | null>();

function selectCache(data: CivilityData) {
  let cache = ungluedCaches.get(data);
  if (!cache) {
    cache = new Map();
    ungluedCaches.set(data, cache);
  }
  ungluedCache = cache;
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
