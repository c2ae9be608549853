import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.js';
import * as m0002 from './0002_privacy_requests.js';
import * as m0003 from './0003_comments_email_status.js';
import * as m0004 from './0004_queue_index_with_reason.js';
import * as m0005 from './0005_comments_flagged_rules.js';
import * as m0006 from './0006_articles_created.js';
import * as m0007 from './0007_articles_term_keys.js';

/**
 * Every migration, in order. A static list (rather than reading the folder at run time) works the
 * same from TypeScript sources, compiled output and tests. Add one entry per schema change.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_privacy_requests': m0002,
  '0003_comments_email_status': m0003,
  '0004_queue_index_with_reason': m0004,
  '0005_comments_flagged_rules': m0005,
  '0006_articles_created': m0006,
  '0007_articles_term_keys': m0007,
};
