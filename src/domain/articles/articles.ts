import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connection.js';
import type { ArticleRow, Lang, Premoderation } from '../../db/schema.js';
import { lockKeys, writeTransaction } from '../../db/transaction.js';
import type { ArticleContext } from '../../rules/types.js';

export interface ArticleInput {
  title: string;
  body: string;
  url?: string | undefined;
  lang: Lang;
  tags: string[];
  commentsOpen: boolean;
  premoderation?: Premoderation | undefined;
}

/** The terms the rules learn an article by, and the version of the rules that made them. */
export interface StoredTerms {
  terms: readonly string[];
  version: string;
}

/** The columns that hold an article's terms: space-separated (a term holds no space), and their version. */
function termColumns(stored: StoredTerms | null) {
  return { term_keys: stored === null ? null : stored.terms.join(' '), term_keys_version: stored?.version ?? null };
}

/** The terms stored with an article, when `version` made them. */
export function storedTerms(row: ArticleRow, version: string): string[] | null {
  if (row.term_keys === null || row.term_keys_version !== version) return null;
  return row.term_keys.split(' ').filter((key) => key !== '');
}

/**
 * Registers or replaces an article (the CMS is the source of truth), with the terms the rules
 * made from this version of it (see bootstrap.ts): none, and the next start-up computes them.
 */
export async function upsertArticle(
  db: Db,
  clock: Clock,
  id: string,
  input: ArticleInput,
  terms: StoredTerms | null = null,
) {
  const now = clock.now().toISOString();
  const values = {
    title: input.title,
    body: input.body,
    url: input.url ?? null,
    lang: input.lang,
    tags: JSON.stringify(input.tags),
    comments_open: input.commentsOpen ? 1 : 0,
    premoderation: input.premoderation ?? null,
    updated_at: now,
    // Those of an earlier text are forgotten in any case.
    ...termColumns(terms),
  };
  return writeTransaction(db, async (tx) => {
    await lockKeys(tx, [`article:${id}`]);
    const existed = await articleExists(tx, id);
    if (existed) {
      await tx.updateTable('articles').set(values).where('id', '=', id).execute();
    } else {
      await tx
        .insertInto('articles')
        .values({ id, ...values, created_at: now })
        .execute();
    }
    const article = await tx.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return { article, created: !existed };
  });
}

export function findArticle(db: Db, id: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Whether the article exists, from its primary key alone: a comment page asks on every request,
 * and the whole row carries the article's text and stored terms (kilobytes each).
 */
export async function articleExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** The `limit` most recently created articles, newest first (index articles_created). */
export function recentArticlesQuery(db: Db, limit: number) {
  return db.selectFrom('articles').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit);
}

export function recentArticles(db: Db, limit: number): Promise<ArticleRow[]> {
  return recentArticlesQuery(db, limit).execute();
}

export interface ArticleTerms extends StoredTerms {
  id: string;
  /** The update of the article the terms were made from: a later update wins. */
  updatedAt: string;
}

/**
 * Stores the terms the rules learnt an article by (see bootstrap.ts), unless the article changed
 * since they were made from it. One transaction for all of them.
 */
export async function storeArticleTerms(db: Db, all: readonly ArticleTerms[]) {
  if (all.length === 0) return;
  await writeTransaction(db, async (tx) => {
    for (const { id, updatedAt, terms, version } of all) {
      await tx
        .updateTable('articles')
        .set(termColumns({ terms, version }))
        .where('id', '=', id)
        .where('updated_at', '=', updatedAt)
        .execute();
    }
  });
}

export function articleContext(row: ArticleRow): ArticleContext {
  return { id: row.id, title: row.title, body: row.body, tags: JSON.parse(row.tags) as string[], lang: row.lang };
}

/** Published-comment counts for the given articles; unknown or empty articles count 0. */
export async function publishedCounts(db: Db, articleIds: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(articleIds.map((id) => [id, 0]));
  if (articleIds.length === 0) return counts;
  const rows = await db
    .selectFrom('comments')
    .select(['article_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('article_id', 'in', articleIds)
    .where('status', '=', 'published')
    .groupBy('article_id')
    .execute();
  // PostgreSQL returns count(*) as a string (bigint): normalise.
  for (const row of rows) counts[row.article_id] = Number(row.n);
  return counts;
}
