import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/rules/language.js';
import { loadRuleSet } from '../../src/rules/loader.js';

const { language } = loadRuleSet({ modules: [] });

describe('detectLanguage', () => {
  it.each([
    ['Je ne comprends pas pourquoi la panne a duré aussi longtemps.', 'en', 'fr'],
    ['This outage shows how fragile the whole region is.', 'fr', 'en'],
    ["C'est la troisième panne de l'année chez cet opérateur.", 'en', 'fr'],
    ['Great write-up, thanks.', 'fr', 'fr'],
    ['Merci !', 'en', 'en'],
    ['AWS US-EAST-1', 'fr', 'fr'],
    ['The DNS was the problem, as always, and they should have known it.', 'fr', 'en'],
  ] as const)('%j with fallback %s → %s', (text, fallback, expected) => {
    expect(detectLanguage(text, fallback, language)).toBe(expected);
  });
});
