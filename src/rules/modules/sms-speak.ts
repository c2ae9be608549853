import { z } from 'zod';
import { smsResult } from '../sms-speak/claims.js';
import { loadSmsData, type SmsData } from '../sms-speak/data.js';
import type { SmsToken } from '../sms-speak/detect.js';
import type { RuleModule, Violation } from '../types.js';

/**
 * Rule 3 of the moderation policy: no SMS language ("langage SMS", English text-speak). The
 * detection (lexicon confirmed by context, plus the shapes of SMS writing) lives in
 * src/rules/sms-speak/; its result is shared with the proofreading rule through
 * `smsClaims(context)`, so SMS tokens are never counted twice. The thresholds (weights of each
 * kind of token, score that fires) are in the rule data, rules/<lang>/sms-speak.json.
 */
const optionsSchema = z.object({}).strict();
type SmsOptions = z.infer<typeof optionsSchema>;

const quoteFr = (s: string) => `« ${s} »`;
const quoteEn = (s: string) => `"${s}"`;

/**
 * How many distinct forms the message names, like the proofreading rule's three: the spans mark
 * every one in the text, and a comment full of SMS forms made a message of dozens of pairs (and
 * building it was ~1 % of the pipeline's instructions on 1,000-character comments).
 */
const MAX_LISTED = 5;

/**
 * The list in the message, in both languages: one « form » → « standard » pair per distinct form
 * (case-insensitive), in order of appearance, the first MAX_LISTED of them, then "…" when there
 * are more. Built in one pass: it runs on every comment that fires.
 */
function describe(tokens: SmsToken[]): { fr: string; en: string } {
  const seen = new Set<string>();
  let fr = '';
  let en = '';
  for (const { text, standard } of tokens) {
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    if (seen.size === MAX_LISTED) {
      fr += '…';
      en += '…';
      break;
    }
    const separator = seen.size === 0 ? '' : ', ';
    seen.add(key);
    fr += separator + (standard ? `${quoteFr(text)} → ${quoteFr(standard)}` : `${quoteFr(text)} (abréviation)`);
    en += separator + (standard ? `${quoteEn(text)} → ${quoteEn(standard)}` : `${quoteEn(text)} (abbreviation)`);
  }
  return { fr, en };
}

export const smsSpeakRule: RuleModule<SmsData, SmsOptions> = {
  id: 'sms-speak',
  parseOptions: (raw) => optionsSchema.parse(raw),
  loadData: (files, lang) => loadSmsData(files, lang),
  check(_text, context): Violation[] {
    const result = smsResult(context, context.data);
    if (!result.fires) return [];
    const { fr, en } = describe(result.tokens);
    return [
      {
        rule: 'sms-speak',
        messageId: 'sms-speak.found',
        severity: 'low',
        message: {
          fr: `Merci d'éviter le langage SMS : ${fr}.`,
          en: `Please avoid text-speak: ${en}.`,
        },
        spans: result.tokens.map(({ start, end, text }) => ({ start, end, text })),
        details: {
          tokens: result.tokens.map(({ text, standard, start, end, kind, certainty }) => ({
            text,
            standard,
            start,
            end,
            kind,
            certainty,
          })),
          score: Math.round(result.score * 100) / 100,
          density: Math.round(result.density * 1000) / 1000,
        },
      },
    ];
  },
};
