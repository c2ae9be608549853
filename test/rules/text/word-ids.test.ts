import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/rules/loader.js';
import { defaultRuleModules } from '../../../src/rules/modules/index.js';
import { runPipeline } from '../../../src/rules/pipeline.js';
import { analyse } from '../../../src/rules/text/analysis.js';
import { fold } from '../../../src/rules/text/fold.js';

import { type Token, tokenize } from '../../../src/rules/text/tokenize.js';
import { assignWordIds, NO_ID, renewWordIdsWhenFull, WordSlots, wordIdOf } from '../../../src/rules/text/word-ids.js';
import { wordCount } from '../../../src/rules/text/word-table.js';
import type { ArticleContext } from '../../../src/rules/types.js';

// The numbering is module state: these tests share it, in their order (vitest gives each file its own).

/** `count` tokens of distinct texts never seen by the other tests. */
function distinctTokens(count: number, prefix: string): Token[] {
  return Array.from({ length: count }, (_, i) => {
    const text = `${prefix}${i}`;
    return { kind: 'word', text, start: 0, end: text.length, lower: text, ascii: true, id: NO_ID };
  });
}

describe('word numbers', () => {
  it('give a text the same number wherever it is, another text another, and none to a text over 40 characters', () => {
    const long = 'x'.repeat(41);
    const { tokens, wordIds } = analyse(`le Chat, le chat ${long} ${'y'.repeat(40)}`);
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
    const analysis = analyse('alpha beta');
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
    const before = analyse('gamma delta');
    const kept = new WordSlots<string>();
    kept.for(before).set(before.wordIds[0] as number, 'G');
    renewWordIdsWhenFull(); // not full yet: nothing changes
    expect(kept.for(before)).toBe(kept);
    expect(kept.get(before.wordIds[0] as number)).toBe('G');

    // Past the limit, new texts get no number until the numbering starts again.
    const { ids } = assignWordIds(distinctTokens(70_000, 'fill-'));
    expect(ids[0]).toBeGreaterThanOrEqual(0);
    expect(ids[69_999]).toBe(NO_ID);
    expect(analyse('unseen-before-renewal').wordIds[0]).toBe(NO_ID);
    expect(analyse('gamma').wordIds[0]).toBe(before.wordIds[0]);

    renewWordIdsWhenFull();
    const after = analyse('delta gamma');
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
    const first = run();
    expect(first.map((r) => r.decision)).toContain('queue');
    expect(run()).toEqual(first); // remembered facts
    assignWordIds(distinctTokens(70_000, 'again-')); // full
    expect(analyse('processeur-inconnu').wordIds[0]).toBe(NO_ID);
    expect(run()).toEqual(first); // renewed at the first comment, the slots emptied and filled again
    expect(run()).toEqual(first);
  });
});

describe("the tokeniser's ASCII words", () => {
  it('carry the number the Map gives their text, their lower case, and none over 40 characters', () => {
    const text = `Le Chat voit l’Été, ${'q'.repeat(41)} : 4K, 3,5 et USB3 sont là.`;
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
        expect(t.id, t.text).toBe(t.text === '3,5' ? NO_ID : wordIdOf(t.text));
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
      for (const round of [1, 2]) {
        const [first, second] = tokenize(`${a} ${b} ${a}`);
        expect([first?.text, second?.text], `round ${round}`).toEqual([a, b]);
        expect(first?.id).toBe(wordIdOf(a));
        expect(second?.id).toBe(wordIdOf(b));
        expect(first?.id).not.toBe(second?.id);
      }
    }
  });

  it('keep every word as their table grows', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `grow${i.toString(36)}`);
    const first = tokenize(words.join(' ')).map((t) => t.id);
    expect(first.every((id) => id >= 0)).toBe(true);
    const held = wordCount();
    const again = tokenize(words.join(' ')).map((t) => t.id);
    expect(wordCount()).toBe(held); // every word found again, none added twice
    expect(again).toEqual(first);
    expect(again).toEqual(words.map((w) => wordIdOf(w)));
  });

  it('are forgotten when the numbering starts again: their numbers are the new ones', () => {
    const before = tokenize('premier second')[0]?.id;
    const commaBefore = analyse('premier, second').wordIds[1];
    assignWordIds(distinctTokens(70_000, 'renew-'));
    renewWordIdsWhenFull();
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
