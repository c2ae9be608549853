import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Lang } from '../../db/schema.js';
import { defaultRulesDir } from '../loader.js';
import { ONE_PARSE } from '../one-parse.js';
import { sharedSpellChecker } from '../spelling/hunspell.js';
import type { RuleFiles } from '../types.js';

/**
 * The sms-speak rule's data for one language (rules/<lang>/sms-speak.json), validated with zod and
 * compiled once into sets and maps: `check` only does Map/Set lookups.
 */
const list = z.object({ source: z.string().min(1), forms: z.array(z.string().min(1)) }).strict();

/**
 * How a lexicon entry is confirmed in context:
 * - `letter`: a lone letter standing for a word ("c", "g", "t", "u"): not after a number (unit), a
 *   determiner or a naming word ("langage C", "vitamine C"), not an initial ("C.", "G. Martin"),
 *   not "C++"/"C#"; upper case only at the start of a sentence, before a lower-case word.
 * - `pronoun`: "vs" read as "vous" only before a verb or clitic, or after a preposition;
 *   otherwise it is "versus".
 * - `laugh`: lol/mdr: counts with the laugh weight (one isolated laugh does not fire).
 * - `support`: weak tokens (lower-case "rdv", "pb", "1" for "un"): claimed and counted only
 *   when the comment has other SMS evidence.
 * - `plain` (default): lower case, or capitalised at the start of a sentence; not after a number
 *   or a determiner when ambiguous ("mon cv", "le CT").
 */
const contextKind = z.enum(['plain', 'letter', 'pronoun', 'laugh', 'support']);
export type ContextKind = z.infer<typeof contextKind>;

const entry = z
  .object({
    form: z.string().min(1),
    standard: z.string().min(1),
    certainty: z.enum(['sure', 'ambiguous']),
    context: contextKind.optional(),
    /** Counts only in lower case ("c u" is txt-speak, "C is fast" is the language). */
    lowerOnly: z.boolean().optional(),
  })
  .strict();

const dataSchema = z
  .object({
    lexicon: z.object({ source: z.string().min(1), entries: z.array(entry) }).strict(),
    /** Never SMS for this rule (insult acronyms belong to the civility rule). */
    excluded: list,
    /** Acronyms and abbreviations, matched case-insensitively: never SMS. */
    acronyms: list,
    /** Units: not SMS right after a number ("162 g", "7,2 mm"). */
    units: list,
    /** Interjections and onomatopoeia without vowels that are not SMS ("pff", "hmm"). */
    interjections: list,
    /** Words after which a lone letter or ambiguous form names a thing ("langage C", "plan B"). */
    namingWords: list,
    /** Words after a lone letter that show a missing apostrophe, not SMS ("c est", "t as"). */
    apostropheFollowers: list,
    /** Determiners: after them an ambiguous form is a noun ("mon cv", "le CT"). */
    determiners: list,
    /** Prepositions after which "vs" is "vous" ("pour vs"). */
    prepositions: list,
    /** Clitics and auxiliaries after which "vs" is "vous" ("vs me conseillez", "vs avez"). */
    pronounFollowers: list,
    /** Verb endings after which "vs" is "vous" ("vs savez"); empty for none. */
    pronounVerbEndings: z.array(z.string().min(1)),
    /** Lexicon forms that count in capitals too ("MDR", "PTDR"): laughs are not acronyms. */
    capitals: list,
    /** Conjunctions of an enumeration of letters ("x et y", "a, b ou c"). */
    conjunctions: list,
    /** Words after which a number is a number, not a rebus ("1 mois", "4 hours"). */
    measureNouns: list,
    shapes: z
      .object({
        source: z.string().min(1),
        /** Letters counted as vowels for the consonant-skeleton shape. */
        vowels: z.string().min(1),
        skeleton: z.object({ minLength: z.number().int().min(2), maxLength: z.number().int() }).strict(),
        /** Pronoun prefixes stuck to a verb ("jvais" = "je vais"). */
        contractions: z.array(z.object({ prefix: z.string().min(1), standard: z.string().min(1) }).strict()),
        /** Phonetic rewrites tried on unknown short words ("k" → "qu": "koi" → "quoi"). */
        rewrites: z.array(z.object({ from: z.string().min(1), to: z.string(), weak: z.boolean().optional() }).strict()),
        /** Silent letters a phonetic spelling drops at the end ("kan" → "quand"). */
        silentEndings: z.array(z.string()),
        /** Longest unknown word the phonetic rewrites are tried on (longer ones are typos). */
        rewriteMaxLength: z.number().int().min(2),
        /** Longest unknown word a dropped silent ending is tried on ("tro" → "trop"; "toujour" is a typo). */
        silentMaxLength: z.number().int().min(2),
        /** Longest unknown word a dropped schwa is tried on. */
        schwaMaxLength: z.number().int().min(3),
        /** Schwa dropped after the first consonant ("dmain" → "demain", "ptit" → "petit"). */
        schwa: z.string(),
        /** Sounds of digits in a rebus ("2m1" → "demain", "gr8" → "great"). */
        digitSounds: z.record(z.string().regex(/^\d+$/), z.array(z.string().min(1))),
        /** Tokens mixing digits and letters that are technical, never a rebus (lower case). */
        technical: z.array(z.string().min(1)),
        /** Standalone digits used for a word ("2" = "to", "4" = "for"), with the words they precede. */
        numberWords: z.array(
          z
            .object({
              digit: z.string().regex(/^\d+$/),
              standard: z.string().min(1),
              before: z.array(z.string().min(1)),
              /** Words after which the digit stands for the word (before a non-plural). */
              after: z.array(z.string().min(1)).default([]),
              context: contextKind.optional(),
            })
            .strict(),
        ),
      })
      .strict(),
    thresholds: z
      .object({
        source: z.string().min(1),
        /** The rule fires when the comment's score reaches this. */
        fireScore: z.number().positive(),
        weights: z
          .object({
            sure: z.number().min(0),
            ambiguous: z.number().min(0),
            shape: z.number().min(0),
            weakShape: z.number().min(0),
            laugh: z.number().min(0),
            support: z.number().min(0),
          })
          .strict(),
        /** Added to the score for each point of density (SMS tokens / words) above `densityFrom`. */
        densityFrom: z.number().min(0).max(1),
        densityBonus: z.number().min(0),
      })
      .strict(),
  })
  .strict();

