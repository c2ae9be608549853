import type { Db } from '../../db/connection.js';

export interface AuthorHistory {
  published: number;
  deleted: number;
  pending: number;
}

/** What each e-mail has posted so far, by status: a moderator's first clue about a commenter. */
export async function authorHistories(db: Db, emails: string[]): Promise<Map<string, AuthorHistory>> {
  const histories = new Map<string, AuthorHistory>(emails.map((e) => [e, { published: 0, deleted: 0, pending: 0 }]));
  if (emails.length === 0) return histories;
  const rows = await db
    .selectFrom('comments')
    .select(['email', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('email', 'in', [...new Set(emails)])
    .groupBy(['email', 'status'])
    .execute();
  for (const row of rows) {
    const history = histories.get(row.email);
    if (history) history[row.status] = Number(row.n);
  }
  return histories;
}
