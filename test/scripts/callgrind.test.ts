import { describe, expect, it } from 'vitest';
import { totalInstructions } from '../../scripts/bench/callgrind.js';

describe('totalInstructions', () => {
  it.each([
    [
      'a dump with totals',
      'version: 1\ncreator: callgrind-3.19.0\nevents: Ir\nsummary: 52583824\ntotals: 52583885\n',
      52583885,
    ],
    ['an older dump with summary only', 'events: Ir\nsummary: 27193275\n', 27193275],
  ])('reads %s', (_name, output, expected) => {
    expect(totalInstructions(output)).toBe(expected);
  });

  it('refuses output without a total', () => {
    expect(() => totalInstructions('events: Ir\nfn=main\n')).toThrow(/totals/);
  });
});
