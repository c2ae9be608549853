/**
 * Which word sets of the context rules (the words of a step, of `after` / `notAfter`, the words a
 * rule's second token can be) hold a word, as one bit per set: the proofreading rule looks the
 * bits up once per distinct word (on its word facts), then every test of a step is a bit test
 * instead of a Set lookup of the word's string.
 */
export class WordBits {
  /** Bits of the words in no set: all clear, one array for all of them. */
  readonly none: Uint32Array;
  private readonly byWord = new Map<string, Uint32Array>();

  /** `sets[id]` is the set with that id (ids are dense, from 0). */
  constructor(sets: readonly ReadonlySet<string>[]) {
    const size = Math.ceil(sets.length / 32);
    this.none = new Uint32Array(size);
    sets.forEach((words, id) => {
      for (const word of words) {
        let bits = this.byWord.get(word);
        if (bits === undefined) {
          bits = new Uint32Array(size);
          this.byWord.set(word, bits);
        }
        bits[id >>> 5] = (bits[id >>> 5] as number) | (1 << (id & 31));
      }
    });
  }

  /** The bits of the sets holding `word` (lower case, straight apostrophes). */
  of(word: string): Uint32Array {
    return this.byWord.get(word) ?? this.none;
  }
}

/** Whether the set with id `set` holds the word whose bits these are; never for -1 (no set). */
export function inSet(bits: Uint32Array, set: number): boolean {
  return set >= 0 && (((bits[set >>> 5] as number) >>> (set & 31)) & 1) !== 0;
}
