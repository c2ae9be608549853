import type { RuleContext } from '../types.js';
import { type SmsData, smsData } from './data.js';
import { detectSms, type SmsResult } from './detect.js';

/**
 * The one decision the sms-speak and proofreading rules share: which tokens are SMS-speak.
 *
 * Contract: `smsClaims(context)` returns the indexes (into `context.analysis().tokens`) of the
 * tokens the sms-speak rule considers SMS tokens, whether or not the rule fires on the whole
 * comment. The proofreading rule never counts these as spelling errors.
 *
 * - Computed once per comment: the result is memoised in `context.shared` under `'sms-speak'`,
 *   whichever rule asks first (proofreading may run before sms-speak).
 * - Data: the language is `context.lang`; the sms-speak data for it comes from a module-level
 *   registry that the rule's `loadData` fills at start-up (so the rule set's own rules/ folder
 *   wins). When the sms-speak rule is not in the rule set (e.g. a test of proofreading alone),
 *   the data is loaded once per language from `rules/<lang>/sms-speak.json` under
 *   `defaultRulesDir()`, the same folder `loadRuleSet` uses by default. Claims therefore always
 *   exist, whatever the rule set and the rule order.
 * - `context.data` is never read here (when proofreading calls this, it holds proofreading's data);
 *   only the sms-speak rule itself passes its data explicitly.
 */
export const SHARED_KEY = 'sms-speak';

/**
 * The full detection (tokens, standard forms, score), memoised per comment. The sms-speak rule
 * passes its own `context.data`; other rules leave `data` out and get the registered data.
 */
export function smsResult(context: Pick<RuleContext, 'lang' | 'analysis' | 'shared'>, data?: SmsData): SmsResult {
  const cached = context.shared.get(SHARED_KEY) as SmsResult | undefined;
  if (cached) return cached;
  const result = detectSms(context.analysis(), data ?? smsData(context.lang));
  context.shared.set(SHARED_KEY, result);
  return result;
}

/** Indexes of the tokens claimed as SMS-speak (see the contract above). */
export function smsClaims(context: Pick<RuleContext, 'lang' | 'analysis' | 'shared'>): ReadonlySet<number> {
  return smsResult(context).claims;
}
