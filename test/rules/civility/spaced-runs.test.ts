import { describe, expect, it } from 'vitest';
import type { LetterTrie } from '../../../src/rules/civility/data.js';
import { letterOf, RunParts, splitRun } from '../../../src/rules/civility/spaced-runs.js';

/** A trie of a few words, built as the rule data builds its own (a–z, 26 children a node). */
function trieOf(words: string[]): LetterTrie {
  const children = new Int32Array((1 + words.join('').length) * 26);
  const ends: (string | null)[] = [null];
  for (const w of words) {
    let node = 0;
    for (const ch of w) {
      const slot = node * 26 + (ch.charCodeAt(0) - 0x61);
      if (children[slot] === 0) {
        children[slot] = ends.length;
        ends.push(null);
      }
      node = children[slot] as number;
    }
    ends[node] = w;
  }
  return { children, words: ends };
}

const trie = trieOf(['con', 'connard', 'pute', 'abruti']);

/** The parts of the spaced letters of `letters`, as "word" or "letter" strings. */
function split(letters: string): { found: boolean; parts: string[] } {
  const run = Int8Array.from([...letters], letterOf);
  const parts = new RunParts();
  const found = splitRun(run, run.length, trie, parts);
  return {
    found,
    parts: Array.from({ length: parts.count }, (_, p) => {
      const word = parts.word[p];
      const from = parts.from[p] as number;
      const to = parts.to[p] as number;
      return word ? `${word}[${from},${to})` : letters.charAt(from);
    }),
  };
}

describe('civility spaced runs', () => {
  it.each([
    ['con', true, ['con[0,3)']],
    ['connard', true, ['connard[0,7)']],
    ['conconcon', true, ['con[0,3)', 'con[3,6)', 'con[6,9)']],
    ['xconx', true, ['x', 'con[1,4)', 'x']],
    ['c0nn4rd', true, ['connard[0,7)']],
    ['p$te', false, ['p', '$', 't', 'e']],
    ['pute', true, ['pute[0,4)']],
    ['aaaa', false, ['a', 'a', 'a', 'a']],
    ['co', false, ['c', 'o']],
  ])('splits %j into known words (found: %s)', (letters, found, parts) => {
    expect(split(letters)).toEqual({ found, parts });
  });

  it('reuses its parts from one run to the next, growing as needed', () => {
    const parts = new RunParts();
    const long = Int8Array.from([...'a'.repeat(200)], letterOf);
    expect(splitRun(long, 200, trie, parts)).toBe(false);
    expect(parts.count).toBe(200);
    const short = Int8Array.from([...'con'], letterOf);
    expect(splitRun(short, 3, trie, parts)).toBe(true);
    expect([parts.count, parts.from[0], parts.to[0], parts.word[0]]).toEqual([1, 0, 3, 'con']);
  });

  it.each([
    ['a', 0],
    ['z', 25],
    ['0', 14],
    ['1', 8],
    ['@', 0],
    ['$', 18],
    ['€', 4],
    ['*', -1],
    ['_', -1],
  ])('reads the one-character key %j as trie letter %i', (key, letter) => {
    expect(letterOf(key)).toBe(letter);
  });
});
