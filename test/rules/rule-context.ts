import type { Lang } from '../../src/db/schema.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { lazyAnalysis } from '../../src/rules/text/analysis.js';
import type { AnyRuleModule, ArticleContext, RuleContext, Violation } from '../../src/rules/types.js';

interface ContextParts<D, O> {
  data: D;
  options: O;
  lang?: Lang;
  article?: ArticleContext | null;
  submission?: RuleContext['submission'];
  shared?: Map<string, unknown>;
}

/** A complete rule context around hand-made data and options, for unit tests of one rule. */
export function makeRuleContext<D, O>(text: string, parts: ContextParts<D, O>): RuleContext<D, O> {
  return {
    article: parts.article ?? null,
    lang: parts.lang ?? 'fr',
    data: parts.data,
    options: parts.options,
    analysis: lazyAnalysis(text),
    shared: parts.shared ?? new Map(),
    submission: parts.submission ?? {},
  };
}

/**
 * A rule with its real data from rules/ and its options from rules/policy.json, checked the way
 * the pipeline checks it (tests of the rule as shipped, like ESLint's RuleTester).
 */
export function shippedRule(module: AnyRuleModule) {
  const set = loadRuleSet({ modules: [module] });
  const loaded = set.rules[0];
  if (!loaded) throw new Error(`rule ${module.id} did not load`);
  return {
    check(
      text: string,
      {
        lang = 'fr',
        article = null,
        submission = {},
      }: { lang?: Lang; article?: ArticleContext | null; submission?: RuleContext['submission'] } = {},
    ): Violation[] {
      return module.check(
        text,
        makeRuleContext(text, { data: loaded.data[lang], options: loaded.options, lang, article, submission }),
      );
    },
  };
}
