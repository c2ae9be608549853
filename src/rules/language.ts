import { z } from 'zod';
import type { Lang } from '../db/schema.js';
import { ONE_PARSE } from './one-parse.js';
import { CLASS, endOfRun } from './text/char-class.js';
import type { RuleFiles } from './types.js';

/** rules/<lang>/language.json: function words that mark a text as written in that language. */
const languageFileSchema = z.object({
  source: z.string().min(1),
  markers: z.array(z.string().min(1)).min(10),
});

export interface LanguageData {
  markers: ReadonlySet<string>;
  /** Length of the longest marker: longer words are never looked up. */
  longest: number;
}

export function loadLanguageData(files: RuleFiles): LanguageData {
  const raw = files.readJson('language.json');
  if (raw === null) throw new Error('language.json is missing');
  const parsed = languageFileSchema.parse(raw, ONE_PARSE);
  const markers = new Set(parsed.markers.map((m) => m.toLowerCase()));
  return { markers, longest: Math.max(...[...markers].map((m) => m.length)) };
}

/**
 * Picks fr or en by counting each language's function words. Short or mixed texts fall back to
 * the article's language, which is right far more often than a guess on two words.
 */
export function detectLanguage(text: string, fallback: Lang, data: Record<Lang, LanguageData>): Lang {
  let fr = 0;
  let en = 0;
  const longest = Math.max(data.fr.longest, data.en.longest);
  // Words are runs of letters (\p{L}+) of the lower-cased text, scanned by hand: this runs on
  // every comment before any rule.
  const lower = text.toLowerCase();
  let i = 0;
  while (i < lower.length) {
    const start = i;
    i = endOfRun(lower, i, lower.length, CLASS.letter);
    if (i === start) {
      i += (lower.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      continue;
    }
    if (i - start > longest) continue;
    const word = lower.slice(start, i);
    if (data.fr.markers.has(word)) fr++;
    if (data.en.markers.has(word)) en++;
  }
  // Require a clear margin: a French comment quoting an English product name stays French.
  if (fr >= 2 * en + 1 && fr >= 2) return 'fr';
  if (en >= 2 * fr + 1 && en >= 2) return 'en';
  return fallback;
}
