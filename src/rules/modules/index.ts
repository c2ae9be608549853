import type { AnyRuleModule } from '../types.js';
import { honeypotRule } from './honeypot.js';
import { linksRule } from './links.js';

/**
 * The rules the service runs, in the order their violations are listed. The four site rules
 * (on-topic, civility, sms-speak, proofreading) join this list as they land.
 */
export const defaultRuleModules: AnyRuleModule[] = [honeypotRule, linksRule];
