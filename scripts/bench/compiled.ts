import { execFileSync } from 'node:child_process';
import type * as Language from '../../src/rules/language.js';
import type * as Loader from '../../src/rules/loader.js';
import type * as Modules from '../../src/rules/modules/index.js';
import type * as Pipeline from '../../src/rules/pipeline.js';
import type * as Analysis from '../../src/rules/text/analysis.js';

/**
 * The rule code as production runs it: compiled by tsc into dist/ (npm run build), not the
 * sources through tsx. tsx's transform wraps every function created at run time in a naming
 * helper, which made the rules look 20-40 % slower than they run under `npm start`. `build: false`
 * when the caller has just built them.
 */
export async function compiledRules({ build = true } = {}) {
  if (build) execFileSync('npm', ['run', 'build'], { stdio: 'ignore' });
  // A computed URL: tsx must not redirect these imports to the sources.
  const dist = (path: string) => import(new URL(`../../dist/src/${path}`, import.meta.url).href);
  const [loader, modules, pipeline, analysis, language] = await Promise.all([
    dist('rules/loader.js') as Promise<typeof Loader>,
    dist('rules/modules/index.js') as Promise<typeof Modules>,
    dist('rules/pipeline.js') as Promise<typeof Pipeline>,
    dist('rules/text/analysis.js') as Promise<typeof Analysis>,
    dist('rules/language.js') as Promise<typeof Language>,
  ]);
  return {
    loadRuleSet: loader.loadRuleSet,
    defaultRuleModules: modules.defaultRuleModules,
    runPipeline: pipeline.runPipeline,
    analyse: analysis.analyse,
    detectLanguage: language.detectLanguage,
    detectLanguageOfAnalysis: language.detectLanguageOfAnalysis,
  };
}
