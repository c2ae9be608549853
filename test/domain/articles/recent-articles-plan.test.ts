import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, type Db, openDatabase } from '../../../src/db/connection.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { sqliteQueryPlan } from '../../../src/db/query-plan.js';
import { recentArticlesQuery } from '../../../src/domain/articles/articles.js';

/**
 * Start-up reads the most recent articles for the on-topic rule's IDF: through the index, newest
 * first, without sorting the archive (SQLite's plan, whatever database the suite runs on).
 */
let db: Db;
beforeEach(async () => {
  db = openDatabase(':memory:');
  await migrateToLatest(db);
});
afterEach(async () => {
  await closeDatabase(db);
});

describe('recent articles (SQLite)', () => {
  it('reads the articles_created index backwards, without a sort', async () => {
    const plan = (await sqliteQueryPlan(db, recentArticlesQuery(db, 500))).join(' | ');
    expect(plan).toContain('SCAN articles USING INDEX articles_created');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
