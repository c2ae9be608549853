import type { Lang } from '../../db/schema.js';
import { stripAccents } from '../spelling/accent-free-forms.js';
import type { SpellChecker } from '../spelling/hunspell.js';
import type { ProofreadingData } from './data.js';
import type { ShapeName } from './patterns.js';

/**
 * Word-level knowledge built on Hunspell: the grammatical shapes the context rules use ("an
 * infinitive in -er", "a singular noun whose plural exists"...), 1990-reform spellings, and
 * missing-accent restoration ("etait" → "était").
 */

const has = (set: ReadonlySet<string> | undefined, word: string) => set?.has(word) ?? false;

/** Shape predicates for one language, over lower-case words. */
export function makeShapes(checker: SpellChecker, data: ProofreadingData) {
  const known = (w: string) => checker.isWord(w);
  const cls = (name: string) => data.classes.get(name);
  const notVerb = cls('notVerb');
  const notPlural = cls('notPlural');
  const notSingular = cls('notSingular');
  const detPl = cls('detPl');
  const clitic = cls('clitic');

  // A form a verb could take after an object pronoun ("les achète", "les prend", "les met").
  const verbLike = (w: string) =>
    (w.endsWith('e') && known(`${w}nt`)) ||
    (/[dt]$/.test(w) && (known(`${w}re`) || known(`${w}ir`) || known(`${w}tre`) || known(`${w.slice(0, -1)}ir`))) ||
    // a present participle ("les contenant", "les utilisant")
    (w.endsWith('ant') && ['er', 'ir', 're'].some((end) => known(`${w.slice(0, -3)}${end}`)));

  const sing = (w: string) =>
    w.length >= 2 &&
    !w.includes('-') &&
    !/[sxz]$/.test(w) &&
    !has(notSingular, w) &&
    known(w) &&
    (known(`${w}s`) || (w.endsWith('al') && known(`${w.slice(0, -2)}aux`)) || (/(eau|eu)$/.test(w) && known(`${w}x`)));

  const tests: Record<ShapeName, (w: string) => boolean> = {
    inf: (w) =>
      w.length > 3 &&
      !has(notVerb, w) &&
      ((w.endsWith('er') && known(w) && known(`${w.slice(0, -2)}é`)) ||
        (w.endsWith('ir') && known(w) && known(w.slice(0, -1)))),
    ppe: (w) => {
      const m = /^(.+)é(e?s?)$/.exec(w);
      return !!m && !has(notVerb, w) && known(w) && known(`${m[1]}er`);
    },
    // A masculine participle ("raccroché", "vus"): after "ma"/"ta" it can only be "m'a"/"t'a".
    ppeMasc: (w) => /és?$/.test(w) && !has(notVerb, w) && known(w) && known(`${w.replace(/és?$/, '')}er`),
    // "-ez" of a first-group verb where the infinitive belongs ("il faut essayez").
    ez: (w) => w.length > 4 && w.endsWith('ez') && known(w) && known(`${w.slice(0, -2)}er`),
    // "réussit" for "réussi" (not "dirait": the conditional ends in -ait)
    ppit: (w) => w.length >= 5 && w.endsWith('it') && !w.endsWith('ait') && known(w) && known(w.slice(0, -1)),
    // A participle in -u of a verb in -re or -ir ("répondu", "venu").
    ppu: (w) =>
      w.length >= 4 && w.endsWith('u') && known(w) && (known(`${w.slice(0, -1)}re`) || known(`${w.slice(0, -1)}ir`)),
    // A plural in -x whose singular exists ("jeux", "bureaux"), after a singular determiner.
    // Only -eux/-eaux/-oux plurals: "index", "taux", "prix" are singular too.
    plx: (w) => /(eu|eau|ou)x$/.test(w) && !has(notPlural, w) && known(w) && known(w.slice(0, -1)),
    // A first- or second-person form in -s where the third person belongs ("il sais", "on fais").
    s1: (w) =>
      w.length >= 3 &&
      w.endsWith('s') &&
      !has(notPlural, w) &&
      !has(notVerb, w) &&
      !has(detPl, w) &&
      !has(clitic, w) &&
      known(w) &&
      (known(`${w.slice(0, -1)}t`) || (w.endsWith('ds') && known(w.slice(0, -1)))),
    // A third person in -t whose plural is regular ("croit" → "croient").
    v3t: (w) =>
      w.length >= 4 &&
      w.endsWith('t') &&
      !w.endsWith('ait') &&
      !has(notVerb, w) &&
      known(w) &&
      known(`${w.slice(0, -1)}ent`),
    ing: (w) => w.length > 4 && w.endsWith('ing'),
    pl: (w) => /[sxz]$/.test(w) && w.length >= 3 && !has(notPlural, w),
    sing,
    singNotVerb: (w) => sing(w) && !verbLike(w),
    // An attribute after "sont": adverbs in -ment ("sont complètement") are not nouns here.
    singAttr: (w) => sing(w) && !w.endsWith('ment'),
    // "dire" + "nt" is a passé simple ("dirent"), not the plural of a present: infinitives in -ire are out.
    v3s: (w) =>
      w.length >= 3 && w.endsWith('e') && !w.endsWith('ire') && !has(notVerb, w) && known(w) && known(`${w}nt`),
    v3sait: (w) => w.endsWith('ait') && known(w) && known(`${w.slice(0, -3)}aient`),
    v1p: (w) => w.length >= 5 && w.endsWith('ons') && known(w) && known(`${w.slice(0, -3)}ont`),
    rai: (w) => w.length >= 5 && w.endsWith('rai') && known(w) && known(`${w}t`),
    ais: (w) => w.length >= 5 && w.endsWith('ais') && known(w) && known(`${w.slice(0, -1)}t`),
    ait: (w) => w.length >= 4 && w.endsWith('ait') && known(w) && known(`${w.slice(0, -1)}s`),
    dt: (w) => /[dt]$/.test(w) && !w.endsWith('ait') && known(w) && known(`${w}s`),
    ly: (w) => w.length > 4 && w.endsWith('ly'),
  };
  const caches = new Map<ShapeName, Map<string, boolean>>();
  for (const name of Object.keys(tests) as ShapeName[]) caches.set(name, new Map());
  /** `word` is the token's lower-case form; `lowerCase` whether the token was written so. */
  return (name: ShapeName, word: string, lowerCase: boolean): boolean => {
    // Shapes are about lower-case words ("pl" also takes a capitalised plural: "Européens").
    if (!lowerCase && name !== 'pl') return false;
    const cache = caches.get(name) as Map<string, boolean>;
    let result = cache.get(word);
    if (result === undefined) {
      result = tests[name](word);
      if (cache.size > 20_000) cache.clear();
      cache.set(word, result);
    }
    return result;
  };
}

