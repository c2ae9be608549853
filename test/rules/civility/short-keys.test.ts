import { describe, expect, it } from 'vitest';
import { packedKey, packedString, SHORT_KEY, ShortKeyTable } from '../../../src/rules/civility/short-keys.js';

/** The code units of `text`, as the tokeniser writes a key. */
function unitsOf(text: string): Uint16Array {
  return Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
}

describe('civility short keys', () => {
  it.each([
    ['a', 1],
    ['z', 26],
    ['de', 133],
    ['con', 3566],
    ['zzzzzz', 900557658],
    ['connard', -1],
    ['c0n', -1],
    ["qu'", -1],
    ['é', -1],
    ['A', -1],
  ])('packs %j as %i', (key, packed) => {
    expect(packedString(key)).toBe(packed);
    expect(packedKey(unitsOf(key), key.length)).toBe(packed);
  });

  it('packs different keys differently', () => {
    const seen = new Map<number, string>();
    for (const key of ['a', 'aa', 'aaa', 'b', 'ab', 'ba', 'abc', 'cab', 'zzzzzz', 'azzzzz', 'zzzzza']) {
      const packed = packedString(key);
      expect(seen.get(packed)).toBeUndefined();
      seen.set(packed, key);
    }
    expect(SHORT_KEY).toBe(6);
  });

  it('finds every id through growth, and none once cleared', () => {
    const table = new ShortKeyTable();
    const keys: string[] = [];
    for (let a = 0; a < 26; a++)
      for (let b = 0; b < 26; b++) for (const c of 'aeiou') keys.push(String.fromCharCode(0x61 + a, 0x61 + b) + c);
    keys.forEach((key, id) => {
      table.add(packedString(key), id);
    });
    keys.forEach((key, id) => {
      expect(table.get(packedString(key))).toBe(id);
    });
    expect(table.get(packedString('zzz'))).toBe(-1);
    table.clear();
    expect(table.get(packedString('aba'))).toBe(-1);
  });
});
