import { describe, expect, it } from 'vitest';
import { TokenFlags } from '../../../src/rules/proofreading/token-flags.js';

describe('token flags', () => {
  it.each([
    // [tokens of the previous comment, flags set, tokens of this comment]
    [10, [0, 3, 9], 10],
    [10, [0, 3, 9, 10], 4],
    [300, [0, 255, 299], 300],
    [3, [1], 1000],
    [0, [], 0],
  ])('after %i tokens with flags %j, a comment of %i tokens starts with none', (previous, set, count) => {
    const flags = new TokenFlags();
    const before = flags.cleared(previous);
    for (const i of set) before[i] = 1;
    const now = flags.cleared(count);
    expect(now.length).toBeGreaterThan(count);
    expect(Array.from(now.subarray(0, count + 1)).every((f) => f === 0)).toBe(true);
  });
});
