/**
 * A hash table from token keys to their ids (the keys that are not short words of letters:
 * short-keys.ts). The tokeniser writes each key's code units into a reused buffer as it scans
 * the token and looks the key up from there (`getCodes`): a key already met costs no string.
 *
 * The keys' code units are kept in one pool beside the slots, not read from strings: a look-up
 * compares typed-array cells, where comparing with a string (or with the comment, a sliced string
 * in the benchmark) costs a call into the engine per key and cache misses on strings scattered
 * over the heap. A slot is four integers (hash, place in the pool, length, id + 1): one cache
 * line holds what a probe reads.
 */

/** The hash of an empty key; `hashStep` adds one code unit. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

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

/** FNV-1a (32 bits) of `units[0, length)`, as keyHash of their string. */
export function unitsHash(units: Uint16Array, length: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < length; i++) h = hashStep(h, units[i] as number);
  return h;
}

/** Integers per slot: the key's hash, its place in the pool, its length, its id + 1 (0: empty). */
const SLOT = 4;
const INITIAL_SLOTS = 1024;

/** Ids (integers ≥ 0) by key. */
export class KeyTable {
  private slots = new Int32Array(INITIAL_SLOTS * SLOT);
  private size = 0;
  private pool = new Uint16Array(16384);
  private poolUsed = 0;

  /** The id of `key`, whose hash (keyHash) is `hash`; -1 when it is not in the table. */
  get(key: string, hash: number): number {
    const { slots, pool } = this;
    const mask = slots.length / SLOT - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const id = slots[at + 3] as number;
      if (id === 0) return -1;
      if (slots[at] !== hash || slots[at + 2] !== key.length) continue;
      const from = slots[at + 1] as number;
      let k = 0;
      while (k < key.length && pool[from + k] === key.charCodeAt(k)) k++;
      if (k === key.length) return id - 1;
    }
  }

  /** The id of the key made of `units[0, length)`, whose hash (keyHash) is `hash`; -1 when none. */
  getCodes(units: Uint16Array, length: number, hash: number): number {
    const { slots, pool } = this;
    const mask = slots.length / SLOT - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const id = slots[at + 3] as number;
      if (id === 0) return -1;
      if (slots[at] !== hash || slots[at + 2] !== length) continue;
      const from = slots[at + 1] as number;
      let k = 0;
      while (k < length && pool[from + k] === units[k]) k++;
      if (k === length) return id - 1;
    }
  }

  /** Adds the id of a key not in the table; `hash` is its keyHash. */
  add(key: string, hash: number, id: number): void {
    if ((this.size + 1) * 2 > this.slots.length / SLOT) this.rehash();
    if (this.poolUsed + key.length > this.pool.length) {
      const bigger = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + key.length));
      bigger.set(this.pool.subarray(0, this.poolUsed));
      this.pool = bigger;
    }
    const from = this.poolUsed;
    for (let k = 0; k < key.length; k++) this.pool[from + k] = key.charCodeAt(k);
    this.poolUsed = from + key.length;
    this.place(hash, from, key.length, id + 1);
    this.size++;
  }

  /** Empties the table; it keeps its capacity (the pool shrinks back if a flood grew it). */
  clear(): void {
    this.slots.fill(0);
    this.size = 0;
    this.poolUsed = 0;
    if (this.pool.length > MAX_POOL) this.pool = new Uint16Array(MAX_POOL);
  }

  /** Code units in the pool, for the interner's bound on memory. */
  get units(): number {
    return this.poolUsed;
  }

  /** Puts a key's slot in the first free place of its probe sequence. */
  private place(hash: number, from: number, length: number, idPlusOne: number): void {
    const { slots } = this;
    const mask = slots.length / SLOT - 1;
    let slot = hash & mask;
    while (slots[slot * SLOT + 3] !== 0) slot = (slot + 1) & mask;
    const at = slot * SLOT;
    slots[at] = hash;
    slots[at + 1] = from;
    slots[at + 2] = length;
    slots[at + 3] = idPlusOne;
  }

  /** Twice the slots, the same pool. */
  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += SLOT)
      if (old[at + 3] !== 0)
        this.place(old[at] as number, old[at + 1] as number, old[at + 2] as number, old[at + 3] as number);
  }
}

/** Past this many code units (8 MB), the interner starts afresh at the next comment. */
export const MAX_POOL = 1 << 22;
