import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../../src/db/schema.js';
import { loadRuleSet } from '../../../src/rules/loader.js';
import { proofreadingRule } from '../../../src/rules/modules/proofreading.js';
import type { ProofreadingData } from '../../../src/rules/proofreading/data.js';
import { restoreAccents } from '../../../src/rules/proofreading/words.js';
import { AccentFreeForms, accentFree, accentFreeForms } from '../../../src/rules/spelling/accent-free-forms.js';
import { buildAccentFreeForms } from '../../../src/rules/spelling/accent-free-forms-build.js';
import { type SpellChecker, sharedSpellChecker, spellChecker } from '../../../src/rules/spelling/hunspell.js';

describe('AccentFreeForms', () => {
  const filter = AccentFreeForms.of(['etait', 'tres', 'deja', 'francais', 'l’ete', 'km/h']);

  it.each(['etait', 'tres', 'deja', 'francais'])('may have a form it was made of: %s', (form) => {
    expect(filter.mayBeAForm(form)).toBe(true);
  });

  it.each(['devheloppeur', 'etaient', 'tre'])('has not a form it was not made of: %s', (form) => {
    expect(filter.mayBeAForm(form)).toBe(false);
  });

  it.each(['l’ete', 'km/h', 'peut-etre', 'Etait', '2eme'])(
    'says "maybe" outside its alphabet (lower-case letters a–z, œ, æ), whatever it was made of: %s',
    (form) => {
      expect(filter.mayBeAForm(form)).toBe(true);
    },
  );

  it('counts only the forms of its alphabet', () => {
    expect(filter.forms).toBe(4);
  });

  it('reads back what it wrote, for the same key only', () => {
    const bytes = filter.serialise('key-1');
    const back = AccentFreeForms.deserialise(bytes, 'key-1');
    expect(back?.forms).toBe(4);
    expect(back?.mayBeAForm('etait')).toBe(true);
    expect(back?.mayBeAForm('devheloppeur')).toBe(false);
    expect(AccentFreeForms.deserialise(bytes, 'key-2')).toBeNull();
    expect(AccentFreeForms.deserialise(bytes.subarray(0, bytes.length - 1), 'key-1')).toBeNull();
    expect(AccentFreeForms.deserialise(Buffer.from('not a filter'), 'key-1')).toBeNull();
  });

  it('is not read by the sources (tests included): every variant is then asked of Hunspell', () => {
    expect(accentFreeForms('fr')).toBeNull();
  });
});

/** A checker that counts the words it is asked. */
function counting(checker: SpellChecker) {
  const asked = { count: 0 };
  const counted: SpellChecker = Object.create(checker);
  counted.isWord = (word: string) => {
    asked.count++;
    return checker.isWord(word);
  };
  return { counted, asked };
}

/**
 * Asks every word of `words` of the checker of `lang` with the filter `forms` and of one without
 * a filter: the same answers, fewer Hunspell calls; and `typos` cost the first none.
 */
function expectSameAnswersWithFewerLookups(
  lang: Lang,
  forms: AccentFreeForms,
  words: Iterable<string>,
  typos: string[],
) {
  const plain = spellChecker(lang, () => null);
  const filtered = spellChecker(lang, () => forms);
  for (const word of words) expect([word, filtered.isWord(word)]).toEqual([word, plain.isWord(word)]);
  expect(filtered.lookups).toBeLessThan(plain.lookups);

  const before = filtered.lookups;
  for (const typo of typos) expect(filtered.isWord(typo)).toBe(false);
  expect(filtered.lookups).toBe(before);
  return filtered;
}

