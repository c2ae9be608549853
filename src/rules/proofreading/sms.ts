import { smsClaims, smsResult } from '../sms-speak/claims.js';
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

export function smsView(context: Pick<RuleContext, 'lang' | 'analysis' | 'shared'>): SmsView {
  try {
    const claims = smsClaims(context);
    const standards = new Map<number, string>();
    for (const token of smsResult(context).tokens) {
      if (token.standard === null || token.endIndex !== token.index + 1) continue;
      const last = token.standard.toLowerCase().replace(/’/g, "'").split(/\s+/).pop() ?? '';
      const word = ELIDED.exec(last)?.[1] ?? last;
      if (word) standards.set(token.index, word);
    }
    return { claims, standards };
  } catch {
    return NONE;
  }
}
