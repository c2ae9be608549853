/**
 * Case and accent folding: "Élève" → "eleve". NFD splits letters from their accents, then the
 * combining marks go; ligatures common in French are spelled out.
 */
const COMBINING_MARKS = /\p{M}+/gu;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };
const LIGATURE = /[œæß]/g;

export function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(LIGATURE, (l) => LIGATURES[l] ?? l)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '');
}