export type RawSmsData = z.infer<typeof dataSchema>;

export interface LexiconEntry {
  form: string;
  standard: string;
  certainty: 'sure' | 'ambiguous';
  context: ContextKind;
  lowerOnly: boolean;
}

export interface NumberWord {
  standard: string;
  before: ReadonlySet<string>;
  after: ReadonlySet<string>;
  context: ContextKind;
}

/** A phonetic rewrite with its anchors parsed once ("^o" → at the start, "o$" → at the end). */
export interface Rewrite {
  pattern: string;
  to: string;
  atStart: boolean;
  atEnd: boolean;
  weak: boolean;
}

export interface SmsData {
  lang: Lang;
  lexicon: ReadonlyMap<string, LexiconEntry>;
  /**
   * Every lexicon form without the sign it ends with ("a" for "a+"): only a word in this set can
   * start a form spread over the word and the sign glued after it, so the others skip the lookup
   * and can be stored as inert (see word-facts.ts).
   */
  joinPrefixes: ReadonlySet<string>;
  excluded: ReadonlySet<string>;
  acronyms: ReadonlySet<string>;
  units: ReadonlySet<string>;
  interjections: ReadonlySet<string>;
  apostropheFollowers: ReadonlySet<string>;
  /**
   * The data's determiners and naming words in one set: after either, a form is a noun or a name
   * ("le pb", "la version 2"). The detection asks both of the word before many tokens; one set is
   * one look-up where two were.
   */
  beforeNoun: ReadonlySet<string>;
  prepositions: ReadonlySet<string>;
  pronounFollowers: ReadonlySet<string>;
  pronounVerbEndings: string[];
  measureNouns: ReadonlySet<string>;
  vowels: ReadonlySet<string>;
  skeleton: { minLength: number; maxLength: number };
  contractions: { prefix: string; standard: string }[];
  rewrites: Rewrite[];
  silentEndings: string[];
  /** The silent endings after the empty one: what a phonetic rewrite is tried with. */
  rewriteEndings: string[];
  rewriteMaxLength: number;
  silentMaxLength: number;
  schwaMaxLength: number;
  capitals: ReadonlySet<string>;
  conjunctions: ReadonlySet<string>;
  schwa: string;
  digitSounds: ReadonlyMap<string, string[]>;
  technical: ReadonlySet<string>;
  numberWords: ReadonlyMap<string, NumberWord>;
  thresholds: RawSmsData['thresholds'];
}

function compileRewrite({ from, to, weak }: RawSmsData['shapes']['rewrites'][number]): Rewrite {
  const atEnd = from.endsWith('$');
  const atStart = from.startsWith('^');
  return { pattern: from.slice(atStart ? 1 : 0, atEnd ? -1 : undefined), to, atStart, atEnd, weak: weak ?? false };
}

