import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { asciiSource } from '../src/ascii-source.js';

/** The value of a JavaScript expression, evaluated apart. */
const evaluate = (expression: string) => runInNewContext(`(${expression})`) as unknown;

describe('asciiSource', () => {
  it.each([
    { source: 'const a = 1; // plain ASCII', expected: 'const a = 1; // plain ASCII' },
    { source: '/[œæß]/g', expected: '/[\\u0153\\u00e6\\u00df]/g' },
    { source: '// déjà vu', expected: '// d\\u00e9j\\u00e0 vu' },
    { source: '/* l’été */', expected: '/* l\\u2019\\u00e9t\\u00e9 */' },
    { source: '/😀/', expected: '/\\ud83d\\ude00/' },
    { source: '/\\\\é/', expected: '/\\\\\\u00e9/' },
  ])('writes $source as $expected', ({ source, expected }) => {
    const ascii = asciiSource(source);
    expect(ascii).toBe(expected);
    expect(/^[\0-\x7f]*$/.test(ascii)).toBe(true);
  });

  it.each([
    { pattern: '/[œæß]/g', texts: ['cœur', 'Straße', 'coeur', 'æ'] },
    { pattern: "/[^\\p{L}'’-]/u", texts: ['aujourd’hui', 'a b', 'été!', '’'] },
    { pattern: '/(?:\\/[^\\s<>"«»]*)?$/u', texts: ['/a«b', '/chemin»', 'x'] },
    { pattern: '/^[😀-😂]$/u', texts: ['😁', '😃', '\ud83d'] },
    { pattern: '/😀+/', texts: ['😀😀', '\ude00', 'x'] },
    { pattern: '/^.$/', texts: ['é', '😀', 'ab'] },
  ])('leaves what $pattern matches as it was', ({ pattern, texts }) => {
    const before = evaluate(pattern) as RegExp;
    const after = evaluate(asciiSource(pattern)) as RegExp;
    for (const text of texts) expect([text, after.exec(text)?.[0]]).toEqual([text, before.exec(text)?.[0]]);
  });

  it('throws where an escape would change the meaning: a character escaped by a backslash', () => {
    expect(() => asciiSource('const a = 1;\nconst re = /\\é/;')).toThrow(/line 2: "é" is escaped by a backslash/);
  });
});
