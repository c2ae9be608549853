import { createRequire } from 'node:module';
import LinkifyIt from 'linkify-it';
import { z } from 'zod';
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

/** Links in the text, and with `includeEmails` e-mail addresses too (flagged `email`). */
export function findLinks(text: string, { includeEmails = false } = {}): (Span & { email: boolean })[] {
  const found: (Span & { email: boolean })[] = [];
  if (mayHoldLinkifyLink(text) && linkify.pretest(text)) {
    for (const m of linkify.match(text) ?? []) {
      const email = m.schema === 'mailto:';
      if (includeEmails || !email) found.push({ start: m.index, end: m.lastIndex, text: m.raw, email });
    }
  }
  if (!DOTTED.test(text)) return found;
  for (const m of text.matchAll(BARE_DOMAIN)) {
    if (!TLDS.has((m[1] ?? '').toLowerCase())) continue;
    const start = m.index ?? 0;
    const raw = m[0].replace(TRAILING_PUNCTUATION, '');
    const end = start + raw.length;
    // Inside a link or an address linkify-it already found: not a second link.
    if (found.some((f) => start < f.end && end > f.start)) continue;
    found.push({ start, end, text: raw, email: false });
  }
  return found.sort((a, b) => a.start - b.start);
}

export const linksRule: RuleModule<null, LinksOptions> = {
  id: 'links',
  parseOptions: (raw) => optionsSchema.parse(raw),
  loadData: () => null,
  check(_text, { options, analysis }): Violation[] {
    // The shared tokens already hold the links: one link scan per comment, whoever needs them.
    const spans = analysis()
      .tokens.filter((t) => t.kind === 'url')
      .map(({ start, end, text }) => ({ start, end, text }));
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
