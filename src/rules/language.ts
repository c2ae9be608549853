import { z } from 'zod';
import type { Lang } from '../db/schema.js';
import { ONE_PARSE } from './one-parse.js';
import { CLASS, endOfRun } from './text/char-class.js';
import { type Token, tokenize } from './text/tokenize.js';
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
  return detectLanguageOfTokens(tokenize(text), fallback, data);
}

const FR = 1;
const EN = 2;
const markerTables = new WeakMap<Record<Lang, LanguageData>, { languages: Map<string, number>; longest: number }>();

/** Both languages' markers in one table (word → FR | EN bits): one look-up per word, not two. */
function markersOf(data: Record<Lang, LanguageData>) {
  let table = markerTables.get(data);
  if (table === undefined) {
    const languages = new Map<string, number>();
    for (const word of data.fr.markers) languages.set(word, FR);
    for (const word of data.en.markers) languages.set(word, (languages.get(word) ?? 0) | EN);
    table = { languages, longest: Math.max(data.fr.longest, data.en.longest) };
    markerTables.set(data, table);
  }
  return table;
}

/**
 * detectLanguage from the comment's shared tokens (the pipeline's way: no second pass over the
 * text). The words counted are still the runs of letters (\p{L}+) of the lower-cased text: every
 * letter of a text is in a token, and no two tokens touch with a letter on both sides (a
 * tokeniser test checks it), so each run lies inside one token's lower case.
 */
export function detectLanguageOfTokens(
  tokens: readonly Token[],
  fallback: Lang,
  data: Record<Lang, LanguageData>,
): Lang {
  let fr = 0;
  let en = 0;
  const { languages, longest } = markersOf(data);
  for (const token of tokens) {
    // Punctuation, emoji and numbers hold no letter.
    if (token.kind === 'punct' || token.kind === 'emoji' || token.kind === 'number') continue;
    const lower = token.lower;
    let i = 0;
    while (i < lower.length) {
      const start = i;
      i = endOfRun(lower, i, lower.length, CLASS.letter);
      if (i === start) {
        i += (lower.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
        continue;
      }
      if (i - start > longest) continue;
      // Most tokens are one run of letters: no slice.
      const word = start === 0 && i === lower.length ? lower : lower.slice(start, i);
      const of = languages.get(word);
      if (of === undefined) continue;
      if (of & FR) fr++;
      if (of & EN) en++;
    }
  }
  // Require a clear margin: a French comment quoting an English product name stays French.
  if (fr >= 2 * en + 1 && fr >= 2) return 'fr';
  if (en >= 2 * fr + 1 && en >= 2) return 'en';
  return fallback;
}
