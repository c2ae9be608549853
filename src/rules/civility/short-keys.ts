/**
 * The short keys of the civility tokens ("de", "con", "pour", "merde"): up to six letters a–z,
 * most tokens of any comment. Such a key fits in one integer, five bits a letter, so the table
 * that holds them compares integers: a look-up reads one 8-byte slot, where a key compared unit
 * by unit reads its units somewhere else too (another cache line, often another cache miss).
 */

/** Keys up to this many letters are packed. */
export const SHORT_KEY = 6;

/**
 * `units[0, length)` packed, five bits a letter (a = 1 … z = 26), or -1 when the key is longer
 * than SHORT_KEY or has anything but a–z. Different keys pack differently: no letter packs to 0.
 */
export function packedKey(units: Uint16Array, length: number): number {
  if (length > SHORT_KEY) return -1;
  let packed = 0;
  for (let k = 0; k < length; k++) {
    const letter = (units[k] as number) - 0x60;
    if (letter < 1 || letter > 26) return -1;
    packed = (packed << 5) | letter;
  }
  return packed;
}

/** The packed form of a key string (see packedKey). */
export function packedString(key: string): number {
  if (key.length > SHORT_KEY) return -1;
  let packed = 0;
  for (let k = 0; k < key.length; k++) {
    const letter = key.charCodeAt(k) - 0x60;
    if (letter < 1 || letter > 26) return -1;
    packed = (packed << 5) | letter;
  }
  return packed;
}

const INITIAL_BITS = 11;

/** Ids (integers ≥ 0) by packed key; a slot is two integers: the packed key (0: empty) and its id. */
export class ShortKeyTable {
  private bits = INITIAL_BITS;
  private slots = new Int32Array(2 << INITIAL_BITS);
  private size = 0;

  /** The id of a packed key (a number > 0 from packedKey), -1 when it is not in the table. */
  get(packed: number): number {
    const { slots } = this;
    const mask = (1 << this.bits) - 1;
    for (let slot = Math.imul(packed, 0x9e3779b1) >>> (32 - this.bits); ; slot = (slot + 1) & mask) {
      const key = slots[slot * 2] as number;
      if (key === packed) return slots[slot * 2 + 1] as number;
      if (key === 0) return -1;
    }
  }

  /** Adds the id of a packed key not in the table. */
  add(packed: number, id: number): void {
    if ((this.size + 1) * 2 > 1 << this.bits) this.rehash();
    this.place(packed, id);
    this.size++;
  }

  clear(): void {
    this.slots.fill(0);
    this.size = 0;
  }

  private place(packed: number, id: number): void {
    const { slots } = this;
    const mask = (1 << this.bits) - 1;
    let slot = Math.imul(packed, 0x9e3779b1) >>> (32 - this.bits);
    while (slots[slot * 2] !== 0) slot = (slot + 1) & mask;
    slots[slot * 2] = packed;
    slots[slot * 2 + 1] = id;
  }

  /** Twice the slots, the same keys. */
  private rehash(): void {
    const old = this.slots;
    this.bits++;
    this.slots = new Int32Array(2 << this.bits);
    for (let at = 0; at < old.length; at += 2) if (old[at] !== 0) this.place(old[at] as number, old[at + 1] as number);
  }
}
