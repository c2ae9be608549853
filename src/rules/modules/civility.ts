import { z } from 'zod';
import { type CivilityData, loadCivilityData } from '../civility/data.js';
import { detect, type Hit, isShouting } from '../civility/detect.js';
import type { Category } from '../civility/lexicon.js';
import { wordsFromAnalysis } from '../civility/token-words.js';
import type { WordList } from '../civility/word-list.js';
import { wordsOf } from '../civility/words.js';
import type { TextAnalysis } from '../text/analysis.js';
import { codeUnitsOf } from '../text/code-units.js';
import type { LocalizedText, RuleModule, Severity, Span, Violation } from '../types.js';

/**
 * Rule 2, civility (shared/moderation-policy.md §2): insults, vulgarity, slurs, threats, hateful
 * generalisations about groups, put-downs and shouting, read through leetspeak, masks, spaced or
 * repeated letters and look-alike characters. Words are matched whole, never as substrings, and
 * every span points back to the original text. The data is in rules/<lang>/civility*.json.
 */
const optionsSchema = z
  .object({
    /** Shouting: at least this many letters in the comment… */
    shoutMinLetters: z.number().int().min(1).default(15),
    /** …and this share of them in capitals… */
    shoutCapsRatio: z.number().min(0).max(1).default(0.8),
    /** …or this share with "!!" (or a final "!"). */
    shoutCapsRatioWithBangs: z.number().min(0).max(1).default(0.6),
  })
  .strict();
type CivilityOptions = z.infer<typeof optionsSchema>;

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

const quoteList = (spans: Span[]) => spans.map((s) => `« ${s.text} »`).join(', ');

/** Messages by category, from the spans and their quoted list (made once for both languages). */
const MESSAGES: Record<Category, (spans: Span[], quoted: string) => LocalizedText> = {
  insult: (s, q) => ({
    fr: `Merci de rester courtois : ${q} ${s.length > 1 ? 'sont injurieux' : 'est injurieux'}.`,
    en: `Please stay civil: ${q} ${s.length > 1 ? 'are insults' : 'is an insult'}.`,
  }),
  vulgarity: (s, q) => ({
    fr: `Merci de rester courtois : ${q} ${s.length > 1 ? 'sont vulgaires' : 'est vulgaire'}.`,
    en: `Please stay civil: ${q} ${s.length > 1 ? 'are vulgar' : 'is vulgar'}.`,
  }),
  slur: (s, q) => ({
    fr: `Merci de rester courtois : ${q} ${s.length > 1 ? 'sont des injures haineuses' : 'est une injure haineuse'}.`,
    en: `Please stay civil: ${q} ${s.length > 1 ? 'are slurs' : 'is a slur'}.`,
  }),
  threat: (_s, q) => ({
    fr: `Merci de rester courtois : ${q} ressemble à une menace.`,
    en: `Please stay civil: ${q} reads as a threat.`,
  }),
  dehumanising: (_s, q) => ({
    fr: `Merci de rester courtois : ${q} déshumanise un groupe de personnes.`,
    en: `Please stay civil: ${q} dehumanises a group of people.`,
  }),
  hate: (_s, q) => ({
    fr: `Merci de rester courtois : ${q} dénigre des personnes pour ce qu'elles sont.`,
    en: `Please stay civil: ${q} disparages people for who they are.`,
  }),
  putdown: (_s, q) => ({
    fr: `Merci de rester courtois : ${q} rabaisse votre interlocuteur.`,
    en: `Please stay civil: ${q} belittles the person you are talking to.`,
  }),
  shouting: () => ({
    fr: 'Merci de rester courtois : inutile de crier, évitez d’écrire tout en majuscules.',
    en: 'Please stay civil: no need to shout, avoid writing in capitals.',
  }),
};

const CATEGORY_ORDER: Category[] = [
  'threat',
  'slur',
  'dehumanising',
  'hate',
  'insult',
  'putdown',
  'vulgarity',
  'shouting',
];
const CATEGORY_RANK = Object.fromEntries(CATEGORY_ORDER.map((c, i) => [c, i])) as Record<Category, number>;

