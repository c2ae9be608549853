import { describe, expect, it } from 'vitest';
import {
  compileRules,
  indexRules,
  type MatchWord,
  matchRules,
  type RawContextRule,
} from '../../../src/rules/proofreading/patterns.js';
import { tokenize } from '../../../src/rules/text/tokenize.js';

const classes = new Map([['subj', new Set(['il', 'elle', 'on'])]]);
const rule = (r: Partial<RawContextRule>): RawContextRule => ({
  id: 'r',
  kind: 'homophone',
  pattern: ['sa'],
  mark: 0,
  hint: 'ça',
  ...r,
});

/** The text of each match, after its rule's id when `ids`. */
function matches(
  rules: RawContextRule[],
  text: string,
  shapes: Record<string, string[]> = {},
  memo = false,
  ids = false,
) {
  const tokens = tokenize(text);
  const norm = tokens.map((t) => t.lower.replace(/’/g, "'"));
  const index = indexRules(compileRules(rules, classes));
  // With `memo`, one word per distinct word as written, as the proofreading rule keeps one per
  // word; without, one per token that keeps nothing.
  const wordOf = new Map<string, MatchWord>();
  const words = tokens.map((t, i) => {
    if (t.kind !== 'word' && t.kind !== 'elision') return undefined;
    const id = `${t.kind} ${t.text}`;
    const fresh = {
      norm: norm[i] as string,
      rules: index.byWord.get(norm[i] as string),
      bits: index.bits.of(norm[i] as string),
      narrowed: memo ? undefined : null,
      lastGroup: undefined,
      lastRules: undefined,
    };
    const word = (memo ? wordOf.get(id) : undefined) ?? fresh;
    wordOf.set(id, word);
    return word;
  });
  const input = {
    tokens,
    words,
    sentenceStart: tokens.map((_, i) => i === 0),
    shape: (name: string, i: number) => (shapes[name] ?? []).includes(norm[i] as string),
  };
  return matchRules(index, input).map((m) => {
    const matched = tokens
      .slice(m.first, m.last + 1)
      .map((t) => t.text)
      .join(' ');
    return ids ? `${m.rule.id} ${matched}` : matched;
  });
}

