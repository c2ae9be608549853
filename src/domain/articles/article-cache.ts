import type { Clock } from '../../clock.js';
import type { Db } from '../../db/connection.js';
import type { ArticleRow } from '../../db/schema.js';
import type { ArticleContext } from '../../rules/types.js';
import { articleContext, findArticle } from './articles.js';

export interface CachedArticle {
  row: ArticleRow;
  /** One object per cached row: the on-topic rule recognises it without hashing the article's text. */
  context: ArticleContext;
}

/**
 * Articles as the comment paths read them (each submission, each draft /v1/check): from memory,
 * for up to `ttlMs`. Every comment and every draft otherwise read the article's row, parsed its
 * tags and built a new context, which the on-topic rule could only recognise by hashing the
 * article's title, tags and body: with it, a comment's server CPU went from 1.27 to 1.15 ms here
 * (docs/performance-history.md, "What changed since 11:27").
 *
 * How stale it can be: an article written through this instance's API is forgotten at once
 * (`forget`, called by PUT); written elsewhere (another instance on PostgreSQL, the database by
 * hand), it is read again within `ttlMs`. `ttlMs` 0 reads it every time. Unknown articles are
 * not remembered: an article created on another instance takes comments at once.
 */
export class ArticleCache {
  private readonly entries = new Map<string, CachedArticle & { until: number }>();
  /**
   * Bumped by every forget(): a read that started before a write must not store what it read.
   * One counter for all articles: a write elsewhere only costs a read its place in the cache.
   */
  private writes = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly limit = 1000,
  ) {}

  async get(db: Db, id: string): Promise<CachedArticle | undefined> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(id);
    if (hit !== undefined && hit.until > now) return hit;
    const writesBefore = this.writes;
    const row = await findArticle(db, id);
    if (row === undefined) {
      this.entries.delete(id);
      return undefined;
    }
    const found = { row, context: articleContext(row) };
    if (this.ttlMs > 0 && this.writes === writesBefore) {
      // Articles commented at once are few (the recent ones): forgetting them all when full is
      // simpler than an LRU and costs one read each.
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(id, { ...found, until: now + this.ttlMs });
    }
    return found;
  }

  /** The article changed (or may have): the next get() reads it from the database. */
  forget(id: string): void {
    this.entries.delete(id);
    this.writes++;
  }
}
