import { describe, expect, it } from 'vitest';
import { type KeyInterner, newKeyInterner, tokenizeInto } from '../../../src/rules/civility/normalize.js';
import { sharedWordsOf } from '../../../src/rules/civility/shared-words.js';
import {
  END,
  FLAGS,
  KEY,
  LETTERS,
  SEP,
  SEP_LENGTH,
  START,
  TokenList,
  UPPER,
} from '../../../src/rules/civility/token-list.js';
import { analyse, type TextAnalysis } from '../../../src/rules/text/analysis.js';

/** Every field of every token, the key as its string: what the civility rule reads of the list. */
function tokensOf(text: string, keys: KeyInterner, analysis?: TextAnalysis) {
  // The links are skipped as the rule skips them.
  const skip = analyse(text).tokens.filter((t) => t.kind === 'url' || t.kind === 'email');
  const list = tokenizeInto(new TokenList(), text, skip, keys, undefined, analysis);
  return Array.from({ length: list.count }, (_, i) => [
    keys.key[list.field(i, KEY)],
    list.field(i, START),
    list.field(i, END),
    list.field(i, SEP),
    list.field(i, SEP_LENGTH),
    list.field(i, FLAGS),
    list.field(i, UPPER),
    list.field(i, LETTERS),
  ]);
}

/** The tokens read with the shared analysis's words, and read character by character. */
function bothWays(text: string) {
  return {
    shared: tokensOf(text, newKeyInterner(), analyse(text)),
    scanned: tokensOf(text, newKeyInterner()),
  };
}

describe('civility tokens from the shared words', () => {
  it.each([
    'Franchement, quel CON !',
    'sh!t happens, Sh!T',
    'c0nnard et C0NN4RD',
    'mot_suite mot*suite mot$ mot@x',
    'con\u200bnard et con\u00adnard',
    'voir https://exemple.fr/con ou www.con.fr, écrire à con@exemple.fr',
    "aujourd'hui t'es l'idiot qu'on connaît",
    'USB-C, p-u-t-e et con.nard',
    'C O N N A R D et c.o.n',
    'fin!',
    'x!y !a a!',
    'Ｃｏｎ, сon (cyrillique), déMEURÉ',
    '2m1 koi 10k 1er',
    '@Marc tu es un abruti',
    'a',
    '',
  ])('reads %j as the scanner alone does', (text) => {
    const { shared, scanned } = bothWays(text);
    expect(shared).toEqual(scanned);
  });

  it('reads random texts as the scanner alone does', () => {
    // A fixed seed: a failure names its text, and comes back on the next run.
    let seed = 20261129;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const pieces = [
      'con',
      'Con',
      'CON',
      'nard',
      'abruti',
      'x',
      'a',
      '0',
      '4',
      '!',
      '@',
      '$',
      '*',
      '_',
      "'",
      '’',
      '-',
      '.',
      ',',
      ' ',
      ' ',
      '  ',
      '\n',
      'é',
      'É',
      '\u200b',
      '\u00ad',
      'https://a.fr/b',
      'x@y.fr',
      'www.z.com',
      'l',
      'qu',
      '😀',
    ];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 14);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      const { shared, scanned } = bothWays(text);
      expect({ text, tokens: shared }).toEqual({ text, tokens: scanned });
    }
  });

  it('takes plain words from the shared analysis, and remembers them by word number', () => {
    const text = "Franchement, aujourd'hui quel c0n !";
    analyse(text); // met once: its words are numbered from the next analysis on (word-ids.ts)
    const analysis = analyse(text);
    const keys = newKeyInterner();
    tokenizeInto(new TokenList(), text, [], keys, undefined, analysis);
    const shared = sharedWordsOf(keys, analysis);
    const entryOf = (word: string) => {
      const i = analysis.tokens.findIndex((t) => t.text === word);
      return shared.keys.get(analysis.wordIds[i] as number) as number;
    };
    expect(keys.key[entryOf('quel') - 1]).toBe('quel');
    expect(keys.key[entryOf('c0n') - 1]).toBe('c0n');
    expect(keys.key[entryOf('Franchement') - 1]).toBe('franchement');
    // A word with an apostrophe is no plain word: marked so, never looked at again.
    expect(entryOf("aujourd'hui")).toBe(-1);
  });

  it("reads the text itself when the analysis is another text's", () => {
    const keys = newKeyInterner();
    const list = tokenizeInto(new TokenList(), 'quel con', [], keys, undefined, analyse('un autre texte'));
    expect(Array.from({ length: list.count }, (_, i) => keys.key[list.field(i, KEY)])).toEqual(['quel', 'con']);
  });

  it('forgets the words when the interner forgets its keys', () => {
    const text = 'quel con';
    analyse(text); // met once (see above)
    const analysis = analyse(text);
    const keys = newKeyInterner();
    tokenizeInto(new TokenList(), text, [], keys, undefined, analysis);
    const id = analysis.wordIds[0] as number;
    expect(sharedWordsOf(keys, analysis).keys.get(id)).toBeGreaterThan(0);
    keys.resets++;
    // Not looked at any more: the next comment reads the word again.
    expect(sharedWordsOf(keys, analysis).keys.get(id)).toBeUndefined();
  });
});
