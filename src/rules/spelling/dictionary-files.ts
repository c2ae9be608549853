import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Lang } from '../../db/schema.js';

const require = createRequire(import.meta.url);

/**
 * The .aff or .dic file of a dictionary-* package: the packages export only their index.js, the
 * dictionary files sit beside it. Throws when the package is not installed.
 */
export function dictionaryFile(dictionaryPackage: string, extension: 'aff' | 'dic'): string {
  return join(dirname(require.resolve(dictionaryPackage)), `index.${extension}`);
}

const fileHashes = new Map<string, string>();

/**
 * The SHA-256 (hex) of a file of an installed package, read and hashed once per process: the
 * .dic files key both the civility dictionary cache and the Hunspell snapshot, both read at
 * start-up.
 */
export function fileSha256(path: string): string {
  let hash = fileHashes.get(path);
  if (hash === undefined) {
    hash = createHash('sha256').update(readFileSync(path)).digest('hex');
    fileHashes.set(path, hash);
  }
  return hash;
}

/**
 * The Hunspell dictionaries of each language: British spellings are correct English too
 * ("centre", "colour").
 */
export const SPELLING_PACKAGES: Record<Lang, readonly string[]> = {
  fr: ['dictionary-fr'],
  en: ['dictionary-en', 'dictionary-en-gb'],
};
/** Every package, in the order the start-up snapshot builds them. */
export const DICTIONARY_PACKAGES: readonly string[] = [...SPELLING_PACKAGES.fr, ...SPELLING_PACKAGES.en];
