import type { TextAnalysis } from '../text/analysis.js';
import type { Span } from '../types.js';
import type { OnTopicData } from './data.js';
import type { PhraseMatch, PhraseMatches } from './phrases.js';
import type { CommentTokens, TokenFacts } from './token-facts.js';
import { type AnchorCache, type WindowedRegex, windowedMatches } from './windowed-regex.js';

export type Scan = PhraseMatches;

/**
 * Detectors for what is off topic whatever words it shares with the article (spam, "first!"
 * noise, messages to the site, self-declared digressions) and for what is on topic whatever it
 * shares (short generic reactions). All work on the shared tokens, folded.
 */

export function tokenSpan(analysis: TextAnalysis, start: number, end: number): Span {
  const first = analysis.tokens[start];
  const last = analysis.tokens[end - 1];
  if (!first || !last) return { start: 0, end: 0, text: '' };
  return { start: first.start, end: last.end, text: analysis.text.slice(first.start, last.end) };
}

export function matchSpans(analysis: TextAnalysis, matches: readonly PhraseMatch[]): Span[] {
  return matches.map((m) => tokenSpan(analysis, m.start, m.end));
}

const isWordish = (kind: string) => kind === 'word' || kind === 'number' || kind === 'hashtag';

/** Index of the first token of the sentence that holds token `i`. */
export function sentenceOf(analysis: TextAnalysis, i: number): { first: number; end: number } {
  for (const s of analysis.sentences)
    if (i >= s.firstToken && i < s.endToken) return { first: s.firstToken, end: s.endToken };
  return { first: 0, end: analysis.tokens.length };
}

/** True when only punctuation, emoji and mentions stand between the sentence start and token `i`. */
export function atSentenceStart(analysis: TextAnalysis, i: number): boolean {
  const { first } = sentenceOf(analysis, i);
  for (let k = first; k < i; k++) {
    const kind = analysis.tokens[k]?.kind;
    if (kind && isWordish(kind) && kind !== 'hashtag') return false;
  }
  return true;
}

/**
 * "Premier !", "first", "1er" as the whole comment or as its first sentence (followed by more:
 * "Premier !!! Et au passage…").
 */
export function findNoise(analysis: TextAnalysis, scan: Scan): Span | null {
  const first = analysis.sentences[0];
  if (!first) return null;
  let i = first.firstToken;
  while (i < first.endToken && !isWordish(analysis.tokens[i]?.kind ?? '')) i++;
  const match = scan.get('noise')?.find((m) => m.start === i);
  if (!match) return null;
  for (let k = match.end; k < first.endToken; k++) {
    const kind = analysis.tokens[k]?.kind;
    if (kind !== 'punct' && kind !== 'emoji') return null;
  }
  // "first" alone must stand as a sentence of its own; "First, the DNS…" goes on.
  const next = analysis.tokens[match.end];
  if (next && next.kind === 'punct' && /^[,;:]$/.test(next.text)) return null;
  return tokenSpan(analysis, match.start, match.end);
}

export interface SpamFinding {
  score: number;
  spans: Span[];
  cues: string[];
}

const DIGIT_RUN = /\d[ .-]?\d[ .-]?\d[ .-]?\d/;

/** ASCII letters, digits and "_": what `\b` tells from the rest (no `u` or `i` flag). */
const isWordCode = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;

/**
 * Whether the text holds a currency: the same answer as `/[€$£]|euro|dollar|\beur\b/.test(text)`,
 * from `indexOf`, which V8 runs as a vectorised search of the string. Why: that expression, over
 * the lower-cased comment, was 1.2 % of the pipeline's time at 1,000 characters (`npm run
 * bench:lines`, 2026-12-03); test/rules/on-topic/detectors.test.ts compares the two.
 */
export function hasCurrency(text: string): boolean {
  if (
    text.includes('€') ||
    text.includes('$') ||
    text.includes('£') ||
    text.includes('euro') ||
    text.includes('dollar')
  )
    return true;
  for (let at = text.indexOf('eur'); at >= 0; at = text.indexOf('eur', at + 1))
    if (!isWordCode(text.charCodeAt(at - 1)) && !isWordCode(text.charCodeAt(at + 3))) return true;
  return false;
}

