import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServices } from '../src/bootstrap.js';
import { manualClock } from '../src/clock.js';
import { testConfig } from '../src/config.js';
import { closeDatabase, openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Lang } from '../src/db/schema.js';
import { upsertArticle } from '../src/domain/articles/articles.js';
import { corpusIdf } from '../src/rules/on-topic/article.js';
import type { OnTopicData } from '../src/rules/on-topic/data.js';

/** Always a SQLite file: this is about what a start-up reads, whatever database the suite uses. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-bootstrap-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Eight French articles, one a minute; the three oldest all mention "zorglub". */
async function siteWithArticles(path: string) {
  const db = openDatabase(path);
  await migrateToLatest(db);
  const clock = manualClock(new Date(Date.UTC(2026, 0, 1, 12, 0)));
  for (let i = 0; i < 8; i++) {
    await upsertArticle(db, clock, `a${i}`, {
      title: `Article ${i}`,
      body: i < 3 ? 'Le zorglub revient sur Android.' : 'La batterie du téléphone tient deux jours.',
      lang: 'fr',
      tags: [],
      commentsOpen: true,
    });
    clock.advance(60_000);
  }
  await closeDatabase(db);
}

/** A copy of the project's rules with `rules.on-topic.corpusArticles` set. */
function rulesLearningFrom(corpusArticles: number): string {
  const rulesDir = join(dir, `rules-${corpusArticles}`);
  cpSync('rules', rulesDir, { recursive: true });
  const policyFile = join(rulesDir, 'policy.json');
  const policy = JSON.parse(readFileSync(policyFile, 'utf8'));
  policy.rules['on-topic'].corpusArticles = corpusArticles;
  writeFileSync(policyFile, JSON.stringify(policy));
  return rulesDir;
}

describe('openServices', () => {
  it.each([
    // 5 newest: "zorglub" is in none of them (df 0 of 5 documents)
    [5, Math.log(6 / 0.5) / Math.log(6)],
    // all 8: in 3 of them
    [8, Math.log(9 / 3.5) / Math.log(9)],
  ])('learns the on-topic IDF from the %i most recent articles', async (corpusArticles, idf) => {
    const path = join(dir, 'vigie.sqlite');
    await siteWithArticles(path);
    const { db, rules } = await openServices(
      testConfig({ DATABASE_URL: path, RULES_DIR: rulesLearningFrom(corpusArticles) }),
    );
    try {
      const data = rules.rules.find((r) => r.module.id === 'on-topic')?.data as Record<Lang, OnTopicData>;
      expect(corpusIdf('fr', data.fr.stemmer.key('zorglub'))).toBeCloseTo(idf, 6);
    } finally {
      await closeDatabase(db);
    }
  });
});
