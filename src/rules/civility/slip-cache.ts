import { createHash } from 'node:crypto';
import type { Lang } from '../../db/schema.js';
import { framed, unframed } from '../../framed-file.js';
import { readBuiltFile, writeBuildOutput } from '../../project-root.js';
import type { SlipVariants } from './lexicon.js';

/**
 * The civility rule's one-slip variants (lexicon.ts's Canonicaliser: each fuzzy target with a
 * letter left out or two letters swapped, ~16,000 for French), computed by `npm run build` and
 * stored beside the compiled code (dist/civility-slips-<lang>.bin), so that a start reads them
 * instead of building ~20,000 strings (~25 ms of a start on one core, 2026-12-01). A cache of a
 * pure function of the Canonicaliser's inputs: keyed by their hash and by FORMAT, ignored when
 * either differs. As with the dictionary's tables (dictionary-cache.ts), only the compiled server
 * reads it; the sources (tests, scripts) always compute the variants.
 */
const FORMAT = 1; // bump when the Canonicaliser makes other variants from the same inputs

/** What the variants are made from: the Canonicaliser's arguments that they depend on. */
export interface SlipInputs {
  vocab: Iterable<string>;
  fuzzyForms: Iterable<string>;
  innocent: Iterable<string>;
  fuzzyMinLength: number;
  shortTargets: Iterable<string>;
}

/** The inputs' key: their SHA-256, in the order given (the rule data's order, the same at every load). */
export function slipKey(inputs: SlipInputs): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\nmin ${inputs.fuzzyMinLength}\n`);
  for (const [name, list] of [
    ['vocab', inputs.vocab],
    ['fuzzy', inputs.fuzzyForms],
    ['innocent', inputs.innocent],
    ['short', inputs.shortTargets],
  ] as const) {
    // One update a list: an update a word was ~4 ms of a start for French's ~10,000 words.
    hash.update(`${name}\n${[...list].join('\n')}\n`);
  }
  return hash.digest('hex');
}

export const slipCacheFileName = (lang: Lang) => `civility-slips-${lang}.bin`;

/** A variant and its target, one to a line, sorted by variant: what the file holds. */
const line = ([variant, target]: [string, string]) => {
  if (/[\t\n]/.test(variant) || /[\t\n]/.test(target))
    throw new Error(`a one-slip variant with a tab or line break: ${variant}`);
  return `${variant}\t${target}`;
};

export function serialiseSlips(key: string, slips: SlipVariants): Buffer {
  const lines = [...slips.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(line);
  return framed({ format: FORMAT, key, count: lines.length }, [Buffer.from(lines.join('\n'), 'utf8')]);
}

/**
 * The variants as the file lists them, looked up by halves. Not a Map: putting ~16,000 strings
 * into one took ~15 ms of a start (their hashes, the table's growth), parsing them as JSON pairs
 * ~22 ms, as much as making them; splitting the text into lines takes ~2 ms, and a look-up (a
 * word that no dictionary knows, once per word: the Canonicaliser keeps its answers) ~14
 * comparisons.
 */
class SortedSlips implements SlipVariants {
  constructor(private readonly lines: readonly string[]) {}

  get(variant: string): string | undefined {
    let low = 0;
    let high = this.lines.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = this.lines[middle] as string;
      const tab = entry.indexOf('\t');
      const at = entry.slice(0, tab);
      if (at === variant) return entry.slice(tab + 1);
      if (at < variant) low = middle + 1;
      else high = middle;
    }
    return undefined;
  }

  *entries(): Iterable<[string, string]> {
    for (const entry of this.lines) {
      const tab = entry.indexOf('\t');
      yield [entry.slice(0, tab), entry.slice(tab + 1)];
    }
  }
}

/** The variants stored in `buffer`, or null when they were made from other inputs or another format. */
export function deserialiseSlips(buffer: Buffer, key: string): SlipVariants | null {
  const stored = unframed(buffer);
  if (!stored || stored.header.format !== FORMAT || stored.header.key !== key) return null;
  const text = buffer.subarray(stored.payloadAt).toString('utf8');
  const lines = text === '' ? [] : text.split('\n');
  return lines.length === stored.header.count ? new SortedSlips(lines) : null;
}

/** The build's variants for these inputs, or null (none built, other inputs, the sources running). */
export function builtSlips(lang: Lang, key: string): SlipVariants | null {
  return readBuiltFile(slipCacheFileName(lang), (content) => deserialiseSlips(content, key));
}

/** Writes the variants into `outDir` (npm run build). */
export function writeSlips(lang: Lang, key: string, slips: SlipVariants, outDir: string): string {
  return writeBuildOutput(outDir, slipCacheFileName(lang), serialiseSlips(key, slips));
}
