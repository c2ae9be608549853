import { eng, fra } from 'stopword';
import { z } from 'zod';
import type { Lang } from '../../db/schema.js';
import { ONE_PARSE } from '../one-parse.js';
import { tokenize } from '../text/tokenize.js';
import type { RuleFiles } from '../types.js';
import { builtLexiconParts, type LexiconParts, lexiconKey } from './lexicon-cache.js';
import { compilePhraseScanner, type PhraseScanner, phraseTokens } from './phrases.js';
import { plainFold, type Stemmer, stemmerFor, stemmerId } from './stem.js';
import { type TokenFactsTable, tokenFactsTable } from './token-facts.js';
import { compileWindowed, type WindowedRegex } from './windowed-regex.js';

/**
 * The on-topic rule's data for one language, read from rules/<lang>/on-topic*.json, validated
 * with zod and compiled once: stop-word set, phrase matchers, beat lexicon keyed by stem,
 * background weights keyed by stem.
 */
const sourced = <T extends z.ZodTypeAny>(shape: T) => z.object({ source: z.string().min(1) }).and(shape);
const words = z.array(z.string().min(1));
const phraseList = z.array(z.string().min(1));
/** Where a spam pattern can match (see windowed-regex.ts). */
const regexWindow = z.object({ anchor: z.string().min(1), lead: z.number().int().min(0) }).strict();

const mainSchema = z
  .object({
    source: z.string().min(1),
    stopwords: z.object({
      source: z.string().min(1),
      remove: sourced(z.object({ words })),
      add: sourced(z.object({ words })),
    }),
    reactions: sourced(z.object({ words })),
    noise: sourced(z.object({ phrases: phraseList })),
    bridges: sourced(z.object({ phrases: phraseList, selfDeclared: phraseList })),
    requests: sourced(
      z.object({ changeSubject: phraseList, site: phraseList, siteWeak: phraseList, sitePolite: phraseList }),
    ),
    askReaders: sourced(z.object({ phrases: phraseList })),
    otherArticle: sourced(z.object({ phrases: phraseList })),
    spam: sourced(
      z.object({
        trustedDomains: z.array(z.string().min(3)),
        unknownLinkWeight: z.number().min(0),
        cues: z.array(z.object({ id: z.string().min(1), weight: z.number().min(0), phrases: phraseList })),
        patterns: sourced(
          z.object({
            pricePerPeriod: z.string(),
            price: z.string(),
            phone: z.string(),
            windows: sourced(
              z.object({ pricePerPeriod: regexWindow, price: regexWindow, phone: regexWindow }).partial(),
            ).optional(),
          }),
        ),
        spamScore: z.number().positive(),
      }),
    ),
  })
  .strict();

const lexiconSchema = z
  .object({
    source: z.string().min(1),
    beats: z.record(z.string(), words),
    beatWeights: sourced(z.object({ weights: z.record(z.string(), z.number().min(0)) })),
    aliases: sourced(z.object({ pairs: z.array(z.tuple([z.string().min(1), z.string().min(1)])) })),
  })
  .strict();

const backgroundSchema = z
  .object({
    source: z.string().min(1),
    tiers: z.array(
      z.object({
        rank: z.string(),
        weight: z.number().min(0).max(1),
        // One space-separated string per tier, for readability.
        words: z.string().transform((s) => s.split(/\s+/).filter(Boolean)),
      }),
    ),
  })
  .strict();

/**
 * on-topic-stems.generated.json: the Snowball stems of the words above (see stem-table.ts), as
 * one string of space-separated "word stem" pairs: a few thousand of them read in a millisecond.
 */
export const STEMS_FILE = 'on-topic-stems.generated.json';
const stemsSchema = z
  .object({
    source: z.string().min(1),
    description: z.string(),
    stemmer: z.string().min(1),
    stems: z
      .string()
      .transform((s) => s.split(' ').filter(Boolean))
      .refine((parts) => parts.length % 2 === 0, 'pairs of "word stem" expected'),
  })
  .strict();

/** Names of the phrase lists, scanned in one pass (spam cues are `spam:<id>`). */
export type PhraseList =
  | 'noise'
  | 'bridges'
  | 'selfDeclared'
  | 'changeSubject'
  | 'site'
  | 'siteWeak'
  | 'sitePolite'
  | 'askReaders'
  | 'otherArticle';

