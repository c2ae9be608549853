import { keepShape } from '../keep-shapes.js';
import type { TextAnalysis } from '../text/analysis.js';
import type { Token } from '../text/tokenize.js';
import type { ContextKind, SmsData } from './data.js';
import { SentenceStarts } from './sentence-starts.js';
import { type CaseShape, INERT, type WordFacts, type WordFactsCache, wordFactsOf } from './word-facts.js';

/**
 * Finds the SMS tokens of a comment: first the lexicon (each form confirmed by its context), then
 * the shapes of SMS writing for forms nobody listed (consonant skeletons, pronoun stuck to a verb,
 * phonetic respellings, digit rebus), each checked against the spelling dictionary so that real
 * words never count. Upper-case acronyms, units after a number, and nouns after a determiner are
 * left alone. What depends on the word alone is cached by word (word-facts.ts): the usual token
 * costs one Map lookup; Hunspell is asked only about unknown words, once.
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

const UPPER = /\p{Lu}/u;
/** Punctuation that, glued to a form, makes it part of a name, path or unit ("C++", "C#", ".ts", "g/km", "°C"). */
const GLUED_BEFORE = new Set(['.', '/', '°', '-', '_', '\\', '+', '#', '@', '&', '=', '*', '$', '€', '%']);
const GLUED_AFTER = new Set(['.', '/', '+', '#', '-', '_', '\\', '=', '*', '&', "'", '’', '(']);
/** Punctuation after a lone letter that shows it is a label, not a word ("a) b) c)", "C :"). */
const LABEL_AFTER = new Set([')', ']', ':', '=', '/', '|']);

class Detector {
  private readonly tokens: Token[];
  private readonly wordIds: Int32Array;
  private readonly text: string;
  private readonly starts: SentenceStarts;
  private readonly words: WordFactsCache;
  private shoutedCache: boolean | undefined;

  constructor(
    analysis: TextAnalysis,
    private readonly data: SmsData,
  ) {
    this.tokens = analysis.tokens;
    this.wordIds = analysis.wordIds;
    this.text = analysis.text;
    this.starts = new SentenceStarts(analysis);
    this.words = wordFactsOf(data);
    this.words.sync(analysis);
  }

  /**
   * The token before token i, if any. Never tokens[-1]: a negative index is no array index for
   * V8 but a property name, looked up the slow way (~0.3 µs a read in a micro-benchmark here).
   */
  private before(i: number): Token | undefined {
    return i > 0 ? this.tokens[i - 1] : undefined;
  }

  /** Computed only when an upper-case lexicon form needs it. */
  private shouted(): boolean {
    this.shoutedCache ??= isShouted(this.text);
    return this.shoutedCache;
  }

  /** Whether two tokens touch (no space between them). */
  private glued(a: Token | undefined, b: Token | undefined): boolean {
    return a !== undefined && b !== undefined && a.end === b.start;
  }

  private prevWordLower(i: number): string | undefined {
    const prev = this.before(i);
    return prev && (prev.kind === 'word' || prev.kind === 'elision') ? prev.lower : undefined;
  }

  /** Punctuation glued to the form makes it part of a name, path or unit ("C++", ".ts", "g/km"). */
  private gluedToPunct(i: number, token: Token): boolean {
    const prev = this.before(i);
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
    const prev = this.before(i);
    if (prev?.kind === 'number') return true; // "162 g", "10 k", "7,2 mm"
    if (this.gluedToPunct(i, token)) return true;
    const prevWord = this.prevWordLower(i);
    if (prevWord !== undefined && this.data.beforeNoun.has(prevWord)) return true;
    return false;
  }

  /** A capitalised form counts only at the start of a sentence and before a lower-case word. */
  private titleAllowed(i: number): boolean {
    if (!this.starts.at(i)) return false;
    const next = this.tokens[i + 1];
    if (!next) return true;
    if (next.kind === 'word' && UPPER.test(next.text.charAt(0))) return false; // "Pr Martin", "St Malo"
    return true;
  }

  /** Whether the token is in a run of three or more lone letters: a spelled-out word ("c a n c e r"). */
  private inSpelledWord(i: number): boolean {
    if (!this.isLoneLetter(i)) return false;
    // Two neighbours on either side are enough to tell (and keep this constant time).
    let run = 1;
    if (this.isLoneLetter(i - 1)) run += this.isLoneLetter(i - 2) ? 2 : 1;
    if (this.isLoneLetter(i + 1)) run += this.isLoneLetter(i + 2) ? 2 : 1;
    return run >= 3;
  }

  private isLoneLetter(k: number): boolean {
    const t = k >= 0 ? this.tokens[k] : undefined;
    return t !== undefined && t.kind === 'word' && t.text.length === 1;
  }

  /** A comma or a conjunction between letters of an enumeration. */
  private isLink(k: number): boolean {
    const t = k >= 0 ? this.tokens[k] : undefined;
    return t !== undefined && (t.text === ',' || this.data.conjunctions.has(t.lower));
  }

