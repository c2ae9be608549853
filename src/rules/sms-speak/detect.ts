import { type SpellChecker, sharedSpellChecker } from '../spelling/hunspell.js';
import type { TextAnalysis } from '../text/analysis.js';
import type { Token } from '../text/tokenize.js';
import type { ContextKind, SmsData } from './data.js';

/**
 * Finds the SMS tokens of a comment: first the lexicon (each form confirmed by its context), then
 * the shapes of SMS writing for forms nobody listed (consonant skeletons, pronoun stuck to a verb,
 * phonetic respellings, digit rebus), each checked against the spelling dictionary so that real
 * words never count. Upper-case acronyms, units after a number, and nouns after a determiner are
 * left alone. Everything is a Map/Set lookup per token; Hunspell is asked only about the few
 * unknown tokens that have an SMS shape (and its answers are cached).
 */
export type SmsKind = 'lexicon' | 'skeleton' | 'contraction' | 'phonetic' | 'rebus' | 'number';

export interface SmsToken {
  /** Index of the first token in `analysis.tokens` ("a+" covers two tokens). */
  index: number;
  /** Index after the last token covered. */
  endIndex: number;
  text: string;
  /** The standard spelling, or null when only the shape is known ("vrmt"-like skeletons). */
  standard: string | null;
  start: number;
  end: number;
  kind: SmsKind;
  context: ContextKind;
  certainty: 'sure' | 'ambiguous' | 'shape';
  weight: number;
}

export interface SmsResult {
  /** Token indexes claimed as SMS (shared with the proofreading rule). */
  claims: ReadonlySet<number>;
  tokens: SmsToken[];
  score: number;
  /** SMS tokens per word. */
  density: number;
  words: number;
  fires: boolean;
}

type CaseShape = 'lower' | 'title' | 'upper' | 'mixed';

function caseShape(text: string, lower: string): CaseShape {
  if (text === lower) return 'lower';
  const upper = text.toUpperCase();
  if (text === upper) return text.length === 1 || upper === lower ? 'title' : 'upper';
  const first = text.charAt(0);
  return first !== first.toLowerCase() && text.slice(1) === lower.slice(1) ? 'title' : 'mixed';
}

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const HAS_DIGIT = /[0-9]/;
const HAS_LETTER = /\p{L}/u;
/** Longer tokens are never SMS shapes (and never reach the spelling dictionary). */
const MAX_SHAPE_LENGTH = 24;
const ALNUM_ONLY = /^[\p{L}\p{N}]+$/u;
const DIGIT_RUN = /\d+/g;
/** Punctuation that, glued to a form, makes it part of a name, path or unit ("C++", "C#", ".ts", "g/km", "°C"). */
const GLUED_BEFORE = new Set(['.', '/', '°', '-', '_', '\\', '+', '#', '@', '&', '=', '*', '$', '€', '%']);
const GLUED_AFTER = new Set(['.', '/', '+', '#', '-', '_', '\\', '=', '*', '&', "'", '’', '(']);
/** Punctuation after a lone letter that shows it is a label, not a word ("a) b) c)", "C :"). */
const LABEL_AFTER = new Set([')', ']', ':', '=', '/', '|']);
const OPENERS = new Set([':', '«', '"', '“', '(', '—', '–', '-', '[', '…']);

function collapseRuns(word: string): string {
  let out = '';
  for (const ch of word) if (ch !== out.charAt(out.length - 1)) out += ch;
  return out;
}

class Detector {
  private readonly tokens: Token[];
  private readonly text: string;
  private readonly start: boolean[];
  private shoutedCache: boolean | undefined;
  private spellChecker: SpellChecker | undefined;
  private letterRuns: number[] | undefined;

  constructor(
    analysis: TextAnalysis,
    private readonly data: SmsData,
  ) {
    this.tokens = analysis.tokens;
    this.text = analysis.text;
    this.start = sentenceStarts(analysis);
  }

  /** Computed only when an upper-case lexicon form needs it. */
  private shouted(): boolean {
    this.shoutedCache ??= isShouted(this.text);
    return this.shoutedCache;
  }

