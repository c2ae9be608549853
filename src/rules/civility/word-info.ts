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

export interface WordInfo {
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
    cues,
    term: data.terms.get(norm),
    group: data.groups.get(norm),
    phrase: data.phrases.entry(norm),
    predicate: data.predicates.entry(norm),
    intent: data.intent.entry(norm),
    report: data.report.entry(norm),
    counter: data.counter.entry(norm),
  };
  return cues !== 0 ||
    info.term ||
    info.group ||
    info.phrase ||
    info.predicate ||
    info.intent ||
    info.report ||
    info.counter
    ? info
    : NOTHING;
}
