/**
 * A hash table from token keys to what the rule read in them. Every key the rule looks up is a
 * fresh string (sliced from the comment), and a `Map<string, …>` look-up has V8 hash it in a
 * runtime call that costs more than the rest of the look-up; hashed here in a few JIT-compiled
 * instructions, a look-up is that loop, an array probe and one string comparison (measured on
 * the tokens of the bench's 500-character comments: about 7 µs a comment instead of 11).
 *
 * Most keys are a plain ASCII stretch of the comment, lower-cased: those are looked up by their
 * place in the text (`getRange`), hashed and compared as they stand in the text, so that a key
 * already met costs no string at all.
 */

/** The hash of an empty key; `hashStep` adds one code unit. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a (32 bits): the hash of a key so far, then `unit`. */
export function hashStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, FNV_PRIME);
}

/** FNV-1a (32 bits) of the key's UTF-16 code units. */
export function keyHash(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = hashStep(h, key.charCodeAt(i));
  return h;
}

/**
 * Whether `key` is `text.slice(start, end)`, lower-cased when `capitals` (ASCII text). Without
 * capitals the text is compared as it stands, by the engine.
 */
function sameAsRange(key: string, text: string, start: number, end: number, capitals: boolean): boolean {
  if (key.length !== end - start) return false;
  if (!capitals) return text.startsWith(key, start);
  for (let k = 0; k < key.length; k++) {
    const c = text.charCodeAt(start + k);
    if (key.charCodeAt(k) !== (c >= 0x41 && c <= 0x5a ? c + 0x20 : c)) return false;
  }
  return true;
}

/** Like the Map it replaces, bounded: emptied when it holds this many keys. */
const MAX_KEYS = 50000;

/**
 * Values keyed by their own `key`: a look-up reads the slot's hash, then the value and its key,
 * which the caller reads next anyway (no separate array of keys to miss in the cache).
 */
export class KeyTable<V extends { readonly key: string }> {
  private hashes = new Int32Array(1024);
  private values: (V | null)[] = new Array<V | null>(1024).fill(null);
  private size = 0;

  /** The value for `key`, whose hash (keyHash) is `hash`. */
  get(key: string, hash: number): V | undefined {
    const { hashes, values } = this;
    const mask = hashes.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const v = values[slot];
      if (v === null || v === undefined) return undefined;
      if (hashes[slot] === hash && v.key === key) return v;
    }
  }

  /**
   * The value for the key `text.slice(start, end)` of an ASCII stretch of text, lower-cased when
   * it has `capitals`, whose hash (keyHash of the key) is `hash`: found without building the key.
   */
  getRange(text: string, start: number, end: number, capitals: boolean, hash: number): V | undefined {
    const { hashes, values } = this;
    const mask = hashes.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const v = values[slot];
      if (v === null || v === undefined) return undefined;
      if (hashes[slot] === hash && sameAsRange(v.key, text, start, end, capitals)) return v;
    }
  }

  /** Adds a value whose key is not in the table; `hash` is its key's (keyHash). */
  add(hash: number, value: V): void {
    if (this.size >= MAX_KEYS) this.reset(this.hashes.length);
    else if ((this.size + 1) * 2 > this.hashes.length) this.rehash();
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    while (this.values[slot] !== null) slot = (slot + 1) & mask;
    this.hashes[slot] = hash;
    this.values[slot] = value;
    this.size++;
  }

  private reset(capacity: number) {
    this.hashes = new Int32Array(capacity);
    this.values = new Array<V | null>(capacity).fill(null);
    this.size = 0;
  }

  private rehash() {
    const { hashes, values } = this;
    this.reset(hashes.length * 2);
    for (let slot = 0; slot < values.length; slot++) {
      const v = values[slot];
      if (v !== null && v !== undefined) this.add(hashes[slot] as number, v);
    }
  }
}
