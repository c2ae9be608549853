import { createRequire } from 'node:module';
import LinkifyIt from 'linkify-it';
import { z } from 'zod';
import { keepShape } from '../keep-shapes.js';
import type { RuleModule, Span, Violation } from '../types.js';

/**
 * Holds comments with too many links, like WordPress's default `comment_max_links` (2 or more
 * links wait for a moderator): link-stuffing is the commonest spam.
 */
const optionsSchema = z.object({ maxLinks: z.number().int().min(0).default(1) }).strict();
type LinksOptions = z.infer<typeof optionsSchema>;

/**
 * Links with a scheme and e-mail addresses come from linkify-it (markdown-it's link finder).
 * Bare domains ("promo-casino.xyz", "www.gain.shop") are found by one linear pattern and kept
 * when their last label is a real top-level domain from the `tlds` package (every IANA TLD: spam
 * favours the new ones). linkify-it's own bare-domain search does this with one alternation of
 * 1,500 TLDs, five times slower, and it runs on every comment.
 */
const TLDS = new Set((createRequire(import.meta.url)('tlds') as string[]).map((t) => t.toLowerCase()));
const linkify = new LinkifyIt({}, { fuzzyLink: false });
const BARE_DOMAIN =
  /(?<![\p{L}\p{N}@._/-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?::\d{2,5})?(?:\/[^\s<>"«»]*)?(?![\p{L}\p{N}_@-])/giu;
const TRAILING_PUNCTUATION = /[.,;:!?)\]']+$/;
// Cheap pre-check: a bare domain needs a letter or digit, a dot, then a letter.
const DOTTED = /[a-z0-9]\.[a-z]/i;
// Cheaper than linkify-it's own pretest, which also runs its fuzzy-host pattern (with the TLD
// list) on every text: the links it can find here all need one of its schemas ("http:",
// "https:", "ftp:", "mailto:", "//") or, for e-mail addresses, an "@".
const SCHEMA = /(?:https?|ftp|mailto):/i;
const mayHoldLinkifyLink = (text: string) => text.includes('@') || text.includes('//') || SCHEMA.test(text);

/**
 * Where links can be: no link crosses a space or a line break (linkify-it's links exclude every
 * space and control character, and the bare-domain pattern every \s), and an edge next to one is
 * read by both finders like the edge of the text. So the finders only read the windows of the
 * text around a hint of a link (an "@", a "//", a scheme, a letter dot letter), not the whole
 * comment: most comments have none, and those that have one have it in a few characters.
 */
/** Windows closer than this are searched as one: a bounded number of finder calls per text. */
const WINDOW_GAP = 64;
/** Past this many hints (a list of links, or "@@@@…"), the rest of the text is one window. */
const MAX_HINTS = 32;

/** JavaScript's \s without U+FEFF: characters no link contains, whichever finder found it. */
export function isLinkBoundary(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Half-open [start, end) windows of the text that may hold a link, in order, each cut at boundaries. */
export function linkWindows(text: string): [number, number][] {
  const windows: [number, number][] = [];
  const length = text.length;
  let end = 0;
  for (let hints = 1, at = nextHint(text, 0); at >= 0; hints++, at = nextHint(text, end)) {
    // A hint holds no boundary: the stretch around any of its characters is the one to search.
    let start = at;
    while (start > 0 && !isLinkBoundary(text.charCodeAt(start - 1))) start--;
    end = hints === MAX_HINTS ? length : at + 1;
    while (end < length && !isLinkBoundary(text.charCodeAt(end))) end++;
    const last = windows.at(-1);
    if (last !== undefined && start - last[1] < WINDOW_GAP) last[1] = end;
    else windows.push([start, end]);
  }
  return windows;
}

const SCHEMES = ['http', 'https', 'ftp', 'mailto'];
const isAsciiLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
const isAsciiDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Index of a character of the first hint of a link in text[from…], or -1: an "@", a "//", a
 * scheme and its colon ("http:", "https:", "ftp:", "mailto:", in any case), or an ASCII letter or
 * digit, a dot and an ASCII letter. Each kind is searched with indexOf, which V8 runs natively
 * over the string, and only its candidates are looked at in JavaScript (the dots, the colons):
 * a loop over every character took 2-3 % of the pipeline's time (and one regular expression
 * before it more, its last branch tried at every letter).
 */
export function nextHint(text: string, from: number): number {
  let first = earliest(text.indexOf('@', from), text.indexOf('//', from));
  // Dots and colons only before the hint found so far: past it they cannot come first.
  const limit = first < 0 ? text.length : first;
  for (let i = text.indexOf('.', from); i >= 0 && i < limit; i = text.indexOf('.', i + 1)) {
    const before = i > from ? text.charCodeAt(i - 1) : -1;
    if ((isAsciiLetter(before) || isAsciiDigit(before)) && isAsciiLetter(text.charCodeAt(i + 1))) {
      first = i;
      break;
    }
  }
  const colonLimit = first < 0 ? text.length : first;
  for (let i = text.indexOf(':', from); i >= 0 && i < colonLimit; i = text.indexOf(':', i + 1)) {
    if (schemeEndsAt(text, from, i)) return i;
  }
  return first;
}

/** The smaller of two indexes, -1 standing for none. */
const earliest = (a: number, b: number) => (a < 0 ? b : b < 0 ? a : Math.min(a, b));

/** Whether text[from, colon) ends with one of the SCHEMES, in any case. */
function schemeEndsAt(text: string, from: number, colon: number): boolean {
  for (const scheme of SCHEMES) {
    const start = colon - scheme.length;
    if (start < from) continue;
    let k = 0;
    // c | 0x20 is a lower-case letter only when c is a letter: no other character passes.
    while (k < scheme.length && (text.charCodeAt(start + k) | 0x20) === scheme.charCodeAt(k)) k++;
    if (k === scheme.length) return true;
  }
  return false;
}

/** Links in the text, and with `includeEmails` e-mail addresses too (flagged `email`). */
export function findLinks(text: string, { includeEmails = false } = {}): (Span & { email: boolean })[] {
  const found: (Span & { email: boolean })[] = [];
  for (const [start, end] of linkWindows(text)) {
    const window = start === 0 && end === text.length ? text : text.slice(start, end);
    for (const link of searchLinks(window, includeEmails)) {
      found.push({ start: link.start + start, end: link.end + start, text: link.text, email: link.email });
    }
  }
  return found;
}

/** The links of one window, or of a whole text (the reference findLinks is tested against). */
export function searchLinks(text: string, includeEmails: boolean): (Span & { email: boolean })[] {
  const found: (Span & { email: boolean })[] = [];
  if (mayHoldLinkifyLink(text) && linkify.pretest(text)) {
    const matches = linkify.match(text) ?? [];
    // linkify-it's Match objects: their map outlives the comment (see keep-shapes.ts).
    if (matches[0] !== undefined) keepShape('linkify-it match', matches[0]);
    for (const m of matches) {
      const email = m.schema === 'mailto:';
      if (includeEmails || !email) found.push({ start: m.index, end: m.lastIndex, text: m.raw, email });
    }
  }
  if (!DOTTED.test(text)) return found;
  const linkified = found.length;
  // linkify-it's links are in order and do not overlap: the only one a bare domain can fall
  // inside is the first that ends after its start (one pass, not a search per domain).
  let next = 0;
  for (const m of text.matchAll(BARE_DOMAIN)) {
    if (!TLDS.has((m[1] ?? '').toLowerCase())) continue;
    const start = m.index ?? 0;
    const raw = m[0].replace(TRAILING_PUNCTUATION, '');
    const end = start + raw.length;
    while (next < linkified && (found[next] as Span).end <= start) next++;
    // Inside a link or an address linkify-it already found: not a second link.
    if (next < linkified && (found[next] as Span).start < end) continue;
    found.push({ start, end, text: raw, email: false });
  }
  return linkified === 0 || found.length === linkified ? found : found.sort((a, b) => a.start - b.start);
}

export const linksRule: RuleModule<null, LinksOptions> = {
  id: 'links',
  parseOptions: (raw) => optionsSchema.parse(raw),
  loadData: () => null,
  check(_text, { options, analysis }): Violation[] {
    // The shared analysis already holds the links: one link scan per comment, whoever needs them.
    // Its list of links, not its tokens: a loop over a comment's ~200 tokens cost ~6.5 thousand
    // instructions a 1,000-character comment (callgrind), to find the link or two most do not have.
    const spans: Span[] = [];
    for (const t of analysis().links) if (t.kind === 'url') spans.push({ start: t.start, end: t.end, text: t.text });
    if (spans.length <= options.maxLinks) return [];
    return [
      {
        rule: 'links',
        messageId: 'links.tooMany',
        severity: 'medium',
        message: {
          fr: `Votre commentaire contient ${spans.length} liens : un modérateur le relira avant publication.`,
          en: `Your comment contains ${spans.length} links: a moderator will review it before it is published.`,
        },
        spans,
        details: { count: spans.length, max: options.maxLinks },
      },
    ];
  },
};
