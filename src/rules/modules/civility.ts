import { z } from 'zod';
import { type CivilityData, loadCivilityData } from '../civility/data.js';
import { detect, type Hit, isShouting } from '../civility/detect.js';
import type { Category } from '../civility/lexicon.js';
import { type Word, wordsOf } from '../civility/words.js';
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

const MESSAGES: Record<Category, (spans: Span[]) => LocalizedText> = {
  insult: (s) => ({
    fr: `Merci de rester courtois : ${quoteList(s)} ${s.length > 1 ? 'sont injurieux' : 'est injurieux'}.`,
    en: `Please stay civil: ${quoteList(s)} ${s.length > 1 ? 'are insults' : 'is an insult'}.`,
  }),
  vulgarity: (s) => ({
    fr: `Merci de rester courtois : ${quoteList(s)} ${s.length > 1 ? 'sont vulgaires' : 'est vulgaire'}.`,
    en: `Please stay civil: ${quoteList(s)} ${s.length > 1 ? 'are vulgar' : 'is vulgar'}.`,
  }),
  slur: (s) => ({
    fr: `Merci de rester courtois : ${quoteList(s)} ${s.length > 1 ? 'sont des injures haineuses' : 'est une injure haineuse'}.`,
    en: `Please stay civil: ${quoteList(s)} ${s.length > 1 ? 'are slurs' : 'is a slur'}.`,
  }),
  threat: (s) => ({
    fr: `Merci de rester courtois : ${quoteList(s)} ressemble à une menace.`,
    en: `Please stay civil: ${quoteList(s)} reads as a threat.`,
  }),
  dehumanising: (s) => ({
    fr: `Merci de rester courtois : ${quoteList(s)} déshumanise un groupe de personnes.`,
    en: `Please stay civil: ${quoteList(s)} dehumanises a group of people.`,
  }),
  hate: (s) => ({
    fr: `Merci de rester courtois : ${quoteList(s)} dénigre des personnes pour ce qu'elles sont.`,
    en: `Please stay civil: ${quoteList(s)} disparages people for who they are.`,
  }),
  putdown: (s) => ({
    fr: `Merci de rester courtois : ${quoteList(s)} rabaisse votre interlocuteur.`,
    en: `Please stay civil: ${quoteList(s)} belittles the person you are talking to.`,
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

export const civilityRule: RuleModule<CivilityData, CivilityOptions> = {
  id: 'civility',
  parseOptions: (raw) => optionsSchema.parse(raw),
  loadData: (files, lang) => loadCivilityData(files, lang),
  check(text, { data, options, analysis }): Violation[] {
    // URLs and e-mail addresses are not words ("example.org/con/…"). The shared analysis finds
    // them (computed once for all rules); a comment with no "/" nor "@" has none worth skipping.
    const skip: { start: number; end: number }[] = [];
    if (text.includes('/') || text.includes('@') || text.includes('www.'))
      for (const t of analysis().tokens) if (t.kind === 'url' || t.kind === 'email') skip.push(t);
    const words = wordsOf(text, skip, data);
    const hits = detect(words, data);
    const byCategory = new Map<Category, Hit[]>();
    for (const h of hits) {
      const list = byCategory.get(h.category) ?? [];
      list.push(h);
      byCategory.set(h.category, list);
    }
    const violations: Violation[] = [];
    for (const category of CATEGORY_ORDER) {
      const list = byCategory.get(category);
      if (!list) continue;
      const spans = mergedSpans(list, words, text);
      const severity = list.reduce<Severity>(
        (s, h) => (SEVERITY_RANK[h.severity] > SEVERITY_RANK[s] ? h.severity : s),
        'low',
      );
      violations.push({
        rule: 'civility',
        messageId: `civility.${category}`,
        severity,
        message: MESSAGES[category](spans),
        spans,
        details: {
          category,
          evidence: [...new Set(list.map((h) => h.evidence))],
          evasions: [...new Set(list.map((h) => h.evasion).filter((e): e is string => e !== null))],
        },
      });
    }
    if (
      isShouting(words, text, {
        minLetters: options.shoutMinLetters,
        capsRatio: options.shoutCapsRatio,
        capsRatioWithBangs: options.shoutCapsRatioWithBangs,
      })
    ) {
      const first = words[0];
      const last = words[words.length - 1];
      const spans =
        first && last ? [{ start: first.start, end: last.end, text: text.slice(first.start, last.end) }] : [];
      violations.push({
        rule: 'civility',
        messageId: 'civility.shouting',
        severity: 'low',
        message: MESSAGES.shouting(spans),
        spans,
        details: { category: 'shouting' },
      });
    }
    return violations;
  },
};

const byStartThenLongest = (a: Span, b: Span) => a.start - b.start || b.end - a.end;

/**
 * The hits' spans, sorted, with overlapping spans merged. Each span's text is cut once, when it
 * is final: a comment of a thousand hits (an adversarial one) makes no more strings than spans.
 */
function mergedSpans(list: Hit[], words: Word[], text: string): Span[] {
  const spans: Span[] = [];
  for (const h of list)
    spans.push({ start: (words[h.first] as Word).start, end: (words[h.end - 1] as Word).end, text: '' });
  spans.sort(byStartThenLongest);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
      continue;
    }
    out.push(s);
  }
  for (const s of out) s.text = text.slice(s.start, s.end);
  return out;
}