  private isWord(word: string): boolean {
    this.spellChecker ??= sharedSpellChecker(this.data.lang);
    return this.spellChecker.isWord(word);
  }

  /** Whether two tokens touch (no space between them). */
  private glued(a: Token | undefined, b: Token | undefined): boolean {
    return a !== undefined && b !== undefined && a.end === b.start;
  }

  private prevWordLower(i: number): string | undefined {
    const prev = this.tokens[i - 1];
    return prev && (prev.kind === 'word' || prev.kind === 'elision') ? prev.lower : undefined;
  }

  /** Punctuation glued to the form makes it part of a name, path or unit ("C++", ".ts", "g/km"). */
  private gluedToPunct(i: number, token: Token): boolean {
    const prev = this.tokens[i - 1];
    const next = this.tokens[i + 1];
    if (prev?.kind === 'punct' && this.glued(prev, token) && GLUED_BEFORE.has(prev.text)) return true;
    if (next?.kind !== 'punct' || !this.glued(token, next) || !GLUED_AFTER.has(next.text)) return false;
    // A full stop ends a sentence ("merci pour tt."), unless it joins a name ("pr.fr") or
    // closes a capitalised abbreviation ("Pr.", "St.").
    if (next.text === '.') return this.glued(next, this.tokens[i + 2]) || token.text !== token.lower;
    return true;
  }

  /** Shared context vetoes for every ambiguous form and shape: units, nouns, paths, initials. */
  private blockedByContext(i: number, token: Token): boolean {
    const prev = this.tokens[i - 1];
    if (prev?.kind === 'number') return true; // "162 g", "10 k", "7,2 mm"
    if (this.gluedToPunct(i, token)) return true;
    const prevWord = this.prevWordLower(i);
    if (prevWord !== undefined && (this.data.determiners.has(prevWord) || this.data.namingWords.has(prevWord)))
      return true;
    return false;
  }

  /** A capitalised form counts only at the start of a sentence and before a lower-case word. */
  private titleAllowed(i: number): boolean {
    if (!this.start[i]) return false;
    const next = this.tokens[i + 1];
    if (!next) return true;
    if (next.kind === 'word' && UPPER.test(next.text.charAt(0))) return false; // "Pr Martin", "St Malo"
    return true;
  }

  /** Whether the token is in a run of three or more lone letters: a spelled-out word ("c a n c e r"). */
  private inSpelledWord(i: number): boolean {
    if (!this.letterRuns) {
      // One pass: the length of the run of one-letter words each token belongs to.
      const runs = new Array<number>(this.tokens.length).fill(0);
      let from = 0;
      for (let k = 0; k <= this.tokens.length; k++) {
        const t = this.tokens[k];
        if (t !== undefined && t.kind === 'word' && t.text.length === 1) continue;
        for (let j = from; j < k; j++) runs[j] = k - from;
        from = k + 1;
      }
      this.letterRuns = runs;
    }
    return (this.letterRuns[i] ?? 0) >= 3;
  }

  private isLoneLetter(k: number): boolean {
    const t = this.tokens[k];
    return t !== undefined && t.kind === 'word' && t.text.length === 1;
  }

  /** "x et y", "a, b ou c": letters in an enumeration are labels. */
  private inEnumeration(i: number): boolean {
    const link = (k: number) => {
      const t = this.tokens[k];
      return t !== undefined && (t.text === ',' || this.data.conjunctions.has(t.lower));
    };
    return (link(i - 1) && this.isLoneLetter(i - 2)) || (link(i + 1) && this.isLoneLetter(i + 2));
  }

