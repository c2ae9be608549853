/**
 * The table of a data set's interned token keys (token-list.ts, InternedKey): a key met again
 * costs no string, and what the rule reads in a key is worked out once and kept with it.
 */
import { KeyTable, keyHash } from './key-table.js';
import type { InternedKey } from './token-list.js';

/**
 * The table, and its keys of one ASCII character by character code: a spaced-out word ("C O N",
 * "a.a.a…") is a token per letter, and an array read spares each one the hashing and probing.
 */
export class KeyInterner extends KeyTable<InternedKey> {
  readonly singles: (InternedKey | undefined)[] = new Array<InternedKey | undefined>(128).fill(undefined);
}

export function newKeyInterner(): KeyInterner {
  return new KeyInterner();
}

/** French elided words, apostrophe left out: "t'es" is read "t'" "es". */
const ELISIONS = new Set([
  'l',
  'd',
  'j',
  'm',
  't',
  's',
  'c',
  'n',
  'qu',
  'jusqu',
  'lorsqu',
  'puisqu',
  'quoiqu',
  'presqu',
  'quelqu',
  'aujourd',
]);

function interned(keys: KeyInterner, key: string, hash: number): InternedKey {
  const entry: InternedKey = { key, elision: ELISIONS.has(key), withApostrophe: undefined, readings: undefined };
  keys.add(hash, entry);
  return entry;
}

/** The interned key of a folded key. */
export function internKey(keys: KeyInterner, key: string): InternedKey {
  const hash = keyHash(key);
  return keys.get(key, hash) ?? interned(keys, key, hash);
}

/** The key of a plain ASCII token: its text, lower-cased when it has capitals. */
export function plainKey(text: string, start: number, end: number, upper: number): string {
  return upper > 0 ? text.slice(start, end).toLowerCase() : text.slice(start, end);
}

/**
 * The interned key of a plain ASCII token, text[start, end) with `upper` capitals, found from
 * its place in the text (`hash` is the key's, computed while scanning it): no string when the
 * key is known.
 */
export function internPlain(
  keys: KeyInterner,
  text: string,
  start: number,
  end: number,
  upper: number,
  hash: number,
): InternedKey {
  if (end - start === 1) {
    const c = text.charCodeAt(start);
    const lower = upper > 0 ? c + 0x20 : c;
    // A key the table dropped when full stays here: same key, same readings, one more object.
    let single = keys.singles[lower];
    if (single === undefined) {
      single =
        keys.getRange(text, start, end, upper > 0, hash) ?? interned(keys, plainKey(text, start, end, upper), hash);
      keys.singles[lower] = single;
    }
    return single;
  }
  if (upper > 0 && end - start > LONG_KEY) {
    // A long run with capitals ("AAAA…"): the engine lower-cases and compares it faster than a loop.
    const key = plainKey(text, start, end, upper);
    return keys.get(key, hash) ?? interned(keys, key, hash);
  }
  return keys.getRange(text, start, end, upper > 0, hash) ?? interned(keys, plainKey(text, start, end, upper), hash);
}

/** Past this length, a key with capitals is looked up as a string. */
const LONG_KEY = 32;

/** The key with its apostrophe ("qu" → "qu'"), for a key met elided. */
export function elidedKey(keys: KeyInterner, entry: InternedKey): InternedKey {
  entry.withApostrophe ??= internKey(keys, `${entry.key}'`);
  return entry.withApostrophe;
}
