import { describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import { flaggedRules } from '../../src/domain/comments/repository.js';
import { queueCounts } from '../../src/domain/moderation/queue.js';
import { AT as at, databaseAt } from './database-at.js';

const BEFORE = '0004_queue_index_with_reason';

/** Comments as 0004 stored them (no flagged_rules), each with the rules of its violations. */
const stored: [id: string, status: string, holdReason: string | null, violationRules: string[]][] = [
  ['c1', 'pending', 'flagged', ['sms-speak', 'civility', 'civility']],
  ['c2', 'pending', 'flagged', ['proofreading']],
  ['c3', 'pending', 'premoderation', []],
  ['c4', 'pending', 'reported', ['civility']],
  ['c5', 'published', null, ['on-topic']],
  ['c6', 'deleted', null, []],
];

describe('migration 0005: the rules that flagged each comment', () => {
  it('fills flagged_rules from the stored violations, sorted and once each, and the counts read them', async () => {
    const { db, schema, old } = await databaseAt(BEFORE);
    for (const [id, status, holdReason, rules] of stored) {
      await old
        .insertInto('comments')
        .values({
          id,
          article_id: 'a1',
          author: 'A',
          email: `${id}@x.org`,
          body: 'Texte',
          status,
          hold_reason: holdReason,
          lang: 'fr',
          created_at: at,
          updated_at: at,
        })
        .execute();
      for (const [position, rule] of rules.entries()) {
        await old
          .insertInto('comment_violations')
          .values({
            comment_id: id,
            position,
            rule,
            message_id: `${rule}.x`,
            severity: 'high',
            message: 'm',
            spans: '[]',
            rules_version: 'v',
          })
          .execute();
      }
    }

    await migrateToLatest(db, schema ?? undefined);

    const rows = await db.selectFrom('comments').select(['id', 'flagged_rules']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'c1', flagged_rules: 'civility,sms-speak' },
      { id: 'c2', flagged_rules: 'proofreading' },
      { id: 'c3', flagged_rules: null },
      { id: 'c4', flagged_rules: 'civility' },
      { id: 'c5', flagged_rules: 'on-topic' },
      { id: 'c6', flagged_rules: null },
    ]);
    // What new comments get is what the migration wrote for the old ones.
    for (const [id, , , rules] of stored) {
      expect(rows.find((r) => r.id === id)?.flagged_rules).toBe(flaggedRules(rules.map((rule) => ({ rule }))));
    }
    expect(await queueCounts(db)).toEqual({
      total: 4,
      byReason: { flagged: 2, premoderation: 1, reported: 1 },
      byRule: { civility: 2, 'sms-speak': 1, proofreading: 1 },
    });

    // And back: the column and its index go, 0004's index returns.
    await migrateTo(db, BEFORE, schema ?? undefined);
    await expect(old.selectFrom('comments').select('flagged_rules').execute()).rejects.toThrow();
  });
});

describe('flaggedRules', () => {
  it.each([
    [[], null],
    [['civility'], 'civility'],
    [['sms-speak', 'civility', 'sms-speak'], 'civility,sms-speak'],
    [['proofreading', 'on-topic', 'links'], 'links,on-topic,proofreading'],
  ])('%j → %j', (rules, expected) => {
    expect(flaggedRules(rules.map((rule) => ({ rule })))).toBe(expected);
  });
});
