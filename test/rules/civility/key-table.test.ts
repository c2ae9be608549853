import { describe, expect, it } from 'vitest';
import { FNV_OFFSET, hashStep, KeyTable, keyHash, unitsHash } from '../../../src/rules/civility/key-table.js';

/** The code units of `text`, as the tokeniser writes a key. */
function unitsOf(text: string): Uint16Array {
  return Uint16Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
}

describe('civility key table', () => {
  const table = new KeyTable();
  const keys = ['c0n', 'connards', 'p*te', "qu'", 'anticonstitutionnellement', 'x'.repeat(300)];
  keys.forEach((key, id) => {
    table.add(key, keyHash(key), id);
  });

  it.each([
    ['c0n', 0],
    ["qu'", 3],
    ['anticonstitutionnellement', 4],
    ['x'.repeat(300), 5],
    ['c0nn', -1],
    ['x'.repeat(299), -1],
    ['', -1],
  ])('finds %j by its string (id %i)', (key, id) => {
    expect(table.get(key, keyHash(key))).toBe(id);
  });

  it.each([
    ['connards', 1],
    ['p*te', 2],
    ['p*t', -1],
    ['connardz', -1],
  ])('finds %j by its code units (id %i)', (key, id) => {
    // The buffer is longer than the key, as the tokeniser's is: only [0, length) counts.
    const units = new Uint16Array(64);
    units.set(unitsOf(key));
    expect(table.getCodes(units, key.length, unitsHash(units, key.length))).toBe(id);
  });

  it.each(['connard', 'C0N', 'é', "l'"])('hashes the units of %j as keyHash hashes the string', (key) => {
    let h = FNV_OFFSET;
    for (const unit of unitsOf(key)) h = hashStep(h, unit);
    expect([unitsHash(unitsOf(key), key.length), keyHash(key)]).toEqual([h, h]);
  });

  it('keeps every key through growth, and forgets them all when cleared', () => {
    const big = new KeyTable();
    for (let i = 0; i < 5000; i++) big.add(`k${i}`, keyHash(`k${i}`), i);
    for (let i = 0; i < 5000; i += 499) expect(big.get(`k${i}`, keyHash(`k${i}`))).toBe(i);
    expect(big.units).toBe([...Array(5000).keys()].reduce((sum, i) => sum + `k${i}`.length, 0));
    big.clear();
    expect([big.get('k42', keyHash('k42')), big.units]).toEqual([-1, 0]);
    big.add('k42', keyHash('k42'), 7);
    expect(big.get('k42', keyHash('k42'))).toBe(7);
  });
});