const CIRCUMFLEX: Record<string, string> = { i: 'î', u: 'û' };
/** "è" before a mute syllable in the future and conditional of verbs like céder ("cèderait"). */
const GRAVE_FUTURE = /è(?=[bcdfghjklmnpqrstvz]{1,2}er(?:ai|as|a|ons|ez|ont|ais|ait|ions|iez|aient)$)/;

/**
 * 1990-reform spellings: the listed ones, a circumflex dropped on i or u ("coute", "maitrise"),
 * and a grave accent in the future and conditional ("préfèrerais", "cèdera").
 */
export function isReformSpelling(word: string, checker: SpellChecker, data: ProofreadingData): boolean {
  if (data.reform.has(word)) return true;
  if (!data.restoreCircumflex) return false;
  for (let i = 0; i < word.length; i++) {
    const hat = CIRCUMFLEX[word[i] as string];
    if (hat && checker.isWord(word.slice(0, i) + hat + word.slice(i + 1))) return true;
  }
  const grave = GRAVE_FUTURE.exec(word);
  return grave !== null && checker.isWord(`${word.slice(0, grave.index)}é${word.slice(grave.index + 1)}`);
}

/**
 * The accented word a lower-case unknown word stands for when only accents are missing or wrong
 * ("etait" → "était", "trés" → "très", "deja" → "déjà"), or null. One accent is tried at every
 * accentable letter, then two on short enough words; each try is a cached Hunspell lookup, and
 * `budget` caps the lookups for one comment (adversarial input cannot make this slow).
 */
