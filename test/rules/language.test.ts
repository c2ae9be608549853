import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/rules/language.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { seededRandom } from '../random.js';

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

describe('detectLanguage, with the counts it remembers per token', () => {
  // One token of 59 characters (past the 40 remembered) holding six French markers, then a short one.
  const long = 'le-la-les-des-une-est-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
  it.each([
    [long, 'fr'],
    ['the-and-is', 'en'],
  ] as const)('%j decides the same when its token was already seen', (text, expected) => {
    const fallback = expected === 'fr' ? 'en' : 'fr';
    expect(detectLanguage(text, fallback, language)).toBe(expected);
    expect(detectLanguage(`${text} ${text}`, fallback, language)).toBe(expected);
    expect(detectLanguage(text, fallback, language)).toBe(expected);
  });
});

describe('detectLanguage, against the pattern its scanner implements', () => {
  // The words counted are the runs of letters (\p{L}+) of the lower-cased text.
  function reference(text: string, fallback: 'fr' | 'en') {
    let fr = 0;
    let en = 0;
    for (const [word] of text.toLowerCase().matchAll(/\p{L}+/gu)) {
      if (language.fr.markers.has(word)) fr++;
      if (language.en.markers.has(word)) en++;
    }
    if (fr >= 2 * en + 1 && fr >= 2) return 'fr';
    if (en >= 2 * fr + 1 && en >= 2) return 'en';
    return fallback;
  }
  const pieces = [
    'le',
    'la',
    'the',
    'and',
    'est',
    'is',
    "l'",
    'de',
    'of',
    ' ',
    '-',
    'É',
    'İ',
    '😀',
    '\ud83d',
    '2',
    'x',
    'Ж',
    // Links are single tokens whose words still count, and may touch the letters after them.
    'https://www.lemonde.fr/les-articles',
    'https://a.fr/xé',
    '@le',
    '#the',
    'a@b.fr',
  ];
  const random = seededRandom(7);

  it('decides the same on 3,000 random texts', () => {
    for (let n = 0; n < 3000; n++) {
      const text = Array.from(
        { length: Math.floor(random() * 16) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join(random() < 0.5 ? ' ' : '');
      expect(detectLanguage(text, 'fr', language), JSON.stringify(text)).toBe(reference(text, 'fr'));
      expect(detectLanguage(text, 'en', language), JSON.stringify(text)).toBe(reference(text, 'en'));
    }
  });
});