  /** "x et y", "a, b ou c": letters in an enumeration are labels. */
  private inEnumeration(i: number): boolean {
    return (this.isLink(i - 1) && this.isLoneLetter(i - 2)) || (this.isLink(i + 1) && this.isLoneLetter(i + 2));
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
    if (this.starts.at(i)) return true;
    const prev = this.before(i);
    return prev !== undefined && prev.kind === 'word' && prev.text === prev.lower;
  }

  private confirmPronoun(i: number, token: Token): boolean {
    const prev = this.before(i);
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
      return this.before(i)?.kind !== 'number' && !this.gluedToPunct(i, token);
    }
    if (sure) {
      const prev = this.before(i);
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
          if (pair && !this.glued(this.before(i), token)) {
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
      const facts = this.words.of(this.wordIds[i] as number, token.text, lower);
      if (facts === INERT) continue;
      const shape = facts.shape;

      // Lexicon forms spread over a word and glued punctuation ("a+").
      const next = tokens[i + 1];
      if (facts.joinable && next?.kind === 'punct' && this.glued(token, next)) {
        const joined = data.lexicon.get(lower + next.text);
        const after = tokens[i + 2];
        if (
          joined &&
          !(after && this.glued(next, after)) &&
          (shape === 'lower' || (shape === 'title' && (this.starts.at(i) || !after || after.kind === 'punct'))) &&
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

      const entry = this.words.entry(facts, lower);
      if (entry) {
        if (this.confirm(i, token, shape, entry.context, entry.certainty === 'sure', entry.lowerOnly)) {
          // A capital letter ("C reste le langage roi", "le scénario C") is only support for other
          // evidence: "C koi", "G pas compris, fo payer" still fire.
          const context = entry.context === 'letter' && shape !== 'lower' ? 'support' : entry.context;
          found.push(this.hit(i, i + 1, token.start, token.end, entry.standard, 'lexicon', context, entry.certainty));
        }
        continue;
      }
      const hit = this.shapeOf(i, token, facts);
      if (hit) found.push(hit);
    }
    return this.score(found, words);
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
    const prev = this.before(i);
    const next = this.tokens[i + 1];
    if (next?.kind !== 'word' || next.text !== next.lower) return undefined;
    if (this.data.measureNouns.has(next.lower) || this.data.units.has(next.lower)) return undefined;
    if (prev?.kind !== 'word' || this.glued(prev, token) || this.glued(token, next)) return undefined;
    // "happen 2 every", "need 2 stop": before a function word, or after a word that governs it
    // (then not before a plural, which reads as a count: "need 2 servers").
    const before = rule.before.size === 0 || rule.before.has(next.lower);
    const after = rule.after.has(prev.lower) && !next.lower.endsWith('s');
    if (!before && !after) return undefined;
    if (this.data.beforeNoun.has(prev.lower)) return undefined;
    return this.hit(i, i + 1, token.start, token.end, rule.standard, 'number', rule.context, 'ambiguous');
  }

  /** Forms nobody listed: the shapes of SMS writing, each confirmed by the dictionary. */
  private shapeOf(i: number, token: Token, facts: WordFacts): SmsToken | undefined {
    const { shape } = facts;
    // Known already to have no shape (most words: in the dictionary).
    if (facts.shapes === null || shape === 'mixed' || shape === 'upper') return undefined;
    if (shape === 'title' && !this.titleAllowed(i)) return undefined;
    const lower = token.lower;
    const shapes = this.words.shapes(facts, token.text, lower);
    if (shapes === null) return undefined;
    if (this.gluedToPunct(i, token)) return undefined;
    // After a determiner or a number, an unknown skeleton or digit mix is a noun, acronym or unit
    // ("un ssd", "le jdk", "16 go"); the dictionary-checked shapes below need no such guard.
    const nounLike = this.blockedByContext(i, token);
    if (shapes.digits) {
      const rebus = nounLike ? null : this.words.rebus(shapes, lower);
      return rebus === null ? undefined : this.shapeHit(i, token, rebus, 'rebus', true);
    }
    // Consonant skeleton: "vrmt", "bcp", "tjrs".
    if (shapes.vowelless) {
      return nounLike || !shapes.skeleton ? undefined : this.shapeHit(i, token, null, 'skeleton', false);
    }
    // Pronoun stuck to a verb: "jvais", "jcrois" (never after a determiner: "le jre" is a noun).
    const contraction = nounLike ? null : this.words.contraction(shapes, lower);
    if (contraction !== null) return this.shapeHit(i, token, contraction, 'contraction', true);
    // Phonetic respelling ("koi" → "quoi"), dropped silent ending ("tro" → "trop") or schwa ("dmain").
    const phonetic = this.words.phonetic(shapes, lower);
    return phonetic === null ? undefined : this.shapeHit(i, token, phonetic.standard, 'phonetic', phonetic.strong);
  }

  private shapeHit(i: number, token: Token, standard: string | null, kind: SmsKind, strong: boolean): SmsToken {
    return this.hit(i, i + 1, token.start, token.end, standard, kind, 'plain', 'shape', strong);
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
  const detector = new Detector(analysis, data);
  // Its map, and its SentenceStarts', outlive the comment (see keep-shapes.ts).
  keepShape('sms-speak detector', detector);
  return detector.run();
}
