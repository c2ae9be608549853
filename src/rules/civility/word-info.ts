/**
 * Everything the detectors look up about one canonical word, gathered once per word and cached
 * with its reading (words.ts): the per-word loops then read fields instead of hashing the same
 * word in half a dozen maps for every comment.
 */
import type { CivilityData, GroupEntry, PhraseMeta, PredicateMeta } from './data.js';
import type { TermEntry } from './lexicon.js';
import type { PatternEntry } from './patterns.js';

/** Bits of `WordInfo.cues`: the word lists of the insult frame (civility-patterns.json) it is in. */
export const NAMING_VERB = 1;
export const FILLER = 2;
export const COPULA = 4;
export const INSULT_CUE = 8;
export const NOUN_FRAME_CUE = 16;

/**
 * Bits of `WordInfo.kinds`: which of the fields below are set. The word list keeps them per word
 * in a typed array (word-list.ts), so that a detector skips the words it has nothing to do with
 * without reading their WordInfo (most words of a comment, each read a likely cache miss).
 */
export const HAS_TERM = 1;
export const HAS_GROUP = 2;
export const HAS_PHRASE = 4;
export const HAS_PREDICATE = 8;
export const HAS_INTENT = 16;
export const HAS_REPORT = 32;
export const HAS_COUNTER = 64;

export interface WordInfo {
  /** Which of the fields below are set (HAS_ bits). */
  kinds: number;
  /** The insult-frame lists the word is in (bits above), read for every term met. */
  cues: number;
  term: TermEntry | undefined;
  group: GroupEntry | undefined;
  phrase: PatternEntry<PhraseMeta> | undefined;
  predicate: PatternEntry<PredicateMeta> | undefined;
  intent: PatternEntry<null> | undefined;
  report: PatternEntry<null> | undefined;
  counter: PatternEntry<null> | undefined;
}

/** How a key reads: its canonical form and evasion, and what the detectors know about it. */
export interface Reading {
  norm: string;
  evasion: string | null;
  info: WordInfo;
}

/** Shared by every word the rule knows nothing about (most of them): no object per word. */
const NOTHING: WordInfo = {
  kinds: 0,
  cues: 0,
  term: undefined,
  group: undefined,
  phrase: undefined,
  predicate: undefined,
  intent: undefined,
  report: undefined,
  counter: undefined,
};

export function wordInfo(norm: string, data: CivilityData): WordInfo {
  const cues =
    (data.namingVerbs.has(norm) ? NAMING_VERB : 0) |
    (data.fillers.has(norm) ? FILLER : 0) |
    (data.copulas.has(norm) ? COPULA : 0) |
    (data.insultCues.has(norm) ? INSULT_CUE : 0) |
    (data.nounFrameCues.has(norm) ? NOUN_FRAME_CUE : 0);
  const info: WordInfo = {
    kinds: 0,
    cues,
    term: data.terms.get(norm),
    group: data.groups.get(norm),
    phrase: data.phrases.entry(norm),
    predicate: data.predicates.entry(norm),
    intent: data.intent.entry(norm),
    report: data.report.entry(norm),
    counter: data.counter.entry(norm),
  };
  info.kinds =
    (info.term ? HAS_TERM : 0) |
    (info.group ? HAS_GROUP : 0) |
    (info.phrase ? HAS_PHRASE : 0) |
    (info.predicate ? HAS_PREDICATE : 0) |
    (info.intent ? HAS_INTENT : 0) |
    (info.report ? HAS_REPORT : 0) |
    (info.counter ? HAS_COUNTER : 0);
  return cues !== 0 || info.kinds !== 0 ? info : NOTHING;
}
