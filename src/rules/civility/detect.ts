/**
 * The civility detectors over canonical words: lexicon terms (always, or only in an insult
 * frame), multi-word phrases (threats, put-downs, coded hate), hateful generalisations about a
 * group (a group named in the sentence, or carried by a pronoun from the one before, and a
 * hateful predicate that is not negated), counter-speech and reported speech, and shouting.
 */

import type { CivilityData, GroupEntry } from './data.js';
import type { Category, Severity, TermEntry } from './lexicon.js';
import { KnownWords, type PatternEntry } from './patterns.js';
import {
  COPULA,
  FILLER,
  HAS_COUNTER,
  HAS_GROUP,
  HAS_INTENT,
  HAS_PHRASE,
  HAS_PREDICATE,
  HAS_REPORT,
  HAS_TERM,
  INSULT_CUE,
  NAMING_VERB,
  NOUN_FRAME_CUE,
  type WordInfo,
} from './word-info.js';
import { ACCENTED, BANG, COMMA, MENTION, type WordList } from './word-list.js';

export interface Hit {
  first: number;
  /** Index after the last word. */
  end: number;
  category: Category;
  severity: Severity;
  /** The lexicon term, pattern or predicate that matched. */
  evidence: string;
  evasion: string | null;
  /** A targeted term (an insult only in its frame). */
  targeted?: boolean;
}

export interface ShoutingOptions {
  minLetters: number;
  capsRatio: number;
  capsRatioWithBangs: number;
}

