/**
 * Token-sequence patterns over canonical words, written in the rule data as plain text:
 * "ferme ta|sa|votre gueule", "je sais où tu habit*", "va … faire foutre".
 * - "a|b" alternatives, "tu+es" a two-word alternative, "word*" a prefix, "_" any one word,
 *   "…" a gap of up to four words.
 * Patterns are indexed by their first word, and a gap is bounded, so matching is linear in the
 * number of words for a fixed pattern set.
 */
import { fold } from '../text/fold.js';
import { doubled } from './doubled.js';

interface Element {
  exact: Set<string> | null;
  /**
   * `exact`'s words as an array when there are at most SCANNED_WORDS of them (most elements),
   * else null. Why: `exact.has` was the matcher's costliest look-up (~1 % of the pipeline's time,
   * 2026-12-03: each Set's table a cold read), where comparing a few strings reads the element's
   * own array.
   */
  exactList: string[] | null;
  /** Alternatives of several words: an elision inside an alternative ("d'un" → "d'" "un"). */
  sequences: string[][];
  prefixes: string[];
  any: boolean;
  gap: boolean;
}

export interface CompiledPattern<M> {
  id: number;
  /** No single-word element to anchor on: always tried. */
  unanchored: boolean;
  /** How many single-word elements (exact words only) the pattern has: all must be in the comment. */
  required: number;
  elements: Element[];
  meta: M;
  source: string;
}

export interface PatternMatch<M> {
  first: number;
  /** Index after the last word matched. */
  end: number;
  meta: M;
}

const GAP = 4;
const SCANNED_WORDS = 4;
/** A word listed by more single-word elements than this is too common to wake a pattern. */
const COMMON_WORD = 6;

