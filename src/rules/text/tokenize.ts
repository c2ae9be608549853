import { findLinks } from '../modules/links.js';

/**
 * Tokens with their spans in the original text, shared by every rule (one tokenisation per
 * comment). Every pattern here is linear: character classes joined by distinct separators, no
 * nested quantifiers that could backtrack on adversarial input.
 */
export type TokenKind = 'word' | 'elision' | 'number' | 'url' | 'email' | 'mention' | 'hashtag' | 'emoji' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** Lower case, accents kept. */
  lower: string;
}

// Groups, in order: 1 mention, 2 hashtag, 3 number, 4 word, 5 emoji, 6 punctuation. Words:
// letters, marks and digits, joined by inner apostrophes or hyphens ("aujourd'hui", "peut-être",
// "a-t-il", "USB-C", "2m1"). Numbers: digits, or digits with inner separators ("7,2"). Mentions
// and hashtags keep their sigil. (Numbered groups: named ones cost an object per match.)
const TOKEN =
  /(@[\p{L}\p{N}_][\p{L}\p{N}_.-]*)|(#[\p{L}\p{N}_]+)|(\p{N}+(?:[.,]\p{N}+)+)|([\p{L}\p{M}\p{N}]+(?:['’‑-][\p{L}\p{M}\p{N}]+)*)|(\p{Extended_Pictographic}(?:\u200D\p{Extended_Pictographic}|[\uFE0F\u{1F3FB}-\u{1F3FF}])*)|([^\s\p{L}\p{M}\p{N}])/gu;
const KINDS: TokenKind[] = ['mention', 'mention', 'hashtag', 'number', 'word', 'emoji', 'punct'];
const ALL_DIGITS = /^\p{N}+$/u;

/** French elided words that stand before a vowel with an apostrophe: "l'", "qu'", "jusqu'"... */
const ELISION = /^(l|d|j|m|t|s|c|n|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’](?=[\p{L}\p{N}])/iu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // URLs and e-mail addresses first: their dots and slashes are not sentence punctuation.
  const links = findLinksAndEmails(text);
  let cursor = 0;
  for (const link of links) {
    tokenizeRange(text, cursor, link.start, tokens);
    tokens.push({ kind: link.kind, text: link.text, start: link.start, end: link.end, lower: link.text.toLowerCase() });
    cursor = link.end;
  }
  tokenizeRange(text, cursor, text.length, tokens);
  return tokens;
}

function tokenizeRange(text: string, from: number, to: number, tokens: Token[]) {
  if (from >= to) return;
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(slice); match !== null; match = TOKEN.exec(slice)) {
    const start = from + match.index;
    const value = match[0];
    if (match[4] !== undefined) {
      pushWord(value, start, tokens);
      continue;
    }
    let group = 1;
    while (match[group] === undefined && group < 6) group++;
    const kind = KINDS[group] ?? 'punct';
    tokens.push({
      kind,
      text: value,
      start,
      end: start + value.length,
      lower: kind === 'punct' ? value : value.toLowerCase(),
    });
  }
}

function pushWord(value: string, start: number, tokens: Token[]) {
  const elision = value.includes("'") || value.includes('’') ? ELISION.exec(value) : null;
  if (elision) {
    const prefix = elision[0];
    tokens.push({ kind: 'elision', text: prefix, start, end: start + prefix.length, lower: prefix.toLowerCase() });
    pushWord(value.slice(prefix.length), start + prefix.length, tokens);
    return;
  }
  const kind: TokenKind = ALL_DIGITS.test(value) ? 'number' : 'word';
  tokens.push({ kind, text: value, start, end: start + value.length, lower: value.toLowerCase() });
}

function findLinksAndEmails(text: string): { kind: 'url' | 'email'; start: number; end: number; text: string }[] {
  return findLinks(text, { includeEmails: true }).map((l) => ({
    kind: l.email ? 'email' : 'url',
    start: l.start,
    end: l.end,
    text: l.text,
  }));
}
