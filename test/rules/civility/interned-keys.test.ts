import { describe, expect, it } from 'vitest';
import {
  elidedKey,
  internKey,
  internPlain,
  newKeyInterner,
  plainKey,
} from '../../../src/rules/civility/interned-keys.js';
import { FNV_OFFSET, hashStep, keyHash } from '../../../src/rules/civility/key-table.js';

/** The hash the tokeniser computes while it scans a plain token (lower-cased units). */
function scannedHash(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = hashStep(h, text.toLowerCase().charCodeAt(i));
  return h;
}

describe('civility interned keys', () => {
  it.each([
    ['Connard', 0, 7, 1, 'connard'],
    ['un CON', 3, 6, 3, 'con'],
    ['c0n!', 0, 3, 0, 'c0n'],
  ])('reads the plain key of %j [%i, %i)', (text, start, end, upper, key) => {
    expect(plainKey(text, start, end, upper)).toBe(key);
  });

  it.each([
    ['qu', true],
    ['t', true],
    ['aujourd', true],
    ['con', false],
    ["qu'", false],
  ])('knows whether %j is an elided word', (key, elision) => {
    expect(internKey(newKeyInterner(), key).elision).toBe(elision);
  });

  it('gives one entry per key, however the key is met', () => {
    const keys = newKeyInterner();
    const byString = internKey(keys, 'connard');
    const text = 'Quel CONNARD, ce connard';
    expect(internPlain(keys, text, 5, 12, 7, scannedHash(text, 5, 12))).toBe(byString);
    expect(internPlain(keys, text, 17, 24, 0, scannedHash(text, 17, 24))).toBe(byString);
    expect(internKey(keys, 'con')).not.toBe(byString);
    expect(keyHash('connard')).toBe(scannedHash(text, 17, 24));
  });

  it.each([
    ['a long run of capitals', 'A'.repeat(300)],
    ['a long mixed-case word', `Anti${'constitutionnellement'.repeat(3)}`],
    ['a long lower-case word', 'x'.repeat(100)],
  ])('finds %s by its place in the text as by its string', (_case, word) => {
    const keys = newKeyInterner();
    const text = `« ${word} »`;
    const upper = [...word].filter((c) => c >= 'A' && c <= 'Z').length;
    const byText = internPlain(keys, text, 2, 2 + word.length, upper, scannedHash(text, 2, 2 + word.length));
    expect(byText.key).toBe(word.toLowerCase());
    expect(internKey(keys, word.toLowerCase())).toBe(byText);
    expect(internPlain(keys, text, 2, 2 + word.length, upper, scannedHash(text, 2, 2 + word.length))).toBe(byText);
  });

  it.each([
    ['a lower-case letter', 'c o n', 0, 0],
    ['a capital', 'C O N', 0, 1],
    ['a digit', 'c 0 n', 2, 0],
    ['a mask', 'p * t', 2, 0],
  ])('keeps one entry per key of one character: %s', (_case, text, at, upper) => {
    const keys = newKeyInterner();
    const byText = internPlain(keys, text, at, at + 1, upper, scannedHash(text, at, at + 1));
    const key = text.charAt(at).toLowerCase();
    expect(byText.key).toBe(key);
    expect(internKey(keys, key)).toBe(byText);
    expect(internPlain(keys, text, at, at + 1, upper, scannedHash(text, at, at + 1))).toBe(byText);
    expect(internPlain(keys, key.toUpperCase(), 0, 1, key === key.toUpperCase() ? 0 : 1, keyHash(key))).toBe(byText);
  });

  it('interns the apostrophe form of an elided key once', () => {
    const keys = newKeyInterner();
    const qu = internKey(keys, 'qu');
    const withApostrophe = elidedKey(keys, qu);
    expect(withApostrophe.key).toBe("qu'");
    expect(elidedKey(keys, qu)).toBe(withApostrophe);
    expect(internKey(keys, "qu'")).toBe(withApostrophe);
  });
});