export function detect(words: WordList, data: CivilityData): Hit[] {
  // The per-word arrays the detectors share are the word list's own; the first word of each sentence.
  const n = words.count;
  const norms = words.norm;
  const stops = words.stops;
  const infos = words.info;
  const sentOf = words.sentence;
  // What each word's WordInfo holds (HAS_ bits): the loops below read a WordInfo only when it has
  // what they look for.
  const kinds = words.kinds;
  const hits: Hit[] = [];

  // 1. Lexicon terms.
  for (let i = 0; i < n; i++) {
    if (((kinds[i] as number) & HAS_TERM) === 0) continue;
    const entry = (infos[i] as WordInfo).term as TermEntry;
    const evasion = words.evasion[i] as string | null;
    if (entry.requireAccent && !words.has(i, ACCENTED) && evasion === null) continue;
    if (i + 1 < n && !words.stop(i) && entry.notBefore.has(norms[i + 1] as string)) continue;
    const frame = insultFrame(i, words, data);
    if (frame === 'naming') continue;
    if (entry.mode === 'always' || frame === 'insult') {
      hits.push({
        first: i,
        end: i + 1,
        category: entry.category,
        severity: entry.severity,
        evidence: entry.term,
        evasion,
        targeted: entry.mode === 'targeted',
      });
    }
  }

  // 2. Multi-word phrases.
  for (const m of data.phrases.match(n, norms, stops, knownWords(words, HAS_PHRASE, phraseOf))) {
    hits.push({
      first: m.first,
      end: m.end,
      category: m.meta.category,
      severity: m.meta.severity,
      evidence: norms.slice(m.first, m.end).join(' '),
      evasion: evasionOf(words, m.first, m.end),
    });
  }

  // 3. Hateful generalisations.
  const groupAt = groupsScratch(n);
  // Groups outside quotes only: a quoted group is someone else's words (made for the first group).
  let sentHasGroup: boolean[] = NO_GROUP;
  // Hate needs a group: most comments name none, and skip the predicates altogether.
  let anyGroup = false;
  for (let i = 0; i < n; i++) {
    if (((kinds[i] as number) & HAS_GROUP) === 0) continue;
    const g = (infos[i] as WordInfo).group as GroupEntry;
    const at = !g.needsDeterminer || (i > 0 && data.determiners.has(norms[i - 1] as string) && !stops[i - 1]);
    if (!at) continue;
    groupAt[i] = 1;
    if (!words.quoted(i)) {
      if (sentHasGroup === NO_GROUP) sentHasGroup = [];
      sentHasGroup[sentOf[i] as number] = true;
      anyGroup = true;
    }
  }
  // The sentences with an intent cue, worked out for the first violent predicate.
  let intentSentences: Set<number> | null = null;

  const predicates = anyGroup
    ? data.predicates.match(n, norms, stops, knownWords(words, HAS_PREDICATE, predicateOf))
    : [];
  // The first word of each sentence, for the predicates.
  const sentStart: number[] = predicates.length > 0 ? sentenceStarts(words) : [];
  for (const p of predicates) {
    const si = sentOf[p.first] as number;
    const start = sentStart[si] as number;
    // Single predicates must reach their group through a chain of function words (the group as
    // subject, "les X sont des …", or as object, "tuer tous les X"), else any sentence naming a
    // group and a harsh word would fire. Explicit constructions ("fixed") only need the group near.
    const loose = p.meta.polarity === 'fixed' || p.end - p.first > 1;
    const nearGroup = loose
      ? groupNear(groupAt, words, p.first, p.end, start, stops, 12)
      : linkedGroup(groupAt, words, data, p.first, p.end, p.meta.kind === 'emotion');
    const pronounNear = hasPronounNear(words, data, p.first, p.end, start, stops);
    const linked =
      nearGroup !== false ||
      (pronounNear &&
        (sentHasGroup[si] === true ||
          (si > 0 && sentHasGroup[si - 1] === true) ||
          // "On devrait les abattre. Ce ne sont que des X."
          sentHasGroup[si + 1] === true));
    if (!linked) continue;
    if (p.meta.kind === 'violence') {
      intentSentences ??= intentSentencesOf(data, words);
      if (!intentSentences.has(si)) continue;
    }
    // Negation in the predicate's clause: up to five words before it (not across "que", "mais"…)
    // and inside it, plus the "pas" of a "ne … pas" around it. "N'est-il pas évident que…" is no negation.
    let from = p.first;
    while (from > Math.max(start, p.first - 5)) {
      if (data.clauseBreaks.has(norms[from - 1] as string) || words.has(from - 1, COMMA)) break;
      from--;
    }
    let to = p.end;
    for (let k = Math.max(start, p.first - 3); k < p.first; k++)
      if (norms[k] === 'ne' || norms[k] === "n'") to = Math.min(n, p.end + 2);
    let negated = false;
    let positiveNegated = false;
    for (let k = from; k < to; k++) {
      const norm = norms[k] as string;
      if (
        norm === 'pas' &&
        k >= 2 &&
        /^(ce|il|elle|on)$/.test(norms[k - 1] as string) &&
        /^(est|etait)$/.test(norms[k - 2] as string)
      )
        continue;
      if (data.negatorExceptions.has(k + 1 < n ? (norms[k + 1] as string) : '')) continue;
      if (data.negators.has(norm)) negated = true;
      if (data.positiveNegators.has(norm)) positiveNegated = true;
    }
    // "Aucun trans ne mérite…": a negated group.
    if (nearGroup !== false && nearGroup > 0 && data.negators.has(norms[nearGroup - 1] as string)) negated = true;
    if (p.meta.polarity === 'fixed') negated = false;
    if (p.meta.polarity === 'negative' && negated) continue;
    if (p.meta.polarity === 'positive' && !positiveNegated) continue;
    // "vous détestez les X": someone else's hate, reported or blamed.
    if (p.meta.kind === 'emotion') {
      let k = p.first - 1;
      while (k >= start && (norms[k] === 'ne' || norms[k] === "n'")) k--;
      if (k >= start && data.secondPerson.has(norms[k] as string)) continue;
    }
    hits.push({
      first: p.first,
      end: p.end,
      category: p.meta.kind === 'dehumanising' ? 'dehumanising' : p.meta.kind === 'violence' ? 'threat' : 'hate',
      severity: 'high',
      evidence: norms.slice(p.first, p.end).join(' '),
      evasion: evasionOf(words, p.first, p.end),
    });
  }

  // 4. Reported speech and counter-speech.
  if (hits.length === 0) return hits;
  const suppressed = new Set<Hit>();
  const reportedFrom = new Map<number, number>();
  const reportMatches = data.report.match(n, norms, stops, knownWords(words, HAS_REPORT, reportOf));
  for (const m of reportMatches) {
    // "C'est quoi le problème de dire que…" endorses what follows.
    if (
      (m.first >= 1 && data.reportEndorsers.has(norms[m.first - 1] as string)) ||
      (m.first >= 2 && data.reportEndorsers.has(norms[m.first - 2] as string))
    )
      continue;
    const si = sentOf[m.first] as number;
    const prev = reportedFrom.get(si);
    if (prev === undefined || m.first < prev) reportedFrom.set(si, m.first);
  }
  let counterOutsideQuotes = false;
  if (hits.some((h) => words.quoted(h.first))) {
    const counterMatches = data.counter.match(n, norms, stops, knownWords(words, HAS_COUNTER, counterOf));
    for (const m of [...counterMatches, ...reportMatches]) {
      if (!words.quoted(m.first)) counterOutsideQuotes = true;
    }
  }
  for (const h of hits) {
    const si = sentOf[h.first] as number;
    const from = reportedFrom.get(si);
    const soft =
      h.targeted === true ||
      h.category === 'hate' ||
      h.category === 'dehumanising' ||
      h.category === 'threat' ||
      h.category === 'slur';
    if (from !== undefined && from < h.first && soft) suppressed.add(h);
    if (counterOutsideQuotes && words.quoted(h.first)) suppressed.add(h);
  }
  // Most comments suppress nothing: their hits as they are, not a copy.
  return suppressed.size === 0 ? hits : hits.filter((h) => !suppressed.has(h));
}

