import { describe, expect, it } from 'vitest';
import { honeypotRule } from '../../../src/rules/modules/honeypot.js';
import { makeRuleContext } from '../rule-context.js';

const context = (honeypot?: string) =>
  makeRuleContext('Bonjour', { data: null, options: {}, submission: { honeypot } });

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