export const civilityRule: RuleModule<CivilityData, CivilityOptions> = {
  id: 'civility',
  parseOptions: (raw) => optionsSchema.parse(raw),
  loadData: (files, lang) => loadCivilityData(files, lang),
  check(text, { data, options, analysis }): Violation[] {
    const shared = analysis();
    const skip = linksToSkip(text, shared);
    // The words of the shared analysis's tokens, each token's read once (token-words.ts).
    const words =
      shared.text === text ? wordsFromAnalysis(shared, skip, data, codeUnitsOf(text)) : wordsOf(text, skip, data);
    const hits = detect(words, data);
    // The hits by category, in CATEGORY_ORDER (an adversarial comment has thousands of hits).
    const byCategory: (Hit[] | undefined)[] = [];
    for (const h of hits) {
      const at = CATEGORY_RANK[h.category];
      let list = byCategory[at];
      if (!list) {
        list = [];
        byCategory[at] = list;
      }
      list.push(h);
    }
    const violations: Violation[] = [];
    for (let at = 0; at < CATEGORY_ORDER.length; at++) {
      const list = byCategory[at];
      if (!list) continue;
      const category = CATEGORY_ORDER[at] as Category;
      const spans = mergedSpans(list, words, text);
      let severity: Severity = 'low';
      const evidence = new Set<string>();
      const evasions = new Set<string>();
      // Hits of one category mostly repeat their neighbour's evidence ("con con con…", an
      // adversarial comment of hundreds): a repeat is not added again, which changes no set.
      let lastEvidence: string | undefined;
      let lastEvasion: string | null = null;
      for (const h of list) {
        if (SEVERITY_RANK[h.severity] > SEVERITY_RANK[severity]) severity = h.severity;
        if (h.evidence !== lastEvidence) {
          evidence.add(h.evidence);
          lastEvidence = h.evidence;
        }
        if (h.evasion !== null && h.evasion !== lastEvasion) {
          evasions.add(h.evasion);
          lastEvasion = h.evasion;
        }
      }
      violations.push({
        rule: 'civility',
        messageId: `civility.${category}`,
        severity,
        message: MESSAGES[category](spans, quoteList(spans)),
        spans,
        details: { category, evidence: [...evidence], evasions: [...evasions] },
      });
    }
    if (
      isShouting(words, text, {
        minLetters: options.shoutMinLetters,
        capsRatio: options.shoutCapsRatio,
        capsRatioWithBangs: options.shoutCapsRatioWithBangs,
      })
    ) {
      const n = words.count;
      const start = words.start[0] as number;
      const end = words.end[n - 1] as number;
      const spans = n > 0 ? [{ start, end, text: text.slice(start, end) }] : [];
      violations.push({
        rule: 'civility',
        messageId: 'civility.shouting',
        severity: 'low',
        message: MESSAGES.shouting(spans, ''),
        spans,
        details: { category: 'shouting' },
      });
    }
    return violations;
  },
};

/**
 * The ranges the rule does not read as words: URLs and e-mail addresses ("example.org/con/…"),
 * as the shared analysis found them (computed once for all rules). A comment with no "/", "@" nor
 * "www." has none worth skipping.
 */
export function linksToSkip(text: string, analysis: TextAnalysis): { start: number; end: number }[] {
  const { links } = analysis;
  if (links.length > 0 && (text.includes('/') || text.includes('@') || text.includes('www.'))) return links.slice();
  return [];
}

const byStartThenLongest = (a: Span, b: Span) => a.start - b.start || b.end - a.end;

function isSorted(spans: Span[]): boolean {
  for (let k = 1; k < spans.length; k++)
    if (byStartThenLongest(spans[k - 1] as Span, spans[k] as Span) > 0) return false;
  return true;
}

/**
 * The hits' spans, sorted, with overlapping spans merged. Each span's text is cut once, when it
 * is final: a comment of a thousand hits (an adversarial one) makes no more strings than spans.
 */
function mergedSpans(list: Hit[], words: WordList, text: string): Span[] {
  const spans: Span[] = [];
  for (const h of list)
    spans.push({ start: words.start[h.first] as number, end: words.end[h.end - 1] as number, text: '' });
  // Hits come mostly in text order: sorting thousands of them (an adversarial comment) is skipped then.
  if (!isSorted(spans)) spans.sort(byStartThenLongest);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out.length > 0 ? out[out.length - 1] : undefined;
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
      continue;
    }
    out.push(s);
  }
  for (const s of out) s.text = text.slice(s.start, s.end);
  return out;
}
