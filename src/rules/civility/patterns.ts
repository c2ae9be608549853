/**
 * Token-sequence patterns over canonical words, written in the rule data as plain text:
 * "ferme ta|sa|votre gueule", "je sais où tu habit*", "va … faire foutre".
 * - "a|b" alternatives, "tu+es" a two-word alternative, "word*" a prefix, "_" any one word,
 *   "…" a gap of up to four words.
 * Patterns are indexed by their first word, and a gap is bounded, so matching is linear in the
 * number of words for a fixed pattern set.
 */
import { fold } from '../text/fold.js';

interface Element {
  exact: Set<string> | null;
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

function compileElement(raw: string): Element {
  if (raw === '…' || raw === '...') return { exact: null, sequences: [], prefixes: [], any: false, gap: true };
  if (raw === '_') return { exact: null, sequences: [], prefixes: [], any: true, gap: false };
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
  return { exact, sequences, prefixes, any: false, gap: false };
}

/** Splits "t'es" into "t'" "es" like the tokenizer does. */
function splitWords(pattern: string): string[] {
  return pattern.trim().split(/\s+/);
}

export class PatternSet<M> {
  private readonly byFirst = new Map<string, CompiledPattern<M>[]>();
  private readonly byPrefix: CompiledPattern<M>[] = [];
  /**
   * Each pattern's anchor: its most selective single-word element. A pattern runs only when the
   * comment contains one of its anchor's words, so common first words ("je", "les") cost little.
   */
  private readonly byAnchor = new Map<string, CompiledPattern<M>[]>();
  /** Per pattern, the call in which its anchor was seen (a generation counter, no allocation). */
  private stamps = new Int32Array(0);
  private generation = 0;

  constructor(items: { pattern: string; meta: M }[]) {
    for (const { pattern, meta } of items) {
      const elements = splitWords(pattern).map(compileElement);
      const head = elements[0];
      if (!head || head.gap || head.any || elements[elements.length - 1]?.gap) {
        throw new Error(`pattern "${pattern}" must start and end with a word`);
      }
      const compiled: CompiledPattern<M> = {
        id: this.stamps.length,
        unanchored: false,
        elements,
        meta,
        source: pattern,
      };
      this.stamps = new Int32Array(this.stamps.length + 1);
      let anchor: Element | null = null;
      for (const e of elements) {
        if (e.gap || e.any || e.prefixes.length > 0 || e.sequences.length > 0 || !e.exact) continue;
        if (!anchor || e.exact.size <= (anchor.exact as Set<string>).size) anchor = e;
      }
      if (anchor) {
        for (const w of anchor.exact as Set<string>) {
          const list = this.byAnchor.get(w) ?? [];
          list.push(compiled);
          this.byAnchor.set(w, list);
        }
      } else {
        compiled.unanchored = true;
      }
      for (const w of [...(head.exact ?? []), ...head.sequences.map((q) => q[0] as string)]) {
        const list = this.byFirst.get(w) ?? [];
        if (!list.includes(compiled)) list.push(compiled);
        this.byFirst.set(w, list);
      }
      if (head.prefixes.length > 0) this.byPrefix.push(compiled);
    }
  }

  /** Every word the patterns name exactly (for the canonicaliser's vocabulary). */
  words(): Set<string> {
    const out = new Set<string>();
    const seen = new Set<CompiledPattern<M>>();
    for (const list of [...this.byFirst.values(), this.byPrefix]) {
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

  /** All matches, leftmost-first, at most one per pattern and start word. */
  match(words: readonly string[], stops?: readonly boolean[]): PatternMatch<M>[] {
    const out: PatternMatch<M>[] = [];
    const gen = ++this.generation;
    const stamps = this.stamps;
    for (const w of words) {
      const anchored = this.byAnchor.get(w);
      if (anchored) for (const p of anchored) stamps[p.id] = gen;
    }
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      const candidates = this.byFirst.get(w);
      if (candidates) {
        for (const p of candidates) if (p.unanchored || stamps[p.id] === gen) this.tryAt(p, words, i, out, stops);
      }
      for (const p of this.byPrefix) if (p.unanchored || stamps[p.id] === gen) this.tryAt(p, words, i, out, stops);
    }
    return out;
  }

  private tryAt(
    p: CompiledPattern<M>,
    words: readonly string[],
    i: number,
    out: PatternMatch<M>[],
    stops?: readonly boolean[],
  ) {
    const end = matchFrom(p.elements, 0, words, i, stops);
    if (end >= 0) out.push({ first: i, end, meta: p.meta });
  }
}

function matchesOne(e: Element, w: string): boolean {
  if (e.any) return true;
  if (e.exact?.has(w)) return true;
  for (const p of e.prefixes) if (w.startsWith(p)) return true;
  return false;
}

/** Index after the match, or -1. `stops[i]` marks a sentence end after word i: gaps never cross it. */
function matchFrom(
  elements: Element[],
  k: number,
  words: readonly string[],
  i: number,
  stops?: readonly boolean[],
): number {
  if (k === elements.length) return i;
  const e = elements[k] as Element;
  if (e.gap) {
    for (let skip = 0; skip <= GAP; skip++) {
      const at = i + skip;
      if (at >= words.length) return -1;
      const r = matchFrom(elements, k + 1, words, at, stops);
      if (r >= 0) return r;
      if (stops?.[at]) return -1;
    }
    return -1;
  }
  if (i >= words.length) return -1;
  if (matchesOne(e, words[i] as string) && !(k + 1 < elements.length && stops?.[i])) {
    const r = matchFrom(elements, k + 1, words, i + 1, stops);
    if (r >= 0) return r;
  }
  for (const q of e.sequences) {
    let ok = true;
    for (let n = 0; n < q.length; n++) {
      const at = i + n;
      if (at >= words.length || words[at] !== q[n] || (stops?.[at] && (n < q.length - 1 || k + 1 < elements.length))) {
        ok = false;
        break;
      }
    }
    if (ok) {
      const r = matchFrom(elements, k + 1, words, i + q.length, stops);
      if (r >= 0) return r;
    }
  }
  return -1;
}
