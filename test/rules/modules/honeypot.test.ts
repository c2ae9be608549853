import { describe, expect, it } from 'vitest';
import { honeypotRule } from '../../../src/rules/modules/honeypot.js';

const context = (honeypot?: string) => ({
  article: null,
  lang: 'fr' as const,
  data: null,
  options: {},
  submission: { honeypot },
});

describe('honeypot rule', () => {
  it.each([[undefined], [''], ['   ']])('valid: honeypot %j', (value) => {
    expect(honeypotRule.check('Bonjour', context(value))).toEqual([]);
  });

  it('invalid: a filled honeypot', () => {
    expect(honeypotRule.check('Bonjour', context('http://spam.example'))).toMatchObject([
      { rule: 'honeypot', severity: 'high', spans: [] },
    ]);
  });
});
