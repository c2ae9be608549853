import { z } from 'zod';
import type { Lang } from '../../db/schema.js';
import { ONE_PARSE } from '../one-parse.js';
import type { RuleFiles } from '../types.js';
import { type CompiledRule, compileRules, indexRules, type RuleIndex } from './patterns.js';

/**
 * The proofreading rule's data for one language (rules/<lang>/proofreading.json and
 * proofreading-allow.txt), validated with zod and compiled once into sets, maps and indexed
 * patterns: `check` only does lookups.
 */
const contextRule = z
  .object({
    id: z.string().min(1),
    kind: z.enum(['homophone', 'participle', 'agreement', 'accent']),
    pattern: z.array(z.string().min(1)).min(1),
    /** Index of the step (or [first, last] steps) whose tokens are the error. */
    mark: z.union([z.number().int().min(0), z.tuple([z.number().int().min(0), z.number().int().min(0)])]),
    hint: z.string().min(1),
    /** The correction only adds an accent: not counted on a capital letter (policy §4). */
    accentOnly: z.boolean().optional(),
    /** The token before the match must (not) match this step. */
    after: z.string().min(1).optional(),
    notAfter: z.string().min(1).optional(),
  })
  .strict();

const dataSchema = z
  .object({
    source: z.string().min(1),
    thresholds: z
      .object({
        source: z.string().min(1),
        accentsMissing: z
          .object({ minWords: z.number().int().min(1), maxAccentedWords: z.number().int().min(0) })
          .strict(),
        runOn: z.object({ minWords: z.number().int().min(1) }).strict(),
      })
      .strict(),
    reform: z
      .object({
        source: z.string().min(1),
        /** Retry an unknown word with a circumflex on i or u ("coute" → "coûte"). */
        restoreCircumflex: z.boolean(),
        spellings: z.array(z.string().min(1)),
      })
      .strict(),
    accents: z
      .object({
        source: z.string().min(1),
        variants: z.record(z.string().length(1), z.array(z.string().length(1))),
        maxLength: z.number().int().min(0),
        /** Two accents are tried only on words with at most this many accentable letters. */
        maxTwoAccents: z.number().int().min(0),
      })
      .strict(),
    repeated: z.object({ source: z.string().min(1), allowed: z.array(z.string().min(1)) }).strict(),
    alwaysWrong: z.object({ source: z.string().min(1), words: z.record(z.string(), z.string()) }).strict(),
    classes: z.record(z.string(), z.union([z.string(), z.array(z.string().min(1))])),
    contextRules: z.array(contextRule),
  })
  .strict();

export type RawProofreadingData = z.infer<typeof dataSchema>;
export type ContextRuleKind = z.infer<typeof contextRule>['kind'];

export interface ProofreadingData {
  lang: Lang;
  thresholds: RawProofreadingData['thresholds'];
  restoreCircumflex: boolean;
  reform: ReadonlySet<string>;
  accentVariants: ReadonlyMap<string, readonly string[]>;
  accentMaxLength: number;
  maxTwoAccents: number;
  repeatedAllowed: ReadonlySet<string>;
  alwaysWrong: ReadonlyMap<string, string>;
  /** Lower-case words of the allow-list (each word of a multi-word entry). */
  allow: ReadonlySet<string>;
  classes: ReadonlyMap<string, ReadonlySet<string>>;
  rules: CompiledRule[];
  index: RuleIndex;
}

const APOSTROPHE = /’/g;
export const normalizeWord = (word: string): string => word.toLowerCase().replace(APOSTROPHE, "'");

export function parseAllowList(text: string): Set<string> {
  const words = new Set<string>();
  for (const line of text.split('\n')) {
    const entry = line.trim();
    if (entry === '' || entry.startsWith('#')) continue;
    for (const word of entry.split(/\s+/)) words.add(normalizeWord(word));
  }
  return words;
}

export function loadProofreadingData(files: RuleFiles, lang: Lang): ProofreadingData {
  const raw = files.readJson('proofreading.json');
  if (raw === null) throw new Error(`rules/${lang}/proofreading.json is missing`);
  const data = dataSchema.parse(raw, ONE_PARSE);
  const allowText = files.readText('proofreading-allow.txt');
  if (allowText === null) throw new Error(`rules/${lang}/proofreading-allow.txt is missing`);
  if (!/^#\s*source:/m.test(allowText)) throw new Error(`rules/${lang}/proofreading-allow.txt: no "# source:" line`);

  const classes = new Map<string, ReadonlySet<string>>();
  for (const [name, value] of Object.entries(data.classes)) {
    if (typeof value === 'string') continue; // the "source" note
    classes.set(name, new Set(value.map(normalizeWord)));
  }
  const rules = compileRules(data.contextRules, classes);
  return {
    lang,
    thresholds: data.thresholds,
    restoreCircumflex: data.reform.restoreCircumflex,
    reform: new Set(data.reform.spellings.map(normalizeWord)),
    accentVariants: new Map(Object.entries(data.accents.variants)),
    accentMaxLength: data.accents.maxLength,
    maxTwoAccents: data.accents.maxTwoAccents,
    repeatedAllowed: new Set(data.repeated.allowed.map(normalizeWord)),
    alwaysWrong: new Map(Object.entries(data.alwaysWrong.words).map(([k, v]) => [normalizeWord(k), v])),
    allow: parseAllowList(allowText),
    classes,
    rules,
    index: indexRules(rules),
  };
}
