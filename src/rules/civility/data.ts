import { z } from 'zod';
import type { Lang } from '../../db/schema.js';
import { ONE_PARSE } from '../one-parse.js';
import { dictionaryFile } from '../spelling/dictionary-files.js';
import { fold } from '../text/fold.js';
import type { RuleFiles } from '../types.js';
import type { FoldedDictionary } from './dictionary.js';
import { loadFoldedDictionary } from './dictionary-cache.js';
import {
  Canonicaliser,
  type Category,
  englishForms,
  type Mode,
  nounForms,
  type Severity,
  type TermEntry,
  verbForms,
} from './lexicon.js';
import { PatternSet } from './patterns.js';
import { builtSlips, slipKey } from './slip-cache.js';

const severity = z.enum(['low', 'medium', 'high']);
const category = z.enum(['insult', 'vulgarity', 'slur', 'threat', 'dehumanising', 'hate', 'putdown']);

const termSchema = z
  .object({
    term: z.string().min(1),
    category,
    severity: severity.default('medium'),
    mode: z.enum(['always', 'targeted']).default('always'),
    /** noun: feminine and plural forms; verb: first-group verb forms; none: as written. */
    inflect: z.enum(['noun', 'verb', 'none', 'en']).default('noun'),
    forms: z.array(z.string().min(1)).default([]),
    /** Folded, the word is another everyday word ("demeuré"/"demeure"): match only when written with an accent or letter run. */
    requireAccent: z.boolean().default(false),
    /** Words after which the term is an adjective, not a name ("incapable de"). */
    notBefore: z.array(z.string()).default([]),
  })
  .strict();

const termsFileSchema = z
  .object({
    source: z.string().min(1),
    description: z.string().optional(),
    terms: z.array(termSchema),
    innocent: z.array(z.string()).default([]),
  })
  .strict();

const phraseSchema = z
  .object({
    pattern: z.string().min(1),
    category,
    severity: severity.default('medium'),
    note: z.string().optional(),
  })
  .strict();

const patternsFileSchema = z
  .object({
    source: z.string().min(1),
    description: z.string().optional(),
    phrases: z.array(phraseSchema),
    /** Words skipped when walking back from a targeted term to its cue ("un", "gros", "vraiment"). */
    fillers: z.array(z.string()),
    /** Words that make a targeted term an insult when they precede it ("t'es", "bande de", "sale"). */
    insultCues: z.array(z.string()),
    /** Demonstratives and possessives that make a targeted term an insult before "de" + noun ("ces tocards de…"). */
    nounFrameCues: z.array(z.string()),
    negators: z.array(z.string()),
    /** Negators that also turn a positive predicate hateful ("sans valeur", "aucun respect"). */
    positiveNegators: z.array(z.string()),
    /** Intent or wish frames a violent predicate needs ("je vais", "devraient", "si seulement"). */
    intentCues: z.array(z.string()),
    /** Reported speech: a hit after one of these in the same sentence is someone else's words. */
    reportCues: z.array(z.string()),
    /** Verbs that report a name someone was called ("traiter de", "appeler"): not an insult. */
    namingVerbs: z.array(z.string()),
    /** Words just before a reporting cue that make it an endorsement ("le problème de dire que…"). */
    reportEndorsers: z.array(z.string()),
    /** Condemnation: with one of these outside quotes, quoted hate is counter-speech. */
    counterCues: z.array(z.string()),
    /** Words after which a negator is an idiom, not a negation ("sans aucun doute", "pas mal"). */
    negatorExceptions: z.array(z.string()),
    /** Pronouns that take up a group after the predicate ("rien de plus horrible que votre espèce"). */
    pronounsAfter: z.array(z.string()),
    /** Third-person copulas: "X sont débiles" insults only when X is a person or a group. */
    copulas: z.array(z.string()),
    /** Subjects that are people ("ils", "ceux", "les gens"). */
    personSubjects: z.array(z.string()),
    /** Words a predicate may reach its group across ("les femmes ne sont vraiment que des …"). */
    linkBridges: z.array(z.string()),
    /** Prepositions that make a group a complement, not the subject ("les attaques contre les X sont ignobles"). */
    subjectBlockers: z.array(z.string()),
    /** Words that open a new clause: a negation before them does not reach the predicate. */
    clauseBreaks: z.array(z.string()),
    /** Pronouns that carry a group from one sentence to the next ("Je les déteste"). */
    pronouns: z.array(z.string()),
    /** Second-person subjects: "vous détestez les X" reports someone else's hate. */
    secondPerson: z.array(z.string()),
    /** Object pronouns aimed at a person before a hate verb ("je le hais", "je vais te…"). */
    personObjects: z.array(z.string()),
    /** Short function words a glued word can hide behind ("tuerce", "mortà"). */
    glue: z.array(z.string()),
  })
  .strict();

