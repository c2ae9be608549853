import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type * as Language from '../../src/rules/language.js';
import type * as Loader from '../../src/rules/loader.js';
import type * as Modules from '../../src/rules/modules/index.js';
import type * as Pipeline from '../../src/rules/pipeline.js';
import type * as Analysis from '../../src/rules/text/analysis.js';

/** What dist/rules.cjs exports (scripts/bundle-server.mjs). */
type RulesBundle = Pick<typeof Loader, 'loadRuleSet'> &
  Pick<typeof Modules, 'defaultRuleModules'> &
  Pick<typeof Pipeline, 'runPipeline'> &
  Pick<typeof Analysis, 'analyse'> &
  Pick<typeof Language, 'detectLanguage' | 'detectLanguageOfAnalysis'>;

/**
 * The rule code as production runs it: compiled by tsc, then bundled by esbuild as the server is
 * (dist/rules.cjs, made by `npm run build` with the server bundle's settings; `npm start` runs the
 * rules from dist/server.cjs). Not the sources through tsx: tsx's transform wraps every function
 * created at run time in a naming helper, which made the rules look 20-40 % slower than they run
 * under `npm start`. Not tsc's ES modules in dist/src either: there V8 reads each imported
 * binding through a module cell, checked at every use, where the bundle refers to the function
 * itself (~3 % more instructions a 1,000-character comment, docs/performance-history.md).
 * `build: false` when the caller has just built them.
 */
export async function compiledRules({ build = true } = {}) {
  if (build) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  return createRequire(import.meta.url)('../../dist/rules.cjs') as RulesBundle;
}