// What each pattern set knows about a word: made once, not per comment.
const phraseOf = (info: WordInfo) => info.phrase;
const predicateOf = (info: WordInfo) => info.predicate;
const reportOf = (info: WordInfo) => info.report;
const counterOf = (info: WordInfo) => info.counter;
const intentOf = (info: WordInfo) => info.intent;

/**
 * The words a pattern set knows (`kind`, a HAS_ bit) with their entries in it (cached in their
 * WordInfo: no look-up by word). The list is reused by the next call: each is read by one
 * `match`, which is done before the next call.
 */
function knownWords<M>(
  words: WordList,
  kind: number,
  entryOf: (info: WordInfo) => PatternEntry<M> | undefined,
): KnownWords<M> {
  const known = knownScratch as KnownWords<M>;
  known.clear();
  const { kinds, info } = words;
  for (let i = 0; i < words.count; i++)
    if (((kinds[i] as number) & kind) !== 0) known.push(i, entryOf(info[i] as WordInfo) as PatternEntry<M>);
  return known;
}

const knownScratch = new KnownWords<unknown>();

/** No sentence names a group (shared: most comments name none). */
const NO_GROUP: boolean[] = [];

/** The index of the first word of each sentence. */
function sentenceStarts(words: WordList): number[] {
  const starts = [0];
  for (let i = 0; i + 1 < words.count; i++) if (words.stops[i] === 1) starts.push(i + 1);
  return starts;
}

let groupAtScratch = new Uint8Array(256);

/** Whether a group is named at each of the `n` words: all 0, reused from one comment to the next. */
function groupsScratch(n: number): Uint8Array {
  if (groupAtScratch.length < n) groupAtScratch = new Uint8Array(Math.max(n, groupAtScratch.length * 2));
  groupAtScratch.fill(0, 0, n);
  return groupAtScratch;
}

/** The sentences with an intent or wish cue ("je vais", "devraient"). */
function intentSentencesOf(data: CivilityData, words: WordList): Set<number> {
  const sentences = new Set<number>();
  for (const m of data.intent.match(words.count, words.norm, words.stops, knownWords(words, HAS_INTENT, intentOf)))
    sentences.add(words.sentence[m.first] as number);
  return sentences;
}

/**
 * The group a one-word predicate is about: walking back over bridge words to a group that is not
 * the complement of a preposition, or forward to its object ("déteste les X"; "pour" only after
 * an emotion: "aucun respect pour les X", not "une menace pour les X").
 */
function linkedGroup(
  groupAt: Uint8Array,
  words: WordList,
  data: CivilityData,
  first: number,
  end: number,
  emotion: boolean,
): number | false {
  const norms = words.norm;
  const quoted = words.quoted(first);
  for (let k = first - 1, steps = 0; k >= 0 && steps < 12 && !words.stop(k); k--, steps++) {
    if (groupAt[k] && words.quoted(k) === quoted) {
      let b = k - 1;
      while (b >= 0 && data.determiners.has(norms[b] as string) && !words.stop(b)) b--;
      if (b >= 0 && !words.stop(b) && data.subjectBlockers.has(norms[b] as string)) return false;
      return k;
    }
    if (!data.linkBridges.has(norms[k] as string)) break;
  }
  for (let k = end, steps = 0; k < words.count && steps < 7; k++, steps++) {
    if (groupAt[k] && words.quoted(k) === quoted) return k;
    if (words.stop(k - 1)) break;
    const norm = norms[k] as string;
    if (norm === 'pour' ? !emotion : !data.linkBridges.has(norm)) break;
  }
  return false;
}

/** Index of a group word within `window` words of the span, in the same sentence; false if none. */
function groupNear(
  groupAt: Uint8Array,
  words: WordList,
  first: number,
  end: number,
  sentenceStart: number,
  stops: Uint8Array,
  window: number,
): number | false {
  const quoted = words.quoted(first);
  for (let k = first - 1; k >= Math.max(sentenceStart, first - window); k--)
    if (groupAtQuoted(groupAt, words, k, quoted)) return k;
  for (let k = first; k < end; k++) if (groupAtQuoted(groupAt, words, k, quoted)) return k;
  for (let k = end; k < Math.min(words.count, end + window); k++) {
    if (groupAtQuoted(groupAt, words, k, quoted)) return k;
    if (stops[k]) break;
  }
  return false;
}

/** A group at `k`, inside quotes or not as the predicate is (a function, not a closure per call). */
function groupAtQuoted(groupAt: Uint8Array, words: WordList, k: number, quoted: boolean): boolean {
  return groupAt[k] === 1 && words.quoted(k) === quoted;
}

