import { describe, expect, it } from 'vitest';
import { analyse } from '../../../src/rules/text/analysis.js';
import { fold } from '../../../src/rules/text/fold.js';
import { tokenize } from '../../../src/rules/text/tokenize.js';

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

  it('folds case and accents', () => {
    expect(fold('Élève Œuvre ÇA')).toBe('eleve oeuvre ca');
    expect(analyse('Dégoûté').folded).toEqual(['degoute']);
  });
});
