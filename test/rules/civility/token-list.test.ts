import { describe, expect, it } from 'vitest';
import { newKeyInterner, tokenizeInto } from '../../../src/rules/civility/normalize.js';
import { ACCENTED, ELIDED, MENTION, SINGLE, TokenList } from '../../../src/rules/civility/token-list.js';

/** The flags of each token, by name. */
function flagsOf(list: TokenList): string[][] {
  const names: [number, string][] = [
    [ELIDED, 'elided'],
    [MENTION, 'mention'],
    [ACCENTED, 'accented'],
    [SINGLE, 'single'],
  ];
  return Array.from({ length: list.count }, (_, i) => names.filter(([bit]) => list.has(i, bit)).map(([, n]) => n));
}

describe('civility token list', () => {
  it.each([
    [
      'c o n',
      [
        ['c', 'single'],
        ['o', 'single'],
        ['n', 'single'],
      ],
    ],
    ["t'es", [["t'", 'elided'], ['es']]],
    ["t'", [['t', 'single']]],
    [
      '@Marc démeuré',
      [
        ['@marc', 'mention'],
        ['demeure', 'accented'],
      ],
    ],
    [
      'à 1 @',
      [
        ['a', 'single'],
        ['1', 'single'],
        ['@', 'mention', 'single'],
      ],
    ],
  ])('reads %j with its flags', (text, expected) => {
    const list = tokenizeInto(new TokenList(), text, [], newKeyInterner());
    const keys = Array.from({ length: list.count }, (_, i) => list.key[i]?.key);
    const flags = flagsOf(list);
    expect(keys.map((k, i) => [k, ...(flags[i] ?? [])])).toEqual(expected);
  });

  it.each([
    ['numéros', 'numeros', 7],
    ['NUMÉROS', 'numeros', 7],
    ['ÉcoLO', 'ecolo', 5],
    ['cœur', 'coeur', 4],
    ['dé*1$_x', 'de*1$_x', 3],
    ['pré\u200bsente', 'presente', 8],
    ['ＣＯＮnard', 'connard', 7],
  ])('reads %j, ASCII after a folded letter, as the key %j (%i letters)', (text, key, letters) => {
    const list = tokenizeInto(new TokenList(), text, [], newKeyInterner());
    expect([list.count, list.key[0]?.key, list.letters[0], list.end[0]]).toEqual([1, key, letters, text.length]);
    const upper = [...text].filter((c) => c !== c.toLowerCase()).length;
    expect(list.upper[0]).toBe(upper);
  });

  it('is emptied and reused from one text to the next', () => {
    const list = new TokenList();
    const keys = newKeyInterner();
    tokenizeInto(list, 'un long commentaire de plusieurs mots', [], keys);
    tokenizeInto(list, 'bref', [], keys);
    expect(list.count).toBe(1);
    expect([list.key[0]?.key, list.start[0], list.end[0], list.sepAfter[0]]).toEqual(['bref', 0, 4, 'none']);
  });

  it('grows past its first capacity', () => {
    const text = 'a '.repeat(1000);
    const list = tokenizeInto(new TokenList(), text, [], newKeyInterner());
    expect(list.count).toBe(1000);
    expect([list.start[999], list.end[999], list.sepLength[999]]).toEqual([1998, 1999, 1]);
  });

  it('interns a key once: the same key object for every occurrence', () => {
    const list = tokenizeInto(new TokenList(), 'Con, con et CON', [], newKeyInterner());
    expect(list.key[0]).toBe(list.key[1]);
    expect(list.key[0]).toBe(list.key[3]);
    expect(list.key[2]?.key).toBe('et');
  });
});