export function restoreAccents(
  word: string,
  checker: SpellChecker,
  data: ProofreadingData,
  budget: { lookups: number },
): string | null {
  if (word.length > data.accentMaxLength || data.accentVariants.size === 0) return null;
  const base = stripAccents(word);
  const positions: number[] = [];
  for (let i = 0; i < base.length; i++) if (data.accentVariants.has(base[i] as string)) positions.push(i);
  if (positions.length === 0) return null;
  // Every candidate below, and `base`, is `base` once its accents are stripped: when no word of
  // the dictionaries is, none of them is a word. Nothing is tried, so the comment's budget and the
  // checker's cache are spared too (accent-free-forms.ts).
  if (!checker.mayHaveAccentFreeForm(base)) return null;
  const tryWord = (candidate: string) => {
    if (candidate === word || budget.lookups <= 0) return false;
    budget.lookups--;
    return checker.isWord(candidate);
  };
  if (base !== word && tryWord(base)) return base;
  for (const p of positions) {
    for (const v of data.accentVariants.get(base[p] as string) ?? []) {
      const candidate = base.slice(0, p) + v + base.slice(p + 1);
      if (tryWord(candidate)) return candidate;
    }
  }
  if (positions.length > data.maxTwoAccents) return null;
  for (let a = 0; a < positions.length; a++) {
    for (let b = a + 1; b < positions.length; b++) {
      const pa = positions[a] as number;
      const pb = positions[b] as number;
      for (const va of data.accentVariants.get(base[pa] as string) ?? []) {
        for (const vb of data.accentVariants.get(base[pb] as string) ?? []) {
          const candidate = base.slice(0, pa) + va + base.slice(pa + 1, pb) + vb + base.slice(pb + 1);
          if (tryWord(candidate)) return candidate;
        }
      }
    }
  }
  return null;
}

export const otherLang = (lang: Lang): Lang => (lang === 'fr' ? 'en' : 'fr');

const ELIDABLE_FIRST = /^[cdjlmnst][aeiouyhéèêàâîôû]/;
const CONSONANT = /[bcdfglmnprst]/;

/**
 * Whether a word the dictionary rejects is one small slip away from a real word: a missing
 * apostrophe ("nimporte", "daccord", "quil"), a doubled or undoubled letter ("apparement"), a
 * dropped final letter ("plusieur"). Used for capitalised words opening a sentence, which are
 * otherwise taken for names. Each try spends the comment's lookup budget.
 */
export function isNearWord(word: string, checker: SpellChecker, budget: { lookups: number }): boolean {
  const tryWord = (candidate: string) => {
    if (budget.lookups <= 0) return false;
    budget.lookups--;
    return checker.isWord(candidate);
  };
  if (ELIDABLE_FIRST.test(word) && tryWord(`${word[0]}'${word.slice(1)}`)) return true;
  if (word.startsWith('qu') && word.length > 3 && tryWord(`qu'${word.slice(2)}`)) return true;
  for (const end of ['s', 'e', 't', 'x']) if (tryWord(word + end)) return true;
  for (let i = 1; i < word.length; i++) {
    const c = word[i] as string;
    if (c === word[i - 1]) {
      if (tryWord(word.slice(0, i) + word.slice(i + 1))) return true;
    } else if (CONSONANT.test(c) && word[i + 1] !== c && tryWord(word.slice(0, i) + c + word.slice(i))) {
      return true;
    }
  }
  return false;
}
