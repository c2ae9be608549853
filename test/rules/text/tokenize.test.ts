import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/rules/text/analysis.js';
import { fold } from '../../../src/rules/text/fold.js';
import { type Token, tokenize } from '../../../src/rules/text/tokenize.js';
import { randomText, seededRandom } from '../../random.js';

const kinds = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.text}`);

describe('tokenize', () => {
  it.each([
    ["L'article d’Apple", ["elision:L'", 'word:article', 'elision:d’', 'word:Apple']],
    ["Jusqu'à aujourd'hui", ["elision:Jusqu'", 'word:à', "word:aujourd'hui"]],
    ["qu'il l'a dit", ["elision:qu'", 'word:il', "elision:l'", 'word:a', 'word:dit']],
    ['peut-être, a-t-il dit', ['word:peut-être', 'punct:,', 'word:a-t-il', 'word:dit']],
    ['USB-C et 2m1 à 7,2 mm', ['word:USB-C', 'word:et', 'word:2m1', 'word:à', 'number:7,2', 'word:mm']],
    ['@Marc_B voir #Ariane6 !', ['mention:@Marc_B', 'word:voir', 'hashtag:#Ariane6', 'punct:!']],
    ['Top 👍🏽 !', ['word:Top', 'emoji:👍🏽', 'punct:!']],
    [
      'Source : https://www.arcep.fr/a.html, ou contact@example.org.',
      [
        'word:Source',
        'punct::',
        'url:https://www.arcep.fr/a.html',
        'punct:,',
        'word:ou',
        'email:contact@example.org',
        'punct:.',
      ],
    ],
  ])('%j', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('gives spans into the original text', () => {
    const text = "  L'équipe a raté — encore.";
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('stays linear on adversarial input', () => {
    for (const text of [
      'a'.repeat(50_000),
      `${'a-'.repeat(25_000)}!`,
      "'".repeat(50_000),
      `${'é'.repeat(25_000)} ${'*'.repeat(25_000)}`,
    ]) {
      const started = performance.now();
      tokenize(text);
      // Generous: a backtracking pattern takes seconds to minutes here.
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});

/**
 * The pattern the scanner implements (see src/rules/text/tokenize.ts), applied the slow way: the
 * scanner must find the same tokens on any text without links.
 */
const REFERENCE =
  /(@[\p{L}\p{N}_][\p{L}\p{N}_.-]*)|(#[\p{L}\p{N}_]+)|(\p{N}+(?:[.,]\p{N}+)+)|([\p{L}\p{M}\p{N}]+(?:['’‑-][\p{L}\p{M}\p{N}]+)*)|(\p{Extended_Pictographic}(?:\u200D\p{Extended_Pictographic}|[\uFE0F\u{1F3FB}-\u{1F3FF}])*)|([^\s\p{L}\p{M}\p{N}])/gu;
const REFERENCE_KINDS = ['', 'mention', 'hashtag', 'number', 'word', 'emoji', 'punct'];
const ELISION = /^(l|d|j|m|t|s|c|n|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’](?=[\p{L}\p{N}])/iu;

function referenceTokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(REFERENCE)) {
    const group = match.findIndex((g, i) => i > 0 && g !== undefined);
    let value = match[0];
    let start = match.index;
    if (REFERENCE_KINDS[group] !== 'word') {
      out.push(`${REFERENCE_KINDS[group]}:${start}:${value}`);
      continue;
    }
    for (let elision = ELISION.exec(value); elision; elision = ELISION.exec(value)) {
      out.push(`elision:${start}:${elision[0]}`);
      start += elision[0].length;
      value = value.slice(elision[0].length);
    }
    out.push(`${/^\p{N}+$/u.test(value) ? 'number' : 'word'}:${start}:${value}`);
  }
  return out;
}

describe('tokenize, against the pattern it implements', () => {
  // Characters chosen to meet every branch: joiners, elisions, separators, sigils, marks,
  // non-Latin letters and digits, emoji with modifiers and joiners, spaces, lone surrogates.
  const ALPHABET = [
    ...'aAlLdDqQuUsjJ',
    ...'éÉàçœ×ÿÞµª',
    '\u0301',
    ...'019٣²½',
    ..."'’‑-.,@#_ \n\t*!?…:/",
    '\u00a0',
    '\u2009',
    'ß',
    'ж',
    '中',
    '👍',
    '\u{1F3FD}',
    '\u200d',
    '\ufe0f',
    '❤',
    '©',
    '\ud83d',
    '𝐀',
  ];
  const random = seededRandom(42);
  const samples = Array.from({ length: 3000 }, () => randomText(random, ALPHABET, 24));
  const words = [
    "qu'il",
    "l'l'l'x",
    'jusqu’à',
    'a-t-il',
    '7,2,',
    '1.000.000',
    '@a.b-c_',
    '#x_1',
    '2m1',
    "presqu'île",
    // After an elided word: a number ("l'7,2" is no "7,2"), joined words, a mark, the range's end.
    "l'7,2",
    'L’avion-cargo',
    "QU'l'a",
    "d'\u0301a",
    "l'",
    // Latin-1 letters on the fast path, the signs among them (× ÷) and the letters outside it (µ ª).
    'Été déjà-vu, ÇA !',
    'Straße×2 a÷b',
    'µm ªb ÿÞ',
  ];

  it.each([...words, "L'été d'Ève, qu’elle‑même", '👨‍👩‍👧 👍🏽 ❤️'])('%j', (text) => {
    expect(tokenize(text).map((t) => `${t.kind}:${t.start}:${t.text}`)).toEqual(referenceTokens(text));
  });

  it('on 3,000 random texts', () => {
    for (const text of samples) {
      const links = tokenize(text).filter((t) => t.kind === 'url' || t.kind === 'email');
      if (links.length > 0) continue;
      expect(
        tokenize(text).map((t) => `${t.kind}:${t.start}:${t.text}`),
        JSON.stringify(text),
      ).toEqual(referenceTokens(text));
    }
  });

  it('gives every token its lower case and whether it is ASCII', () => {
    for (const text of samples) {
      for (const token of tokenize(text)) {
        expect(token.lower, JSON.stringify(token)).toBe(token.kind === 'punct' ? token.text : token.text.toLowerCase());
        expect(token.ascii, JSON.stringify(token)).toBe([...token.text].every((c) => (c.codePointAt(0) ?? 0) <= 0x7f));
      }
    }
  });

  // Language detection counts the runs of letters token by token: it relies on this.
  it('never lets two tokens touch with a letter on both sides, links included', () => {
    const ENDS_WITH_LETTER = /\p{L}$/u;
    const STARTS_WITH_LETTER = /^\p{L}/u;
    const pieces = ['https://a.fr/', 'http://x.com/é', 'a@b.fr', 'www.ex.com', 'ex.com', 'xé', 'Ж', '»', ')', '.', '-'];
    const linky = samples.map((text, n) => `${pieces[n % pieces.length]}${text}${pieces[(n * 7) % pieces.length]}`);
    // Collected, not one expect() per pair: tens of thousands of those take seconds.
    const touching: string[][] = [];
    for (const text of [...samples, ...linky]) {
      const tokens = tokenize(text);
      for (let i = 1; i < tokens.length; i++) {
        const [before, after] = [tokens[i - 1], tokens[i]] as [Token, Token];
        if (before.end !== after.start) continue;
        if (ENDS_WITH_LETTER.test(before.text) && STARTS_WITH_LETTER.test(after.text))
          touching.push([text, before.text, after.text]);
      }
    }
    expect(touching).toEqual([]);
  });

  it('marks ASCII tokens, whose folding is their lower case', () => {
    expect(tokenize('Kiosque Été').map((t) => t.ascii)).toEqual([true, false]);
  });
});

describe('analyse', () => {
  it('splits sentences on final punctuation and line breaks', () => {
    const text = 'Bonne nouvelle !!! Vraiment.\nMerci pour l’article';
    const { sentences } = analyse(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Bonne nouvelle !!!',
      'Vraiment.',
      'Merci pour l’article',
    ]);
  });

  it.each([
    ['Un.\nDeux', ['Un.', 'Deux']],
    ['\nUn deux\n', ['Un deux']],
    ['Un\n\n\nDeux trois\r\nQuatre', ['Un', 'Deux trois', 'Quatre']],
    ['Un \n Deux', ['Un', 'Deux']],
    ['https://a.fr/x\nDeux', ['https://a.fr/x', 'Deux']],
    ['Un ! \n ? Deux', ['Un !', '?', 'Deux']],
  ])('ends a sentence at each line break between two tokens: %j', (text, expected) => {
    const { sentences } = analyse(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(expected);
  });

  it('ends sentences as a reader of every gap between tokens would, on 3,000 random texts', () => {
    // The reference: a line break anywhere between two tokens, or final punctuation not followed
    // by more of it.
    const pieces = [
      'Un',
      'deux',
      'été',
      '\n',
      '\n\n',
      ' \n ',
      '\r\n',
      ' ',
      '  ',
      '.',
      '!',
      '?',
      '…',
      ',',
      '👍',
      '@x',
      'a.fr/b',
    ];
    const random = seededRandom(7);
    const isFinal = (t: Token | undefined) =>
      t !== undefined && t.kind === 'punct' && ['.', '!', '?', '…'].includes(t.text);
    const failures: string[] = [];
    for (let n = 0; n < 3000; n++) {
      const text = randomText(random, pieces, 16);
      const { tokens, sentences } = analyse(text);
      const ends: number[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i] as Token;
        const next = tokens[i + 1];
        if (
          (next !== undefined && text.slice(token.end, next.start).includes('\n')) ||
          (isFinal(token) && !isFinal(next))
        )
          ends.push(i + 1);
      }
      if (tokens.length > 0 && ends.at(-1) !== tokens.length) ends.push(tokens.length);
      const got = sentences.map((s) => s.endToken);
      if (JSON.stringify(got) !== JSON.stringify(ends)) failures.push(JSON.stringify(text));
    }
    expect(failures).toEqual([]);
  });

  it.each([
    ['Rien à voir', []],
    ['Voir https://a.fr/x et b@c.fr.', ['https://a.fr/x', 'b@c.fr']],
    ['exemple.com puis www.test.org/page', ['exemple.com', 'www.test.org/page']],
    ['@moi #tag 7,2 👍', []],
  ])('lists the links of %j, the same tokens as in its tokens', (text, expected) => {
    const { tokens, links } = analyse(text);
    expect(links.map((t) => t.text)).toEqual(expected);
    for (const link of links) expect(tokens).toContain(link);
  });

  it('lists exactly the URL and e-mail tokens, in order, on 3,000 random texts', () => {
    const pieces = [
      'Un',
      ' ',
      '. ',
      'https://a.fr/x',
      'b@c.fr',
      'exemple.com',
      'www.x.org',
      '@x',
      '#y',
      'é',
      '/',
      '\n',
    ];
    const random = seededRandom(11);
    const failures: string[] = [];
    for (let n = 0; n < 3000; n++) {
      const text = randomText(random, pieces, 12);
      const { tokens, links } = analyse(text);
      const expected = tokens.filter((t) => t.kind === 'url' || t.kind === 'email');
      if (links.length !== expected.length || links.some((t, k) => t !== expected[k]))
        failures.push(JSON.stringify(text));
    }
    expect(failures).toEqual([]);
  });

  it('folds case and accents', () => {
    expect(fold('Élève Œuvre ÇA')).toBe('eleve oeuvre ca');
    expect(analyse('Dégoûté').folded).toEqual(['degoute']);
  });
});
