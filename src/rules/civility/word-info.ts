/**
 * Everything the detectors look up about one canonical word, gathered once per word and cached
 * with its reading (words.ts): the per-word loops then read fields instead of hashing the same
 * word in half a dozen maps for every comment.
 */
import type { CivilityData, GroupEntry, PhraseMeta, PredicateMeta } from './data.js';
import type { TermEntry } from './lexicon.js';
import type { PatternEntry } from './patterns.js';

export interface WordInfo {
  term: TermEntry | undefined;
  group: GroupEntry | undefined;
  phrase: PatternEntry<PhraseMeta> | undefined;
  predicate: PatternEntry<PredicateMeta> | undefined;
  intent: PatternEntry<null> | undefined;
  report: PatternEntry<null> | undefined;
  counter: PatternEntry<null> | undefined;
}

/** Shared by every word the rule knows nothing about (most of them): no object per word. */
const NOTHING: WordInfo = {
  term: undefined,
  group: undefined,
  phrase: undefined,
  predicate: undefined,
  intent: undefined,
  report: undefined,
  counter: undefined,
};

export function wordInfo(norm: string, data: CivilityData): WordInfo {
  const info: WordInfo = {
    term: data.terms.get(norm),
    group: data.groups.get(norm),
    phrase: data.phrases.entry(norm),
    predicate: data.predicates.entry(norm),
    intent: data.intent.entry(norm),
    report: data.report.entry(norm),
    counter: data.counter.entry(norm),
  };
  return info.term || info.group || info.phrase || info.predicate || info.intent || info.report || info.counter
    ? info
    : NOTHING;
}
