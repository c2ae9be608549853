import type { AnyRuleModule } from '../types.js';
import { civilityRule } from './civility.js';
import { honeypotRule } from './honeypot.js';
import { linksRule } from './links.js';
import { onTopicRule } from './on-topic.js';
import { proofreadingRule } from './proofreading.js';
import { smsSpeakRule } from './sms-speak.js';

/** The rules the service runs, in the order their violations are listed. */
export const defaultRuleModules: AnyRuleModule[] = [
  honeypotRule,
  linksRule,
  onTopicRule,
  civilityRule,
  smsSpeakRule,
  proofreadingRule,
];
