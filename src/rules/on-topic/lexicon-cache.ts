import { createHash } from 'node:crypto';
import type { Lang } from '../../db/schema.js';
import { framed, unframed } from '../../framed-file.js';
import { readBuiltFile, writeBuildOutput } from '../../project-root.js';

/**
 * What the on-topic data computes word by word from its lexicon, background tiers and phrase
 * lists (data.ts's compileOnTopicData): computed by `npm run build` and stored beside the compiled
 * code (dist/on-topic-lexicon-<lang>.bin), so that a start reads it instead of tokenising and
 * stemming ~2,400 entries and phrases with code V8 has not compiled yet (2026-12-02, the built
 * server on one core of the family-26 AMD EPYC: 50–100 ms of a ~1 s start for both languages,
 * its garbage collections included). A cache of a pure function of the rule data: keyed by the
 * hash of those inputs and by FORMAT, ignored when either differs. Every build writes it anew
 * from the sources' computation, with the code of that build; only the compiled server reads it
 * (the sources, tests and scripts always compute).
 */
const FORMAT = 1; // bump when compileOnTopicData makes other parts from the same inputs

export interface LexiconParts {
  /** Stem key → background weight. */
  background: Map<string, number>;
  /** Stem key → beats it belongs to. */
  beats: Map<string, string[]>;
  /** Stem key of a clipping or nickname → stem key of the word an article would use. */
  aliases: Map<string, string>;
  /** Each phrase of the phrase lists → its folded tokens (phrases.ts's phraseTokens). */
  phraseTokens: Map<string, string[]>;
}

/** Everything the parts are computed from, as the data's loader has them. */
export interface LexiconInputs {
  lang: Lang;
  stemmer: string;
  stop: Iterable<string>;
  beats: Record<string, string[]>;
  aliases: readonly (readonly [string, string])[];
  tiers: readonly { weight: number; words: readonly string[] }[];
  phraseLists: Record<string, readonly string[]>;
}

/** The inputs' key: the SHA-256 of their JSON (the rule data's own order, the same at every load). */
export function lexiconKey(inputs: LexiconInputs): string {
  return createHash('sha256')
    .update(`format ${FORMAT}\n`)
    .update(
      JSON.stringify([
        inputs.lang,
        inputs.stemmer,
        [...inputs.stop],
        inputs.beats,
        inputs.aliases,
        inputs.tiers.map((tier) => [tier.weight, tier.words]),
        inputs.phraseLists,
      ]),
    )
    .digest('hex');
}

export const lexiconCacheFileName = (lang: Lang) => `on-topic-lexicon-${lang}.bin`;

export function serialiseLexiconParts(key: string, parts: LexiconParts): Buffer {
  const payload = JSON.stringify({
    background: [...parts.background],
    beats: [...parts.beats],
    aliases: [...parts.aliases],
    phraseTokens: [...parts.phraseTokens],
  });
  return framed({ format: FORMAT, key }, [Buffer.from(payload, 'utf8')]);
}

/** The parts stored in `buffer`, or null when they were made from other inputs, in another format, or cut short. */
export function deserialiseLexiconParts(buffer: Buffer, key: string): LexiconParts | null {
  const stored = unframed(buffer);
  if (!stored || stored.header.format !== FORMAT || stored.header.key !== key) return null;
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(buffer.subarray(stored.payloadAt).toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  const { background, beats, aliases, phraseTokens } = payload;
  if (![background, beats, aliases, phraseTokens].every(Array.isArray)) return null;
  return {
    background: new Map(background as [string, number][]),
    beats: new Map(beats as [string, string[]][]),
    aliases: new Map(aliases as [string, string][]),
    phraseTokens: new Map(phraseTokens as [string, string[]][]),
  };
}

/** The build's parts for these inputs, or null (none built, other inputs, the sources running). */
export function builtLexiconParts(lang: Lang, key: string): LexiconParts | null {
  return readBuiltFile(lexiconCacheFileName(lang), (content) => deserialiseLexiconParts(content, key));
}

/** Writes the parts into `outDir` (npm run build). */
export function writeLexiconParts(lang: Lang, key: string, parts: LexiconParts, outDir: string): string {
  return writeBuildOutput(outDir, lexiconCacheFileName(lang), serialiseLexiconParts(key, parts));
}
