import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/rules/loader.js';
import { defaultRuleModules } from '../../../src/rules/modules/index.js';
import { runPipeline } from '../../../src/rules/pipeline.js';
import { analyse } from '../../../src/rules/text/analysis.js';
import { codeUnitsOf } from '../../../src/rules/text/code-units.js';
import { fold } from '../../../src/rules/text/fold.js';
import { type Token, tokenize } from '../../../src/rules/text/tokenize.js';
import {
  assignWordIds,
  beginSightingPass,
  MAX_IDS,
  NO_ID,
  renewWordIdsWhenFull,
  TO_NUMBER,
  WordSlots,
  wordIdOf,
} from '../../../src/rules/text/word-ids.js';
import { wordAt, wordCount, wordId, wordText } from '../../../src/rules/text/word-table.js';
import type { ArticleContext } from '../../../src/rules/types.js';

// The numbering is module state: these tests share it, in their order (vitest gives each file its own).

/** `count` tokens of distinct texts never seen by the other tests, for analyse() to number. */
function distinctTokens(count: number, prefix: string): Token[] {
  return Array.from({ length: count }, (_, i) => {
    const text = `${prefix}${i}`;
    return { kind: 'word', text, start: 0, end: text.length, lower: text, ascii: true, id: TO_NUMBER };
  });
}

/** The analysis of a text met once before: its words have their numbers (see metInEarlierPass). */
function numbered(text: string) {
  analyse(text);
  return analyse(text);
}

/** Numbers 70,000 new texts, more than there are numbers: met in one pass, numbered in the next. */
function fillTheNumbering(prefix: string): Int32Array {
  const tokens = distinctTokens(70_000, prefix);
  beginSightingPass();
  assignWordIds(tokens); // none numbered but a filter's false positives (see metInEarlierPass)
  beginSightingPass();
  return assignWordIds(tokens).ids;
}