const groupSchema = z
  .object({
    group: z.string().min(1),
    forms: z.array(z.string().min(1)).min(1),
    /** Ambiguous words ("noirs", "arabe") name a group only after a determiner. */
    needsDeterminer: z.boolean().default(false),
    inflect: z.boolean().default(true),
  })
  .strict();

const predicateSchema = z
  .object({
    pattern: z.string().min(1),
    kind: z.enum(['dehumanising', 'attribute', 'emotion', 'violence', 'exclusion']),
    /** negative: hateful unless negated; positive: hateful only when negated ("aucune valeur"). */
    polarity: z.enum(['negative', 'positive', 'fixed']).default('negative'),
  })
  .strict();

const groupsFileSchema = z
  .object({
    source: z.string().min(1),
    description: z.string().optional(),
    groups: z.array(groupSchema),
    determiners: z.array(z.string()),
    predicates: z.array(predicateSchema),
  })
  .strict();

export interface PhraseMeta {
  category: Category;
  severity: Severity;
  pattern: string;
}

export interface PredicateMeta {
  kind: 'dehumanising' | 'attribute' | 'emotion' | 'violence' | 'exclusion';
  polarity: 'negative' | 'positive' | 'fixed';
  pattern: string;
}

export interface GroupEntry {
  group: string;
  needsDeterminer: boolean;
}

export interface CivilityData {
  lang: Lang;
  terms: Map<string, TermEntry>;
  canon: Canonicaliser;
  /** The key of the canonicaliser's one-slip variants in the build's cache (slip-cache.ts). */
  slipsKey: string;
  vocab: Set<string>;
  /** Every known word in a letter trie, for joining spaced letters without building strings. */
  vocabTrie: LetterTrie;
  phrases: PatternSet<PhraseMeta>;
  predicates: PatternSet<PredicateMeta>;
  intent: PatternSet<null>;
  report: PatternSet<null>;
  counter: PatternSet<null>;
  fillers: Set<string>;
  namingVerbs: Set<string>;
  reportEndorsers: Set<string>;
  insultCues: Set<string>;
  nounFrameCues: Set<string>;
  negators: Set<string>;
  positiveNegators: Set<string>;
  pronouns: Set<string>;
  clauseBreaks: Set<string>;
  linkBridges: Set<string>;
  subjectBlockers: Set<string>;
  negatorExceptions: Set<string>;
  pronounsAfter: Set<string>;
  copulas: Set<string>;
  personSubjects: Set<string>;
  secondPerson: Set<string>;
  personObjects: Set<string>;
  glue: Set<string>;
  groups: Map<string, GroupEntry>;
  determiners: Set<string>;
  isDictionaryWord(word: string): boolean;
}

const f = (w: string) => fold(w).replace(/’/g, "'");

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };

export function loadCivilityData(files: RuleFiles, lang: Lang): CivilityData {
  const base = termsFileSchema.parse(files.readJson('civility.json') ?? missing('civility.json'), ONE_PARSE);
  const generatedRaw = files.readJson('civility-terms.generated.json');
  const generated = generatedRaw === null ? null : termsFileSchema.parse(generatedRaw, ONE_PARSE);
  const pat = patternsFileSchema.parse(
    files.readJson('civility-patterns.json') ?? missing('civility-patterns.json'),
    ONE_PARSE,
  );
  const grp = groupsFileSchema.parse(
    files.readJson('civility-groups.json') ?? missing('civility-groups.json'),
    ONE_PARSE,
  );

  const innocent = new Set([...base.innocent, ...(generated?.innocent ?? [])].map(f));
  const terms = new Map<string, TermEntry>();
  for (const t of [...base.terms, ...(generated?.terms ?? [])]) {
    const entry: TermEntry = {
      term: t.term,
      category: t.category as Category,
      severity: t.severity,
      mode: t.mode as Mode,
      requireAccent: t.requireAccent,
      notBefore: new Set(t.notBefore.map(f)),
    };
    // Inflect before folding: "dégénéré" → "dégénérée", not "degenere" → "degeneres" only.
    const lower = t.term.toLowerCase();
    const word = f(t.term);
    const forms = new Set<string>(t.forms.map(f));
    if (t.inflect === 'noun') for (const x of nounForms(lower)) forms.add(f(x));
    else if (t.inflect === 'verb') for (const x of verbForms(word)) forms.add(x);
    else if (t.inflect === 'en') for (const x of englishForms(word)) forms.add(x);
    else forms.add(word);
    for (const form of forms) {
      if (innocent.has(form) || form.includes(' ')) continue;
      const prev = terms.get(form);
      // Keep the stricter reading: an "always" term wins, then the higher severity.
      if (
        !prev ||
        (prev.mode === 'targeted' && entry.mode === 'always') ||
        (prev.mode === entry.mode && SEVERITY_RANK[entry.severity] > SEVERITY_RANK[prev.severity])
      ) {
        terms.set(form, entry);
      }
    }
  }

  const phrases = new PatternSet<PhraseMeta>(
    pat.phrases.map((p) => ({
      pattern: p.pattern,
      meta: { category: p.category as Category, severity: p.severity, pattern: p.pattern },
    })),
  );
  const predicates = new PatternSet<PredicateMeta>(
    grp.predicates.map((p) => ({
      pattern: p.pattern,
      meta: { kind: p.kind, polarity: p.polarity, pattern: p.pattern },
    })),
  );
  const cueSet = (list: string[]) => new PatternSet<null>(list.map((pattern) => ({ pattern, meta: null })));
  const intent = cueSet(pat.intentCues);
  const report = cueSet(pat.reportCues);
  const counter = cueSet(pat.counterCues);

  const groups = new Map<string, GroupEntry>();
  for (const g of grp.groups) {
    for (const form of g.forms) {
      const word = f(form);
      const all = g.inflect ? (lang === 'fr' ? nounForms(form.toLowerCase()).map(f) : englishForms(word)) : [word];
      for (const x of all)
        if (!innocent.has(x) && !groups.has(x)) groups.set(x, { group: g.group, needsDeterminer: g.needsDeterminer });
    }
  }

  const vocab = new Set<string>([...terms.keys(), ...groups.keys()]);
  for (const w of [...phrases.words(), ...predicates.words(), ...intent.words()]) if (w.length >= 3) vocab.add(w);
  // Both dictionaries: French comments quote English words and the other way round.
  const own = dictionaryLookup(lang);
  const other = dictionaryLookup(lang === 'fr' ? 'en' : 'fr');
  const isDictionaryWord = (w: string) => own(w) || other(w);
  const fuzzyForms = [
    ...[...terms.keys()].filter((w) => w.length >= 7),
    ...groups.keys(),
    ...predicates.words(),
  ].filter((w) => /^[a-z]+$/.test(w));
  // Short words read back from one slip: group names ("trns") and violent verbs ("teur").
  const shortTargets = new Set([...groups.keys(), ...violenceWords(grp.predicates)]);
  const fuzzyMinLength = 5;
  const slipsKey = slipKey({ vocab, fuzzyForms, innocent, fuzzyMinLength, shortTargets });
  const canon = new Canonicaliser(
    vocab,
    terms.keys(),
    fuzzyForms,
    isDictionaryWord,
    innocent,
    { fuzzyMinLength },
    shortTargets,
    builtSlips(lang, slipsKey) ?? undefined,
  );

  const set = (list: string[]) => new Set(list.map(f));
  return {
    lang,
    terms,
    canon,
    slipsKey,
    vocab,
    vocabTrie: buildTrie(vocab),
    phrases,
    predicates,
    intent,
    report,
    counter,
    fillers: set(pat.fillers),
    namingVerbs: set(pat.namingVerbs),
    reportEndorsers: set(pat.reportEndorsers),
    insultCues: set(pat.insultCues),
    nounFrameCues: set(pat.nounFrameCues),
    negators: set(pat.negators),
    positiveNegators: set(pat.positiveNegators),
    pronouns: set(pat.pronouns),
    clauseBreaks: set(pat.clauseBreaks),
    linkBridges: set(pat.linkBridges),
    subjectBlockers: set(pat.subjectBlockers),
    negatorExceptions: set(pat.negatorExceptions),
    pronounsAfter: set(pat.pronounsAfter),
    copulas: set(pat.copulas),
    personSubjects: set(pat.personSubjects),
    secondPerson: set(pat.secondPerson),
    personObjects: set(pat.personObjects),
    glue: set(pat.glue),
    groups,
    determiners: set(grp.determiners),
    isDictionaryWord,
  };
}

