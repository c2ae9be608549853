import { z } from 'zod';
import type { Lang } from '../db/schema.js';
import type { RuleFiles } from './types.js';

/** rules/<lang>/language.json: function words that mark a text as written in that language. */
const languageFileSchema = z.object({
  source: z.string().min(1),
  markers: z.array(z.string().min(1)).min(10),
});

export interface LanguageData {
  markers: ReadonlySet<string>;
}

export function loadLanguageData(files: RuleFiles): LanguageData {
  const raw = files.readJson('language.json');
  if (raw === null) throw new Error('language.json is missing');
  const parsed = languageFileSchema.parse(raw);
  return { markers: new Set(parsed.markers.map((m) => m.toLowerCase())) };
}

const WORD = /\p{L}+/gu;

/**
 * Picks fr or en by counting each language's function words. Short or mixed texts fall back to
 * the article's language, which is right far more often than a guess on two words.
 */
export function detectLanguage(text: string, fallback: Lang, data: Record<Lang, LanguageData>): Lang {
  let fr = 0;
  let en = 0;
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (data.fr.markers.has(word)) fr++;
    if (data.en.markers.has(word)) en++;
  }
  // Require a clear margin: a French comment quoting an English product name stays French.
  if (fr >= 2 * en + 1 && fr >= 2) return 'fr';
  if (en >= 2 * fr + 1 && en >= 2) return 'en';
  return fallback;
}