  private confirmLetter(i: number, token: Token, shape: CaseShape): boolean {
    if (this.blockedByContext(i, token) || this.inSpelledWord(i) || this.inEnumeration(i)) return false;
    const next = this.tokens[i + 1];
    if (!next) return shape === 'lower' && this.data.lang === 'en';
    if (next.kind === 'punct') {
      if (LABEL_AFTER.has(next.text)) return false;
      if (shape !== 'lower' || next.text === '.') return false;
      // "how r u?": English letters may end a question.
      return this.data.lang === 'en' && (next.text === '?' || next.text === '!' || next.text === ',');
    }
    if (next.kind !== 'word' && next.kind !== 'elision' && next.kind !== 'number') return false;
    // "c est", "t as": a missing apostrophe (a typo for the proofreading rule), not a letter for a word.
    if (this.data.apostropheFollowers.has(next.lower)) return false;
    if (shape === 'lower') return true;
    // A capital letter ("C koi", "les hackers C des nuls") only before a lower-case word, and
    // inside a sentence only after a lower-case word ("Apple C nul" may be a name or a model).
    if (next.kind === 'number' || UPPER.test(next.text.charAt(0))) return false;
    if (this.start[i]) return true;
    const prev = this.tokens[i - 1];
    return prev !== undefined && prev.kind === 'word' && prev.text === prev.lower;
  }

  private confirmPronoun(i: number, token: Token): boolean {
    const prev = this.tokens[i - 1];
    const next = this.tokens[i + 1];
    if (prev?.kind === 'number' || next?.kind === 'number') return false;
    if (next?.kind === 'punct' && this.glued(token, next) && next.text === '.') return false; // "vs."
    if (next && (next.kind === 'word' || next.kind === 'elision')) {
      if (this.data.pronounFollowers.has(next.lower)) return true;
      // "vs savez", "vs pouvez" (not "Nadal vs Lopez").
      if (
        next.kind === 'word' &&
        next.text === next.lower &&
        this.data.pronounVerbEndings.some((e) => next.lower.endsWith(e))
      )
        return true;
    }
    const prevWord = this.prevWordLower(i);
    return prevWord !== undefined && this.data.prepositions.has(prevWord);
  }

  private confirm(
    i: number,
    token: Token,
    shape: CaseShape,
    context: ContextKind,
    sure: boolean,
    lowerOnly = false,
  ): boolean {
    if (shape === 'mixed') return false;
    // Capitals: a laugh ("MDR"), or a sure form in a shouted comment unless it is also an acronym ("BCP").
    if (
      shape === 'upper' &&
      !this.data.capitals.has(token.lower) &&
      !(sure && !this.data.acronyms.has(token.lower) && this.shouted())
    )
      return false;
    if (context === 'letter') return (shape === 'lower' || !lowerOnly) && this.confirmLetter(i, token, shape);
    if (shape === 'title' && !this.titleAllowed(i)) return false;
    if (context === 'pronoun') return this.confirmPronoun(i, token);
    const next = this.tokens[i + 1];
    // "Pr.", "St." : an abbreviation with its full stop, not SMS.
    if (shape !== 'lower' && next?.kind === 'punct' && next.text === '.' && this.glued(token, next)) return false;
    if (context === 'support') {
      // Nouns ("un rdv", "le pb"): a determiner does not clear them, a number or glued sign does.
      return this.tokens[i - 1]?.kind !== 'number' && !this.gluedToPunct(i, token);
    }
    if (sure) {
      const prev = this.tokens[i - 1];
      return !(prev?.kind === 'punct' && this.glued(prev, token) && GLUED_BEFORE.has(prev.text));
    }
    // "Mm, pas sûr" is an interjection, "mm pas" is "même pas".
    if (this.data.interjections.has(token.lower) && next?.kind !== 'word') return false;
    return !this.blockedByContext(i, token);
  }

  run(): SmsResult {
    const { tokens, data } = this;
    const found: SmsToken[] = [];
    let words = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.kind === 'number') {
        words++;
        const hit = this.numberWord(i, token);
        if (hit) found.push(hit);
        continue;
      }
      if (token.kind === 'punct') {
        // "@+" ("à plus"): two signs, read only when the lexicon lists the pair.
        const next = tokens[i + 1];
        if (next?.kind === 'punct' && this.glued(token, next) && !this.glued(next, tokens[i + 2])) {
          const pair = data.lexicon.get(token.text + next.text);
          if (pair && !this.glued(tokens[i - 1], token)) {
            found.push(
              this.hit(i, i + 2, token.start, next.end, pair.standard, 'lexicon', pair.context, pair.certainty),
            );
            i++;
          }
        }
        continue;
      }
      if (token.kind !== 'word') continue;
      words++;
      const lower = token.lower;
      if (data.excluded.has(lower)) continue;
      const shape = caseShape(token.text, lower);

