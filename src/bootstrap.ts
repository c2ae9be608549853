import type { Config } from './config.js';
import { type Db, type OpenOptions, openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import {
  type ArticleTerms,
  articleContext,
  recentArticles,
  storeArticleTerms,
  storedTerms,
} from './domain/articles/articles.js';
import { loadRuleSet, type RuleSet } from './rules/loader.js';
import { defaultRuleModules } from './rules/modules/index.js';
import { articlesToLearn, articleTerms, articleTermsVersion, learnArticles } from './rules/pipeline.js';

/** What the server and the CLI both need: a migrated database and the loaded rules. */
export async function openServices(config: Config, options: OpenOptions = {}): Promise<{ db: Db; rules: RuleSet }> {
  const rules = loadRuleSet({ dir: config.RULES_DIR, modules: defaultRuleModules });
  const db = openDatabase(config.DATABASE_URL, options);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  // Rules that learn from the site (the on-topic rule's word weights) read its recent articles
  // once: all of them took +1.3-2.4 s of start-up at 10,000 articles of 1.5 KB.
  const limit = articlesToLearn(rules);
  if (limit > 0) await learnRecentArticles(db, rules, limit);
  return { db, rules };
}

/**
 * The rules learn from the `limit` most recent articles by their stored terms (written with each
 * PUT of an article); the terms of articles that have none of this version (stored before
 * migration 0007 or around the API, or made by other rules) are computed now and stored, so that
 * the next start reads them too: stemming 200 articles took 250-340 ms here.
 */
async function learnRecentArticles(db: Db, rules: RuleSet, limit: number) {
  const version = articleTermsVersion(rules);
  const computed: ArticleTerms[] = [];
  const articles = (await recentArticles(db, limit)).map((row) => {
    const article = articleContext(row);
    if (version === null) return article;
    const stored = storedTerms(row, version);
    if (stored !== null) return { ...article, terms: stored };
    const terms = articleTerms(rules, article);
    if (terms === null) return article;
    computed.push({ id: row.id, updatedAt: row.updated_at, terms, version });
    return { ...article, terms };
  });
  learnArticles(rules, articles);
  await storeArticleTerms(db, computed);
}