describe('context-rule patterns', () => {
  it('matches words, classes, optional and negated steps, and marks a step', () => {
    const rules = [rule({ pattern: ['@subj', '?pas', 'à'], mark: 2 })];
    expect(matches(rules, 'il à raison, elle pas à tort, Pierre à Paris')).toEqual(['à', 'à']);
    expect(matches([rule({ pattern: ['un', 'peut', '!être'], mark: 1 })], 'un peut plus, un peut être')).toEqual([
      'peut',
    ]);
  });

  it('tests the token before the match and the end of a clause', () => {
    expect(matches([rule({ pattern: ['sa', '#end'] })], 'comme sa, et sa voiture')).toEqual(['sa']);
    expect(matches([rule({ pattern: ['la'], after: '^|#punct' })], 'la maison. la voiture et la')).toEqual([
      'la',
      'la',
    ]);
    expect(matches([rule({ pattern: ['la'], notAfter: '@subj' })], 'il la voit, la')).toEqual(['la']);
  });

  it('asks shapes of words and can mark a range', () => {
    const rules = [rule({ pattern: ['ai', '$inf'], mark: [0, 1], kind: 'participle', hint: '-é' })];
    expect(matches(rules, "j'ai manger, j'ai mangé", { inf: ['manger'] })).toEqual(['ai manger']);
  });

  it('tries a token only against the rules its next token leaves possible, in the rules’ order', () => {
    // Optional plain steps, then a required one: the next token is one of their words.
    const optional = rule({ id: 'opt', pattern: ['il', "?ne|n'", 'peu'], hint: 'peut' });
    expect(matches([optional], 'il peu, il ne peu, il n’peu, il pas peu, il')).toEqual(['il', 'il', 'il']);
    // A rule ending in optional steps, or with an atom next, matches whatever comes next (or nothing).
    const open = rule({ id: 'open', pattern: ['sa', '?fait'] });
    const atom = rule({ id: 'atom', pattern: ['sa', '#punct'] });
    expect(matches([open], 'sa fait, sa. sa')).toEqual(['sa', 'sa', 'sa']);
    expect(matches([atom], 'sa fait, sa. sa')).toEqual(['sa']);
    // Shapes and #word need a word next: never at the end of the text or before punctuation.
    const shape = rule({ id: 'shape', pattern: ['ai', '?très', '$inf'], mark: 2 });
    expect(matches([shape], "j'ai très manger, j'ai, j'ai manger", { inf: ['manger'] })).toEqual(['manger', 'manger']);
    // Two rules on one first word: the first listed wins the token whatever the next word.
    const a = rule({ id: 'a', pattern: ['sa', 'fait'], mark: [0, 1] });
    const b = rule({ id: 'b', pattern: ['sa', '#word'], mark: [0, 1] });
    expect(matches([a, b], 'sa fait sa maison')).toEqual(['sa fait', 'sa fait', 'sa maison']);
    expect(matches([b, a], 'sa fait sa maison')).toEqual(['sa fait', 'sa fait', 'sa maison']);
  });

  it('narrows the rules by the next word once per pair of words, with the same matches', () => {
    const rules = [
      rule({ id: 'inf', pattern: ['a', '?très', '?bien', '$inf'], mark: 3, kind: 'participle' }),
      rule({ id: 'fixed', pattern: ['a', 'la', 'fois'], hint: 'à' }),
      rule({ id: 'name', pattern: ['a', '#name'], mark: 1 }),
      rule({ id: 'end', pattern: ['a', '?bien', '#end'] }),
      rule({ id: 'neg', pattern: ['a', '!la'], after: '^|#punct' }),
    ];
    const shapes = { inf: ['manger', 'voir'] };
    for (const text of [
      'a a a a a manger a très manger a la fois a bien voir a Paris a bien. a',
      'a '.repeat(50),
      'a la a la fois a la a la fois, a manger a manger a très bien voir',
      'A a A manger a Manger a bien a bien bien manger',
    ]) {
      expect(matches(rules, text, shapes, true)).toEqual(matches(rules, text, shapes));
    }
    expect(matches(rules, 'a a manger a la fois a Paris', shapes, true)).toEqual(['a', 'manger', 'a', 'Paris']);
  });

  it('keeps the same matches when a word follows more groups than its memo holds side by side', () => {
    // "x" follows 24 rule groups (one per first word): its memo outgrows its array of pairs
    // (NARROWED_PAIRS, 16) and becomes a Map, read again on the second lap.
    const firsts = Array.from({ length: 24 }, (_, k) => `w${k}`);
    const rules = firsts.flatMap((w) => [
      rule({ id: `${w}-x`, pattern: [w, 'x'], mark: 1 }),
      rule({ id: `${w}-y`, pattern: [w, '?x', 'y'] }),
    ]);
    const lapOf = (words: string[]) => words.map((w, k) => (k % 3 === 0 ? `${w} x y` : `${w} x`)).join(' ');
    // Two laps of four groups (the memo's array read), then two of all 24 (its Map).
    const few = firsts.slice(0, 4);
    const laps = [few, few, firsts, firsts];
    const text = laps.map(lapOf).join(' ');
    const expected = matches(rules, text, {}, false, true);
    expect(matches(rules, text, {}, true, true)).toEqual(expected);
    // "x" after every first word, by that word's rule, and the first word where "x y" follows it.
    expect(expected.filter((m) => m.endsWith(' x'))).toEqual(laps.flat().map((w) => `${w}-x x`));
    expect(expected.filter((m) => / w\d+$/.test(m))).toHaveLength(2 * 2 + 2 * 8);
  });
  it('rejects unknown classes, shapes and marks at load time', () => {
    expect(() => compileRules([rule({ pattern: ['@nope'] })], classes)).toThrow(/unknown class @nope/);
    expect(() => compileRules([rule({ pattern: ['$nope'] })], classes)).toThrow(/unknown shape/);
    expect(() => compileRules([rule({ pattern: ['#nope'] })], classes)).toThrow(/unknown token kind/);
    expect(() => compileRules([rule({ mark: 3 })], classes)).toThrow(/mark out of the pattern/);
    expect(() => compileRules([rule({}), rule({})], classes)).toThrow(/duplicate id/);
  });

  it('stays linear on long adversarial inputs', () => {
    const rules = [rule({ pattern: ['@subj', '?#word', '?#word', '?#word', 'à'], mark: 4 })];
    const text = 'il '.repeat(5000);
    const started = performance.now();
    expect(matches(rules, text)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
