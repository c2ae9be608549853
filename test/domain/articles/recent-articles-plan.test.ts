import { describe, expect, it } from 'vitest';
import { sqliteQueryPlan } from '../../../src/db/query-plan.js';
import { recentArticlesQuery } from '../../../src/domain/articles/articles.js';
import { sqliteForEachTest } from '../../helpers.js';

/**
 * Start-up reads the most recent articles for the on-topic rule's IDF: through the index, newest
 * first, without sorting the archive.
 */
const database = sqliteForEachTest();

describe('recent articles (SQLite)', () => {
  it('reads the articles_created index backwards, without a sort', async () => {
    const db = database();
    const plan = (await sqliteQueryPlan(db, recentArticlesQuery(db, 500))).join(' | ');
    expect(plan).toContain('SCAN articles USING INDEX articles_created');
    expect(plan).not.toContain('TEMP B-TREE');
  });
});
