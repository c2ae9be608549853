import { describe, expect, it } from 'vitest';
import { doubled } from '../../../src/rules/civility/doubled.js';

describe('doubled', () => {
  it.each([
    ['Int32Array', Int32Array.from([1, -2, 3])],
    ['Uint8Array', Uint8Array.from([255, 0, 7])],
  ])('copies a %s into one twice as long, zeros after', (_kind, array) => {
    const bigger = doubled(array);
    expect(bigger.constructor).toBe(array.constructor);
    expect(bigger.length).toBe(6);
    expect([...bigger]).toEqual([...array, 0, 0, 0]);
    expect(bigger).not.toBe(array);
  });
});