/** What the rule needs to know about one word of a language, computed once per word. */
export interface WordInfo {
  /** Folded stem. */
  key: string;
  /** Background weight: 1 for a rare word, less for a common one. */
  weight: number;
  /** Beats of the lexicon the word belongs to. */
  beats: readonly string[] | undefined;
  /** Key of the full word a clipping or nickname stands for. */
  alias: string | undefined;
}

export interface OnTopicData {
  lang: Lang;
  stemmer: Stemmer;
  /** Folded stop words (package list ± corrections). */
  stop: Set<string>;
  reactionWords: Set<string>;
  phrases: PhraseScanner;
  /** What the rule reads of each token string, found once per token of a comment. */
  tokens: TokenFactsTable;
  /** Spam cues: phrase list name (`spam:<id>`), cue id and weight, in the data's order. */
  spamCues: readonly { list: string; cue: string; weight: number }[];
  /** Lower-case domains whose links are not advertising (nor their subdomains). */
  trustedDomains: ReadonlySet<string>;
  unknownLinkWeight: number;
  spamScore: number;
  pricePerPeriod: WindowedRegex;
  price: WindowedRegex;
  phone: WindowedRegex;
  /** Stem key → beats it belongs to. */
  beats: Map<string, string[]>;
  /** Weight of a word of each beat as evidence of another subject (1 when unlisted). */
  beatWeights: Map<string, number>;
  /** Stem key of a clipping or nickname → stem key of the word an article would use. */
  aliases: Map<string, string>;
  /** Stem key → background weight (common words weigh little; unlisted words weigh 1). */
  background: Map<string, number>;
  /** Memoised word facts, by lower-case word. */
  word(lower: string): WordInfo;
  /** The parts computed from the lexicon and phrase lists, and their inputs' key (lexicon-cache.ts, which `npm run build` writes them to). */
  lexicon: { key: string; parts: LexiconParts };
}

const MAX_WORD_MEMO = 50_000;
/** The `stopword` package's list for each language. */
const STOPWORD_LIST: Record<Lang, readonly string[]> = { fr: fra, en: eng };

/** Every compiled data set, so that an article in one language can be analysed for a comment in the other. */
const loaded = new Map<Lang, OnTopicData>();
export function loadedData(lang: Lang): OnTopicData | undefined {
  return loaded.get(lang);
}

type SpamPattern = 'pricePerPeriod' | 'price' | 'phone';
interface SpamPatterns extends Record<SpamPattern, string> {
  windows?: Partial<Record<SpamPattern, { anchor: string; lead: number }>> | undefined;
}
function compileRegex(patterns: SpamPatterns, name: SpamPattern): WindowedRegex {
  try {
    return compileWindowed(patterns[name], 'giu', patterns.windows?.[name]);
  } catch (error) {
    throw new Error(`spam.patterns.${name}: invalid regular expression (${(error as Error).message})`);
  }
}

export function loadOnTopicData(files: RuleFiles, lang: Lang): OnTopicData {
  const stemmer = stemmerFor(lang);
  // Stems computed ahead of time: a table made with another stemmer is ignored (slower, still right).
  const stems = files.readJson(STEMS_FILE);
  if (stems !== null) {
    const table = stemsSchema.parse(stems, ONE_PARSE);
    if (table.stemmer === stemmerId(lang)) stemmer.learn(table.stems);
  }
  const data = compileOnTopicData(files, lang, stemmer, (key) => builtLexiconParts(lang, key));
  loaded.set(lang, data);
  return data;
}

/**
 * The data of one language, stemmed with `stemmer` (not registered for `loadedData`). `built`
 * gives the parts computed ahead for the key of these inputs, if any (lexicon-cache.ts); without
 * it, or when it has none, they are computed here.
 */
