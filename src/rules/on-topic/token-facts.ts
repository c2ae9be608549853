import type { TextAnalysis } from '../text/analysis.js';
import type { Token } from '../text/tokenize.js';
import { WordSlots } from '../text/word-ids.js';
import type { PhraseScanner, PhraseToken } from './phrases.js';
import type { Verdict, VerdictMemo } from './relatedness.js';
import { plainFold } from './stem.js';

/**
 * What the rule reads of one token string, gathered the first time the string is seen and then
 * found by the token's word number (see word-ids.ts), however many parts of the rule read it: its
 * folded form (straight apostrophes), the phrases it starts, whether it is a stop or reaction
 * word, the digit and currency hints the spam patterns are gated with, and its verdict as a word
 * against the article it was last judged for. Made from the token's lower case: its folded form
 * is a function of it (lower case, then accents and ligatures off).
 */
export interface TokenFacts extends PhraseToken {
  lower: string;
  stop: boolean;
  reaction: boolean;
  /** How many ASCII digits the token holds. */
  digits: number;
  /** The token may hold a currency ("€", "euros", "EUR", "dollar"): true for every one that does ("leur" does not). */
  currency: boolean;
  /** The word-verdict memo `verdict` was found in: a verdict holds for one article (see relatedness.ts). */
  verdictMemo: VerdictMemo | undefined;
  verdict: Verdict | undefined;
  /** The one before, for the article before: comments come on a few articles at a time. */
  previousMemo: VerdictMemo | undefined;
  previousVerdict: Verdict | undefined;
  /** Its stem key, once a reply's parent comment asked for it. */
  stemKey: string | undefined;
}

/**
 * A comment's tokens as the rule reads them, in one pass: the facts of each token, where phrases
 * may start, and what the spam detector needs to know before it runs its patterns. Arrays are
 * reused from one comment to the next (read them before the next call): only the first `count`
 * facts and `phraseStartCount` starts belong to this comment.
 */
export interface CommentTokens {
  facts: readonly TokenFacts[];
  count: number;
  /** Indexes of the tokens that start some phrase, in order. */
  phraseStarts: Int32Array;
  phraseStartCount: number;
  /** ASCII digits in the comment (all of them are in tokens: only spaces are not). */
  digits: number;
  /** Some token may hold a currency. */
  currency: boolean;
  /** The comment holds a URL or an e-mail address. */
  linked: boolean;
}

export interface TokenFactsTable {
  read(analysis: TextAnalysis): CommentTokens;
}

/** A comment longer than this gets arrays of its own, so that the reused ones stay small. */
const MAX_REUSED = 4096;
/**
 * The spam detector's currency test on one token: it finds every currency the test finds in the
 * lower-case text within this token (the ends of the token count as word boundaries).
 */
const CURRENCY_IN_TOKEN = /[€$£]|euro|dollar|\beur\b/;

function countDigits(text: string): number {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) digits++;
  }
  return digits;
}

export function tokenFactsTable(
  scanner: PhraseScanner,
  stop: ReadonlySet<string>,
  reactions: ReadonlySet<string>,
): TokenFactsTable {
  const byWord = new WordSlots<TokenFacts>();
  const reusedFacts: TokenFacts[] = [];
  const reusedStarts = new Int32Array(MAX_REUSED);
  const result: CommentTokens = {
    facts: reusedFacts,
    count: 0,
    phraseStarts: reusedStarts,
    phraseStartCount: 0,
    digits: 0,
    currency: false,
    linked: false,
  };

  function create(lower: string, analysed: string): TokenFacts {
    // The comment's folded form keeps typographic apostrophes; phrase and word lists use straight ones.
    const folded = analysed.includes('’') ? plainFold(analysed) : analysed;
    const phrase = scanner.token(folded);
    // What every comment reads of each token first (see proofreading's word facts: the object is
    // two cache lines, and fetching it is most of its cost for comments of many different words).
    const facts: TokenFacts = {
      starts: phrase.starts,
      digits: countDigits(lower),
      currency: CURRENCY_IN_TOKEN.test(lower),
      verdictMemo: undefined,
      verdict: undefined,
      second: phrase.second,
      stop: stop.has(folded),
      reaction: reactions.has(folded),
      previousMemo: undefined,
      previousVerdict: undefined,
      folded,
      lower,
      stemKey: undefined,
    };
    return facts;
  }

  return {
    read(analysis) {
      const { tokens, folded, wordIds } = analysis;
      const slots = byWord.for(analysis);
      const count = tokens.length;
      const reused = count <= MAX_REUSED;
      const facts = reused ? reusedFacts : new Array<TokenFacts>(count);
      const phraseStarts = reused ? reusedStarts : new Int32Array(count);
      let phraseStartCount = 0;
      let digits = 0;
      let currency = false;
      // The token itself is read only for a word met for the first time: its facts are by number.
      for (let i = 0; i < count; i++) {
        const id = wordIds[i] as number;
        let known = slots.get(id);
        if (known === undefined) {
          known = create((tokens[i] as Token).lower, folded[i] as string);
          slots.set(id, known);
        }
        facts[i] = known;
        if (known.starts !== undefined) phraseStarts[phraseStartCount++] = i;
        digits += known.digits;
        if (known.currency) currency = true;
      }
      result.facts = facts;
      result.count = count;
      result.phraseStarts = phraseStarts;
      result.phraseStartCount = phraseStartCount;
      result.digits = digits;
      result.currency = currency;
      result.linked = analysis.links.length > 0;
      return result;
    },
  };
}
