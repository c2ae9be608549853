import { z } from 'zod';

export const ruleActionSchema = z.enum(['queue', 'reject', 'ignore']);
export type RuleAction = z.infer<typeof ruleActionSchema>;

/**
 * rules/policy.json: what the site does when each rule fires, the rules' thresholds, and the
 * default premoderation mode. Sites change it without touching code.
 */
export const policySchema = z
  .object({
    premoderation: z.enum(['none', 'first', 'all']).default('none'),
    rules: z.record(z.string(), z.looseObject({ action: ruleActionSchema.default('queue') })),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;
