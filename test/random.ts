/**
 * A seeded pseudo-random generator for the tests that draw random texts: the same numbers in
 * [0, 1) on every run, so that a failure can be replayed. A linear congruential generator (the
 * C library's constants): enough to vary texts, nothing more.
 */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** A text of 1 to `maxPieces` pieces of `pieces`, drawn with `random` (the count first). */
export function randomText(random: () => number, pieces: readonly string[], maxPieces: number): string {
  return Array.from(
    { length: 1 + Math.floor(random() * maxPieces) },
    () => pieces[Math.floor(random() * pieces.length)],
  ).join('');
}
