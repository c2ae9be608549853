import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServices } from '../src/bootstrap.js';
import { manualClock } from '../src/clock.js';
import { testConfig } from '../src/config.js';
import { closeDatabase, openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { upsertArticle } from '../src/domain/articles/articles.js';
import { corpusIdf } from '../src/rules/on-topic/article.js';
import { stemmerFor } from '../src/rules/on-topic/stem.js';

/** The on-topic rule's key for a French word (its data stems with the shared stemmer). */
const key = (word: string) => stemmerFor('fr').key(word);

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
    const { db } = await openServices(testConfig({ DATABASE_URL: path, RULES_DIR: rulesLearningFrom(corpusArticles) }));
    try {
      expect(corpusIdf('fr', key('zorglub'))).toBeCloseTo(idf, 6);
    } finally {
      await closeDatabase(db);
    }
  });
});

describe('openServices: the articles’ stored terms', () => {
  /** The IDF of a word in `df` of the 8 articles (at least 0.25, see corpusIdf). */
  const zorglubIn = (df: number) => Math.max(0.25, Math.log(9 / (df + 0.5)) / Math.log(9));
  const idf = (word: string) => corpusIdf('fr', key(word));
  const start = (path: string) => openServices(testConfig({ DATABASE_URL: path, RULES_DIR: rulesLearningFrom(8) }));

  it('stores each article’s terms at the first start, and the next start learns from them', async () => {
    const path = join(dir, 'vigie.sqlite');
    await siteWithArticles(path);
    const first = await start(path);
    try {
      expect(idf('zorglub')).toBeCloseTo(zorglubIn(3), 6);
      const rows = await first.db.selectFrom('articles').select(['id', 'term_keys', 'term_keys_version']).execute();
      expect(rows).toHaveLength(8);
      for (const row of rows) {
        expect(row.term_keys_version).toMatch(/^[0-9a-f]{16}$/);
        expect(row.term_keys?.split(' ').includes(key('zorglub'))).toBe(['a0', 'a1', 'a2'].includes(row.id));
      }
      // What is stored is what the next start learns from: a3 now "holds" zorglub too.
      await first.db
        .updateTable('articles')
        .set({ term_keys: key('zorglub') })
        .where('id', '=', 'a3')
        .execute();
    } finally {
      await closeDatabase(first.db);
    }
    const second = await start(path);
    try {
      expect(idf('zorglub')).toBeCloseTo(zorglubIn(4), 6);
    } finally {
      await closeDatabase(second.db);
    }
  });

  it('computes again, and stores, the terms of another version and of a changed article', async () => {
    const path = join(dir, 'vigie.sqlite');
    await siteWithArticles(path);
    // A first start stores every article's terms.
    await closeDatabase((await start(path)).db);
    const db = openDatabase(path);
    const clock = manualClock(new Date(Date.UTC(2026, 0, 2)));
    try {
      // a3 to a6 say zorglub, but a3 and a4 were stored by other rules, and a5 changed since.
      await db
        .updateTable('articles')
        .set({ term_keys: key('zorglub') })
        .where('id', 'in', ['a3', 'a4', 'a5', 'a6'])
        .execute();
      await db.updateTable('articles').set({ term_keys_version: 'other' }).where('id', 'in', ['a3', 'a4']).execute();
      await upsertArticle(db, clock, 'a5', {
        title: 'Article 5',
        body: 'La batterie du téléphone tient trois jours.',
        lang: 'fr',
        tags: [],
        commentsOpen: true,
      });
      const changed = await db
        .selectFrom('articles')
        .select(['term_keys', 'term_keys_version'])
        .where('id', '=', 'a5')
        .executeTakeFirstOrThrow();
      expect(changed).toEqual({ term_keys: null, term_keys_version: null });
    } finally {
      await closeDatabase(db);
    }
    const next = await start(path);
    try {
      // Zorglub in a0-a2 and in a6 (stored); a3, a4 and a5 computed again, without it.
      expect(idf('zorglub')).toBeCloseTo(zorglubIn(4), 6);
      const rows = await next.db
        .selectFrom('articles')
        .select(['id', 'term_keys', 'term_keys_version'])
        .where('id', 'in', ['a3', 'a4', 'a5'])
        .execute();
      const version = (
        await next.db
          .selectFrom('articles')
          .select('term_keys_version')
          .where('id', '=', 'a0')
          .executeTakeFirstOrThrow()
      ).term_keys_version;
      for (const row of rows) {
        expect(row.term_keys_version).toBe(version);
        expect(row.term_keys?.split(' ')).toContain(key('batterie'));
        expect(row.term_keys?.split(' ')).not.toContain(key('zorglub'));
      }
    } finally {
      await closeDatabase(next.db);
    }
  });
});
