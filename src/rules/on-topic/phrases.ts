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

export function compilePhraseScanner(lists: Record<string, readonly string[]>): PhraseScanner {
  const byFirst = new Map<string, { tokens: string[]; phrase: string; list: string }[]>();
  for (const [list, phrases] of Object.entries(lists)) {
    for (const phrase of phrases) {
      const tokens = phraseTokens(phrase);
      const first = tokens[0];
      if (first === undefined) continue;
      const entries = byFirst.get(first) ?? [];
      entries.push({ tokens, phrase, list });
      byFirst.set(first, entries);
    }
  }
  for (const entries of byFirst.values()) entries.sort((a, b) => b.tokens.length - a.tokens.length);
  return {
    scan(tokens) {
      const found = new Map<string, PhraseMatch[]>();
      for (let i = 0; i < tokens.length; i++) {
        const candidates = byFirst.get(tokens[i] ?? '');
        if (!candidates) continue;
        for (const candidate of candidates) {
          const n = candidate.tokens.length;
          if (i + n > tokens.length) continue;
          let ok = true;
          for (let k = 1; k < n; k++) {
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
