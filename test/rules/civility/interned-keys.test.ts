import { describe, expect, it } from 'vitest';
import {
  elidedKey,
  internCodes,
  internKey,
  internScanned,
  KEY_WORDS,
  newKeyInterner,
  READ_NORM,
  stringOf,
} from '../../../src/rules/civility/interned-keys.js';
import { keyHash } from '../../../src/rules/civility/key-table.js';
import { packedString } from '../../../src/rules/civility/short-keys.js';

/** The code units of `text` in a buffer longer than the key, as the tokeniser writes a key. */
function unitsOf(text: string): Uint16Array {
  const units = new Uint16Array(text.length + 8);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

describe('civility interned keys', () => {
  it.each([
    ['qu', 1],
    ['t', 1],
    ['aujourd', 1],
    ['con', 0],
    ["qu'", 0],
  ])('knows whether %j is an elided word (%i)', (key, elision) => {
    const keys = newKeyInterner();
    expect(keys.elision[internKey(keys, key)]).toBe(elision);
  });

  it.each([
    ['a letter', 'c'],
    ['a digit', '0'],
    ['a mask', '*'],
    ['a short word', 'con'],
    ['six letters', 'abruti'],
    ['seven letters', 'connard'],
    ['a leet word', 'c0nn4rd'],
    ['a folded character outside ASCII', '€'],
    ['an elided word', "qu'"],
    ['a long run', 'a'.repeat(5000)],
  ])('gives %s one id, however the key is met', (_case, key) => {
    const keys = newKeyInterner();
    const id = internKey(keys, key);
    const units = unitsOf(key);
    const packed = packedString(key);
    expect(internKey(keys, key)).toBe(id);
    expect(internCodes(keys, units, key.length)).toBe(id);
    expect(internScanned(keys, units, key.length, packed > 0, packed, keyHash(key))).toBe(id);
    expect([keys.count, keys.key[id]]).toEqual([1, key]);
  });

  it('gives different keys different ids, their words unread', () => {
    const keys = newKeyInterner();
    const ids = ['c', 'co', 'con', 'conn', 'connard', 'c0n', 'C'].map((key) => internKey(keys, key));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(keys.words[id * KEY_WORDS + READ_NORM]).toBeUndefined();
  });

  it('interns the apostrophe form of an elided key once', () => {
    const keys = newKeyInterner();
    const qu = internKey(keys, 'qu');
    const withApostrophe = elidedKey(keys, qu);
    expect(keys.key[withApostrophe]).toBe("qu'");
    expect(elidedKey(keys, qu)).toBe(withApostrophe);
    expect(internKey(keys, "qu'")).toBe(withApostrophe);
  });

  it('starts afresh before a comment once past its bound, never during one, in the room it had', () => {
    const keys = newKeyInterner();
    for (let i = 0; i < 50000; i++) internKey(keys, `k${i}`);
    expect(keys.count).toBe(50000);
    keys.words[2 * KEY_WORDS + READ_NORM] = 'read before the reset';
    keys.startComment();
    expect(keys.count).toBe(0);
    // Emptied in place: the arrays keep their length (no regrowth after each reset).
    expect([keys.key.length, keys.words.length]).toEqual([50000, 50000 * KEY_WORDS]);
    expect(keys.key.every((key) => key === '')).toBe(true);
    expect(keys.words.every((word) => word === undefined || word === null)).toBe(true);
    expect(['k42', 'nouveau', 'autre'].map((key) => internKey(keys, key))).toEqual([0, 1, 2]);
    expect(keys.key.slice(0, 3)).toEqual(['k42', 'nouveau', 'autre']);
    expect(keys.words[2 * KEY_WORDS + READ_NORM]).toBeUndefined();
    keys.startComment();
    expect(keys.count).toBe(3);
  });

  it.each([
    ['no unit', ''],
    ['ASCII', 'con'],
    ['a surrogate pair and a lone surrogate', '\ud83d\ude00 et \ud800 seul'],
    ['more units than one call takes', 'x'.repeat(10000)],
  ])('makes the string of its units: %s', (_case, text) => {
    expect(stringOf(unitsOf(text), text.length)).toBe(text);
  });
});
