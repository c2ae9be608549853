import { z } from 'zod';
import type { Lang } from '../db/schema.js';
import { ONE_PARSE } from './one-parse.js';
import { analyse, type TextAnalysis } from './text/analysis.js';
import { CLASS, endOfRun } from './text/char-class.js';
import type { Token } from './text/tokenize.js';
import { WordSlots } from './text/word-ids.js';
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
  return detectLanguageOfAnalysis(analyse(text), fallback, data);
}

const FR = 1;
const EN = 2;

interface MarkerTable {
  languages: Map<string, number>;
  longest: number;
  /** A token's word number → its French markers + (its English markers << 16). */
  counts: WordSlots<number>;
}
const markerTables = new WeakMap<Record<Lang, LanguageData>, MarkerTable>();

/** Both languages' markers in one table (word → FR | EN bits): one look-up per word, not two. */
function markersOf(data: Record<Lang, LanguageData>): MarkerTable {
  let table = markerTables.get(data);
  if (table === undefined) {
    const languages = new Map<string, number>();
    for (const word of data.fr.markers) languages.set(word, FR);
    for (const word of data.en.markers) languages.set(word, (languages.get(word) ?? 0) | EN);
    table = { languages, longest: Math.max(data.fr.longest, data.en.longest), counts: new WordSlots() };
    markerTables.set(data, table);
  }
  return table;
}

/**
 * The markers in one token's lower case, French in the low 16 bits and English above: the
 * runs of letters (\p{L}+) it holds, each looked up.
 */
function countMarkers(lower: string, { languages, longest }: MarkerTable): number {
  let fr = 0;
  let en = 0;
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
  return fr | (en << 16);
}

/**
 * detectLanguage from the comment's shared analysis (the pipeline's way: no second pass over the
 * text). The words counted are still the runs of letters (\p{L}+) of the lower-cased text: every
 * letter of a text is in a token, and no two tokens touch with a letter on both sides (a
 * tokeniser test checks it), so each run lies inside one token's lower case. A token's count is
 * remembered by its word number (see word-ids.ts): comments repeat the same words.
 */
export function detectLanguageOfAnalysis(
  analysis: TextAnalysis,
  fallback: Lang,
  data: Record<Lang, LanguageData>,
): Lang {
  let fr = 0;
  let en = 0;
  const table = markersOf(data);
  const counts = table.counts.for(analysis);
  const { tokens, wordIds } = analysis;
  for (let i = 0; i < tokens.length; i++) {
    // Every token by its number, punctuation, emoji and numbers too (they hold no letter: their
    // count is 0): the token itself is read only for a text not counted yet, not at every token.
    const id = wordIds[i] as number;
    let packed = counts.get(id);
    if (packed === undefined) {
      packed = countMarkers((tokens[i] as Token).lower, table);
      counts.set(id, packed);
    }
    fr += packed & 0xffff;
    en += packed >>> 16;
  }
  // Require a clear margin: a French comment quoting an English product name stays French.
  if (fr >= 2 * en + 1 && fr >= 2) return 'fr';
  if (en >= 2 * fr + 1 && en >= 2) return 'en';
  return fallback;
}
