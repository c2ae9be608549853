import type { Config } from './config.js';
import { type Db, type OpenOptions, openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { articleContext, recentArticles } from './domain/articles/articles.js';
import { loadRuleSet, type RuleSet } from './rules/loader.js';
import { defaultRuleModules } from './rules/modules/index.js';
import { articlesToLearn, learnArticles } from './rules/pipeline.js';

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
  if (limit > 0) learnArticles(rules, (await recentArticles(db, limit)).map(articleContext));
  return { db, rules };
}
