import { describe, expect, it } from 'vitest';
import { sharedSpellChecker } from '../../../src/rules/spelling/hunspell.js';

describe('Hunspell spell checker', () => {
  const fr = sharedSpellChecker('fr');
  const en = sharedSpellChecker('en');

  it.each(['abonnés', 'cyberattaque', 'télétravail', 'aujourd’hui', "aujourd'hui", 'peut-être', 'sûrement', 'Kourou'])(
    'French accepts %s',
    (word) => expect(fr.isWord(word)).toBe(true),
  );

  it.each(['nimporte', 'daccord', 'plusieur', 'télétravial'])('French refuses %s', (word) => {
    expect(fr.isWord(word)).toBe(false);
  });

  it.each([
    ['outage', true],
    ['centre', true],
    ['recieve', false],
    ['alot', false],
  ] as const)('English: %s → %s', (word, known) => {
    expect(en.isWord(word)).toBe(known);
  });

  it('suggests corrections, at most as many as asked', () => {
    const suggestions = fr.suggest('plusieur', 2);
    expect(suggestions).toHaveLength(2);
    expect(suggestions[0]).toBe('plusieurs');
  });

  it('leaves the process without the uncaughtException handler the WebAssembly glue installs', () => {
    expect(process.listeners('uncaughtException').map((l) => l.toString())).not.toContainEqual(
      expect.stringContaining('ExitStatus'),
    );
  });

  it('answers the same from its cache', () => {
    for (let i = 0; i < 3; i++) expect(fr.isWord('plusieur')).toBe(false);
    for (let i = 0; i < 3; i++) expect(fr.isWord('plusieurs')).toBe(true);
  });

  it('tells a cached answer from one that would cost a lookup', () => {
    expect(fr.cached('anticonstitutionnellement')).toBeUndefined();
    expect(fr.isWord('anticonstitutionnellement')).toBe(true);
    expect(fr.cached('anticonstitutionnellement')).toBe(true);
    expect(fr.cached('plusieur')).toBe(false);
  });
});
