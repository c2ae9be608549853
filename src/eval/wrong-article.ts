import { eng, fra } from 'stopword';
import type { Lang } from '../db/schema.js';
import type { RuleSet } from '../rules/loader.js';
import { runPipeline } from '../rules/pipeline.js';
import { analyse } from '../rules/text/analysis.js';
import type { Corpus } from './corpus.js';
import { toArticleContext } from './corpus-eval.js';

const STOP: Record<Lang, Set<string>> = {
  fr: new Set(fra.map((w) => w.toLowerCase())),
  en: new Set(eng.map((w) => w.toLowerCase())),
};

export const MIN_CONTENT_WORDS = 8;

export interface WrongArticleEvaluation {
  /** Clean comments long enough to be judged (≥ 8 content words). */
  comments: number;
  ownChecks: number;
  ownFired: number;
  otherChecks: number;
  otherFired: number;
  /** Share of (comment, other article) pairs where the rule fired: the target is ≥ 85 %. */
  otherRate: number | null;
}

/** Word tokens that are not stop words of the comment's language (the maintained `stopword` lists). */
export function contentWordCount(body: string, lang: Lang): number {
  return analyse(body).tokens.filter((t) => t.kind === 'word' && t.text.length > 1 && !STOP[lang].has(t.lower)).length;
}

/**
 * The on-topic rule's wrong-article test: each clean comment of 8 content words or more is checked
 * against its own article (the rule must stay silent) and against every other article of the
 * corpus, each on another subject (the rule should fire). Null when on-topic does not run.
 */
export function evaluateWrongArticle(ruleSet: RuleSet, corpus: Corpus): WrongArticleEvaluation | null {
  const onTopic = ruleSet.rules.filter((r) => r.module.id === 'on-topic' && r.action !== 'ignore');
  if (onTopic.length === 0) return null;
  const alone: RuleSet = { ...ruleSet, rules: onTopic };
  const articles = corpus.articles.map(toArticleContext);
  const fires = (body: string, article: (typeof articles)[number]) =>
    runPipeline(alone, { body, article, fallbackLang: article.lang }).violations.length > 0;

  const result = { comments: 0, ownChecks: 0, ownFired: 0, otherChecks: 0, otherFired: 0 };
  for (const comment of corpus.comments) {
    if (comment.rules.length > 0 || contentWordCount(comment.body, comment.lang) < MIN_CONTENT_WORDS) continue;
    result.comments++;
    for (const article of articles) {
      const own = article.id === comment.article;
      const fired = fires(comment.body, article);
      if (own) {
        result.ownChecks++;
        if (fired) result.ownFired++;
      } else {
        result.otherChecks++;
        if (fired) result.otherFired++;
      }
    }
  }
  return { ...result, otherRate: result.otherChecks === 0 ? null : result.otherFired / result.otherChecks };
}

export function formatWrongArticleReport(e: WrongArticleEvaluation): string[] {
  const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);
  return [
    `Wrong-article test (on-topic): ${e.comments} clean comments of ${MIN_CONTENT_WORDS}+ content words`,
    `  against another article: fired ${e.otherFired}/${e.otherChecks} (${pct(e.otherFired, e.otherChecks)}; target ≥ 85 %)`,
    `  against its own article: fired ${e.ownFired}/${e.ownChecks} (${pct(e.ownFired, e.ownChecks)}; should be 0)`,
  ];
}
