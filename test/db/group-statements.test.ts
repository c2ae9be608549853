import { describe, expect, it } from 'vitest';
import { type Db, sqliteConnectionOf } from '../../src/db/connection.js';
import { groupConnectionOf, tableInsert } from '../../src/db/group-statements.js';
import type { CommentsTable, Database } from '../../src/db/schema.js';
import { writeTransaction } from '../../src/db/transaction.js';
import { openTestDatabase, testingOnPostgres } from '../helpers.js';

const at = '2026-11-29T10:00:00.000Z';

async function withArticle(): Promise<Db> {
  const { db } = await openTestDatabase();
  await db
    .insertInto('articles')
    .values({
      id: 'a1',
      title: 'Titre',
      body: 'Corps',
      url: null,
      lang: 'fr',
      tags: '[]',
      comments_open: 1,
      premoderation: null,
      created_at: at,
      updated_at: at,
      term_keys: null,
      term_keys_version: null,
    })
    .execute();
  return db;
}

const comment = (id: string, overrides: Partial<CommentsTable> = {}): CommentsTable => ({
  id,
  article_id: 'a1',
  parent_id: null,
  author: 'Lectrice',
  email: `${id}@example.org`,
  body: 'Un commentaire, avec des accents : é, à, œ.',
  status: 'published',
  hold_reason: null,
  lang: 'fr',
  ip: null,
  user_agent: 'Mozilla/5.0',
  fingerprint: `fp-${id}`,
  flagged_rules: null,
  created_at: at,
  updated_at: at,
  ...overrides,
});

// A fresh insert per test: each remembers the columns of the first row it saw.
const insertComments = () => tableInsert<Database, 'comments'>('comments');

describe('tableInsert', () => {
  it.each([
    ['inside a write transaction (a commit group on SQLite)', true],
    ['on the database itself', false],
  ])('writes every column of every row, %s', async (_where, inTransaction) => {
    const db = await withArticle();
    const insert = insertComments();
    const rows = [
      comment('c1'),
      comment('c2', { parent_id: 'c1', status: 'pending', hold_reason: 'flagged', ip: '203.0.113.7' }),
      comment('c3', { flagged_rules: 'civility,sms', user_agent: null, fingerprint: null, lang: 'en' }),
    ];
    if (inTransaction) await writeTransaction(db, (tx) => insert(tx, rows));
    else await insert(db, rows);
    expect(await db.selectFrom('comments').selectAll().orderBy('id').execute()).toEqual(rows);
  });

  it('writes the violations and events of the comment POST, several rows at once', async () => {
    const db = await withArticle();
    const violations = tableInsert<Database, 'comment_violations'>('comment_violations');
    const events = tableInsert<Database, 'moderation_events'>('moderation_events');
    const violationRows = [0, 1].map((position) => ({
      comment_id: 'c1',
      position,
      rule: position === 0 ? 'civility' : 'sms-speak',
      message_id: 'm',
      severity: 'error' as const,
      message: 'Message',
      spans: '[{"start":0,"end":3}]',
      details: position === 0 ? null : '{"word":"mdr"}',
      rules_version: 'v1',
    }));
    const event = {
      id: 'e1',
      comment_id: 'c1',
      action: 'hold' as const,
      from_status: null,
      to_status: 'pending' as const,
      actor: 'system',
      reason: 'civility',
      note: null,
      created_at: at,
    };
    await writeTransaction(db, async (tx) => {
      await insertComments()(tx, [comment('c1', { status: 'pending', hold_reason: 'flagged' })]);
      await violations(tx, violationRows);
      await events(tx, [event]);
    });
    expect(await db.selectFrom('comment_violations').selectAll().orderBy('position').execute()).toEqual(violationRows);
    expect(await db.selectFrom('moderation_events').selectAll().execute()).toEqual([event]);
  });

  // Through Kysely (PostgreSQL) a missing column takes its default; on a group's connection it must not.
  it.skipIf(testingOnPostgres)('refuses a row whose columns are not those it compiled (SQLite)', async () => {
    const db = await withArticle();
    const insert = insertComments();
    await writeTransaction(db, (tx) => insert(tx, [comment('c1')]));
    const { flagged_rules: _dropped, ...missingOne } = comment('c2');
    await expect(writeTransaction(db, (tx) => insert(tx, [missingOne as CommentsTable]))).rejects.toThrow(
      'other columns than its first',
    );
  });

  it('fails a duplicate with the driver’s own unique-violation code, and the unit alone', async () => {
    const db = await withArticle();
    const insert = insertComments();
    const results = await Promise.allSettled([
      writeTransaction(db, (tx) => insert(tx, [comment('c1')])),
      writeTransaction(db, (tx) => insert(tx, [comment('c2', { fingerprint: 'fp-c1' })])),
      writeTransaction(db, (tx) => insert(tx, [comment('c3')])),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.code).toBe(
      testingOnPostgres ? '23505' : 'SQLITE_CONSTRAINT_UNIQUE',
    );
    expect((await db.selectFrom('comments').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([
      'c1',
      'c3',
    ]);
  });
});

describe.skipIf(testingOnPostgres)('groupConnectionOf (SQLite)', () => {
  it('gives a commit group’s transaction its connection, and nothing else', async () => {
    const db = await withArticle();
    let inGroup: unknown;
    await writeTransaction(db, async (tx) => {
      inGroup = groupConnectionOf(tx);
    });
    expect(inGroup).toBeDefined();
    expect(inGroup).toBe(sqliteConnectionOf(db));
    // The database itself may have lent its connection to a group: its statements wait their turn in Kysely.
    expect(groupConnectionOf(db)).toBeUndefined();
  });
});