      // Lexicon forms spread over a word and glued punctuation ("a+").
      const next = tokens[i + 1];
      if (next?.kind === 'punct' && this.glued(token, next)) {
        const joined = data.lexicon.get(lower + next.text);
        const after = tokens[i + 2];
        if (
          joined &&
          !(after && this.glued(next, after)) &&
          (shape === 'lower' || (shape === 'title' && (this.start[i] || !after || after.kind === 'punct'))) &&
          // Context of the whole form: the "+" it ends with is part of it, not glued punctuation.
          !this.blockedByContext(i, { ...token, end: next.end })
        ) {
          found.push(
            this.hit(i, i + 2, token.start, next.end, joined.standard, 'lexicon', joined.context, joined.certainty),
          );
          i++;
          continue;
        }
      }

      // Elongated forms ("mdrrr") are looked for only among unknown words.
      const entry =
        data.lexicon.get(lower) ??
        (lower.length >= 4 && shape !== 'mixed' && !this.isWord(lower) ? this.elongated(lower) : undefined);
      if (entry) {
        if (this.confirm(i, token, shape, entry.context, entry.certainty === 'sure', entry.lowerOnly)) {
          // A capital letter ("C reste le langage roi", "le scénario C") is only support for other
          // evidence: "C koi", "G pas compris, fo payer" still fire.
          const context = entry.context === 'letter' && shape !== 'lower' ? 'support' : entry.context;
          found.push(this.hit(i, i + 1, token.start, token.end, entry.standard, 'lexicon', context, entry.certainty));
        }
        continue;
      }
      const hit = this.shapeOf(i, token, shape);
      if (hit) found.push(hit);
    }
    return this.score(found, words);
  }

  /** "mdrrr", "looool", "bcppp": a sure form with a letter repeated for emphasis. */
  private elongated(lower: string) {
    if (lower.length < 4 || lower.length > MAX_SHAPE_LENGTH) return undefined;
    const collapsed = collapseRuns(lower);
    if (collapsed === lower || collapsed.length < 3) return undefined;
    const entry = this.data.lexicon.get(collapsed);
    return entry?.certainty === 'sure' ? entry : undefined;
  }

  private hit(
    index: number,
    endIndex: number,
    start: number,
    end: number,
    standard: string | null,
    kind: SmsKind,
    context: ContextKind,
    certainty: SmsToken['certainty'],
    strong = true,
  ): SmsToken {
    const w = this.data.thresholds.weights;
    const weight =
      context === 'laugh'
        ? w.laugh
        : context === 'support'
          ? w.support
          : certainty === 'sure'
            ? w.sure
            : certainty === 'ambiguous'
              ? w.ambiguous
              : strong
                ? w.shape
                : w.weakShape;
    return {
      index,
      endIndex,
      text: this.text.slice(start, end),
      standard,
      start,
      end,
      kind,
      context,
      certainty,
      weight,
    };
  }

  /** A digit standing for a word: "2" = "to", "4" = "for" before the words they introduce; "1" = "un". */
  private numberWord(i: number, token: Token): SmsToken | undefined {
    const rule = this.data.numberWords.get(token.text);
    if (!rule) return undefined;
    const prev = this.tokens[i - 1];
    const next = this.tokens[i + 1];
    if (next?.kind !== 'word' || next.text !== next.lower) return undefined;
    if (this.data.measureNouns.has(next.lower) || this.data.units.has(next.lower)) return undefined;
    if (prev?.kind !== 'word' || this.glued(prev, token) || this.glued(token, next)) return undefined;
    // "happen 2 every", "need 2 stop": before a function word, or after a word that governs it
    // (then not before a plural, which reads as a count: "need 2 servers").
    const before = rule.before.size === 0 || rule.before.has(next.lower);
    const after = rule.after.has(prev.lower) && !next.lower.endsWith('s');
    if (!before && !after) return undefined;
    if (this.data.determiners.has(prev.lower) || this.data.namingWords.has(prev.lower)) return undefined;
    return this.hit(i, i + 1, token.start, token.end, rule.standard, 'number', rule.context, 'ambiguous');
  }

  /** Forms nobody listed: the shapes of SMS writing, each confirmed by the dictionary. */
  private shapeOf(i: number, token: Token, shape: CaseShape): SmsToken | undefined {
    const { data } = this;
    if (shape === 'mixed' || shape === 'upper') return undefined;
    if (shape === 'title' && !this.titleAllowed(i)) return undefined;
    const lower = token.lower;
    if (lower.length < 2 || lower.length > MAX_SHAPE_LENGTH) return undefined;
    const digits = HAS_DIGIT.test(lower);
    // Most tokens are words: one cached dictionary lookup and out.
    if (!digits && (this.isWord(token.text) || (shape !== 'lower' && this.isWord(lower)))) return undefined;
    if (data.acronyms.has(lower) || !ALNUM_ONLY.test(lower)) return undefined; // "a-t-il", "us-west-2"
    if (this.gluedToPunct(i, token)) return undefined;
    // After a determiner or a number, an unknown skeleton or digit mix is a noun, acronym or unit
    // ("un ssd", "le jdk", "16 go"); the dictionary-checked shapes below need no such guard.
    const nounLike = this.blockedByContext(i, token);
    if (digits) return nounLike ? undefined : this.rebus(i, token);
    const make = (standard: string | null, kind: SmsKind, strong: boolean) =>
      this.hit(i, i + 1, token.start, token.end, standard, kind, 'plain', 'shape', strong);

    // Consonant skeleton: "vrmt", "bcp", "tjrs".
    let vowels = 0;
    for (const ch of lower) if (data.vowels.has(ch)) vowels++;
    if (vowels === 0) {
      if (nounLike || lower.length < data.skeleton.minLength || lower.length > data.skeleton.maxLength)
        return undefined;
      if (data.interjections.has(collapseRuns(lower)) || data.units.has(lower)) return undefined;
      return make(null, 'skeleton', false);
    }
    // Pronoun stuck to a verb: "jvais", "jcrois" (never after a determiner: "le jre" is a noun).
    for (const { prefix, standard } of nounLike ? [] : data.contractions) {
      const rest = lower.slice(prefix.length);
      if (lower.startsWith(prefix) && rest.length >= 3 && !data.vowels.has(rest.charAt(0)) && this.isWord(rest))
        return make(`${standard} ${rest}`, 'contraction', true);
    }
    if (lower.length > data.rewriteMaxLength) return undefined;
    // Phonetic respelling: "koi" → "quoi", "kan" → "quand".
    for (const { from, to, weak } of data.rewrites) {
      const atEnd = from.endsWith('$');
      const atStart = from.startsWith('^');
      const pattern = from.slice(atStart ? 1 : 0, atEnd ? -1 : undefined);
      let base: string;
      if (atEnd) {
        if (!lower.endsWith(pattern)) continue;
        base = lower.slice(0, lower.length - pattern.length) + to;
      } else if (atStart) {
        if (!lower.startsWith(pattern)) continue;
        base = to + lower.slice(pattern.length);
      } else {
        if (!lower.includes(pattern)) continue;
        base = lower.replaceAll(pattern, to);
      }
      for (const ending of ['', ...data.silentEndings]) {
        const candidate = base + ending;
        if (candidate.length >= 2 && this.isWord(candidate)) return make(candidate, 'phonetic', !weak);
      }
    }
    // Dropped silent ending ("tro" → "trop") or schwa ("dmain" → "demain").
    if (lower.length <= data.silentMaxLength) {
      for (const ending of data.silentEndings) {
        if (ending && this.isWord(lower + ending)) return make(lower + ending, 'phonetic', false);
      }
    }
    if (
      data.schwa &&
      lower.length >= 3 &&
      lower.length <= data.schwaMaxLength &&
      !data.vowels.has(lower.charAt(0)) &&
      !data.vowels.has(lower.charAt(1))
    ) {
      const candidate = lower.charAt(0) + data.schwa + lower.slice(1);
      if (this.isWord(candidate)) return make(candidate, 'phonetic', false);
    }
    return undefined;
  }

  /** Digits read aloud inside a word: "2m1" → "demain", "gr8" → "great", "every1" → "everyone". */
  private rebus(i: number, token: Token): SmsToken | undefined {
    const { data } = this;
    const lower = token.lower;
    if (!HAS_LETTER.test(lower) || data.technical.has(lower)) return undefined;
    // Numbers with a unit or an ordinal ("10h", "2e", "12go", "1080p"): technical, not a rebus.
    const letters = lower.replace(DIGIT_RUN, '');
    const startsWithDigits = /^\d/.test(lower);
    if (startsWithDigits && /^\d+\p{L}+$/u.test(lower) && (data.units.has(letters) || data.technical.has(letters)))
      return undefined;
    let candidates = [''];
    let last = 0;
    for (const m of lower.matchAll(DIGIT_RUN)) {
      const sounds = data.digitSounds.get(m[0]);
      if (!sounds) return undefined;
      const between = lower.slice(last, m.index);
      candidates = candidates.flatMap((c) => sounds.map((s) => c + between + s));
      if (candidates.length > 64) return undefined;
      last = (m.index ?? 0) + m[0].length;
    }
    const tail = lower.slice(last);
    for (const c of candidates) {
      const candidate = c + tail;
      if (candidate.length >= 4 && LETTER.test(candidate) && this.isWord(candidate))
        return this.hit(i, i + 1, token.start, token.end, candidate, 'rebus', 'plain', 'shape', true);
    }
    return undefined;
  }

  private score(found: SmsToken[], words: number): SmsResult {
    const { thresholds } = this.data;
    // Weak tokens ("rdv", "pb", "1") count only beside other SMS evidence.
    const anchored = found.some((t) => t.context !== 'support');
    const tokens = anchored ? found : [];
    let score = 0;
    for (const t of tokens) score += t.weight;
    const density = words > 0 ? tokens.length / words : 0;
    if (tokens.length > 0 && density >= thresholds.densityFrom) score += thresholds.densityBonus;
    const claims = new Set<number>();
    for (const t of tokens) for (let k = t.index; k < t.endIndex; k++) claims.add(k);
    return { claims, tokens, score, density, words, fires: score >= thresholds.fireScore };
  }
}

/** Whether each token starts its sentence (after any opening punctuation, mention or quote). */
function sentenceStarts(analysis: TextAnalysis): boolean[] {
  const starts = new Array<boolean>(analysis.tokens.length).fill(false);
  for (const s of analysis.sentences) {
    let expectStart = true;
    for (let i = s.firstToken; i < s.endToken; i++) {
      const t = analysis.tokens[i] as Token;
      if (t.kind === 'word' || t.kind === 'number' || t.kind === 'elision') {
        starts[i] = expectStart;
        expectStart = false;
      } else if (t.kind === 'punct' && OPENERS.has(t.text)) {
        expectStart = true;
      }
    }
  }
  return starts;
}

/** A comment written mostly in capitals: there, upper-case "MDR" or "JSP" are still SMS. */
function isShouted(text: string): boolean {
  let upper = 0;
  let letters = 0;
  for (const ch of text) {
    if (ch.toLowerCase() !== ch.toUpperCase()) {
      letters++;
      if (ch !== ch.toLowerCase()) upper++;
    }
  }
  return letters >= 12 && upper / letters >= 0.8;
}

export function detectSms(analysis: TextAnalysis, data: SmsData): SmsResult {
  return new Detector(analysis, data).run();
}
