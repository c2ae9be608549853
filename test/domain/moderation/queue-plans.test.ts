import type { Compilable } from 'kysely';
import { describe, expect, it } from 'vitest';
import { sqliteQueryPlan } from '../../../src/db/query-plan.js';
import { listQueueQuery, queueCountQuery } from '../../../src/domain/moderation/queue.js';
import { sqliteForEachTest } from '../../helpers.js';

/**
 * The queue counts run after every decision of the moderation desk, on the event loop: with
 * 20,000 pending comments, counting per rule through the violations took 42 ms, one grouped read
 * of the queue's index 11 ms. These plans are SQLite's (the embedded default), whatever database
 * the suite runs on.
 */
const database = sqliteForEachTest();

const planOf = async (query: Compilable) => (await sqliteQueryPlan(database(), query)).join(' | ');

describe('queue plans (SQLite)', () => {
  it('the counts are one read of the queue index alone, without the rows or the violations', async () => {
    const plan = await planOf(queueCountQuery(database()));
    expect(plan).toContain('SEARCH comments USING COVERING INDEX comments_queue (status=?)');
    expect(plan).not.toContain('comment_violations');
  });

  it.each([
    ['the whole queue', {}],
    ['one hold reason', { reason: 'flagged' as const }],
    ['one rule', { rule: 'civility' }],
  ])('the queue page (%s) reads pending comments in order, without sorting them', async (_name, filters) => {
    const plan = await planOf(listQueueQuery(database(), filters, 50, null));
    expect(plan).toContain('SEARCH comments USING INDEX comments_queue');
    expect(plan).not.toContain('TEMP B-TREE FOR ORDER BY');
  });
});
