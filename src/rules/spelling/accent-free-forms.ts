import { createHash } from 'node:crypto';
import type { Lang } from '../../db/schema.js';
import { framed, unframed } from '../../framed-file.js';
import { readBuiltFile } from '../../project-root.js';
import { dictionaryFile, fileSha256, SPELLING_PACKAGES } from './dictionary-files.js';

/**
 * Whether a word without accents can be the accent-free form of a word of a language's
 * dictionaries: a Bloom filter of every form the dictionaries can make, accents stripped, built
 * by `npm run build` into dist/ (accent-free-forms-build.ts: Hunspell cannot list its forms).
 *
 * Why: the proofreading rule tells a missing accent from a typo by asking Hunspell about every
 * accent variant of an unknown word ("etait" → "était"), one and two accents at a time: 50–180
 * lookups for three misspellings never seen before, 10–100 µs each, on the event loop's thread.
 * Every variant has the same accent-free form; when the filter says that no word has it, none
 * of them is a word and Hunspell need not be asked. A "maybe" (a form that is there, or one of
 * the filter's false positives, ~0.1 % of the words it has not) asks Hunspell as before: the
 * answers are the same either way, only fewer lookups are made.
 *
 * Only words of the alphabet below are covered; for any other the filter says "maybe".
 */
const ALPHABET = /^[a-zœæ]+$/;
const MARKS = /\p{M}+/gu;
/** The word without its accents (combining marks after NFD), case kept. */
export const stripAccents = (word: string) => word.normalize('NFD').replace(MARKS, '').normalize('NFC');
/** Lower case, without accents: what the filter holds. */
export const accentFree = (word: string) => stripAccents(word.toLowerCase());

/** Bump when the forms (hunspell-reader's expansion), the hashing or the layout change. */
const FORMAT = 1;
const HASHES = 7;
const BITS_PER_FORM = 16;

function hashes(word: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // An odd step, so that the HASHES probes are distinct for any table size (a power of two).
  return [a >>> 0, (b | 1) >>> 0];
}

export class AccentFreeForms {
  private constructor(
    private readonly bits: Uint8Array,
    readonly forms: number,
  ) {}

  /**
   * The filter of `forms` (accent-free, lower case; those outside the alphabet are left out,
   * repeats counted once).
   */
  static of(forms: Iterable<string>): AccentFreeForms {
    const kept = new Set<string>();
    for (const form of forms) if (ALPHABET.test(form)) kept.add(form);
    let size = 1 << 10;
    while (size < kept.size * BITS_PER_FORM) size *= 2;
    const filter = new AccentFreeForms(new Uint8Array(size / 8), kept.size);
    for (const form of kept) filter.add(form);
    return filter;
  }

  private add(form: string) {
    const mask = this.bits.length * 8 - 1;
    const [a, b] = hashes(form);
    for (let k = 0; k < HASHES; k++) {
      const bit = (a + Math.imul(k, b)) & mask;
      this.bits[bit >>> 3] = (this.bits[bit >>> 3] as number) | (1 << (bit & 7));
    }
  }

  /**
   * False when no word of the dictionaries has `form` as its accent-free form (`form` is
   * already accent-free and in lower case); true when one may have it, or `form` has a
   * character outside the alphabet the filter covers.
   */
  mayBeAForm(form: string): boolean {
    if (!ALPHABET.test(form)) return true;
    const mask = this.bits.length * 8 - 1;
    const [a, b] = hashes(form);
    for (let k = 0; k < HASHES; k++) {
      const bit = (a + Math.imul(k, b)) & mask;
      if (((this.bits[bit >>> 3] as number) & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  }

  serialise(key: string): Buffer {
    return framed({ format: FORMAT, key, forms: this.forms, bytes: this.bits.length }, [this.bits]);
  }

  /** The filter stored in `buffer`, or null when it was made from other dictionaries or by another format. */
  static deserialise(buffer: Buffer, key: string): AccentFreeForms | null {
    const stored = unframed(buffer);
    if (!stored) return null;
    const { header, payloadAt } = stored;
    const bytes = buffer.length - payloadAt;
    if (header.format !== FORMAT || header.key !== key || header.bytes !== bytes || typeof header.forms !== 'number')
      return null;
    // A view of the file's memory, not a copy: the file is read for this filter alone.
    return new AccentFreeForms(new Uint8Array(buffer.buffer, buffer.byteOffset + payloadAt, bytes), header.forms);
  }
}

/** What a language's filter is made from: its dictionaries' .aff and .dic files, by content. */
export function accentFreeFormsKey(lang: Lang): string {
  const hash = createHash('sha256');
  for (const name of SPELLING_PACKAGES[lang])
    hash.update(`${name}\0${fileSha256(dictionaryFile(name, 'aff'))}\0${fileSha256(dictionaryFile(name, 'dic'))}\0`);
  return hash.digest('hex');
}

/** Its file in dist/. */
export const accentFreeFormsFile = (lang: Lang) => `accent-free-forms-${lang}.bin`;

const loaded = new Map<Lang, AccentFreeForms | null>();

/**
 * The language's filter as `npm run build` wrote it, for the compiled code (the server, the
 * benchmarks); null elsewhere (the sources, tests included, and a build that has none): then
 * every accent variant is asked of Hunspell, as without it. Building it takes ~13 s, too long
 * for a start-up.
 */
export function accentFreeForms(lang: Lang): AccentFreeForms | null {
  let filter = loaded.get(lang);
  if (filter === undefined) {
    filter = readBuiltFile(accentFreeFormsFile(lang), (content) =>
      AccentFreeForms.deserialise(content, accentFreeFormsKey(lang)),
    );
    loaded.set(lang, filter);
  }
  return filter;
}
