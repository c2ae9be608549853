import type { Db } from '../../db/connection.js';

export interface RuleStats {
  flagged: number;
  approved: number;
  deleted: number;
  rejected: number;
  pending: number;
  /** approved / (approved + deleted): how often moderators overruled the rule. null before any decision. */
  falsePositiveRate: number | null;
}

/**
 * Per rule, for comments submitted since `since`: how many it flagged and what became of them.
 * Approved = a moderator published it despite the rule (a false positive as moderators judge
 * it); deleted = a moderator agreed; rejected = the policy refused it outright.
 */
export async function ruleStats(db: Db, since: string): Promise<Record<string, RuleStats>> {
  const flagged = await db
    .selectFrom('comment_violations')
    .innerJoin('comments', 'comments.id', 'comment_violations.comment_id')
    .select([
      'comment_violations.rule',
      'comments.status',
      (eb) => eb.fn.count<number | string>('comments.id').distinct().as('n'),
    ])
    .where('comments.created_at', '>=', since)
    .groupBy(['comment_violations.rule', 'comments.status'])
    .execute();
  const rejected = await db
    .selectFrom('comment_violations')
    .innerJoin('moderation_events', 'moderation_events.comment_id', 'comment_violations.comment_id')
    .select([
      'comment_violations.rule',
      (eb) => eb.fn.count<number | string>('moderation_events.comment_id').distinct().as('n'),
    ])
    .where('moderation_events.action', '=', 'reject')
    .where('moderation_events.created_at', '>=', since)
    .groupBy('comment_violations.rule')
    .execute();

  const stats: Record<string, RuleStats> = {};
  const entry = (rule: string) => {
    stats[rule] ??= { flagged: 0, approved: 0, deleted: 0, rejected: 0, pending: 0, falsePositiveRate: null };
    return stats[rule];
  };
  for (const row of flagged) {
    const s = entry(row.rule);
    const n = Number(row.n);
    s.flagged += n;
    if (row.status === 'published') s.approved += n;
    else if (row.status === 'pending') s.pending += n;
    else s.deleted += n;
  }
  for (const row of rejected) {
    const s = entry(row.rule);
    // A rejected comment is stored as deleted: count it as rejected, not as a moderator's delete.
    s.rejected = Number(row.n);
    s.deleted -= s.rejected;
  }
  for (const s of Object.values(stats)) {
    const decided = s.approved + s.deleted;
    s.falsePositiveRate = decided === 0 ? null : Math.round((s.approved / decided) * 1000) / 1000;
  }
  return stats;
}
