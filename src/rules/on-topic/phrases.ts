import { tokenize } from '../text/tokenize.js';
import { plainFold } from './stem.js';

/**
 * Phrase lists matched on tokens rather than with one big regular expression: each phrase is
 * tokenised like a comment, indexed by its first token, and a comment is scanned once, trying
 * only the phrases that start with the token at hand. Linear in the comment's length, and cheap
 * however long the lists grow.
 */
export interface PhraseMatch {
  /** Token indexes, half-open. */
  start: number;
  end: number;
  phrase: string;
}

/** Folded token texts of a phrase or a comment, with straight apostrophes. */
export function phraseTokens(text: string): string[] {
  // A phrase ending in an elided word ("en parlant d'") is tokenised as it would be before a word.
  if (/['’]$/.test(text)) return phraseTokens(`${text}x`).slice(0, -1);
  return tokenize(text).map((t) => plainFold(t.text));
}

/**
 * Several named phrase lists scanned in one pass: one index by first token for all of them, so
 * that a comment costs one Map lookup per token however many lists there are.
 */
export interface PhraseScanner {
  scan(tokens: readonly string[]): Map<string, PhraseMatch[]>;
}

interface Entry {
  tokens: string[];
  phrase: string;
  list: string;
}

/**
 * The phrases that start with one token, longest first, and the same list narrowed by the
 * token that follows: a token then tries only the phrases its next token leaves possible (a
 * common first word like "de" starts dozens of phrases), in the same order.
 */
interface FirstTokenEntries {
  bySecond: Map<string, Entry[]>;
  /** Next token in no phrase (or no next token): the one-token phrases. */
  single: Entry[];
}

function narrowBySecond(entries: Entry[]): FirstTokenEntries {
  const bySecond = new Map<string, Entry[]>();
  for (const entry of entries) {
    const second = entry.tokens[1];
    if (second !== undefined && !bySecond.has(second))
      bySecond.set(
        second,
        entries.filter((e) => e.tokens.length === 1 || e.tokens[1] === second),
      );
  }
  return { bySecond, single: entries.filter((e) => e.tokens.length === 1) };
}

export function compilePhraseScanner(lists: Record<string, readonly string[]>): PhraseScanner {
  const entriesByFirst = new Map<string, Entry[]>();
  for (const [list, phrases] of Object.entries(lists)) {
    for (const phrase of phrases) {
      const tokens = phraseTokens(phrase);
      const first = tokens[0];
      if (first === undefined) continue;
      const entries = entriesByFirst.get(first) ?? [];
      entries.push({ tokens, phrase, list });
      entriesByFirst.set(first, entries);
    }
  }
  const byFirst = new Map<string, FirstTokenEntries>();
  for (const [first, entries] of entriesByFirst) {
    entries.sort((a, b) => b.tokens.length - a.tokens.length);
    byFirst.set(first, narrowBySecond(entries));
  }
  return {
    scan(tokens) {
      const found = new Map<string, PhraseMatch[]>();
      for (let i = 0; i < tokens.length; i++) {
        const starting = byFirst.get(tokens[i] ?? '');
        if (!starting) continue;
        const next = tokens[i + 1];
        const candidates = (next === undefined ? undefined : starting.bySecond.get(next)) ?? starting.single;
        for (const candidate of candidates) {
          const n = candidate.tokens.length;
          if (i + n > tokens.length) continue;
          let ok = true;
          for (let k = 2; k < n; k++) {
            if (tokens[i + k] !== candidate.tokens[k]) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
          const matches = found.get(candidate.list) ?? [];
          const last = matches[matches.length - 1];
          // Leftmost-longest, non-overlapping within each list.
          if (last && last.end > i) continue;
          matches.push({ start: i, end: i + n, phrase: candidate.phrase });
          found.set(candidate.list, matches);
        }
      }
      return found;
    },
  };
}
