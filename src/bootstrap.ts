import type { Config } from './config.js';
import { type Db, type OpenOptions, openDatabase } from './db/connection.js';
import { migrateToLatest } from './db/migrate.js';
import { articleContext } from './domain/articles/articles.js';
import { loadRuleSet, type RuleSet } from './rules/loader.js';
import { defaultRuleModules } from './rules/modules/index.js';
import { learnArticles } from './rules/pipeline.js';

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
  // Rules that learn from the whole site (the on-topic rule's word weights) read the articles once.
  const articles = await db.selectFrom('articles').selectAll().execute();
  learnArticles(rules, articles.map(articleContext));
  return { db, rules };
}
