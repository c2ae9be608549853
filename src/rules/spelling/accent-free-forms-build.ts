import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IterableHunspellReader } from 'hunspell-reader';
import type { Lang } from '../../db/schema.js';
import { AccentFreeForms, accentFree, accentFreeFormsFile, accentFreeFormsKey } from './accent-free-forms.js';
import { dictionaryFile, SPELLING_PACKAGES } from './dictionary-files.js';

/**
 * Every form of a language's dictionaries, accent-free, as a filter (accent-free-forms.ts). The
 * forms come from hunspell-reader (cspell's), which applies the .aff's affix rules to the .dic's
 * stems as Hunspell does: ~3.1 million forms for French, ~13 s. Build time only (`npm run
 * build`, tests): the server reads the filter from dist/ and never loads this module.
 */
export async function buildAccentFreeForms(lang: Lang): Promise<AccentFreeForms> {
  const readers = await Promise.all(
    SPELLING_PACKAGES[lang].map((name) =>
      IterableHunspellReader.createFromFiles(dictionaryFile(name, 'aff'), dictionaryFile(name, 'dic')),
    ),
  );
  function* forms() {
    for (const reader of readers) for (const word of reader.seqWords()) yield accentFree(word);
  }
  return AccentFreeForms.of(forms());
}

/** Writes a language's filter into `outDir` (npm run build), unless the one there is already this one. */
export async function writeAccentFreeForms(lang: Lang, outDir: string): Promise<string> {
  const out = join(outDir, accentFreeFormsFile(lang));
  const key = accentFreeFormsKey(lang);
  if (existsSync(out) && AccentFreeForms.deserialise(readFileSync(out), key)) return out;
  writeFileSync(out, (await buildAccentFreeForms(lang)).serialise(key));
  return out;
}
