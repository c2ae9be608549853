import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/rules/loader.js';
import { onTopicRule } from '../../../src/rules/modules/on-topic.js';
import type { OnTopicData } from '../../../src/rules/on-topic/data.js';
import { analyse } from '../../../src/rules/text/analysis.js';

const data = loadRuleSet({ modules: [onTopicRule] }).rules[0]?.data as Record<'fr' | 'en', OnTopicData>;

/** The facts of each token of a French comment, as [folded, flags...]. */
function factsOf(text: string): string[][] {
  const analysis = analyse(text);
  const { facts, count } = data.fr.tokens.read(analysis);
  return Array.from({ length: count }, (_, i) => {
    const known = facts[i];
    if (!known) throw new Error(`no facts for token ${i}`);
    const flags = [known.folded];
    if (known.stop) flags.push('stop');
    if (known.reaction) flags.push('reaction');
    if (known.digits > 0) flags.push(`digits:${known.digits}`);
    if (known.currency) flags.push('currency');
    if (known.starts) flags.push('starts');
    return flags;
  });
}

describe('on-topic token facts', () => {
  it.each([
    ['Merci', [['merci', 'reaction', 'starts']]],
    [
      'Désolé pour le HS',
      [
        ['desole', 'starts'],
        ['pour', 'stop', 'reaction', 'starts'],
        ['le', 'stop', 'reaction', 'starts'],
        ['hs', 'starts'],
      ],
    ],
    // Typographic apostrophes are made straight, as in the phrase lists.
    [
      'l’Europe',
      [
        ["l'", 'reaction', 'starts'],
        ['europe', 'currency'],
      ],
    ],
    [
      'Leur 4G',
      [
        ['leur', 'stop'],
        ['4g', 'digits:1'],
      ],
    ],
    [
      '49,99 €',
      [
        ['49,99', 'digits:4'],
        ['€', 'currency'],
      ],
    ],
    [
      'EUR 5 dollars',
      [
        ['eur', 'currency'],
        ['5', 'digits:1'],
        ['dollars', 'currency'],
      ],
    ],
    ['serveur', [['serveur']]],
  ])('%s', (text, expected) => {
    expect(factsOf(text)).toEqual(expected);
  });

  it('gives every occurrence of a string the same facts, in an array reused by the next comment', () => {
    const first = data.fr.tokens.read(analyse('le chat et le chien'));
    expect(first.facts[0]).toBe(first.facts[3]);
    const again = data.fr.tokens.read(analyse('chien'));
    expect(again.count).toBe(1);
    expect(again.facts[0]?.folded).toBe('chien');
  });

  it.each([
    ['a currency sign', 'prix : 3 €'],
    ['euros in capitals', '3 EUROS'],
    ['a lone EUR', '10 EUR.'],
    ['dollars', '5 Dollars'],
  ])('flags a token wherever the spam currency test finds one in the text: %s', (_, text) => {
    const analysis = analyse(text);
    const { facts, count } = data.fr.tokens.read(analysis);
    expect(/[€$£]|euro|dollar|\beur\b/.test(text.toLowerCase())).toBe(true);
    expect(Array.from({ length: count }, (_, i) => facts[i]?.currency).some(Boolean)).toBe(true);
  });
});
