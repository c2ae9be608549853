import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CivilityData } from '../../../src/rules/civility/data.js';
import { charactersReadByParts, wordsFromAnalysis } from '../../../src/rules/civility/token-words.js';
import type { WordList } from '../../../src/rules/civility/word-list.js';
import { wordsOf } from '../../../src/rules/civility/words.js';
import { loadRuleSet } from '../../../src/rules/loader.js';
import { civilityRule, linksToSkip } from '../../../src/rules/modules/civility.js';
import { analyse } from '../../../src/rules/text/analysis.js';
import { codeUnitsOf } from '../../../src/rules/text/code-units.js';

const loaded = loadRuleSet({ modules: [civilityRule] }).rules[0];
if (!loaded) throw new Error('the civility rule did not load');
const dataOf = (lang: 'fr' | 'en') => loaded.data[lang] as CivilityData;

/** Every field of every word: what the detectors read of the list. */
function fieldsOf(words: WordList) {
  return Array.from({ length: words.count }, (_, i) => ({
    norm: words.norm[i],
    evasion: words.evasion[i],
    info: words.info[i],
    kinds: words.kinds[i],
    start: words.start[i],
    end: words.end[i],
    flags: words.flags[i],
    stop: words.stops[i],
    sentence: words.sentence[i],
    upper: words.upper[i],
    letters: words.letters[i],
  }));
}

/**
 * The words read from the analysis's tokens, with how many characters it read character by
 * character, and the words read character by character throughout.
 */
function bothWays(text: string, lang: 'fr' | 'en' = 'fr') {
  const data = dataOf(lang);
  const analysis = analyse(text);
  // The links are skipped as the rule skips them.
  const skip = linksToSkip(text, analysis);
  const tokenWords = fieldsOf(wordsFromAnalysis(analysis, skip, data, codeUnitsOf(text)));
  const partCharacters = charactersReadByParts();
  return { tokenWords, partCharacters, scanned: fieldsOf(wordsOf(text, skip, data)) };
}

/**
 * Compares both ways twice (the second analysis has word numbers, word-ids.ts, so the memo is
 * read); returns how many characters the second read character by character.
 */
function expectSameWords(text: string, lang: 'fr' | 'en' = 'fr'): number {
  let partCharacters = 0;
  for (let pass = 0; pass < 2; pass++) {
    const both = bothWays(text, lang);
    partCharacters = both.partCharacters;
    expect({ text, words: both.tokenWords }).toEqual({ text, words: both.scanned });
  }
  return partCharacters;
}

describe('civility words from the shared tokens', () => {
  it.each([
    'Franchement, quel con !',
    "Aujourd'hui t'es l'idiot qu'on connaît, jusqu'à l'os.",
    'Quelqu’un a dit « espèce de CRÉTIN » ? Non… — pas moi.',
    'USB-C, peut-être, est-ce vrai ? 7,2 % et 1.000.000 de connards',
    'il y a trois ans, Il y a peine deux jours',
    'voir https://exemple.fr/con ou www.con.fr, puis exemple.fr',
    'DEMEURÉ, demeuré et demeure\nligne deux\r\nligne trois\t fin',
    'Tu es un abruti.Vraiment !!! Et toi, "idiot"…',
    'œuvre Œuvre cœur ÆSIR straße',
    'tuerce cetravelo orduresdefemmes',
  ])('reads %j from its tokens as the character scanner does', (text) => {
    expect(expectSameWords(text)).toBe(0);
  });

  it.each([
    ['sh!t happens', 'a leet "!"'],
    ['mot_suite et mot*suite', 'masks'],
    ['c0nnard $alope', 'a leet "$"'],
    ['con\u200bnard', 'a zero-width space'],
    ['con\u00adnard', 'a soft hyphen'],
    ['@Marc tu es un abruti', 'a mention'],
    ['#con', 'a hashtag'],
    ['quel con 😀', 'an emoji'],
    ['C O N N A R D', 'a spaced-out word'],
    ['c.o.n et p-u t-e', 'spaced-out letters across tokens'],
    ['7,2km', 'two words touching'],
    ['l`avion', 'a back quote as an apostrophe'],
    ['voir exemple.fr', 'a link the rule does not skip'],
    ['il y a 3 ans', 'three one-letter words in a row'],
  ])('reads %j (%s) character by character where it may read otherwise', (text) => {
    expect(expectSameWords(text)).toBeGreaterThan(0);
  });

  it('reads only the part around what may read otherwise character by character', () => {
    const text = 'Bonjour à tous, je trouve que sh!t est un mot et que le reste se lit très bien.';
    // From the cut after "que" to the one after "est": "sh!t est ".
    expect(expectSameWords(text)).toBe('sh!t est '.length);
  });

  it('reads an English comment from its tokens as the character scanner does', () => {
    expect(expectSameWords("You're such an idiot, aren't you? Shut up!", 'en')).toBe(0);
  });

  it("reads the project's corpus as the character scanner does, most of it from the tokens", () => {
    const lines = readFileSync(new URL('../../corpus/comments.jsonl', import.meta.url), 'utf8').split('\n');
    const comments = lines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { body: string; lang: string });
    let characters = 0;
    let parts = 0;
    for (const c of comments) {
      characters += c.body.length;
      parts += expectSameWords(c.body, c.lang === 'en' ? 'en' : 'fr');
    }
    expect(comments.length).toBeGreaterThan(50);
    // Most of the corpus is plain prose: the tokens' words are what the rule reads.
    expect(parts / characters).toBeLessThan(0.2);
  });

  it('reads random texts as the character scanner does', () => {
    // A fixed seed: a failure names its text, and comes back on the next run.
    let seed = 20261130;
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
      'tuerce',
      'x',
      'a',
      'à',
      'y',
      '0',
      '7,2',
      '!',
      '@',
      '$',
      '*',
      '_',
      "'",
      '’',
      '`',
      '-',
      '.',
      ',',
      '«',
      '»',
      '…',
      ' ',
      ' ',
      ' ',
      '  ',
      '\n',
      '\u00a0',
      'é',
      'É',
      'œ',
      '\u200b',
      '\u00ad',
      'https://a.fr/b',
      'x@y.fr',
      'www.z.com',
      "l'",
      "qu'",
      'aujourd',
      '😀',
    ];
    let fromTokens = 0;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 14);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(random() * pieces.length)];
      if (expectSameWords(text) < text.length) fromTokens++;
    }
    // Enough of them are read from the tokens, at least in part, for the comparison to mean something.
    expect(fromTokens).toBeGreaterThan(300);
  });
});
