/**
 * The folded stems of a Hunspell dictionary (dictionary-fr / dictionary-en), as a set that is
 * cheap to build: the civility rule loads two of them (~130,000 stems) and only asks a few
 * hundred words per comment, so building a Set of folded strings at load cost more than
 * everything else the rule does.
 *
 * Instead, one pass over the .dic text hashes each stem as folded, character by character with
 * a table (no string per stem), into an open-addressing table of line offsets; a look-up hashes
 * the word and confirms a candidate by folding its stem again. The rare stem with a character
 * outside the table (Greek, a superscript, a non-breaking space) is folded the plain way into a
 * small Set. What is stored is exactly the set of `fold(stem)` for the stems that pass the filter
 * below: the table is built from `fold` itself.
 */
import { fold } from '../text/fold.js';

/** Stems with anything but letters, apostrophes and hyphens are left out. */
const NOT_WORD = /[^\p{L}'’-]/u;

/** Characters folded by the table: ASCII, Latin-1 and Latin Extended-A and -B. */
const TABLE_LIMIT = 0x250;
/**
 * Per code unit below TABLE_LIMIT: its folded form, or null when the fast path cannot take it
 * (not a letter, apostrophe or hyphen: the stem is left out or needs the plain path).
 */
const FOLDED: (string | null)[] = [];
for (let c = 0; c < TABLE_LIMIT; c++) {
  const ch = String.fromCharCode(c);
  // Per character, folding is the same as in a word: lower case, ligatures, accents all act
  // on one character at a time in this range (no context-dependent case mapping below U+0250).
  FOLDED.push(NOT_WORD.test(ch) ? null : fold(ch));
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * The hash of a stem as folded by the table, or -1 when a character is not in the table or not a
 * letter, apostrophe or hyphen (a digit, a non-breaking space trim() would remove, a Greek
 * letter): then the plain path decides, exactly as it always did. A function of its own so that
 * it is optimised after a few lines, not after the whole dictionary.
 */
function stemHash(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= TABLE_LIMIT) return -1;
    const folded = FOLDED[c];
    if (folded === null || folded === undefined) return -1;
    if (folded.length === 1) h = Math.imul(h ^ folded.charCodeAt(0), FNV_PRIME);
    else for (let k = 0; k < folded.length; k++) h = Math.imul(h ^ folded.charCodeAt(k), FNV_PRIME);
  }
  return h >>> 0;
}

function isTrimmed(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

export interface FoldedDictionary {
  has(word: string): boolean;
}

/**
 * The dictionary of one .dic text: each line's stem (before "/"), trimmed, of at least three
 * characters, made of letters, apostrophes and hyphens only, folded.
 */
interface Stems {
  starts: number[];
  ends: number[];
  hashes: number[];
  /** Stems folded the plain way. */
  others: Set<string>;
}

/**
 * Adds the stem of one line (from `lineStart` to `stemEnd`, the first "/" or the line's end). A
 * function of its own, like stemHash, so that it is optimised after a few lines: the loop that
 * calls it runs once and would stay in the interpreter for most of the dictionary.
 */
function addStem(text: string, lineStart: number, lineEnd: number, stemEnd: number, stems: Stems): void {
  let start = lineStart;
  let end = stemEnd;
  // ASCII white space around the stem goes (as with trim()); any other kind takes the plain path.
  while (start < end && isTrimmed(text.charCodeAt(start))) start++;
  while (end > start && isTrimmed(text.charCodeAt(end - 1))) end--;
  const h = stemHash(text, start, end);
  if (h >= 0) {
    if (end - start >= 3) {
      stems.starts.push(start);
      stems.ends.push(end);
      stems.hashes.push(h);
    }
    return;
  }
  const line = text.slice(lineStart, lineEnd);
  const cut = line.indexOf('/');
  const w = (cut >= 0 ? line.slice(0, cut) : line).trim();
  if (w.length >= 3 && !NOT_WORD.test(w)) stems.others.add(fold(w));
}

/** The look-up tables of one .dic text (what dictionary-cache.ts stores). */
export interface DictionaryTables {
  /** Per slot, 1 + the index of its stem (0: empty). */
  slots: Int32Array;
  /** Per slot, its stem's hash. */
  slotHashes: Uint32Array;
  /** Per stem, where it starts and ends in the .dic text. */
  startOf: Int32Array;
  endOf: Int32Array;
  /** Stems folded the plain way. */
  others: string[];
}

export function foldedDictionary(text: string): FoldedDictionary {
  return dictionaryFromTables(text, dictionaryTables(text));
}

export function dictionaryTables(text: string): DictionaryTables {
  const stems: Stems = { starts: [], ends: [], hashes: [], others: new Set() };
  const n = text.length;
  let lineStart = 0;
  /** The next "/" at or after lineStart (kept across lines: lines without one are not rescanned). */
  let slash = -1;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    if (slash !== n && slash < lineStart) {
      slash = text.indexOf('/', lineStart);
      if (slash < 0) slash = n;
    }
    addStem(text, lineStart, lineEnd, Math.min(slash, lineEnd), stems);
    lineStart = lineEnd + 1;
  }
  const { starts, ends, hashes, others } = stems;

  let size = 16;
  while (size < starts.length * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size);
  const slotHashes = new Uint32Array(size);
  for (let k = 0; k < starts.length; k++) {
    const h = hashes[k] as number;
    let slot = h & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = k + 1;
    slotHashes[slot] = h;
  }
  return { slots, slotHashes, startOf: Int32Array.from(starts), endOf: Int32Array.from(ends), others: [...others] };
}

/** The dictionary of `text` from its tables (built by dictionaryTables from the same text). */
export function dictionaryFromTables(text: string, tables: DictionaryTables): FoldedDictionary {
  const { slots, slotHashes, startOf, endOf } = tables;
  const others = new Set(tables.others);
  const mask = slots.length - 1;

  /** Whether the stem from `start` to `end` folds to `word`, without building it. */
  const foldsTo = (start: number, end: number, word: string): boolean => {
    let p = 0;
    for (let i = start; i < end; i++) {
      const folded = FOLDED[text.charCodeAt(i)] as string;
      for (let k = 0; k < folded.length; k++) {
        if (p >= word.length || word.charCodeAt(p) !== folded.charCodeAt(k)) return false;
        p++;
      }
    }
    return p === word.length;
  };

  return {
    has(word: string): boolean {
      if (others.size > 0 && others.has(word)) return true;
      const h = hashString(word);
      let slot = h & mask;
      for (;;) {
        const k = slots[slot] as number;
        if (k === 0) return false;
        if (slotHashes[slot] === h && foldsTo(startOf[k - 1] as number, endOf[k - 1] as number, word)) return true;
        slot = (slot + 1) & mask;
      }
    },
  };
}
