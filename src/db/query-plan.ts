import { type Compilable, CompiledQuery } from 'kysely';
import type { Db } from './connection.js';

/**
 * SQLite's plan (EXPLAIN QUERY PLAN) of a query as Kysely sends it, one line per step: which index
 * serves it, and whether it scans or sorts. For the tests and the benchmark.
 */
export async function sqliteQueryPlan(db: Db, query: Compilable): Promise<string[]> {
  const { sql, parameters } = query.compile();
  const { rows } = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
  );
  return rows.map((r) => r.detail);
}
