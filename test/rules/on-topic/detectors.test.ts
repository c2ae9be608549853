import { describe, expect, it } from 'vitest';
import { hasCurrency } from '../../../src/rules/on-topic/detectors.js';

/** What hasCurrency stands for. */
const CURRENCY = /[€$£]|euro|dollar|\beur\b/;

describe('hasCurrency', () => {
  it.each([
    ['10 €', true],
    ['$5', true],
    ['£3', true],
    ['le parlement européen', true],
    ['des dollars', true],
    ['12 eur par mois', true],
    ['eur', true],
    ["l'eur", true],
    ['(eur)', true],
    ['leur heure', false],
    ['eur7', false],
    ['7eur', false],
    ['_eur', false],
    ['euré', true],
    ['éeur', true],
    ['eu ro', false],
    ['', false],
  ])('%j: %s', (text, expected) => {
    expect(hasCurrency(text)).toBe(expected);
    expect(CURRENCY.test(text)).toBe(expected);
  });

  it('answers as the regular expression on random texts of the characters it looks at', () => {
    // A fixed generator: the same texts in every run.
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = ['e', 'u', 'r', 'o', 'd', 'l', 'a', ' ', '_', '7', 'é', "'", '€', '$', '£', '-', 'E'];
    let differences = 0;
    let matched = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = next() % 12;
      for (let k = 0; k < length; k++) text += alphabet[next() % alphabet.length];
      const expected = CURRENCY.test(text);
      if (expected) matched++;
      if (hasCurrency(text) !== expected) differences++;
    }
    expect(differences).toBe(0);
    // Both answers come up often enough for the comparison to mean something.
    expect(matched).toBeGreaterThan(1000);
    expect(matched).toBeLessThan(19_000);
  });
});
