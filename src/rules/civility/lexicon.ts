/**
 * The term lexicon and the canonicaliser that reads evasive spellings back to lexicon words,
 * all precompiled at load time into maps: matching a token is a handful of map look-ups.
 *
 * A token is matched whole, never as a substring (no "con" in "conseil"). Evasions read back:
 * leetspeak ("c0nnard", "tr4ns"), masks ("p*te", "c@ns", "f*cking"), letter runs
 * ("connnnard", "enculééés"), one dropped or swapped letter in long words ("ignbles", "moruir"),
 * spaced letters ("c o n n a r d", joined by the caller) and words glued to a short function word
 * ("tuerce", "deputes" is not: it is a real word).
 */

export type Category = 'insult' | 'vulgarity' | 'slur' | 'threat' | 'dehumanising' | 'hate' | 'putdown' | 'shouting';
export type Severity = 'low' | 'medium' | 'high';
export type Mode = 'always' | 'targeted';

export interface TermEntry {
  term: string;
  category: Category;
  severity: Severity;
  mode: Mode;
  requireAccent: boolean;
  notBefore: ReadonlySet<string>;
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  '!': 'i',
  $: 's',
  '€': 'e',
};

/** French inflection: feminine and plural forms of a noun or adjective. */
export function nounForms(word: string): string[] {
  const out = new Set<string>([word]);
  let fem: string | null = null;
  if (word.endsWith('eur')) fem = `${word.slice(0, -3)}euse`;
  else if (word.endsWith('eux')) fem = `${word.slice(0, -3)}euse`;
  else if (word.endsWith('if')) fem = `${word.slice(0, -2)}ive`;
  else if (word.endsWith('ien')) fem = `${word}ne`;
  else if (word.endsWith('on')) fem = `${word}ne`;
  else if (word.endsWith('el')) fem = `${word}le`;
  else if (word.endsWith('et')) fem = `${word}te`;
  else if (word.endsWith('ot')) fem = `${word}te`;
  else if (word.endsWith('ier') || word.endsWith('er')) fem = `${word.slice(0, -2)}ere`;
  else if (word.endsWith('e') || word.endsWith('è') || word.endsWith('ê')) fem = null;
  else if (word.endsWith('é')) fem = `${word}e`;
  else fem = `${word}e`;
  if (fem) out.add(fem);
  for (const w of [...out]) out.add(plural(w));
  return [...out];
}

function plural(w: string): string {
  if (/[sxz]$/.test(w)) return w;
  if (w.endsWith('al')) return `${w.slice(0, -2)}aux`;
  if (w.endsWith('eau') || w.endsWith('eu')) return `${w}x`;
  return `${w}s`;
}

/** French first-group verb forms from the infinitive ("enculer" → encule, enculés, enculez…). */
export function verbForms(infinitive: string): string[] {
  if (!infinitive.endsWith('er')) return [infinitive];
  const stem = infinitive.slice(0, -2);
  return [
    'er',
    'e',
    'es',
    'ent',
    'ez',
    'ons',
    'e',
    'ee',
    'es',
    'ees',
    'ais',
    'ait',
    'aient',
    'ant',
    'era',
    'erai',
    'erais',
    'erait',
  ].map((ending) => stem + ending);
}

/** English plural and verb endings for nouns and verbs of the English lexicon. */
export function englishForms(word: string): string[] {
  const out = new Set([word]);
  if (!word.endsWith('s')) out.add(`${word}s`);
  if (/(ch|sh|x|ss)$/.test(word)) out.add(`${word}es`);
  return [...out];
}

/** The letters a key's leet characters stand for ("c0n" → "con"), one reading. */
export function deleet(key: string): string {
  let out = '';
  for (const ch of key) out += LEET[ch] ?? ch;
  return out;
}

/** Collapses every run of one letter to a single letter: "connnnard" → "conard". */
export function skeleton(word: string): string {
  let out = '';
  // charAt: "" before the first letter, where out[-1] would be a slow property lookup.
  for (const ch of word) if (out.charAt(out.length - 1) !== ch) out += ch;
  return out;
}

export function hasLongRun(word: string): boolean {
  let run = 1;
  for (let i = 1; i < word.length; i++) {
    run = word[i] === word[i - 1] ? run + 1 : 1;
    if (run >= 3) return true;
  }
  return false;
}

/**
 * One-slip variants by variant: the Map the Canonicaliser builds, or the build's sorted list
 * (slip-cache.ts). Both give each variant's first target, and every pair.
 */
export interface SlipVariants {
  get(variant: string): string | undefined;
  entries(): Iterable<[string, string]>;
}

export interface CanonicalOptions {
  /** Minimum length of a word for one-letter deletion or swap matching. */
  fuzzyMinLength: number;
}

/**
 * Reads a token back to a known word. `vocab` is every word the rule cares about (terms, group
 * names, predicates, pattern words); `lexiconForms` only the terms, for masks.
 */
export class Canonicaliser {
  private readonly skeletons = new Map<string, string>();
  /** Each one-slip variant (a letter left out, two swapped) of a fuzzy target: the first target it came from. */
  private readonly fuzzy: SlipVariants;
  private readonly maskable = new Map<number, string[]>();
  private readonly fuzzyTargets = new Set<string>();
  /** First three letters of the fuzzy targets: a quick "no" for one-letter-too-many look-ups. */
  private readonly targetPrefixes = new Set<string>();
  /** Results by key, bounded: comment vocabulary repeats a lot. */
  private readonly cache = new Map<string, { word: string; evasion: string | null } | null>();