describe('the French dictionary’s accent-free forms', () => {
  let forms: AccentFreeForms;
  const checker = sharedSpellChecker('fr');
  const data = loadRuleSet({ modules: [proofreadingRule] }).rules[0]?.data.fr as ProofreadingData;

  beforeAll(async () => {
    forms = await buildAccentFreeForms('fr');
  }, 120_000);

  it('holds the forms of the dictionary, from its stems and affix rules', () => {
    expect(forms.forms).toBeGreaterThan(300_000);
    for (const form of ['etait', 'etaient', 'tres', 'deja', 'francaise', 'evenements', 'interessantes', 'reparerions'])
      expect(forms.mayBeAForm(form)).toBe(true);
  });

  it('misses no word Hunspell accepts among the accent variants of the fixtures’ words', () => {
    const texts = [
      readFileSync('test/corpus/comments.jsonl', 'utf8'),
      readFileSync('test/corpus/articles.jsonl', 'utf8'),
      ...[
        'proofreading.json',
        'proofreading-allow.txt',
        'civility.json',
        'on-topic-lexicon.json',
        'sms-speak.json',
      ].map((file) => readFileSync(`rules/fr/${file}`, 'utf8')),
    ];
    const words = new Set<string>();
    for (const text of texts) for (const m of text.toLowerCase().matchAll(/\p{L}+/gu)) words.add(m[0]);
    let accepted = 0;
    const missed: string[] = [];
    for (const word of words) {
      const base = accentFree(word);
      const variants = new Set([word, base]);
      for (let i = 0; i < base.length; i++)
        for (const v of data.accentVariants.get(base[i] as string) ?? [])
          variants.add(base.slice(0, i) + v + base.slice(i + 1));
      for (const variant of variants) {
        if (!checker.isWord(variant)) continue;
        accepted++;
        if (!forms.mayBeAForm(accentFree(variant))) missed.push(variant);
      }
    }
    expect(accepted).toBeGreaterThan(1_000);
    expect(missed).toEqual([]);
  });

  it.each([
    ['etait', 'était'],
    ['tres', 'très'],
    ['deja', 'déjà'],
    ['francais', 'français'],
    ['evenement', 'événement'],
    ['interessant', 'intéressant'],
    ['devheloppeur', null],
    ['inthéressant', null],
    ['ordinatheur', null],
  ])('restores the accents of %s as Hunspell alone does: %s', (word, restored) => {
    const without = counting(spellChecker('fr', () => null));
    const withForms = counting(spellChecker('fr', () => forms));
    expect(restoreAccents(word, without.counted, data, { lookups: 300 })).toBe(restored);
    expect(restoreAccents(word, withForms.counted, data, { lookups: 300 })).toBe(restored);
    // A word no accent makes a word is answered without a lookup.
    if (restored === null) {
      expect(without.asked.count).toBeGreaterThan(10);
      expect(withForms.asked.count).toBe(0);
    }
  });

  it('lets the spell checker answer a typo without Hunspell, and every word as Hunspell does', () => {
    const fixtures = readFileSync('test/corpus/comments.jsonl', 'utf8');
    const words = new Set<string>(fixtures.match(/[\p{L}'’-]+/gu) ?? []);
    for (const word of ['était', 'Était', 'ÉTAIT', 'etait', 'Kourou', 'iPhone', 'peut-être', "aujourd'hui", 'œuvre'])
      words.add(word);
    const filtered = expectSameAnswersWithFewerLookups('fr', forms, words, [
      'devheloppeur',
      'Apparejmment',
      'ORDINATHEUR',
      'sékcurité',
    ]);
    const before = filtered.lookups;
    // A word outside the filter's alphabet is still asked.
    expect(filtered.isWord('peut-êtrre')).toBe(false);
    expect(filtered.lookups).toBe(before + 1);
  });
});

describe('the English dictionaries’ accent-free forms', () => {
  let forms: AccentFreeForms;

  beforeAll(async () => {
    forms = await buildAccentFreeForms('en');
  }, 60_000);

  it('let the spell checker answer every word as Hunspell does, typos without Hunspell', () => {
    // English words and French ones: the French rule asks the English checker about unknown words.
    const fixtures = `${readFileSync('test/corpus/comments.jsonl', 'utf8')} ${readFileSync('rules/en/proofreading-allow.txt', 'utf8')}`;
    const words = new Set<string>(fixtures.match(/[\p{L}'’-]+/gu) ?? []);
    for (const word of [...words]) words.add(word.toUpperCase());
    for (const word of ['colour', 'Colour', 'color', "don't", 'café', 'naïve', 'iPhone', 'NASA']) words.add(word);
    expectSameAnswersWithFewerLookups('en', forms, words, ['recieve', 'Apparejmment', 'ORDINATHEUR', 'applicatikon']);
  });
});
