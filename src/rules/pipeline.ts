import { createHash } from 'node:crypto';
import type { Lang } from '../db/schema.js';
import { detectLanguageOfAnalysis } from './language.js';
import type { RuleSet } from './loader.js';
import type { Suggester } from './spelling/suggester.js';
import { lazyAnalysis } from './text/analysis.js';
import { renewWordIdsWhenFull } from './text/word-ids.js';
import type { ArticleContext, Decision, LearningArticle, RuleContext, Violation } from './types.js';

export interface PipelineInput {
  body: string;
  article: ArticleContext | null;
  /** Language to assume when detection is unsure; the article's language when there is one. */
  fallbackLang: Lang;
  submission?: RuleContext['submission'];
}

export interface PipelineResult {
  decision: Decision;
  lang: Lang;
  violations: Violation[];
  /** Rules that threw: they were skipped, the others still ran. */
  failedRules: { rule: string; error: unknown }[];
}

export type RuleErrorHandler = (rule: string, error: unknown) => void;

/**
 * Runs every rule of the set on one comment, each isolated (a rule that throws is reported and
 * skipped, never a failed request), and turns the violations into a decision with the policy's
 * actions: any `reject` rejects, any `queue` queues, `ignore`d rules do not run at all.
 */
export function runPipeline(ruleSet: RuleSet, input: PipelineInput, onRuleError?: RuleErrorHandler): PipelineResult {
  // No analysis is being read between two comments: the one place the word numbers may start again.
  renewWordIdsWhenFull();
  // Every rule reads the tokens, and the language is read from them: one tokenisation.
  const analysis = lazyAnalysis(input.body);
  const lang = detectLanguageOfAnalysis(analysis(), input.fallbackLang, ruleSet.language);
  const violations: Violation[] = [];
  const failedRules: PipelineResult['failedRules'] = [];
  let decision: Decision = 'publish';
  const shared = new Map<string, unknown>();

  for (const rule of ruleSet.rules) {
    if (rule.action === 'ignore') continue;
    let found: Violation[];
    try {
      found = rule.module.check(input.body, {
        article: input.article,
        lang,
        data: rule.data[lang],
        options: rule.options,
        analysis,
        shared,
        submission: input.submission ?? {},
      });
    } catch (error) {
      failedRules.push({ rule: rule.module.id, error });
      onRuleError?.(rule.module.id, error);
      continue;
    }
    if (found.length === 0) continue;
    violations.push(...found);
    if (rule.action === 'reject') decision = 'reject';
    else if (decision === 'publish') decision = 'queue';
  }
  return { decision, lang, violations, failedRules };
}

/**
 * How many of the site's most recent articles the rules learn from at start-up: the most any
 * rule asks for. Bounded, so that start-up does not grow with the archive.
 */
export function articlesToLearn(ruleSet: RuleSet): number {
  let most = 0;
  for (const rule of ruleSet.rules) {
    if (rule.action === 'ignore' || !rule.module.learnArticles) continue;
    most = Math.max(most, rule.module.articlesToLearn?.(rule.options) ?? 0);
  }
  return most;
}

/** Lets every rule that wants it learn from the site's articles (at start-up); not ignored ones. */
export function learnArticles(ruleSet: RuleSet, articles: readonly LearningArticle[]) {
  for (const rule of ruleSet.rules) if (rule.action !== 'ignore') rule.module.learnArticles?.(articles, rule.data);
}

/** The rule whose article terms are stored (see `articleTerms` in types.ts), if one learns. */
function termsRule(ruleSet: RuleSet) {
  return ruleSet.rules.find((r) => r.action !== 'ignore' && r.module.learnArticles && r.module.articleTerms);
}

/**
 * What stored article terms must have been made by to be used: the data and options of the rule
 * that makes them (not the whole rule set's: an edit of another rule's lexicon does not make a
 * start compute every article's terms again), the rule, and what its terms depend on besides
 * (its stemmer). Null when no rule stores terms.
 */
export function articleTermsVersion(ruleSet: RuleSet): string | null {
  const rule = termsRule(ruleSet);
  if (!rule) return null;
  return createHash('sha256')
    .update(`${rule.dataVersion}\0${rule.module.id}\0${rule.module.termsVersion?.() ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}

/** The terms to store with an article (null when no rule learns it by terms). */
export function articleTerms(ruleSet: RuleSet, article: ArticleContext): string[] | null {
  const rule = termsRule(ruleSet);
  return rule?.module.articleTerms?.(article, rule.data) ?? null;
}

/** An article's terms with their version, as stored with it; null when no rule stores terms. */
export function termsToStore(ruleSet: RuleSet, article: ArticleContext): { terms: string[]; version: string } | null {
  const version = articleTermsVersion(ruleSet);
  const terms = version === null ? null : articleTerms(ruleSet, article);
  return version === null || terms === null ? null : { terms, version };
}

/** Lets every rule that wants it analyse an article when it is registered or changed; not ignored ones. */
export function prepareArticle(ruleSet: RuleSet, article: ArticleContext) {
  for (const rule of ruleSet.rules) if (rule.action !== 'ignore') rule.module.prepareArticle?.(article, rule.data);
}

/**
 * Lets rules add slow help to their violations (spelling suggestions), for interactive uses only.
 * The time budget is shared by all rules, in pipeline order.
 */
export async function explainViolations(
  ruleSet: RuleSet,
  violations: Violation[],
  lang: Lang,
  timeBudgetMs: number,
  suggester?: Suggester,
) {
  const deadline = performance.now() + timeBudgetMs;
  for (const rule of ruleSet.rules) {
    if (!rule.module.explain) continue;
    const own = violations.filter((v) => v.rule === rule.module.id);
    if (own.length === 0) continue;
    await rule.module.explain(own, lang, { timeBudgetMs: Math.max(0, deadline - performance.now()), suggester });
  }
}