describe('word numbers', () => {
  it('come with the second comment a text is met in, the same for every token of it in a comment', () => {
    // Words (the tokeniser's table) and mentions (the Map): none the first time, even met twice.
    const first = analyse('zeta @eta zeta @eta');
    expect([...first.wordIds]).toEqual([NO_ID, NO_ID, NO_ID, NO_ID]);
    const second = analyse('@eta zeta theta zeta');
    const [eta, zeta, theta, zetaAgain] = second.wordIds;
    expect(eta).toBeGreaterThanOrEqual(0);
    expect(zeta).toBeGreaterThanOrEqual(0);
    expect(zetaAgain).toBe(zeta);
    expect(eta).not.toBe(zeta);
    expect(theta).toBe(NO_ID); // met for the first time
    expect(analyse('theta zeta @eta').wordIds).toEqual(
      new Int32Array([analyse('theta').wordIds[0] as number, zeta as number, eta as number]),
    );
    expect(analyse('theta').wordIds[0]).toBeGreaterThanOrEqual(0);
    // Asked directly, as a rule would: the same answer as the tokens of this pass.
    beginSightingPass();
    expect(wordIdOf('iota')).toBe(NO_ID);
    expect(wordIdOf('iota')).toBe(NO_ID);
    beginSightingPass();
    expect(wordIdOf('iota')).toBeGreaterThanOrEqual(0);
    // Punctuation (at most 128 texts) is numbered when first met.
    expect(analyse('kappa ;').wordIds[1]).toBeGreaterThanOrEqual(0);
  });

  it('give a text the same number wherever it is, another text another, and none to a text over 40 characters', () => {
    const long = 'x'.repeat(41);
    const { tokens, wordIds } = numbered(`le Chat, le chat ${long} ${'y'.repeat(40)}`);
    expect(tokens.map((t) => t.text)).toEqual(['le', 'Chat', ',', 'le', 'chat', long, 'y'.repeat(40)]);
    const ids = [...wordIds];
    expect(ids[3]).toBe(ids[0]);
    expect(ids[4]).not.toBe(ids[1]);
    expect(new Set([ids[0], ids[1], ids[2], ids[4], ids[6]]).size).toBe(5);
    expect(ids[5]).toBe(NO_ID);
    expect(ids[6]).toBeGreaterThanOrEqual(0);
    expect(analyse('chat').wordIds[0]).toBe(ids[4]);
  });

  it('hold what a rule remembers of a word, and nothing under NO_ID', () => {
    const analysis = numbered('alpha beta');
    const slots = new WordSlots<string>().for(analysis);
    const [alpha, beta] = analysis.wordIds;
    slots.set(alpha as number, 'A');
    slots.set(NO_ID, 'nothing');
    expect(slots.get(alpha as number)).toBe('A');
    expect(slots.get(beta as number)).toBeUndefined();
    expect(slots.get(NO_ID)).toBeUndefined();
    slots.clear();
    expect(slots.get(alpha as number)).toBeUndefined();
  });

  it('start again only once full: the slots are emptied, and an analysis numbered before gets slots of its own', () => {
    const before = numbered('gamma delta');
    const kept = new WordSlots<string>();
    kept.for(before).set(before.wordIds[0] as number, 'G');
    renewWordIdsWhenFull(); // not full yet: nothing changes
    expect(kept.for(before)).toBe(kept);
    expect(kept.get(before.wordIds[0] as number)).toBe('G');

    // Past the limit, new texts get no number until the numbering starts again.
    const ids = fillTheNumbering('fill-');
    expect(Math.max(...ids)).toBe(MAX_IDS - 1);
    expect(ids).toContain(NO_ID);
    expect(numbered('unseen-before-renewal').wordIds[0]).toBe(NO_ID);
    expect(analyse('gamma').wordIds[0]).toBe(before.wordIds[0]);

    renewWordIdsWhenFull();
    const after = numbered('delta gamma');
    expect(after.wordIdGeneration).not.toBe(before.wordIdGeneration);
    expect(after.wordIds[0]).toBe(0);
    expect(kept.for(after)).toBe(kept);
    expect(kept.get(before.wordIds[0] as number)).toBeUndefined();
    kept.set(after.wordIds[0] as number, 'D');
    // The older analysis's numbers now name other words: never read them in these slots.
    const own = kept.for(before);
    expect(own).not.toBe(kept);
    expect(own.get(after.wordIds[0] as number)).toBeUndefined();
  });

  it('leave every rule decision as it was when the numbering starts again between two comments', () => {
    const rules = loadRuleSet({ modules: defaultRuleModules });
    const article: ArticleContext = {
      id: 'a1',
      title: 'Le nouveau processeur de Qualcomm',
      body: 'Qualcomm présente un processeur plus rapide et plus sobre pour les smartphones Android.',
      tags: ['smartphones'],
      lang: 'fr',
    };
    const comments = [
      'Le processeur a l’air rapide, mais la batterie tiendra-t-elle ?',
      'slt jsp pk ils font ça mdr, c koi le prob',
      'Il y avait plusieur personnes, nimporte quoi. Le le prix monte.',
      'Ferme-la, espèce de crétin, t’es vraiment un gros con.',
      'Mon chat a mangé une quiche lorraine hier soir avec ma tante.',
      'The new chip looks fast, but their going to charge alot for it.',
      `Le lien ${'z'.repeat(45)} ${'z'.repeat(45)} est cassé, le le prix monte.`,
    ];
    const run = () =>
      comments.map((body) => {
        const { decision, lang, violations } = runPipeline(rules, { body, article, fallbackLang: 'fr' });
        return { decision, lang, violations };
      });
    const first = run(); // every word met for the first time: no numbers, nothing remembered
    expect(first.map((r) => r.decision)).toContain('queue');
    expect(run()).toEqual(first); // numbered now, facts remembered
    expect(run()).toEqual(first); // remembered facts read
    fillTheNumbering('again-'); // full
    expect(numbered('processeur-inconnu').wordIds[0]).toBe(NO_ID);
    expect(run()).toEqual(first); // renewed at the first comment, the slots emptied and filled again
    expect(run()).toEqual(first);
  });
});