function compileElement(raw: string): Element {
  if (raw === '…' || raw === '...')
    return { exact: null, exactList: null, sequences: [], prefixes: [], any: false, gap: true };
  if (raw === '_') return { exact: null, exactList: null, sequences: [], prefixes: [], any: true, gap: false };
  const exact = new Set<string>();
  const sequences: string[][] = [];
  const prefixes: string[] = [];
  for (const alt of raw.split('|')) {
    const f = fold(alt).replace(/’/g, "'");
    if (f.endsWith('*') && f.length > 1 && !f.includes('+')) {
      prefixes.push(f.slice(0, -1));
      continue;
    }
    // "tu+es" is a two-word alternative; "d'un" is "d'" + "un".
    const seq = f.split('+').flatMap((part) => {
      const elided = /^([a-z]{1,6}')(.+)$/.exec(part);
      return elided ? [elided[1] as string, elided[2] as string] : [part];
    });
    if (seq.length > 1) sequences.push(seq);
    else exact.add(f);
  }
  const exactList = exact.size <= SCANNED_WORDS ? [...exact] : null;
  return { exact, exactList, sequences, prefixes, any: false, gap: false };
}

/** Splits "t'es" into "t'" "es" like the tokenizer does. */
function splitWords(pattern: string): string[] {
  return pattern.trim().split(/\s+/);
}

/** What a pattern set knows about one word: the elements it satisfies, and the patterns it opens. */
export interface PatternEntry<M> {
  /**
   * The required single-word elements (exact words only) that list the word, as pairs: the
   * element's id, then its pattern's id. The pattern's id is here, not in an array by element, so
   * that stamping a word's elements reads the entry and two places, not six.
   */
  elements: Int32Array;
  /** Ids of the patterns that start with the word, in pattern order. */
  first: Int32Array;
  /** `first` is not empty (read for every word: the flag spares a look at the array). */
  opens: boolean;
  /** The ids of `first` that need no word of the comment (unanchored), in the same order. */
  firstUnanchored: Int32Array;
  /** The call in which the word's elements were last stamped: a repeated word costs nothing. */
  seen: number;
  /** Only to make the type depend on M: entries of different sets do not mix. */
  readonly meta?: M;
}

const NO_IDS = new Int32Array(0);
/** The items of a pattern's state (`PatternSet.patternState`), and their offsets. */
const PATTERN_STATE = 4;
const STAMP = 0;
const COUNT = 1;
const REQUIRED = 2;
const READY = 3;

/**
 * The words of a comment that a pattern set knows, in text order: their positions and entries.
 * Filled by the caller from what it cached per word, reused from one call to the next.
 */
export class KnownWords<M> {
  count = 0;
  positions = new Int32Array(64);
  readonly entries: PatternEntry<M>[] = [];

  clear(): void {
    this.count = 0;
  }

  push(position: number, entry: PatternEntry<M>): void {
    const k = this.count;
    if (k === this.positions.length) this.positions = doubled(this.positions);
    this.positions[k] = position;
    this.entries[k] = entry;
    this.count = k + 1;
  }
}

export class PatternSet<M> {
  /**
   * Per word, the elements it satisfies and the patterns that start with it, in one map so that
   * a word costs one look-up (and none when the caller passes the entries it cached by word).
   * A pattern runs only when the comment contains a word for each of its single-word elements:
   * common words ("je", "les", "de") alone wake no pattern, and most comments none at all.
   */
  private readonly byWord = new Map<string, PatternEntry<M>>();
  /** The patterns by id. */
  private readonly patterns: CompiledPattern<M>[] = [];
  /** The patterns by first word, in the order first words were met (for `words()`). */
  private readonly firstLists: CompiledPattern<M>[][] = [];
  private readonly byPrefix: CompiledPattern<M>[] = [];
  private readonly unanchored: CompiledPattern<M>[] = [];
  /** How many required elements there are (their ids are 0 to this, less one). */
  private elementCount = 0;
  /** Per element, the call in which a word satisfied it (a generation counter: no reset). */
  private elementStamps = new Int32Array(0);
  /**
   * Per pattern, PATTERN_STATE items side by side (one cache line, where they were four arrays):
   * - STAMP, the call its count belongs to, and COUNT, its elements satisfied in that call;
   * - REQUIRED, how many elements it requires (1 when none: unanchored);
   * - READY, the call in which it became ready (all its required words met, or at the call's
   *   start for an unanchored one): one read tells (`npm run bench:lines`, 2026-12-03: the loop
   *   over the openers' patterns was the matcher's costliest line).
   * Generation counters: no reset, no allocation per call.
   */
  private patternState = new Int32Array(0);
  private generation = 0;
  /** The positions of the words that open a pattern, found by the current call (reused). */
  private openers = new Int32Array(64);

  constructor(items: { pattern: string; meta: M }[]) {
    /** The patterns each word opens, while they are compiled. */
    const opened = new Map<PatternEntry<M>, CompiledPattern<M>[]>();
    const entryFor = (w: string) => {
      let entry = this.byWord.get(w);
      if (!entry) {
        entry = { elements: NO_IDS, first: NO_IDS, opens: false, firstUnanchored: NO_IDS, seen: 0 };
        this.byWord.set(w, entry);
      }
      return entry;
    };
    const compiled = this.patterns;
    /** Each entry's element pairs, while they are compiled. */
    const pairs = new Map<PatternEntry<M>, number[]>();
    for (const { pattern, meta } of items) {
      const elements = splitWords(pattern).map(compileElement);
      const head = elements[0];
      if (!head || head.gap || head.any || elements[elements.length - 1]?.gap) {
        throw new Error(`pattern "${pattern}" must start and end with a word`);
      }
      compiled.push({ id: compiled.length, unanchored: false, required: 0, elements, meta, source: pattern });
    }
    // Single-word elements: a comment without one of their words cannot match the pattern.
    const single = (e: Element): e is Element & { exact: Set<string> } =>
      !(e.gap || e.any || e.prefixes.length > 0 || e.sequences.length > 0 || !e.exact);
    // Words listed by many elements ("de", "les") would make every comment stamp many elements:
    // a pattern requires its elements without such words, or else its most selective element.
    const uses = new Map<string, number>();
    for (const p of compiled)
      for (const e of p.elements) if (single(e)) for (const w of e.exact) uses.set(w, (uses.get(w) ?? 0) + 1);
    const common = (e: Element & { exact: Set<string> }) => [...e.exact].some((w) => (uses.get(w) ?? 0) > COMMON_WORD);
    for (const p of compiled) {
      const singles = p.elements.filter(single);
      let required = singles.filter((e) => !common(e));
      if (required.length === 0 && singles.length > 0) {
        let anchor = singles[0] as Element & { exact: Set<string> };
        for (const e of singles) if (e.exact.size <= anchor.exact.size) anchor = e;
        required = [anchor];
      }
      for (const e of required) {
        const id = this.elementCount++;
        for (const w of e.exact) {
          const entry = entryFor(w);
          const list = pairs.get(entry) ?? [];
          pairs.set(entry, list);
          list.push(id, p.id);
        }
      }
      p.required = required.length;
      if (p.required === 0) {
        p.unanchored = true;
        this.unanchored.push(p);
      }
      const head = p.elements[0] as Element;
      for (const w of [...(head.exact ?? []), ...head.sequences.map((q) => q[0] as string)]) {
        const entry = entryFor(w);
        const list = opened.get(entry) ?? [];
        opened.set(entry, list);
        if (!list.includes(p)) list.push(p);
      }
      if (head.prefixes.length > 0) this.byPrefix.push(p);
    }
    for (const [entry, list] of opened) {
      this.firstLists.push(list);
      entry.first = Int32Array.from(list, (p) => p.id);
      entry.opens = list.length > 0;
      entry.firstUnanchored = Int32Array.from(
        list.filter((p) => p.unanchored),
        (p) => p.id,
      );
    }
    for (const [entry, list] of pairs) entry.elements = Int32Array.from(list);
    this.elementStamps = new Int32Array(this.elementCount);
    this.patternState = new Int32Array(PATTERN_STATE * compiled.length);
    for (const p of compiled) this.patternState[PATTERN_STATE * p.id + REQUIRED] = p.required;
  }

  /** Every word the patterns name exactly (for the canonicaliser's vocabulary). */
  words(): Set<string> {
    const out = new Set<string>();
    const seen = new Set<CompiledPattern<M>>();
    for (const list of [...this.firstLists, this.byPrefix]) {
      for (const p of list) {
        if (seen.has(p)) continue;
        seen.add(p);
        for (const e of p.elements) {
          for (const w of e.exact ?? []) out.add(w);
          for (const q of e.sequences) for (const w of q) out.add(w);
        }
      }
    }
    return out;
  }

  /** What the set knows about a word, undefined when nothing: callers cache it by word. */
  entry(word: string): PatternEntry<M> | undefined {
    return this.byWord.get(word);
  }

  /**
   * All matches, leftmost-first, at most one per pattern and start word, in the first `n` words.
   * `stops[i]` marks a sentence end after word i. `known` lists the words the set knows, in
   * order, with their entries (`entry(words[i])`, cached by the caller): the other words wake no
   * pattern and are not looked at here.
   */
  match(
    n: number,
    words: readonly string[],
    stops: ArrayLike<number> | undefined,
    known: KnownWords<M>,
  ): PatternMatch<M>[] {
    const out: PatternMatch<M>[] = [];
    const gen = ++this.generation;
    const { elementStamps, patternState } = this;
    for (const p of this.unanchored) patternState[PATTERN_STATE * p.id + READY] = gen;
    const { count, positions, entries } = known;
    if (this.openers.length < count) this.openers = new Int32Array(Math.max(count, this.openers.length * 2));
    const openers = this.openers;
    let openerCount = 0;
    // Which patterns have all their single-word elements somewhere in the comment, and which of
    // the known words open patterns.
    let anchoredLive = 0;
    for (let k = 0; k < count; k++) {
      const entry = entries[k] as PatternEntry<M>;
      if (entry.opens) openers[openerCount++] = k;
      if (entry.seen === gen) continue;
      entry.seen = gen;
      const pairs = entry.elements;
      for (let e = 0; e < pairs.length; e += 2) {
        const id = pairs[e] as number;
        if (elementStamps[id] === gen) continue;
        elementStamps[id] = gen;
        const at = PATTERN_STATE * (pairs[e + 1] as number);
        if (patternState[at + STAMP] !== gen) {
          patternState[at + STAMP] = gen;
          patternState[at + COUNT] = 0;
        }
        const satisfied = (patternState[at + COUNT] as number) + 1;
        patternState[at + COUNT] = satisfied;
        if (satisfied === patternState[at + REQUIRED]) {
          patternState[at + READY] = gen;
          anchoredLive++;
        }
      }
    }
    if (anchoredLive === 0 && this.unanchored.length === 0) return out;
    // Most comments wake no anchored pattern: then only the unanchored candidates can match.
    const onlyUnanchored = anchoredLive === 0;
    if (this.byPrefix.length === 0) {
      for (let o = 0; o < openerCount; o++) {
        const k = openers[o] as number;
        const entry = entries[k] as PatternEntry<M>;
        const ids = onlyUnanchored ? entry.firstUnanchored : entry.first;
        this.tryReady(ids, gen, n, words, positions[k] as number, out, stops);
      }
      return out;
    }
    // Readiness does not change while matching: the prefixed patterns that can match, once.
    const prefixed = this.byPrefix.filter((p) => this.ready(p.id, gen));
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (k < count && positions[k] === i) {
        const entry = entries[k++] as PatternEntry<M>;
        this.tryReady(onlyUnanchored ? entry.firstUnanchored : entry.first, gen, n, words, i, out, stops);
      }
      for (let c = 0; c < prefixed.length; c++) this.tryAt(prefixed[c] as CompiledPattern<M>, n, words, i, out, stops);
    }
    return out;
  }

  /** Whether the comment has all the words pattern `id` requires (stamped in call `gen`). */
  private ready(id: number, gen: number): boolean {
    return this.patternState[PATTERN_STATE * id + READY] === gen;
  }

  /** Tries at word `i`, in order, the patterns of `ids` that are ready. */
  private tryReady(
    ids: Int32Array,
    gen: number,
    n: number,
    words: readonly string[],
    i: number,
    out: PatternMatch<M>[],
    stops?: ArrayLike<number>,
  ) {
    for (let c = 0; c < ids.length; c++) {
      const id = ids[c] as number;
      if (this.ready(id, gen)) this.tryAt(this.patterns[id] as CompiledPattern<M>, n, words, i, out, stops);
    }
  }

  private tryAt(
    p: CompiledPattern<M>,
    n: number,
    words: readonly string[],
    i: number,
    out: PatternMatch<M>[],
    stops?: ArrayLike<number>,
  ) {
    const end = matchFrom(p.elements, 0, n, words, i, stops);
    if (end >= 0) out.push({ first: i, end, meta: p.meta });
  }
}