export function compileOnTopicData(
  files: RuleFiles,
  lang: Lang,
  stemmer: Stemmer,
  built?: (key: string) => LexiconParts | null,
): OnTopicData {
  const main = mainSchema.parse(files.readJson('on-topic.json'), ONE_PARSE);
  const lexicon = lexiconSchema.parse(files.readJson('on-topic-lexicon.json'), ONE_PARSE);
  const background = backgroundSchema.parse(files.readJson('on-topic-background.json'), ONE_PARSE);

  const packageList = STOPWORD_LIST[lang];
  const removed = new Set(main.stopwords.remove.words.map(plainFold));
  const stop = new Set<string>();
  for (const word of [...packageList, ...main.stopwords.add.words]) {
    const folded = plainFold(word);
    if (!removed.has(folded)) stop.add(folded);
  }
  for (const beat of Object.keys(lexicon.beatWeights.weights))
    if (!(beat in lexicon.beats)) throw new Error(`beatWeights: unknown beat "${beat}"`);

  const phraseLists: Record<string, readonly string[]> = {
    noise: main.noise.phrases,
    bridges: main.bridges.phrases,
    selfDeclared: main.bridges.selfDeclared,
    changeSubject: main.requests.changeSubject,
    site: main.requests.site,
    siteWeak: main.requests.siteWeak,
    sitePolite: main.requests.sitePolite,
    askReaders: main.askReaders.phrases,
    otherArticle: main.otherArticle.phrases,
    ...Object.fromEntries(main.spam.cues.map((cue) => [`spam:${cue.id}`, cue.phrases])),
  };
  const partsKey = lexiconKey({
    lang,
    stemmer: stemmerId(lang),
    stop,
    beats: lexicon.beats,
    aliases: lexicon.aliases.pairs,
    tiers: background.tiers,
    phraseLists,
  });
  const parts =
    built?.(partsKey) ??
    computeLexiconParts(stemmer, stop, lexicon.beats, lexicon.aliases.pairs, background.tiers, phraseLists);
  const { background: weights, beats, aliases } = parts;

  const wordMemo = new Map<string, WordInfo>();
  const reactionWords = new Set(main.reactions.words.map(plainFold));
  const phrases = compilePhraseScanner(phraseLists, (phrase) => parts.phraseTokens.get(phrase) ?? phraseTokens(phrase));
  return {
    lang,
    stemmer,
    stop,
    reactionWords,
    phrases,
    tokens: tokenFactsTable(phrases, stop, reactionWords),
    spamCues: main.spam.cues.map((cue) => ({ list: `spam:${cue.id}`, cue: cue.id, weight: cue.weight })),
    trustedDomains: new Set(main.spam.trustedDomains.map((d) => d.toLowerCase())),
    unknownLinkWeight: main.spam.unknownLinkWeight,
    spamScore: main.spam.spamScore,
    pricePerPeriod: compileRegex(main.spam.patterns, 'pricePerPeriod'),
    price: compileRegex(main.spam.patterns, 'price'),
    phone: compileRegex(main.spam.patterns, 'phone'),
    beats,
    beatWeights: new Map(Object.entries(lexicon.beatWeights.weights)),
    aliases,
    background: weights,
    word(lower) {
      let info = wordMemo.get(lower);
      if (info) return info;
      const key = stemmer.key(lower);
      info = { key, weight: weights.get(key) ?? 1, beats: beats.get(key), alias: aliases.get(key) };
      if (wordMemo.size >= MAX_WORD_MEMO) wordMemo.clear();
      wordMemo.set(lower, info);
      return info;
    },
    lexicon: { key: partsKey, parts },
  };
}

/** What compileOnTopicData computes word by word from the lexicon, the background tiers and the phrase lists. */
function computeLexiconParts(
  stemmer: Stemmer,
  stop: ReadonlySet<string>,
  lexiconBeats: Record<string, string[]>,
  aliasPairs: readonly (readonly [string, string])[],
  tiers: readonly { weight: number; words: readonly string[] }[],
  phraseLists: Record<string, readonly string[]>,
): LexiconParts {
  const weights = new Map<string, number>();
  for (const tier of tiers) {
    for (const word of tier.words) {
      const key = stemmer.key(word.toLowerCase());
      const current = weights.get(key);
      if (current === undefined || tier.weight < current) weights.set(key, tier.weight);
    }
  }

  const beats = new Map<string, string[]>();
  for (const [beat, list] of Object.entries(lexiconBeats)) {
    for (const word of list) {
      const tokens = tokenize(word);
      for (const token of tokens) {
        if (stop.has(plainFold(token.text))) continue;
        const key = stemmer.key(token.lower);
        // In a multi-word entry ("premier ministre", "service client") only the telling words count.
        if (tokens.length > 1 && (weights.get(key) ?? 1) < 0.5) continue;
        const current = beats.get(key) ?? [];
        if (!current.includes(beat)) current.push(beat);
        beats.set(key, current);
      }
    }
  }

  const aliases = new Map<string, string>();
  for (const [from, to] of aliasPairs) aliases.set(stemmer.key(from.toLowerCase()), stemmer.key(to.toLowerCase()));

  const phraseTokensOf = new Map<string, string[]>();
  for (const phrases of Object.values(phraseLists))
    for (const phrase of phrases) if (!phraseTokensOf.has(phrase)) phraseTokensOf.set(phrase, phraseTokens(phrase));

  return { background: weights, beats, aliases, phraseTokens: phraseTokensOf };
}