function hasPronounNear(
  words: WordList,
  data: CivilityData,
  first: number,
  end: number,
  start: number,
  stops: Uint8Array,
): boolean {
  const norms = words.norm;
  // Before: a pronoun reached over bridge words ("je les déteste", "ce sont juste des …"), not an
  // article before a noun ("les attaques …").
  for (let k = first - 1, steps = 0; k >= start && steps < 6; k--, steps++) {
    const n = norms[k] as string;
    if (data.pronouns.has(n) && !data.groups.has(norms[k + 1] as string)) return true;
    if (!data.linkBridges.has(n)) break;
  }
  for (let k = end; k < Math.min(words.count, end + 3); k++) {
    // After the predicate only subject or stressed pronouns: "les" there is an article.
    if (data.pronounsAfter.has(norms[k] as string)) return true;
    if (stops[k]) break;
  }
  return false;
}

function evasionOf(words: WordList, first: number, end: number): string | null {
  for (let k = first; k < end; k++) {
    const e = words.evasion[k];
    if (e) return e;
  }
  return null;
}

/**
 * Whether a targeted term is used as an insult: walking back over fillers ("un", "gros",
 * "vraiment"), the first other word is an insult cue ("es", "sont", "bande de", "sale", "quel"),
 * a mention, or a demonstrative before "term de …"; or the term stands alone as a vocative
 * ("Crétin !", "…, bande de nazes."). 'naming' when it reports a name ("traiter de").
 */
function insultFrame(i: number, words: WordList, data: CivilityData): 'insult' | 'naming' | null {
  const cuesAt = (k: number) => (words.info[k] as WordInfo).cues;
  for (let k = i - 1; k >= Math.max(0, i - 4) && !words.stop(k); k--) {
    if (cuesAt(k) & NAMING_VERB) return 'naming';
  }
  let j = i - 1;
  let steps = 0;
  while (j >= 0 && !words.stop(j) && steps < 5 && cuesAt(j) & FILLER) {
    j--;
    steps++;
  }
  const prev = j >= 0 && !words.stop(j) ? j : -1;
  if (prev >= 0) {
    const cues = cuesAt(prev);
    if (cues & NAMING_VERB) return 'naming';
    if (cues & COPULA) {
      // "X sont débiles": with no article, an adjective; an insult only about people.
      const noun = steps > 0 && isArticle(words, i, j);
      return noun || personSubject(j, words, data) ? 'insult' : null;
    }
    if (cues & INSULT_CUE || words.has(prev, MENTION)) return 'insult';
    if (cues & NOUN_FRAME_CUE && i + 1 < words.count && !words.stop(i)) {
      const next = words.norm[i + 1];
      if (next === 'de' || next === "d'") return 'insult';
    }
  }
  // A vocative: the term opens its sentence (after fillers: "Gros débile !") or follows a comma,
  // and closes it or is followed by a comma ("Crétin !", "…, tocards.").
  const alone = prev < 0 || (words.has(prev, COMMA) && steps === 0);
  if (alone && (words.stop(i) || words.has(i, COMMA | BANG))) return 'insult';
  return null;
}

const ARTICLE_WORDS = new Set(['un', 'une', 'des', 'de', "d'", 'du']);

/** Whether an article stands between the copula (at j) and the term (at i): "sont des abrutis". */
function isArticle(words: WordList, i: number, j: number): boolean {
  for (let k = j + 1; k < i; k++) if (ARTICLE_WORDS.has(words.norm[k] as string)) return true;
  return false;
}

/** The subject before the copula at `c` is a person: a pronoun, a people noun, a group, or "X qui …". */
function personSubject(c: number, words: WordList, data: CivilityData): boolean {
  const norms = words.norm;
  let k = c - 1;
  while (k >= 0 && !words.stop(k) && (words.info[k] as WordInfo).cues & FILLER) k--;
  if (k < 0 || words.stop(k)) return false;
  if (isPerson(norms[k] as string, data)) return true;
  for (let q = k; q >= Math.max(0, c - 10) && !words.stop(q); q--) {
    if (norms[q] === 'qui' && q > 0) return isPerson(norms[q - 1] as string, data);
  }
  return false;
}

function isPerson(n: string, data: CivilityData): boolean {
  return data.personSubjects.has(n) || data.groups.has(n) || data.terms.has(n);
}

export function isShouting(words: WordList, text: string, options: ShoutingOptions): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < words.count; i++) {
    letters += words.letters[i] as number;
    upper += words.upper[i] as number;
  }
  if (letters < options.minLetters) return false;
  const ratio = upper / letters;
  if (ratio >= options.capsRatio) return true;
  // The text is looked at only when the share of capitals leaves the question open.
  if (ratio < options.capsRatioWithBangs) return false;
  return text.includes('!!') || text.includes('?!') || text.includes('!?') || text.trimEnd().endsWith('!');
}