function matchesOne(e: Element, w: string): boolean {
  if (e.any) return true;
  const list = e.exactList;
  if (list !== null) {
    for (let k = 0; k < list.length; k++) if (list[k] === w) return true;
  } else if (e.exact?.has(w)) return true;
  for (const p of e.prefixes) if (w.startsWith(p)) return true;
  return false;
}

/** Index after the match, or -1. `stops[i]` marks a sentence end after word i: gaps never cross it. */
function matchFrom(
  elements: Element[],
  k: number,
  n: number,
  words: readonly string[],
  i: number,
  stops?: ArrayLike<number>,
): number {
  if (k === elements.length) return i;
  const e = elements[k] as Element;
  if (e.gap) {
    for (let skip = 0; skip <= GAP; skip++) {
      const at = i + skip;
      if (at >= n) return -1;
      const r = matchFrom(elements, k + 1, n, words, at, stops);
      if (r >= 0) return r;
      if (stops?.[at]) return -1;
    }
    return -1;
  }
  if (i >= n) return -1;
  if (matchesOne(e, words[i] as string) && !(k + 1 < elements.length && stops?.[i])) {
    const r = matchFrom(elements, k + 1, n, words, i + 1, stops);
    if (r >= 0) return r;
  }
  for (const q of e.sequences) {
    let ok = true;
    for (let m = 0; m < q.length; m++) {
      const at = i + m;
      if (at >= n || words[at] !== q[m] || (stops?.[at] && (m < q.length - 1 || k + 1 < elements.length))) {
        ok = false;
        break;
      }
    }
    if (ok) {
      const r = matchFrom(elements, k + 1, n, words, i + q.length, stops);
      if (r >= 0) return r;
    }
  }
  return -1;
}
