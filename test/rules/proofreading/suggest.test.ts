import { describe, expect, it } from 'vitest';
import { type ProofError, proofreadingRule } from '../../../src/rules/modules/proofreading.js';
import { suggestCorrections } from '../../../src/rules/proofreading/suggest.js';
import type { Violation } from '../../../src/rules/types.js';
import { shippedRule } from '../rule-context.js';

const rule = shippedRule(proofreadingRule);
const errorsOf = (v: Violation | undefined) => v?.details?.errors as ProofError[];

describe('suggestCorrections', () => {
  it('fills up to 3 suggestions per error, from the hints and from Hunspell', async () => {
    const violations = rule.check('Sa fait longtemps, j’ai essayer plusieur fois, les client attendent.');
    const result = await suggestCorrections(violations, 'fr', { timeBudgetMs: 5_000 });
    expect(result.complete).toBe(true);
    const errors = errorsOf(violations[0]);
    expect(errors.map((e) => [e.text, e.suggestions?.[0]])).toEqual([
      ['Sa', 'Ça'],
      ['essayer', 'essayé'],
      ['plusieur', 'plusieurs'],
      ['client', 'clients'],
    ]);
    for (const e of errors) expect(e.suggestions?.length).toBeLessThanOrEqual(3);
    expect(result.lookups).toBe(1); // only the unknown word asked Hunspell
  });

  it('restores accents without asking Hunspell', async () => {
    const violations = rule.check('Deja que le debit etait mediocre, aucune reponse du service.');
    const result = await suggestCorrections(violations, 'fr');
    expect(errorsOf(violations[0]).map((e) => e.suggestions?.[0])).toEqual([
      'Déjà',
      'débit',
      'était',
      'médiocre',
      'réponse',
    ]);
    expect(result.lookups).toBe(0);
  });

  it('stops asking Hunspell when the time budget is spent', async () => {
    const violations = rule.check('Il y a plusieur erreures et nimporte quoi.');
    let clock = 0;
    const result = await suggestCorrections(violations, 'fr', { timeBudgetMs: 100, now: () => (clock += 60) });
    expect(result.complete).toBe(false);
    expect(result.lookups).toBe(1);
    const errors = errorsOf(violations[0]);
    expect(errors[0]?.suggestions?.length).toBeGreaterThan(0);
    expect(errors[2]?.suggestions).toBeUndefined();
  });

  it('leaves other rules alone and works in English', async () => {
    const other: Violation = {
      rule: 'links',
      messageId: 'links.tooMany',
      severity: 'medium',
      message: { fr: '', en: '' },
      spans: [],
      details: { errors: [{ text: 'x' }] },
    };
    const violations = [other, ...rule.check('Their going to loose it, its a shame.', { lang: 'en' })];
    await suggestCorrections(violations, 'en');
    expect(other.details).toEqual({ errors: [{ text: 'x' }] });
    expect(errorsOf(violations[1]).map((e) => e.suggestions)).toEqual([["They're"], ['lose'], ["it's"]]);
  });
});