function violenceWords(predicates: z.infer<typeof predicateSchema>[]): string[] {
  return predicates
    .filter((p) => p.kind === 'violence')
    .flatMap((p) => p.pattern.split(/[\s|]+/))
    .map(f)
    .filter((w) => /^[a-z]{4}$/.test(w));
}

/**
 * A letter trie as flat arrays: node 0 is the root, `children[node * 26 + letter]` is the child
 * for letter a–z (0 when none), `words[node]` the word ending there. Walking it costs an array
 * read per letter, no hashing: spaced-out runs ("c o n c o n …") walk it from every letter.
 */
export interface LetterTrie {
  children: Int32Array;
  words: (string | null)[];
}

function buildTrie(vocab: Set<string>): LetterTrie {
  const kept = [...vocab].filter((w) => w.length >= 3 && /^[a-z]+$/.test(w));
  let capacity = 1;
  for (const w of kept) capacity += w.length;
  const children = new Int32Array(capacity * 26);
  const words: (string | null)[] = [null];
  for (const w of kept) {
    let node = 0;
    for (let i = 0; i < w.length; i++) {
      const slot = node * 26 + (w.charCodeAt(i) - 0x61);
      let child = children[slot] as number;
      if (child === 0) {
        child = words.length;
        words.push(null);
        children[slot] = child;
      }
      node = child;
    }
    words[node] = w;
  }
  return { children: children.slice(0, words.length * 26), words };
}

function missing(name: string): never {
  throw new Error(`${name} is missing`);
}

const dictionaries = new Map<Lang, FoldedDictionary | null>();

/**
 * Folded words of the Hunspell dictionary (stems as listed in dictionary-fr / dictionary-en),
 * with their plain plurals: one-letter evasion matching must never turn a real word into an
 * insult ("mere" is not "merde"). Built once per process when the rule data loads (see
 * dictionary.ts for how that is kept cheap), or read from the build's cache (dictionary-cache.ts).
 */
function dictionary(lang: Lang): FoldedDictionary | null {
  let dictionary = dictionaries.get(lang);
  if (dictionary === undefined) {
    dictionary = null;
    try {
      const name = lang === 'fr' ? 'dictionary-fr' : 'dictionary-en';
      dictionary = loadFoldedDictionary(dictionaryFile(name, 'dic'), name);
    } catch {
      // Without a dictionary, fuzzy matching is only less careful; the innocent list still applies.
    }
    dictionaries.set(lang, dictionary);
  }
  return dictionary;
}

function dictionaryLookup(lang: Lang): (word: string) => boolean {
  // Built now, at load: the first comment must not pay for it (50-140 ms, event loop held).
  const set = dictionary(lang);
  const has = (word: string) => set?.has(word) === true;
  return (word) =>
    has(word) ||
    (word.endsWith('s') && has(word.slice(0, -1))) ||
    (word.endsWith('x') && has(word.slice(0, -1))) ||
    (word.endsWith('es') && has(word.slice(0, -2))) ||
    (word.endsWith('e') && has(word.slice(0, -1)));
}
