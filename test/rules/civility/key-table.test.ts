import { describe, expect, it } from 'vitest';
import { FNV_OFFSET, hashStep, KeyTable, keyHash } from '../../../src/rules/civility/key-table.js';

/** keyHash of text[start, end) lower-cased, computed unit by unit as the tokeniser does. */
function scannedHash(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = hashStep(h, text.toLowerCase().charCodeAt(i));
  return h;
}

describe('civility key table', () => {
  const table = new KeyTable<{ key: string; value: string }>();
  for (const key of ['con', 'connard', 'c0n', 'p*te', "qu'", 'ete'])
    table.add(keyHash(key), { key, value: `value of ${key}` });

  it.each([
    ['con', 'value of con'],
    ['c0n', 'value of c0n'],
    ["qu'", "value of qu'"],
    ['conn', undefined],
    ['', undefined],
  ])('finds %j by its string', (key, value) => {
    expect(table.get(key, keyHash(key))?.value).toBe(value);
  });

  it.each([
    // text, start, end, capitals, expected
    ['un con fini', 3, 6, false, 'value of con'],
    ['un CON fini', 3, 6, true, 'value of con'],
    ['Connard !', 0, 7, true, 'value of connard'],
    ['le c0n', 3, 6, false, 'value of c0n'],
    ['une p*te', 4, 8, false, 'value of p*te'],
    ['conseil', 0, 4, false, undefined],
    ['conseil', 0, 7, false, undefined],
    ['cons', 0, 3, false, 'value of con'],
  ])('finds the key of %j [%i, %i) by its place in the text', (text, start, end, capitals, value) => {
    expect(table.getRange(text, start, end, capitals, scannedHash(text, start, end))?.value).toBe(value);
  });

  it('hashes a key unit by unit as keyHash does', () => {
    expect(scannedHash('Connard', 0, 7)).toBe(keyHash('connard'));
  });

  it('keeps every key through growth', () => {
    const big = new KeyTable<{ key: string; value: number }>();
    for (let i = 0; i < 5000; i++) big.add(keyHash(`k${i}`), { key: `k${i}`, value: i });
    for (let i = 0; i < 5000; i += 499) expect(big.get(`k${i}`, keyHash(`k${i}`))?.value).toBe(i);
    expect(big.getRange('xx k4990 yy', 3, 8, false, keyHash('k4990'))?.value).toBe(4990);
  });
});