/** Whether the text holds no letter, mark, digit or space: it can be a punctuation token. */
const isSign = (text: string) => !/[\s\p{L}\p{M}\p{N}]/u.test(text);

const lowerSet = (forms: string[]) => new Set(forms.map((f) => f.toLowerCase()));

export function compileSmsData(raw: unknown, lang: Lang): SmsData {
  // Parsed once per language at start-up: compiling zod's fast path for each object schema
  // would cost more than the one pass it speeds up.
  const d = dataSchema.parse(raw, ONE_PARSE);
  const lexicon = new Map<string, LexiconEntry>();
  for (const e of d.lexicon.entries) {
    const form = e.form.toLowerCase();
    if (lexicon.has(form)) throw new Error(`lexicon: duplicate form "${e.form}"`);
    lexicon.set(form, {
      form,
      standard: e.standard,
      certainty: e.certainty,
      context: e.context ?? 'plain',
      lowerOnly: e.lowerOnly ?? false,
    });
  }
  const s = d.shapes;
  // A sign is one code point, one or two UTF-16 units: both cuts are kept (a superset is harmless),
  // but only where what is cut off can be a sign: "mdr" is no word glued to a sign "r", and a
  // common word left joinable ("m", "pa") could never be stored as inert.
  const joinPrefixes = new Set<string>();
  for (const form of lexicon.keys()) {
    for (const cut of [1, 2]) if (form.length > cut && isSign(form.slice(-cut))) joinPrefixes.add(form.slice(0, -cut));
  }
  return {
    lang,
    lexicon,
    joinPrefixes,
    excluded: lowerSet(d.excluded.forms),
    acronyms: lowerSet(d.acronyms.forms),
    units: lowerSet(d.units.forms),
    interjections: lowerSet(d.interjections.forms),
    apostropheFollowers: lowerSet(d.apostropheFollowers.forms),
    beforeNoun: lowerSet([...d.determiners.forms, ...d.namingWords.forms]),
    prepositions: lowerSet(d.prepositions.forms),
    pronounFollowers: lowerSet(d.pronounFollowers.forms),
    pronounVerbEndings: d.pronounVerbEndings,
    measureNouns: lowerSet(d.measureNouns.forms),
    vowels: new Set([...s.vowels]),
    skeleton: s.skeleton,
    contractions: s.contractions,
    rewrites: s.rewrites.map(compileRewrite),
    silentEndings: s.silentEndings,
    rewriteEndings: ['', ...s.silentEndings],
    rewriteMaxLength: s.rewriteMaxLength,
    silentMaxLength: s.silentMaxLength,
    schwaMaxLength: s.schwaMaxLength,
    capitals: lowerSet(d.capitals.forms),
    conjunctions: lowerSet(d.conjunctions.forms),
    schwa: s.schwa,
    digitSounds: new Map(Object.entries(s.digitSounds)),
    technical: lowerSet(s.technical),
    numberWords: new Map(
      s.numberWords.map((n) => [
        n.digit,
        { standard: n.standard, before: lowerSet(n.before), after: lowerSet(n.after), context: n.context ?? 'plain' },
      ]),
    ),
    thresholds: d.thresholds,
  };
}

/** Data registered by the rule's `loadData` (the rule set's own rules/ folder), by language. */
const registry = new Map<Lang, SmsData>();

/** Called by the rule's `loadData`: validates, compiles and registers the data for `lang`. */
export function loadSmsData(files: RuleFiles, lang: Lang): SmsData {
  const raw = files.readJson('sms-speak.json');
  if (raw === null) throw new Error('sms-speak.json is missing');
  const data = compileSmsData(raw, lang);
  registry.set(lang, data);
  // Build the dictionary now (~350 ms), at start-up, rather than on the first comment.
  sharedSpellChecker(lang).isWord('a');
  return data;
}

/**
 * The data for `lang`: what `loadData` registered, or else (the sms-speak rule is not in the rule
 * set) rules/<lang>/sms-speak.json under `defaultRulesDir()`, loaded once.
 */
export function smsData(lang: Lang): SmsData {
  let data = registry.get(lang);
  if (!data) {
    const path = join(defaultRulesDir(), lang, 'sms-speak.json');
    data = compileSmsData(JSON.parse(readFileSync(path, 'utf8')), lang);
    registry.set(lang, data);
  }
  return data;
}
