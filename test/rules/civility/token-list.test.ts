import { describe, expect, it } from 'vitest';
import { newKeyInterner, tokenizeInto } from '../../../src/rules/civility/normalize.js';
import {
  ACCENTED,
  ELIDED,
  END,
  KEY,
  LETTERS,
  MENTION,
  SEP_LENGTH,
  SINGLE,
  START,
  TokenList,
  UPPER,
} from '../../../src/rules/civility/token-list.js';

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
    const interner = newKeyInterner();
    const list = tokenizeInto(new TokenList(), text, [], interner);
    const keys = Array.from({ length: list.count }, (_, i) => interner.key[list.field(i, KEY)]);
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
    const interner = newKeyInterner();
    const list = tokenizeInto(new TokenList(), text, [], interner);
    expect([list.count, interner.key[list.field(0, KEY)], list.field(0, LETTERS), list.field(0, END)]).toEqual([
      1,
      key,
      letters,
      text.length,
    ]);
    const upper = [...text].filter((c) => c !== c.toLowerCase()).length;
    expect(list.field(0, UPPER)).toBe(upper);
  });

  it('is emptied and reused from one text to the next', () => {
    const list = new TokenList();
    const keys = newKeyInterner();
    tokenizeInto(list, 'un long commentaire de plusieurs mots', [], keys);
    tokenizeInto(list, 'bref', [], keys);
    expect(list.count).toBe(1);
    expect([keys.key[list.field(0, KEY)], list.field(0, START), list.field(0, END), list.sepAfter(0)]).toEqual([
      'bref',
      0,
      4,
      'none',
    ]);
  });

  it('grows past its first capacity', () => {
    const text = 'a '.repeat(1000);
    const list = tokenizeInto(new TokenList(), text, [], newKeyInterner());
    expect(list.count).toBe(1000);
    expect([list.field(999, START), list.field(999, END), list.field(999, SEP_LENGTH)]).toEqual([1998, 1999, 1]);
  });

  it('interns a key once: the same key id for every occurrence', () => {
    const keys = newKeyInterner();
    const list = tokenizeInto(new TokenList(), 'Con, con et CON', [], keys);
    expect(list.field(0, KEY)).toBe(list.field(1, KEY));
    expect(list.field(0, KEY)).toBe(list.field(3, KEY));
    expect(keys.key[list.field(2, KEY)]).toBe('et');
  });
});
