import { describe, expect, it } from 'vitest';
import type { CivilityData } from '../../../src/rules/civility/data.js';
import { Canonicaliser } from '../../../src/rules/civility/lexicon.js';
import { deserialiseSlips, serialiseSlips, slipKey } from '../../../src/rules/civility/slip-cache.js';
import { loadRuleSet } from '../../../src/rules/loader.js';
import { defaultRuleModules } from '../../../src/rules/modules/index.js';

/** The civility data as the sources load it: the variants computed, no build cache read. */
const civility = loadRuleSet({ modules: defaultRuleModules.filter((m) => m.id === 'civility') }).rules[0];
const dataOf = (lang: 'fr' | 'en') => civility?.data[lang] as CivilityData;

describe('civility one-slip variants cache', () => {
  it.each(['fr', 'en'] as const)('gives back every variant of the %s data, and nothing else', (lang) => {
    const data = dataOf(lang);
    const computed = new Map(data.canon.slipVariants().entries());
    expect(computed.size).toBeGreaterThan(1000);
    const read = deserialiseSlips(serialiseSlips(data.slipsKey, data.canon.slipVariants()), data.slipsKey);
    expect(read).not.toBeNull();
    for (const [variant, target] of computed) expect(read?.get(variant), variant).toBe(target);
    expect(new Map(read?.entries())).toEqual(computed);
    // Words that are no variant: before the first, after the last, between two, targets themselves.
    for (const absent of ['', 'a', 'zzzzzzzz', 'connardd', ...[...computed.values()].slice(0, 20)])
      if (!computed.has(absent)) expect(read?.get(absent), absent).toBeUndefined();
  });

  it('ignores a file made from other inputs, another format or cut short', () => {
    const data = dataOf('en');
    const stored = serialiseSlips(data.slipsKey, data.canon.slipVariants());
    expect(deserialiseSlips(stored, 'another key')).toBeNull();
    expect(deserialiseSlips(stored.subarray(0, stored.length - 40), data.slipsKey)).toBeNull();
    expect(deserialiseSlips(Buffer.from('not a cache'), data.slipsKey)).toBeNull();
  });

  it.each([
    ['a vocabulary word', { vocab: ['connard', 'salope', 'abruti'] }],
    ['the fuzzy forms’ order', { fuzzyForms: ['salope', 'connard'] }],
    ['an innocent word', { innocent: ['conard'] }],
    ['the minimum length', { fuzzyMinLength: 6 }],
    ['a short target', { shortTargets: ['trns'] }],
  ])('keys the variants by their inputs: %s changes the key', (_what, change) => {
    const inputs = {
      vocab: ['connard', 'salope'],
      fuzzyForms: ['connard', 'salope'],
      innocent: [] as string[],
      fuzzyMinLength: 5,
      shortTargets: [] as string[],
    };
    expect(slipKey({ ...inputs, ...change })).not.toBe(slipKey(inputs));
    expect(slipKey({ ...inputs })).toBe(slipKey(inputs));
  });

  it('reads words back the same with the stored variants as with the variants it makes', () => {
    const vocab = new Set(['connard', 'salope', 'enfoire', 'trans']);
    const fuzzyForms = ['connard', 'salope', 'enfoire', 'trans'];
    const innocent = new Set(['conard']);
    const shortTargets = new Set(['trans']);
    const isWord = (w: string) => w === 'salopette';
    const make = (slips?: ReturnType<typeof deserialiseSlips>) =>
      new Canonicaliser(
        vocab,
        vocab,
        fuzzyForms,
        isWord,
        innocent,
        { fuzzyMinLength: 5 },
        shortTargets,
        slips ?? undefined,
      );
    const computing = make();
    const key = slipKey({ vocab, fuzzyForms, innocent, fuzzyMinLength: 5, shortTargets });
    const stored = deserialiseSlips(serialiseSlips(key, computing.slipVariants()), key);
    expect(stored).not.toBeNull();
    const cached = make(stored);
    for (const word of [
      'connard',
      'conard',
      'connrad',
      'saloep',
      'slope',
      'enfoier',
      'tran',
      'trasn',
      'salopette',
      'bonjour',
      'c0nnard',
      'connnnard',
    ])
      expect(cached.read(word), word).toEqual(computing.read(word));
    expect(cached.read('saloep')).toEqual({ word: 'salope', evasion: 'misspelt' });
  });
});
