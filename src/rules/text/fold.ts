/**
 * Case and accent folding: "Élève" → "eleve". NFD splits letters from their accents, then the
 * combining marks go; ligatures common in French are spelled out.
 */
const COMBINING_MARKS = /\p{M}+/gu;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };
const LIGATURE = /[œæß]/g;

// Nothing to fold but the case when every character is ASCII (most words of most comments).
const NON_ASCII = /[^ -~]/;
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** Folds one word (or any text); words repeat across comments, so their folding is cached. */
export function fold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  let folded = cache.get(text);
  if (folded === undefined) {
    folded = foldUncached(text);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    if (text.length <= 64) cache.set(text, folded);
  }
  return folded;
}

function foldUncached(text: string): string {
  return text
    .toLowerCase()
    .replace(LIGATURE, (l) => LIGATURES[l] ?? l)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '');
}
