import { z } from 'zod';
import type { RuleModule, Violation } from '../types.js';

/**
 * The form's hidden `website` field: people never see it, form-filling bots fill it. A filled
 * honeypot is never published. The message stays neutral so a bot learns nothing from it.
 */
const optionsSchema = z.object({}).strict();

export const honeypotRule: RuleModule<null, Record<string, never>> = {
  id: 'honeypot',
  parseOptions: (raw) => optionsSchema.parse(raw) as Record<string, never>,
  loadData: () => null,
  check(_text, { submission }): Violation[] {
    if (!submission.honeypot || submission.honeypot.trim() === '') return [];
    return [
      {
        rule: 'honeypot',
        messageId: 'honeypot.filled',
        severity: 'high',
        message: {
          fr: 'Votre commentaire sera relu par un modérateur avant publication.',
          en: 'A moderator will review your comment before it is published.',
        },
        spans: [],
      },
    ];
  },
};