describe("the tokeniser's ASCII words", () => {
  it('carry the number the Map gives their text, their lower case, and none over 40 characters', () => {
    const text = `Le Chat voit l’Été, ${'q'.repeat(41)} : 4K, 3,5 et USB3 sont là.`;
    tokenize(text); // met once: numbered from the next comment on
    for (const round of [1, 2]) {
      const tokens = tokenize(text);
      // Words (ASCII ones read by the fast path, others once read), elisions and numbers.
      const known = tokens.filter((t) => t.kind !== 'punct' && t.text.length <= 40);
      expect(
        known.map((t) => `${t.kind}:${t.text}`),
        `round ${round}`,
      ).toEqual([
        'word:Le',
        'word:Chat',
        'word:voit',
        'elision:l’',
        'word:Été',
        'word:4K',
        'number:3,5',
        'word:et',
        'word:USB3',
        'word:sont',
        'word:là',
      ]);
      for (const t of known) {
        // A number with a separator is read by a scanner of its own: numbered by analyse().
        expect(t.id, t.text).toBe(t.text === '3,5' ? TO_NUMBER : wordIdOf(t.text));
        if (t.text !== '3,5') expect(t.id, t.text).toBeGreaterThanOrEqual(0);
        expect(t.lower).toBe(t.text.toLowerCase());
        expect(t.ascii).toBe([...t.text].every((c) => c.charCodeAt(0) < 0x80));
      }
      expect(tokens.find((t) => t.text.length === 41)?.id).toBe(NO_ID);
      // One-character punctuation: from the table by character code.
      expect(tokens.find((t) => t.text === ',')?.id).toBe(wordIdOf(','));
    }
  });

  it('tell apart two words of the same hash, by their characters', () => {
    // FNV-1a collisions (the table's hash): each pair hashes to one number.
    for (const [a, b] of [
      ['costarring', 'liquid'],
      ['declinate', 'macallums'],
    ] as const) {
      tokenize(`${a} ${b}`); // met once: numbered from the next comment on
      for (const round of [1, 2]) {
        const [first, second] = tokenize(`${a} ${b} ${a}`);
        expect([first?.text, second?.text], `round ${round}`).toEqual([a, b]);
        expect(first?.id).toBe(wordIdOf(a));
        expect(second?.id).toBe(wordIdOf(b));
        expect(first?.id).not.toBe(second?.id);
      }
    }
  });

  it('are found by the general path too', () => {
    // The tokeniser's fast path (latin1WordAt) keeps these words; wordAt, which other tokens
    // take (elisions, words read by the general path), must find the same entry, not add a
    // second one.
    for (const word of ['portable', 'Portable', 'portabilities']) {
      tokenize(word); // met once
      tokenize(word); // numbered: in the table
      const held = wordCount();
      const entry = wordAt(codeUnitsOf(word), word, 0, word.length);
      expect(wordCount(), word).toBe(held);
      expect(wordText(entry), word).toBe(word);
      expect(wordId(entry), word).toBe(wordIdOf(word));
    }
  });

  it('keep every word as their table grows', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `grow${i.toString(36)}`);
    tokenize(words.join(' ')); // met once
    const first = tokenize(words.join(' ')).map((t) => t.id);
    expect(first.every((id) => id >= 0)).toBe(true);
    const held = wordCount();
    const again = tokenize(words.join(' ')).map((t) => t.id);
    expect(wordCount()).toBe(held); // every word found again, none added twice
    expect(again).toEqual(first);
    expect(again).toEqual(words.map((w) => wordIdOf(w)));
  });

  it('are forgotten when the numbering starts again: their numbers are the new ones', () => {
    tokenize('premier second');
    const before = tokenize('premier second')[0]?.id;
    expect(before).toBeGreaterThanOrEqual(0);
    const commaBefore = analyse('premier, second').wordIds[1];
    fillTheNumbering('renew-');
    renewWordIdsWhenFull();
    tokenize('troisième second premier'); // met (again) since the numbering started again
    const fresh = tokenize('troisième second premier');
    expect(fresh.map((t) => t.id)).toEqual([0, 1, 2]);
    expect(before).not.toBe(fresh[2]?.id);
    expect(fresh[2]?.id).toBe(wordIdOf('premier'));
    // One-character texts are numbered from a table of their own, emptied too.
    const comma = analyse('premier, second').wordIds[1];
    expect(comma).toBe(wordIdOf(','));
    expect(comma).not.toBe(commaBefore);
  });
});

describe("the analysis's folded forms", () => {
  it('are those fold() gives, remembered by word number', () => {
    const text = 'Élève élève ÉLÈVE, Cœur cœur naïve Noël school';
    const expected = analyse(text).tokens.map((t) => fold(t.text));
    expect(expected).toEqual(['eleve', 'eleve', 'eleve', ',', 'coeur', 'coeur', 'naive', 'noel', 'school']);
    for (const round of [1, 2]) expect(analyse(text).folded, `round ${round}`).toEqual(expected);
  });
});
