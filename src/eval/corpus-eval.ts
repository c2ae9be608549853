import type { RuleSet } from '../rules/loader.js';
import { type PipelineInput, type PipelineResult, runPipeline } from '../rules/pipeline.js';
import type { ArticleContext } from '../rules/types.js';
import { type Corpus, type CorpusArticle, type CorpusComment, SITE_RULES } from './corpus.js';
import { f1, type OutcomeAccuracy, outcomeAccuracy, outcomeOf, precision, type RuleCounts, recall } from './metrics.js';

/** Whether a rule can fire at all: only `active` rules are scored against their labels' misses. */
export type RuleStatus = 'active' | 'ignored by policy' | 'not in pipeline';

export interface RuleReport extends RuleCounts {
  rule: string;
  status: RuleStatus;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** What a rule showed the moderator when it fired: its message and the spans it pointed at. */
export interface Evidence {
  message: string;
  spans: string[];
}

/** A comment where a rule fired without a label (FP) or a label's rule did not fire (FN). */
export interface Miss {
  id: string;
  rule: string;
  kind: 'FP' | 'FN';
  body: string;
  note: string;
  evidence: Evidence[];
}

export interface CorpusEvaluation {
  articles: number;
  comments: number;
  /** Publish/queue: the decision readers actually see. */
  decisions: OutcomeAccuracy;
  rules: RuleReport[];
  /** Misses of active rules only: for an absent rule every label is a miss, which says nothing. */
  misses: Miss[];
  /** Rules that threw on a comment: the pipeline skipped them, so they count as not fired. */
  ruleErrors: { id: string; rule: string; error: string }[];
}

export function toArticleContext({ id, title, body, tags, lang }: CorpusArticle): ArticleContext {
  return { id, title, body, tags, lang };
}

/** Every comment with its pipeline input, in corpus order: each is checked against its own article. */
export function pipelineInputs(corpus: Corpus): { comment: CorpusComment; input: PipelineInput }[] {
  const articles = new Map(corpus.articles.map((a) => [a.id, toArticleContext(a)]));
  return corpus.comments.map((comment) => {
    const article = articles.get(comment.article);
    // parseCorpus has checked every reference; this guards a Corpus built by hand.
    if (!article) throw new Error(`comment ${comment.id}: unknown article ${comment.article}`);
    return { comment, input: { body: comment.body, article, fallbackLang: article.lang } };
  });
}

export function ruleStatus(ruleSet: RuleSet, rule: string): RuleStatus {
  const loaded = ruleSet.rules.find((r) => r.module.id === rule);
  if (!loaded) return 'not in pipeline';
  return loaded.action === 'ignore' ? 'ignored by policy' : 'active';
}

/**
 * The rules worth a line: every rule labelled or fired, and the four site rules always, so a
 * report made before a rule exists already shows its recall at 0. Site rules come first in the
 * corpus's order, then the pipeline's rules in its order, then any other labelled rule.
 */
function reportedRules(ruleSet: RuleSet, checked: CheckedComment[]): string[] {
  const seen = new Set<string>(checked.flatMap(({ comment, fired }) => [...comment.rules, ...fired]));
  const ordered = [...SITE_RULES, ...ruleSet.rules.map((r) => r.module.id), ...seen];
  return [...new Set(ordered)].filter((rule) => seen.has(rule) || (SITE_RULES as readonly string[]).includes(rule));
}

interface CheckedComment {
  comment: CorpusComment;
  result: PipelineResult;
  fired: Set<string>;
}

function evidenceOf(result: PipelineResult, rule: string): Evidence[] {
  return result.violations
    .filter((v) => v.rule === rule)
    .map((v) => ({ message: v.message[result.lang], spans: v.spans.map((s) => s.text) }));
}

/** Runs every comment of the corpus through the pipeline once and scores it against the labels. */
export function evaluateCorpus(ruleSet: RuleSet, corpus: Corpus): CorpusEvaluation {
  const checked: CheckedComment[] = pipelineInputs(corpus).map(({ comment, input }) => {
    const result = runPipeline(ruleSet, input);
    return { comment, result, fired: new Set(result.violations.map((v) => v.rule)) };
  });
  const rules: RuleReport[] = [];
  const misses: Miss[] = [];

  for (const rule of reportedRules(ruleSet, checked)) {
    const status = ruleStatus(ruleSet, rule);
    const counts: RuleCounts = { tp: 0, fp: 0, fn: 0 };
    for (const { comment, result, fired } of checked) {
      const labelled = comment.rules.includes(rule);
      const didFire = fired.has(rule);
      if (labelled && didFire) counts.tp++;
      else if (didFire) counts.fp++;
      else if (labelled) counts.fn++;
      if (labelled !== didFire && status === 'active') {
        const kind = didFire ? 'FP' : 'FN';
        const evidence = didFire ? evidenceOf(result, rule) : [];
        misses.push({ id: comment.id, rule, kind, body: comment.body, note: comment.note, evidence });
      }
    }
    rules.push({ rule, status, ...counts, precision: precision(counts), recall: recall(counts), f1: f1(counts) });
  }

  return {
    articles: corpus.articles.length,
    comments: corpus.comments.length,
    decisions: outcomeAccuracy(
      checked.map(({ comment, result }) => ({ expected: comment.expect, predicted: outcomeOf(result.decision) })),
    ),
    rules,
    misses,
    ruleErrors: checked.flatMap(({ comment, result }) =>
      result.failedRules.map(({ rule, error }) => ({
        id: comment.id,
        rule,
        error: error instanceof Error ? error.message : String(error),
      })),
    ),
  };
}
