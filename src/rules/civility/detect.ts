/**
 * The civility detectors over canonical words: lexicon terms (always, or only in an insult
 * frame), multi-word phrases (threats, put-downs, coded hate), hateful generalisations about a
 * group (a group named in the sentence, or carried by a pronoun from the one before, and a
 * hateful predicate that is not negated), counter-speech and reported speech, and shouting.
 */

import type { CivilityData, PhraseMeta } from './data.js';
import type { Category, Severity } from './lexicon.js';
import type { PatternEntry } from './patterns.js';
import type { Word } from './words.js';

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

export function detect(words: Word[], data: CivilityData): Hit[] {
  // One pass for the per-word arrays the detectors share.
  const n = words.length;
  const norms: string[] = new Array(n);
  const stops: boolean[] = new Array(n);
  const phraseEntries: (PatternEntry<PhraseMeta> | undefined)[] = new Array(n);
  const sentOf: number[] = new Array(n);
  const sentStart: number[] = [0];
  let s = 0;
  for (let i = 0; i < n; i++) {
    const w = words[i] as Word;
    norms[i] = w.norm;
    stops[i] = w.stop;
    phraseEntries[i] = w.info.phrase;
    sentOf[i] = s;
    if (w.stop && i + 1 < n) {
      s++;
      sentStart.push(i + 1);
    }
  }
  const hits: Hit[] = [];
  const suppressed = new Set<Hit>();

  // 1. Lexicon terms.
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    const entry = w.info.term;
    if (!entry) continue;
    if (entry.requireAccent && !w.accented && w.evasion === null) continue;
    const after = words[i + 1];
    if (after && !w.stop && entry.notBefore.has(after.norm)) continue;
    const frame = insultFrame(i, words, data);
    if (frame === 'naming') continue;
    if (entry.mode === 'always' || frame === 'insult') {
      hits.push({
        first: i,
        end: i + 1,
        category: entry.category,
        severity: entry.severity,
        evidence: entry.term,
        evasion: w.evasion,
        targeted: entry.mode === 'targeted',
      });
    }
  }

  // 2. Multi-word phrases.
  for (const m of data.phrases.match(norms, stops, phraseEntries)) {
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
  const groupAt: boolean[] = new Array(n);
  // Groups outside quotes only: a quoted group is someone else's words.
  const sentHasGroup: boolean[] = [];
  // Hate needs a group: most comments name none, and skip the predicates altogether.
  let anyGroup = false;
  for (let i = 0; i < n; i++) {
    const w = words[i] as Word;
    const g = w.info.group;
    let at = false;
    if (g) {
      if (!g.needsDeterminer) at = true;
      else {
        const prev = norms[i - 1];
        at = prev !== undefined && data.determiners.has(prev) && !stops[i - 1];
      }
    }
    groupAt[i] = at;
    if (at && !w.quoted) {
      sentHasGroup[sentOf[i] as number] = true;
      anyGroup = true;
    }
  }
  // The sentences with an intent cue, worked out for the first violent predicate.
  let intentSentences: Set<number> | null = null;

  for (const p of anyGroup ? data.predicates.match(norms, stops, words.map(predicateOf)) : []) {
    const si = sentOf[p.first] as number;
    const start = sentStart[si] as number;
    // Single predicates must reach their group through a chain of function words (the group as
    // subject, "les X sont des …", or as object, "tuer tous les X"), else any sentence naming a
    // group and a harsh word would fire. Explicit constructions ("fixed") only need the group near.
    const loose = p.meta.polarity === 'fixed' || p.end - p.first > 1;
    const nearGroup = loose
      ? groupNear(groupAt, words, p.first, p.end, start, stops, 12)
      : linkedGroup(groupAt, words, data, p.first, p.end, p.meta.kind === 'emotion');
    const pronounNear = hasPronounNear(norms, data, p.first, p.end, start, stops);
    const linked =
      nearGroup !== false ||
      (pronounNear &&
        (sentHasGroup[si] === true ||
          (si > 0 && sentHasGroup[si - 1] === true) ||
          // "On devrait les abattre. Ce ne sont que des X."
          sentHasGroup[si + 1] === true));
    if (!linked) continue;
    if (p.meta.kind === 'violence') {
      intentSentences ??= intentSentencesOf(data, words, norms, stops, sentOf);
      if (!intentSentences.has(si)) continue;
    }
    // Negation in the predicate's clause: up to five words before it (not across "que", "mais"…)
    // and inside it, plus the "pas" of a "ne … pas" around it. "N'est-il pas évident que…" is no negation.
    let from = p.first;
    while (from > Math.max(start, p.first - 5)) {
      const prevWord = words[from - 1] as Word;
      if (data.clauseBreaks.has(prevWord.norm) || prevWord.comma) break;
      from--;
    }
    let to = p.end;
    for (let k = Math.max(start, p.first - 3); k < p.first; k++)
      if (norms[k] === 'ne' || norms[k] === "n'") to = Math.min(words.length, p.end + 2);
    let negated = false;
    let positiveNegated = false;
    for (let k = from; k < to; k++) {
      const n = norms[k] as string;
      if (
        n === 'pas' &&
        k >= 2 &&
        /^(ce|il|elle|on)$/.test(norms[k - 1] as string) &&
        /^(est|etait)$/.test(norms[k - 2] as string)
      )
        continue;
      if (data.negatorExceptions.has(norms[k + 1] ?? '')) continue;
      if (data.negators.has(n)) negated = true;
      if (data.positiveNegators.has(n)) positiveNegated = true;
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
  const reportedFrom = new Map<number, number>();
  const reportMatches = data.report.match(norms, stops, words.map(reportOf));
  for (const m of reportMatches) {
    // "C'est quoi le problème de dire que…" endorses what follows.
    const before = [norms[m.first - 1], norms[m.first - 2]];
    if (before.some((n) => n !== undefined && data.reportEndorsers.has(n))) continue;
    const si = sentOf[m.first] as number;
    const prev = reportedFrom.get(si);
    if (prev === undefined || m.first < prev) reportedFrom.set(si, m.first);
  }
  let counterOutsideQuotes = false;
  if (hits.some((h) => (words[h.first] as Word).quoted)) {
    const counterMatches = data.counter.match(norms, stops, words.map(counterOf));
    for (const m of [...counterMatches, ...reportMatches]) {
      if (!(words[m.first] as Word).quoted) counterOutsideQuotes = true;
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
    if (counterOutsideQuotes && (words[h.first] as Word).quoted) suppressed.add(h);
  }
  return hits.filter((h) => !suppressed.has(h));
}

// What each pattern set knows about a word, for `words.map`: made once, not per comment.
const predicateOf = (w: Word) => w.info.predicate;
const reportOf = (w: Word) => w.info.report;
const counterOf = (w: Word) => w.info.counter;
const intentOf = (w: Word) => w.info.intent;

/** The sentences with an intent or wish cue ("je vais", "devraient"). */
function intentSentencesOf(
  data: CivilityData,
  words: Word[],
  norms: string[],
  stops: boolean[],
  sentOf: number[],
): Set<number> {
  const sentences = new Set<number>();
  for (const m of data.intent.match(norms, stops, words.map(intentOf))) sentences.add(sentOf[m.first] as number);
  return sentences;
}

/**
 * The group a one-word predicate is about: walking back over bridge words to a group that is not
 * the complement of a preposition, or forward to its object ("déteste les X"; "pour" only after
 * an emotion: "aucun respect pour les X", not "une menace pour les X").
 */
function linkedGroup(
  groupAt: boolean[],
  words: Word[],
  data: CivilityData,
  first: number,
  end: number,
  emotion: boolean,
): number | false {
  const quoted = (words[first] as Word).quoted;
  for (let k = first - 1, steps = 0; k >= 0 && steps < 12 && !(words[k] as Word).stop; k--, steps++) {
    const w = words[k] as Word;
    if (groupAt[k] && w.quoted === quoted) {
      let b = k - 1;
      while (b >= 0 && data.determiners.has((words[b] as Word).norm) && !(words[b] as Word).stop) b--;
      if (b >= 0 && !(words[b] as Word).stop && data.subjectBlockers.has((words[b] as Word).norm)) return false;
      return k;
    }
    if (!data.linkBridges.has(w.norm)) break;
  }
  for (let k = end, steps = 0; k < words.length && steps < 7; k++, steps++) {
    const w = words[k] as Word;
    if (groupAt[k] && w.quoted === quoted) return k;
    if ((words[k - 1] as Word).stop) break;
    if (w.norm === 'pour' ? !emotion : !data.linkBridges.has(w.norm)) break;
  }
  return false;
}

/** Index of a group word within `window` words of the span, in the same sentence; false if none. */
function groupNear(
  groupAt: boolean[],
  words: Word[],
  first: number,
  end: number,
  sentenceStart: number,
  stops: boolean[],
  window: number,
): number | false {
  const quoted = (words[first] as Word).quoted;
  for (let k = first - 1; k >= Math.max(sentenceStart, first - window); k--)
    if (groupAtQuoted(groupAt, words, k, quoted)) return k;
  for (let k = first; k < end; k++) if (groupAtQuoted(groupAt, words, k, quoted)) return k;
  for (let k = end; k < Math.min(groupAt.length, end + window); k++) {
    if (groupAtQuoted(groupAt, words, k, quoted)) return k;
    if (stops[k]) break;
  }
  return false;
}

/** A group at `k`, inside quotes or not as the predicate is (a function, not a closure per call). */
function groupAtQuoted(groupAt: boolean[], words: Word[], k: number, quoted: boolean): boolean {
  return groupAt[k] === true && (words[k] as Word).quoted === quoted;
}

function hasPronounNear(
  norms: string[],
  data: CivilityData,
  first: number,
  end: number,
  start: number,
  stops: boolean[],
): boolean {
  // Before: a pronoun reached over bridge words ("je les déteste", "ce sont juste des …"), not an
  // article before a noun ("les attaques …").
  for (let k = first - 1, steps = 0; k >= start && steps < 6; k--, steps++) {
    const n = norms[k] as string;
    if (data.pronouns.has(n) && !data.groups.has(norms[k + 1] as string)) return true;
    if (!data.linkBridges.has(n)) break;
  }
  for (let k = end; k < Math.min(norms.length, end + 3); k++) {
    // After the predicate only subject or stressed pronouns: "les" there is an article.
    if (data.pronounsAfter.has(norms[k] as string)) return true;
    if (stops[k]) break;
  }
  return false;
}

function evasionOf(words: Word[], first: number, end: number): string | null {
  for (let k = first; k < end; k++) {
    const e = (words[k] as Word).evasion;
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
function insultFrame(i: number, words: Word[], data: CivilityData): 'insult' | 'naming' | null {
  for (let k = i - 1; k >= Math.max(0, i - 4) && !(words[k] as Word).stop; k--) {
    if (data.namingVerbs.has((words[k] as Word).norm)) return 'naming';
  }
  let j = i - 1;
  let steps = 0;
  while (j >= 0 && !(words[j] as Word).stop && steps < 5 && data.fillers.has((words[j] as Word).norm)) {
    j--;
    steps++;
  }
  const w = words[i] as Word;
  const prev = j >= 0 && !(words[j] as Word).stop ? (words[j] as Word) : null;
  if (prev) {
    if (data.namingVerbs.has(prev.norm)) return 'naming';
    if (data.copulas.has(prev.norm)) {
      // "X sont débiles": with no article, an adjective; an insult only about people.
      const noun = steps > 0 && isArticle((words[i - 1] as Word).norm, words, i, j);
      return noun || personSubject(j, words, data) ? 'insult' : null;
    }
    if (data.insultCues.has(prev.norm) || prev.mention) return 'insult';
    const next = words[i + 1];
    if (data.nounFrameCues.has(prev.norm) && next && (next.norm === 'de' || next.norm === "d'") && !w.stop)
      return 'insult';
  }
  // A vocative: the term opens its sentence (after fillers: "Gros débile !") or follows a comma,
  // and closes it or is followed by a comma ("Crétin !", "…, tocards.").
  const alone = prev === null || (prev.comma && steps === 0);
  if (alone && (w.stop || w.comma || w.bang)) return 'insult';
  return null;
}

const ARTICLE_WORDS = new Set(['un', 'une', 'des', 'de', "d'", 'du']);

/** Whether an article stands between the copula (at j) and the term (at i): "sont des abrutis". */
function isArticle(_prev: string, words: Word[], i: number, j: number): boolean {
  for (let k = j + 1; k < i; k++) if (ARTICLE_WORDS.has((words[k] as Word).norm)) return true;
  return false;
}

/** The subject before the copula at `c` is a person: a pronoun, a people noun, a group, or "X qui …". */
function personSubject(c: number, words: Word[], data: CivilityData): boolean {
  let k = c - 1;
  while (k >= 0 && !(words[k] as Word).stop && data.fillers.has((words[k] as Word).norm)) k--;
  if (k < 0 || (words[k] as Word).stop) return false;
  if (isPerson((words[k] as Word).norm, data)) return true;
  for (let q = k; q >= Math.max(0, c - 10) && !(words[q] as Word).stop; q--) {
    if ((words[q] as Word).norm === 'qui' && q > 0) return isPerson((words[q - 1] as Word).norm, data);
  }
  return false;
}

function isPerson(n: string, data: CivilityData): boolean {
  return data.personSubjects.has(n) || data.groups.has(n) || data.terms.has(n);
}

export function isShouting(words: Word[], text: string, options: ShoutingOptions): boolean {
  let letters = 0;
  let upper = 0;
  for (const w of words) {
    letters += w.letters;
    upper += w.upper;
  }
  if (letters < options.minLetters) return false;
  const ratio = upper / letters;
  if (ratio >= options.capsRatio) return true;
  // The text is looked at only when the share of capitals leaves the question open.
  if (ratio < options.capsRatioWithBangs) return false;
  return text.includes('!!') || text.includes('?!') || text.includes('!?') || text.trimEnd().endsWith('!');
}