const LINK_HOST = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:www\.)?([^/:?#\s]+)/i;

function linkHost(url: string): string {
  return (LINK_HOST.exec(url)?.[1] ?? '').toLowerCase();
}

/** The host is a trusted domain or a subdomain of one: itself or what follows one of its dots is in the set. */
function trusted(host: string, domains: ReadonlySet<string>): boolean {
  if (domains.has(host)) return true;
  for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1))
    if (domains.has(host.slice(dot + 1))) return true;
  return false;
}

function regexSpans(re: WindowedRegex, text: string, lower: string, anchors: AnchorCache): Span[] {
  return windowedMatches(re, lower, anchors).map(({ index, length }) => ({
    start: index,
    end: index + length,
    text: text.slice(index, index + length),
  }));
}

function addCue(finding: SpamFinding, cue: string, weight: number, spans: Span[]) {
  if (spans.length === 0) return;
  finding.spans.push(...spans);
  if (!finding.cues.includes(cue)) {
    finding.cues.push(cue);
    finding.score += weight;
  }
}

/** Advertising score: a link to an unknown domain, money promises, offers, calls to action, crypto, messaging invitations, phone numbers. */
export function findSpam(analysis: TextAnalysis, comment: CommentTokens, scan: Scan, data: OnTopicData): SpamFinding {
  const finding: SpamFinding = { score: 0, spans: [], cues: [] };
  const links: Span[] = [];
  const messagingLinks: Span[] = [];
  if (comment.linked)
    for (const token of analysis.tokens) {
      if (token.kind !== 'url') continue;
      const host = linkHost(token.text);
      const span = { start: token.start, end: token.end, text: token.text };
      if (host === 't.me' || host === 'wa.me' || host.endsWith('whatsapp.com') || host.endsWith('telegram.me'))
        messagingLinks.push(span);
      else if (!trusted(host, data.trustedDomains)) links.push(span);
    }
  addCue(finding, 'unknownLink', data.unknownLinkWeight, links);
  for (const { list, cue, weight } of data.spamCues) {
    const matches = scan.get(list);
    if (matches) addCue(finding, cue, weight, matchSpans(analysis, matches));
  }
  addCue(finding, 'messaging', 1, messagingLinks);
  const text = analysis.text;
  // Prices and phone numbers hold digits, and a currency or a run of four digits: the tokens tell
  // when neither can be there, and spare the lower-case copy of the text and its patterns.
  const { digits } = comment;
  // Only next to a link can a word of the text be cut in two tokens ("euro" in "eu" and "ro").
  const maybePrice = comment.currency || comment.linked;
  const maybePhone = digits >= 4 && DIGIT_RUN.test(text);
  if (digits > 0 && (maybePrice || maybePhone)) {
    const lower = text.toLowerCase();
    if (lower.length === text.length) {
      const anchors: AnchorCache = new Map();
      if (maybePrice && hasCurrency(lower)) {
        addCue(finding, 'pricePerPeriod', 1, regexSpans(data.pricePerPeriod, text, lower, anchors));
        addCue(finding, 'price', 1, regexSpans(data.price, text, lower, anchors));
      }
      if (maybePhone) addCue(finding, 'phone', 1, regexSpans(data.phone, text, lower, anchors));
    }
  }
  return finding;
}

/**
 * A short generic reaction ("Merci, très clair.", "Ridicule.", "+1", "Top 👍"): at most
 * `maxWords` words, every one of them a reaction word or a stop word.
 */
export function isGenericReaction(analysis: TextAnalysis, facts: readonly TokenFacts[], maxWords: number): boolean {
  let words = 0;
  for (let i = 0; i < analysis.tokens.length; i++) {
    const token = analysis.tokens[i];
    if (!token) continue;
    if (token.kind === 'url' || token.kind === 'email') return false;
    if (token.kind !== 'word' && token.kind !== 'elision') continue;
    words++;
    const known = facts[i] as TokenFacts;
    if (!known.reaction && !known.stop) return false;
  }
  return words <= maxWords;
}
