import { describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import { databaseAt } from './database-at.js';

const BEFORE = '0006_articles_created';

describe('migration 0007: the articles’ stored terms', () => {
  it('adds two empty columns to the existing articles, and takes them away again', async () => {
    const { db, schema, old } = await databaseAt(BEFORE);

    await migrateToLatest(db, schema ?? undefined);
    expect(await db.selectFrom('articles').select(['id', 'term_keys', 'term_keys_version']).execute()).toEqual([
      { id: 'a1', term_keys: null, term_keys_version: null },
    ]);

    await migrateTo(db, BEFORE, schema ?? undefined);
    await expect(old.selectFrom('articles').select('term_keys').execute()).rejects.toThrow();
    expect(await old.selectFrom('articles').select(['id', 'title']).execute()).toEqual([{ id: 'a1', title: 'T' }]);
  });
});
