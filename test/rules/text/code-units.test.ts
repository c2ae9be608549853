import { describe, expect, it } from 'vitest';
import { CodeUnits, codeUnitsOf } from '../../../src/rules/text/code-units.js';

const TEXTS = [
  ['ASCII', 'Quel con !'],
  ['Latin-1 and quotes', '« démeuré » – l’été'],
  ['a surrogate pair', 'c\ud83d\ude00n'],
  ['lone surrogates', '\ud800x\udc00'],
  ['a text longer than the first buffer', 'ab '.repeat(2000)],
] as const;

const unitsOf = (text: string) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

describe('code units', () => {
  it.each(TEXTS)('copies %s unit by unit', (_case, text) => {
    const units = codeUnitsOf(text);
    expect(Array.from(units.subarray(0, text.length))).toEqual(unitsOf(text));
  });

  it.each(TEXTS)('makes a flat copy of %s, equal to it', (_case, text) => {
    const reader = new CodeUnits();
    reader.of(text);
    const copy = reader.flatCopy(text);
    expect(copy).toBe(text);
    expect(unitsOf(copy)).toEqual(unitsOf(text));
  });

  it('keeps each reader its own buffer: one reading another text leaves the other as it was', () => {
    const first = new CodeUnits();
    const second = new CodeUnits();
    const kept = first.of('connard');
    second.of('bonjour');
    expect(String.fromCharCode(...kept.subarray(0, 7))).toBe('connard');
  });

  it('gives an empty text back as it is', () => {
    const reader = new CodeUnits();
    reader.of('');
    expect(reader.flatCopy('')).toBe('');
  });
});
