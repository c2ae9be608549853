import type { Lang } from '../../db/schema.js';
import type { ProofError } from '../modules/proofreading.js';
import { type SpellChecker, sharedSpellChecker } from '../spelling/hunspell.js';
import { inProcessSuggester, type Suggester } from '../spelling/suggester.js';
import type { Violation } from '../types.js';

/**
 * Corrections for the errors of proofreading violations, computed only where a person reads them
 * (`/v1/check`, the moderator view, the CLI), never on the comment submission path: Hunspell's
 * suggestions cost 100–700 ms a word.
 *
 * Context errors (homophones, -er/-é, agreement, accents) get their corrections from the hint of
 * the rule data, checked against the dictionary: instant. Unknown words ask Hunspell through a
 * Suggester (spelling/suggester.ts) within the time budget: a worker thread in the server, so
 * that the event loop never waits for Hunspell; in-process for the CLI and the tests. Errors left
 * without suggestions when time ran out are reported by `complete: false`.
 */
export interface SuggestOptions {
  /** Time budget for the Hunspell calls of this request, in milliseconds. */
  timeBudgetMs?: number;
  /** Suggestions per error (at most 3). */
  max?: number;
  /** Clock of the default in-process suggester, for tests. */
  now?: () => number;
  /** Where Hunspell's suggestions come from: a worker thread in the server, in-process by default. */
  suggester?: Suggester;
}

export interface SuggestResult {
  /** False when the budget ran out before every error had its suggestions. */
  complete: boolean;
  /** Distinct unknown words Hunspell answered in time. */
  lookups: number;
}

const MAX_SUGGESTIONS = 3;

function errorsOf(violation: Violation): ProofError[] {
  if (violation.rule !== 'proofreading') return [];
  const errors = violation.details?.errors;
  return Array.isArray(errors) ? (errors as ProofError[]) : [];
}

/** Keeps the case of the first letter the reader typed ("Sa" → "Ça"). */
function matchCase(model: string, word: string): string {
  const first = model.charAt(0);
  return first !== first.toLowerCase() ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

/** Corrections derived from a context rule's hint, kept when the dictionary knows them. */
export function hintCorrections(error: ProofError, checker: SpellChecker): string[] {
  const hint = error.hint;
  if (!hint) return [];
  const word = error.text.toLowerCase();
  const known = (forms: string[]) => forms.filter((f) => f.split(/[\s']/).every((p) => p === '' || checker.isWord(p)));
  let forms: string[];
  switch (hint) {
    case '-é':
      forms = word.endsWith('er') ? [`${word.slice(0, -2)}é`] : word.endsWith('ir') ? [word.slice(0, -1)] : [];
      break;
    case '-er':
      forms = [word.replace(/é(e?s?)$/, 'er')];
      break;
    case '-ent':
      forms = word.endsWith('ait')
        ? [`${word.slice(0, -3)}aient`]
        : word.endsWith('ons')
          ? [`${word.slice(0, -3)}ont`]
          : [`${word}nt`];
      break;
    case '-ait':
      forms = [word.replace(/(ais|ai)$/, 'ait')];
      break;
    case '-ais':
      forms = [word.replace(/ait$/, 'ais')];
      break;
    case '-s':
      forms = [`${word}s`, word.replace(/t$/, 'x')];
      break;
    case '-i':
      forms = [word.replace(/it$/, 'i')];
      break;
    case 'pluriel':
      forms = [word.endsWith('al') ? `${word.slice(0, -2)}aux` : /(eau|eu)$/.test(word) ? `${word}x` : `${word}s`];
      break;
    default:
      // A word or phrase to write instead ("ça", "a", "quel que soit"), or alternatives "ont / on a".
      return hint.includes(' / ')
        ? hint.split(' / ').map((h) => matchCase(error.text, h.trim()))
        : /^[\p{L}' -]+$/u.test(hint)
          ? [matchCase(error.text, hint)]
          : [];
  }
  return known(forms).map((f) => matchCase(error.text, f));
}

/**
 * Fills `details.errors[i].suggestions` (at most 3 each) of the proofreading violations, in place,
 * within the time budget. Violations of other rules are left alone.
 */
export async function suggestCorrections(
  violations: Violation[],
  lang: Lang,
  { timeBudgetMs = 300, max = MAX_SUGGESTIONS, now, suggester = inProcessSuggester(now) }: SuggestOptions = {},
): Promise<SuggestResult> {
  const limit = Math.min(Math.max(max, 0), MAX_SUGGESTIONS);
  const checker = sharedSpellChecker(lang);
  const unknownWords: ProofError[] = [];
  for (const violation of violations) {
    for (const error of errorsOf(violation)) {
      if (error.kind === 'run-on') continue;
      const fromHint = hintCorrections(error, checker);
      if (fromHint.length > 0 || error.kind !== 'unknown-word') {
        error.suggestions = [...new Set(fromHint)].slice(0, limit);
        continue;
      }
      unknownWords.push(error);
    }
  }
  if (unknownWords.length === 0) return { complete: true, lookups: 0 };
  const found = await suggester.suggest(
    lang,
    unknownWords.map((e) => e.text),
    limit,
    timeBudgetMs,
  );
  let complete = true;
  for (const error of unknownWords) {
    const suggestions = found.get(error.text);
    if (suggestions === undefined) complete = false;
    else error.suggestions = suggestions.slice(0, limit);
  }
  return { complete, lookups: found.size };
}
