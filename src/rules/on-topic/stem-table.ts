import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../db/schema.js';
import type { RuleFiles } from '../types.js';
import { compileOnTopicData, STEMS_FILE } from './data.js';
import { recordingStemmer, stemmerId } from './stem.js';

/**
 * Builds rules/<lang>/on-topic-stems.generated.json: the Snowball stem of every word the on-topic
 * data stems when it loads (background tiers, lexicon, aliases). The stemmer costs ~30 µs a word
 * (~200 µs before the JIT warms up), and those few thousand words made up most of the start-up
 * time of the rule; with the table, loading only reads it. The table is a cache of a pure
 * function: a word missing from it is stemmed as before, and a table made with another stemmer
 * version is ignored. A test checks that it is up to date.
 *
 * Re-run after editing on-topic*.json: `npx tsx src/rules/on-topic/stem-table.ts [RULES_DIR]`.
 */
export interface StemTable {
  source: string;
  description: string;
  stemmer: string;
  /** Space-separated "word stem" pairs, sorted by word. */
  stems: string;
}

export function buildStemTable(files: RuleFiles, lang: Lang): StemTable {
  const stems = new Map<string, string>();
  compileOnTopicData(files, lang, recordingStemmer(lang, stems));
  // A word with a space (a multi-word alias) cannot be listed: it is stemmed when the data loads.
  const words = [...stems.keys()].filter((w) => !/\s/.test(w) && !/\s/.test(stems.get(w) as string)).sort();
  return {
    source: 'on-topic-background.json, on-topic-lexicon.json: the Snowball stems of their words',
    description: 'Generated file: do not edit by hand; re-run `npx tsx src/rules/on-topic/stem-table.ts`.',
    stemmer: stemmerId(lang),
    stems: words.map((w) => `${w} ${stems.get(w)}`).join(' '),
  };
}

/** The files of one language folder of the rule data, read from disk. */
export function ruleFilesIn(dir: string, lang: Lang): RuleFiles {
  const path = (name: string) => join(dir, lang, name);
  const readText = (name: string) => (existsSync(path(name)) ? readFileSync(path(name), 'utf8') : null);
  return {
    readText,
    readJson: (name) => {
      const text = readText(name);
      return text === null ? null : (JSON.parse(text) as unknown);
    },
  };
}

export const formatStemTable = (table: StemTable) => `${JSON.stringify(table, null, 2)}\n`;

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? join(fileURLToPath(new URL('../../../rules', import.meta.url)));
  for (const lang of ['fr', 'en'] as const) {
    const table = buildStemTable(ruleFilesIn(dir, lang), lang);
    writeFileSync(join(dir, lang, STEMS_FILE), formatStemTable(table));
    console.log(`${lang}: ${table.stems.split(' ').length / 2} stems → ${join(dir, lang, STEMS_FILE)}`);
  }
}
