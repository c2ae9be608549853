import { describe, expect, it } from 'vitest';
import { inSet, WordBits } from '../../../src/rules/proofreading/word-bits.js';

// 40 sets, so that ids past 31 use the second 32-bit word.
const sets = Array.from({ length: 40 }, (_, id) => new Set(id % 2 === 0 ? ['sa', `w${id}`] : [`w${id}`]));
const bits = new WordBits(sets);

describe('word bits', () => {
  it.each([
    ['sa', 0, true],
    ['sa', 1, false],
    ['sa', 38, true],
    ['sa', 39, false],
    ['w33', 33, true],
    ['w33', 32, false],
    ['w5', 5, true],
    ['ça', 0, false],
    ['sa', -1, false],
    ['', 0, false],
  ] as const)('%s in set %i: %s', (word, set, expected) => {
    expect(inSet(bits.of(word), set)).toBe(expected);
    expect(inSet(bits.of(word), set)).toBe(set >= 0 && (sets[set]?.has(word) ?? false));
  });

  it('gives every word of no set the same all-clear bits', () => {
    expect(bits.of('ça')).toBe(bits.none);
    expect(Array.from(bits.none)).toEqual([0, 0]);
  });
});
