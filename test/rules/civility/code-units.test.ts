import { describe, expect, it } from 'vitest';
import { codeUnitsOf } from '../../../src/rules/civility/code-units.js';

describe('civility code units', () => {
  it.each([
    ['ASCII', 'Quel con !'],
    ['Latin-1 and quotes', '« démeuré » – l’été'],
    ['a surrogate pair', 'c\ud83d\ude00n'],
    ['lone surrogates', '\ud800x\udc00'],
    ['a text longer than the first buffer', 'ab '.repeat(2000)],
  ])('copies %s unit by unit', (_case, text) => {
    const units = codeUnitsOf(text);
    expect(Array.from(units.subarray(0, text.length))).toEqual(
      Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)),
    );
  });
});
