import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import type { ArticleCache } from '../domain/articles/article-cache.js';
import type { Principal } from '../domain/tokens/tokens.js';
import type { TurnBudget } from '../event-loop-turn.js';
import type { RuleSet } from '../rules/loader.js';
import type { Suggester } from '../rules/spelling/suggester.js';

/** What createApp is built from: everything with state or I/O comes in from outside. */
export interface AppDeps {
  db: Db;
  rules: RuleSet;
  config: Config;
  clock: Clock;
  logger: Logger;
  /**
   * Where /v1/check and the moderator's view get spelling suggestions: the server passes a worker
   * thread (rules/spelling/worker-suggester.ts); without one, they are computed in-process.
   */
  suggester?: Suggester;
  /**
   * The event loop's turn budget (event-loop-turn.ts), shared with the database's group commit:
   * requests beyond it wait for a later turn. Without one, every request goes on at once.
   */
  turn?: TurnBudget;
}

/** What the routes get: the app's dependencies and what createApp builds from them. */
export interface RouteDeps extends AppDeps {
  /** The articles the comment paths read, shared by the routes that read and write them. */
  articles: ArticleCache;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
  };
}
