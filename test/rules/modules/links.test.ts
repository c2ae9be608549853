import { describe, expect, it } from 'vitest';
import { linksRule } from '../../../src/rules/modules/links.js';
import { makeRuleContext } from '../rule-context.js';

const context = (text: string, maxLinks = 1) => makeRuleContext(text, { data: null, options: { maxLinks } });

describe('links rule', () => {
  it.each([
    ['no link', 'Très bon article.'],
    ['one link', 'Source : https://www.arcep.fr/actualites'],
    ['an e-mail address is not a link', 'Écrivez à contact@example.org ou à presse@example.org'],
    ['file names and versions', 'Node.js 20, fichier rapport.pdf, version 1.2.3'],
  ])('valid: %s', (_case, text) => {
    expect(linksRule.check(text, context(text))).toEqual([]);
  });

  it.each([
    ['two URLs', 'https://a.example/x et http://b.example', ['https://a.example/x', 'http://b.example']],
    [
      'a bare domain with a new TLD and a www link',
      'promo-casino.xyz ou www.gain.shop',
      ['promo-casino.xyz', 'www.gain.shop'],
    ],
  ])('invalid: %s', (_case, text, expected) => {
    const [violation, ...rest] = linksRule.check(text, context(text));
    expect(rest).toEqual([]);
    expect(violation?.rule).toBe('links');
    expect(violation?.spans.map((s) => s.text)).toEqual(expected);
    for (const span of violation?.spans ?? []) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('follows the maxLinks threshold from the policy', () => {
    expect(
      linksRule.check('https://a.example https://b.example', context('https://a.example https://b.example', 2)),
    ).toEqual([]);
    expect(linksRule.check('https://a.example', context('https://a.example', 0))).toHaveLength(1);
  });

  it('validates its options', () => {
    expect(linksRule.parseOptions({})).toEqual({ maxLinks: 1 });
    expect(() => linksRule.parseOptions({ maxLinks: -1 })).toThrow();
    expect(() => linksRule.parseOptions({ maxlinks: 2 })).toThrow();
  });
});
