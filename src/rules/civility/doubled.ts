/**
 * A copy of `array` in one twice as long, zeros after it: how the reused token, word and run
 * lists (token-list.ts, word-list.ts, spaced-runs.ts) grow their typed arrays.
 */
export function doubled<T extends Int32Array | Uint8Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
