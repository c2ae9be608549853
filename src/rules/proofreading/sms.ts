import { smsResult } from '../sms-speak/claims.js';
import type { RuleContext } from '../types.js';

/**
 * What the sms-speak rule decided about the comment's tokens, shared through `context.shared`
 * and never re-decided here:
 * - `claims`: indexes (into `analysis().tokens`) of the SMS tokens, never counted as spelling
 *   errors (policy §4);
 * - `standards`: for single-token SMS forms with a known standard spelling, the last word of it
 *   ("g" → "ai", "ki" → "qui"), so that the context rules still see "g appeler" as "j'ai appeler".
 * Should the sms-speak rule fail, proofreading still runs and simply sees no SMS token.
 */
export interface SmsView {
  claims: ReadonlySet<number>;
  standards: ReadonlyMap<number, string>;
}

/** "j'ai" → "ai", "c'est" → "est"; "quelqu'un" stays whole. */
const ELIDED = /^(?:[jcltmnsd]|qu)'(.+)$/;

const NONE: SmsView = { claims: new Set(), standards: new Map() };

/**
 * The word a standard spelling is read as, by standard: the same few hundred standards come back
 * in comment after comment (those of the lexicon, or remembered by the sms-speak rule's word
 * facts), so each costs a Map lookup instead of a case conversion, a split and a regular
 * expression (bounded).
 */
const lastWords = new Map<string, string>();
const MAX_LAST_WORDS = 10_000;
function lastWordOf(standard: string): string {
  let word = lastWords.get(standard);
  if (word === undefined) {
    const last = standard.toLowerCase().replace(/’/g, "'").split(/\s+/).pop() ?? '';
    word = ELIDED.exec(last)?.[1] ?? last;
    if (lastWords.size >= MAX_LAST_WORDS) lastWords.clear();
    lastWords.set(standard, word);
  }
  return word;
}

export function smsView(context: Pick<RuleContext, 'lang' | 'analysis' | 'shared'>): SmsView {
  try {
    const result = smsResult(context);
    const standards = new Map<number, string>();
    for (const token of result.tokens) {
      if (token.standard === null || token.endIndex !== token.index + 1) continue;
      const word = lastWordOf(token.standard);
      if (word) standards.set(token.index, word);
    }
    return { claims: result.claims, standards };
  } catch {
    return NONE;
  }
}
