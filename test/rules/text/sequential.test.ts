import { describe, expect, it } from 'vitest';
import { sequential } from '../../../src/rules/text/sequential.js';

const base = 'Le processeur est très rapide, mais la batterie… ';

describe('sequential', () => {
  it.each([
    ['empty', ''],
    ['one-byte', base],
    ['two-byte (typographic apostrophe)', 'C’est l’été'],
    ['a concatenation', `${base.repeat(3)}${Math.random() < 2 ? 'fin' : ''}`],
    ['a slice', base.repeat(4).slice(7, 150)],
    ['emoji and a lone surrogate', 'ok 👍 \ud83d fin \udc4d'],
    ['NUL and control characters', 'a\u0000b\u0007c\r\n'],
  ])('keeps the text as it is: %s', (_case, text) => {
    const copy = sequential(text);
    expect(copy).toBe(text);
    expect(copy.length).toBe(text.length);
    for (let i = 0; i < text.length; i++) expect(copy.charCodeAt(i)).toBe(text.charCodeAt(i));
  });
});
