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

export type PhraseMatches = ReadonlyMap<string, readonly PhraseMatch[]>;

/** Folded token texts of a phrase or a comment, with straight apostrophes. */
export function phraseTokens(text: string): string[] {
  // A phrase ending in an elided word ("en parlant d'") is tokenised as it would be before a word.
  if (/['’]$/.test(text)) return phraseTokens(`${text}x`).slice(0, -1);
  return tokenize(text).map((t) => plainFold(t.text));
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
export interface FirstTokenEntries {
  /** By the id of the next token as a second token (see `PhraseToken.second`). */
  bySecond: Map<number, Entry[]>;
  /** Next token in no phrase (or no next token): the one-token phrases. */
  single: Entry[];
}

/**
 * What the scanner needs to know of one token, found once per token string (the rule keeps it
 * with the token's other facts, see token-facts.ts): the scan itself then looks nothing up for
 * the tokens that start no phrase (most of them), and nothing by string for the others.
 */
export interface PhraseToken {
  /** Folded, with straight apostrophes. */
  folded: string;
  /** The phrases that start with this token. */
  starts: FirstTokenEntries | undefined;
  /** Id of this token as the second token of some phrase, or -1. */
  second: number;
}

/**
 * Several named phrase lists scanned in one pass: one index by first token for all of them, so
 * that a comment costs one lookup per token however many lists there are.
 */
export interface PhraseScanner {
  /** The scanner's facts of one folded token. */
  token(folded: string): PhraseToken;
  /**
   * The phrases found in `tokens[0, count)`, given the indexes of the tokens that start some
   * phrase (`starts[0, startCount)`, in order): the other tokens cost nothing.
   */
  scanAt(tokens: readonly PhraseToken[], count: number, starts: Int32Array, startCount: number): PhraseMatches;
  /** The phrases found in folded token texts. */
  scan(tokens: readonly string[]): PhraseMatches;
}

const NO_MATCHES: PhraseMatches = new Map();

function narrowBySecond(entries: Entry[], secondIds: Map<string, number>): FirstTokenEntries {
  const bySecond = new Map<number, Entry[]>();
  for (const entry of entries) {
    const second = entry.tokens[1];
    if (second === undefined) continue;
    const id = secondIds.get(second) as number;
    if (!bySecond.has(id))
      bySecond.set(
        id,
        entries.filter((e) => e.tokens.length === 1 || e.tokens[1] === second),
      );
  }
  return { bySecond, single: entries.filter((e) => e.tokens.length === 1) };
}

/**
 * The scanner of `lists`' phrases, each tokenised by `tokensOf` (phraseTokens, or the same tokens
 * computed ahead: on-topic/lexicon-cache.ts).
 */
export function compilePhraseScanner(
  lists: Record<string, readonly string[]>,
  tokensOf: (phrase: string) => string[] = phraseTokens,
): PhraseScanner {
  const entriesByFirst = new Map<string, Entry[]>();
  const secondIds = new Map<string, number>();
  for (const [list, phrases] of Object.entries(lists)) {
    for (const phrase of phrases) {
      const tokens = tokensOf(phrase);
      const first = tokens[0];
      if (first === undefined) continue;
      const entries = entriesByFirst.get(first) ?? [];
      entries.push({ tokens, phrase, list });
      entriesByFirst.set(first, entries);
      const second = tokens[1];
      if (second !== undefined && !secondIds.has(second)) secondIds.set(second, secondIds.size);
    }
  }
  const byFirst = new Map<string, FirstTokenEntries>();
  for (const [first, entries] of entriesByFirst) {
    entries.sort((a, b) => b.tokens.length - a.tokens.length);
    byFirst.set(first, narrowBySecond(entries, secondIds));
  }

  const token = (folded: string): PhraseToken => ({
    folded,
    starts: byFirst.get(folded),
    second: secondIds.get(folded) ?? -1,
  });

  function scanAt(tokens: readonly PhraseToken[], count: number, starts: Int32Array, startCount: number) {
    let found: Map<string, PhraseMatch[]> | undefined;
    for (let s = 0; s < startCount; s++) {
      const i = starts[s] as number;
      const starting = (tokens[i] as PhraseToken).starts as FirstTokenEntries;
      const second = i + 1 < count ? (tokens[i + 1] as PhraseToken).second : -1;
      const candidates = (second < 0 ? undefined : starting.bySecond.get(second)) ?? starting.single;
      for (const candidate of candidates) {
        const n = candidate.tokens.length;
        if (i + n > count) continue;
        let ok = true;
        for (let k = 2; k < n; k++) {
          if ((tokens[i + k] as PhraseToken).folded !== candidate.tokens[k]) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        found ??= new Map();
        const matches = found.get(candidate.list) ?? [];
        const last = matches.length > 0 ? matches[matches.length - 1] : undefined;
        // Leftmost-longest, non-overlapping within each list.
        if (last && last.end > i) continue;
        matches.push({ start: i, end: i + n, phrase: candidate.phrase });
        found.set(candidate.list, matches);
      }
    }
    return found ?? NO_MATCHES;
  }

  return {
    token,
    scanAt,
    scan(folded) {
      const tokens = folded.map(token);
      const starts = new Int32Array(tokens.length);
      let startCount = 0;
      tokens.forEach((t, i) => {
        if (t.starts !== undefined) starts[startCount++] = i;
      });
      return scanAt(tokens, tokens.length, starts, startCount);
    },
  };
}