  constructor(
    private readonly vocab: ReadonlySet<string>,
    lexiconForms: Iterable<string>,
    fuzzyForms: Iterable<string>,
    private readonly isDictionaryWord: (w: string) => boolean,
    private readonly innocent: ReadonlySet<string>,
    options: CanonicalOptions,
    private readonly shortTargets: ReadonlySet<string> = new Set(),
    /**
     * The one-slip variants of these very inputs, as slipVariants() gave them (read from the
     * build's cache, slip-cache.ts): not worked out again. ~20k strings built at every start
     * otherwise, ~25 ms on one core.
     */
    slips?: SlipVariants,
  ) {
    for (const w of vocab) {
      const sk = skeleton(w);
      if (!this.skeletons.has(sk)) this.skeletons.set(sk, w);
    }
    for (const w of lexiconForms) {
      const bucket = this.maskable.get(w.length) ?? [];
      bucket.push(w);
      this.maskable.set(w.length, bucket);
    }
    // Made here unless given: the Map addFuzzy fills, read through `fuzzy` afterwards.
    const made = new Map<string, string>();
    this.fuzzy = slips ?? made;
    for (const w of fuzzyForms) {
      if (w.length < options.fuzzyMinLength && !(w.length >= 4 && this.shortTargets.has(w))) continue;
      this.fuzzyTargets.add(w);
      this.targetPrefixes.add(w.slice(0, 3));
      if (slips) continue;
      for (let i = 0; i < w.length; i++) {
        this.addFuzzy(made, w.slice(0, i) + w.slice(i + 1), w);
        if (i + 1 < w.length && w[i] !== w[i + 1]) {
          this.addFuzzy(made, w.slice(0, i) + (w[i + 1] as string) + (w[i] as string) + w.slice(i + 2), w);
        }
      }
    }
  }

  private addFuzzy(fuzzy: Map<string, string>, variant: string, word: string) {
    // A dictionary word is no slip. No need to ask the dictionary here (a hundred thousand
    // look-ups at load): read() asks it before it looks a key up in `fuzzy`, and whether a
    // variant is kept depends on the variant alone, so the first word kept for a variant that
    // is not a dictionary word is the same.
    if (this.vocab.has(variant) || this.innocent.has(variant)) return;
    if (!fuzzy.has(variant)) fuzzy.set(variant, word);
  }

  /** The one-slip variants, for the build's cache (slip-cache.ts). */
  slipVariants(): SlipVariants {
    return this.fuzzy;
  }

  /** The known word a token stands for, with how it was read; null when it is no known word. */
  read(key: string): { word: string; evasion: string | null } | null {
    if (this.vocab.has(key)) return { word: key, evasion: null };
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const result = key.length > 40 ? null : this.readUncached(key);
    if (this.cache.size >= 50000) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }

  private readUncached(key: string): { word: string; evasion: string | null } | null {
    if (this.innocent.has(key)) return null;
    let letters = 0;
    let others = 0;
    let masks = 0;
    for (const ch of key) {
      if (ch >= 'a' && ch <= 'z') letters++;
      else if (ch === '*' || ch === '_' || ch === '@' || ch === '$' || ch === '€' || ch === '!') masks++;
      else others++;
    }
    if (letters === 0) return null;
    if (others + masks > 0) {
      for (const variant of leetVariants(key)) {
        if (this.vocab.has(variant)) return { word: variant, evasion: 'leet' };
        // An evasive spelling already: one or two letters more or less are evasion too ("poufi4sses").
        const sk = this.skeletons.get(skeleton(variant));
        if (sk) return { word: sk, evasion: 'leet' };
      }
      if (masks > 0 && letters >= 2 && masks <= letters) {
        const masked = this.matchMask(key);
        if (masked) return { word: masked, evasion: 'mask' };
      }
      return null;
    }
    if (hasLongRun(key)) {
      const sk = this.skeletons.get(skeleton(key));
      if (sk) return { word: sk, evasion: 'repeat' };
    }
    if (key.length < 4 || this.isDictionaryWord(key)) return null;
    const fz = this.fuzzy.get(key);
    // Four letters read back only to a group name ("trns"): too many short words are one slip
    // away from an insult ("pues" / "putes").
    if (fz && (key.length >= 5 || this.shortTargets.has(fz))) return { word: fz, evasion: 'misspelt' };
    if (key.length < 5) return null;
    // One letter too many ("fenculer", "tortuerr"): drop each letter in turn.
    if (key.length >= 6) {
      // Dropping a letter at 3 or later keeps the first three: skip those unless a target starts so.
      const last = this.targetPrefixes.has(key.slice(0, 3)) ? key.length : 3;
      for (let i = 0; i < last; i++) {
        const shorter = key.slice(0, i) + key.slice(i + 1);
        if (shorter.length >= 5 && this.fuzzyTargets.has(shorter)) return { word: shorter, evasion: 'misspelt' };
      }
    }
    return null;
  }

  private matchMask(key: string): string | null {
    const bucket = this.maskable.get(key.length);
    if (!bucket) return null;
    for (const w of bucket) {
      let ok = true;
      for (let i = 0; i < key.length; i++) {
        const k = key[i] as string;
        if (k >= 'a' && k <= 'z') {
          if (k !== w[i]) {
            ok = false;
            break;
          }
        } else if (k >= '0' && k <= '9') {
          if (LEET[k] !== w[i]) {
            ok = false;
            break;
          }
        }
      }
      if (ok) return w;
    }
    return null;
  }
}

/** Leet readings of a key: each digit or symbol replaced by its letter; "1" reads as i or l. */
function leetVariants(key: string): string[] {
  let variants = [''];
  for (const ch of key) {
    const mapped = LEET[ch];
    if (ch === '1') variants = variants.flatMap((v) => [`${v}i`, `${v}l`]);
    else variants = variants.map((v) => v + (mapped ?? ch));
    if (variants.length > 8) variants = variants.slice(0, 8);
  }
  return variants;
}
