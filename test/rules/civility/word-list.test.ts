import { describe, expect, it } from 'vitest';
import type { CivilityData } from '../../../src/rules/civility/data.js';
import { HAS_GROUP, HAS_PHRASE, HAS_TERM } from '../../../src/rules/civility/word-info.js';
import { ACCENTED, BANG, COMMA, MENTION, QUOTED, WordList } from '../../../src/rules/civility/word-list.js';
import { wordsOf } from '../../../src/rules/civility/words.js';
import { loadRuleSet } from '../../../src/rules/loader.js';
import { civilityRule } from '../../../src/rules/modules/civility.js';

const data = loadRuleSet({ modules: [civilityRule] }).rules[0]?.data.fr as CivilityData;

/** Each word as "norm" followed by its marks. */
function describeWords(words: WordList): string[] {
  const marks: [number, string][] = [
    [MENTION, '@'],
    [QUOTED, 'q'],
    [COMMA, ','],
    [BANG, '!'],
    [ACCENTED, 'é'],
  ];
  return Array.from({ length: words.count }, (_, i) => {
    const flags = marks.filter(([bit]) => words.has(i, bit)).map(([, m]) => m);
    const stop = words.stop(i) ? '.' : '';
    return `${words.norm[i]}${words.evasion[i] ? `(${words.evasion[i]})` : ''}${flags.join('')}${stop}#${words.sentence[i]}`;
  });
}

describe('civility word list', () => {
  it.each([
    ['Bonjour, toi !', ['bonjour,#0', 'toi!.#0']],
    ['Un. Deux ? Trois', ['un.#0', 'deux.#1', 'trois.#2']],
    ['Il a dit « quel c0n » hier', ['il#0', 'a#0', 'dit#0', 'quelq#0', 'con(leet)q#0', 'hier.#0']],
    ['@Marc c o n n a r d', ['@marc@#0', 'connard(spaced).#0']],
    ['Il demeure, démeuré', ['il#0', 'demeure,#0', 'demeureé.#0']],
  ])('builds the words of %j', (text, expected) => {
    expect(describeWords(wordsOf(text, [], data))).toEqual(expected);
  });

  it.each([
    ['a term', 'Quel connard', 1, HAS_TERM],
    ['a group after its determiner', 'les femmes', 1, HAS_GROUP],
    ['a word of phrases', 'ferme ta gueule', 0, HAS_PHRASE],
    ['an everyday word', 'le tracteur', 1, 0],
  ])("keeps each word's kinds beside it: %s", (_case, text, at, kind) => {
    const words = wordsOf(text, [], data);
    const info = words.info[at] as WordList['info'][number];
    expect(words.kinds[at]).toBe(info.kinds);
    expect((info.kinds & kind) === kind && (kind !== 0 || info.kinds === 0)).toBe(true);
  });

  it('keeps the spans of the original text', () => {
    const words = wordsOf('Franchement, c.o.n.n.a.r.d.', [], data);
    expect([words.count, words.start[1], words.end[1]]).toEqual([2, 13, 26]);
  });

  it('grows past its first capacity and is reused', () => {
    const list = new WordList();
    const info = wordsOf('mot', [], data).info[0] as WordList['info'][number];
    for (let i = 0; i < 600; i++)
      list.push('mot', null, info, info.kinds, i * 4, i * 4 + 3, i % 2 === 0 ? MENTION : 0, 0, 3);
    expect([list.count, list.start[599], list.end[599], list.has(598, MENTION), list.has(599, MENTION)]).toEqual([
      600,
      2396,
      2399,
      true,
      false,
    ]);
    list.clear();
    expect(list.count).toBe(0);
  });
});
