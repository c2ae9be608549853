import { createRequire } from 'node:module';
import LinkifyIt from 'linkify-it';
import { z } from 'zod';
import type { RuleModule, Span, Violation } from '../types.js';

/**
 * Holds comments with too many links, like WordPress's default `comment_max_links` (2 or more
 * links wait for a moderator): link-stuffing is the commonest spam. linkify-it (markdown-it's
 * link finder) sees bare domains too ("promo-casino.xyz"), in linear time; the `tlds` package
 * gives it every IANA top-level domain, since spam favours the newer ones (.xyz, .shop, .top).
 */
const optionsSchema = z.object({ maxLinks: z.number().int().min(0).default(1) }).strict();
type LinksOptions = z.infer<typeof optionsSchema>;

const allTlds = createRequire(import.meta.url)('tlds') as string[];
const linkify = new LinkifyIt().tlds(allTlds, true);

/** Links in the text, and with `includeEmails` e-mail addresses too (flagged `email`). */
export function findLinks(text: string, { includeEmails = false } = {}): (Span & { email: boolean })[] {
  if (!linkify.pretest(text)) return [];
  return (linkify.match(text) ?? [])
    .filter((m) => includeEmails || m.schema !== 'mailto:')
    .map((m) => ({ start: m.index, end: m.lastIndex, text: m.raw, email: m.schema === 'mailto:' }));
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
