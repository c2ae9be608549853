import type { Lang } from '../db/schema.js';
import type { Suggester } from './spelling/suggester.js';
import type { TextAnalysis } from './text/analysis.js';

export type Severity = 'low' | 'medium' | 'high';

/** A 0-based, half-open range of UTF-16 code units in the comment body, with the text it covers. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface LocalizedText {
  fr: string;
  en: string;
}

export interface Violation {
  rule: string;
  /** Stable id of the message, for clients that translate or style it themselves. */
  messageId: string;
  severity: Severity;
  message: LocalizedText;
  spans: Span[];
  /** Rule-specific evidence (suggestions, categories, scores), shown to moderators. */
  details?: Record<string, unknown>;
}

export interface ArticleContext {
  id: string;
  title: string;
  body: string;
  tags: string[];
  lang: Lang;
}

/** What a rule may look at besides the text. Everything is read-only: rules are pure. */
export interface RuleContext<Data = unknown, Options = unknown> {
  /** null for a dry run without an article. */
  article: ArticleContext | null;
  /** Language detected for the comment (the article's language when unsure). */
  lang: Lang;
  /** This rule's data for `lang`, loaded and validated from rules/<lang>/. */
  data: Data;
  /** This rule's thresholds from rules/policy.json. */
  options: Options;
  /** Tokens and sentences of the text, computed on first use and shared by all rules. */
  analysis(): TextAnalysis;
  /**
   * Results other rules computed on this text, for rules that depend on each other (the
   * proofreading rule skips the tokens the sms-speak rule claimed). Keyed by the producer's id.
   */
  shared: Map<string, unknown>;
  /** Form fields other than the body. */
  submission: {
    author?: string;
    /** The hidden honeypot field: humans leave it empty. */
    honeypot?: string;
    /** Body of the comment this one replies to, when it is a reply. */
    parentBody?: string;
  };
}

/** Reads the files of one language folder of the rule data; returns null when a file is absent. */
export interface RuleFiles {
  readJson(name: string): unknown | null;
  readText(name: string): string | null;
}

/**
 * An article a rule learns from, with its stored terms when there are: those of the one rule that
 * makes terms (see `articleTerms`), whichever rule reads them.
 */
export interface LearningArticle extends ArticleContext {
  terms?: readonly string[] | undefined;
}

export interface RuleModule<Data = unknown, Options = unknown> {
  id: string;
  /** Validates this rule's entry of rules/policy.json (beside `action`). */
  parseOptions(raw: Record<string, unknown>): Options;
  /** Loads and validates this rule's data for one language; called once at start-up. */
  loadData(files: RuleFiles, lang: Lang): Data;
  check(text: string, context: RuleContext<Data, Options>): Violation[];
  /**
   * Optional: the site's most recent articles, at start-up, for rules that learn from them (the
   * on-topic rule's IDF), as many as `articlesToLearn` asks (none without it). Must not be slow:
   * it runs once before the server listens.
   */
  learnArticles?(articles: readonly LearningArticle[], data: Record<Lang, Data>): void;
  /** How many of the most recent articles `learnArticles` wants, from the rule's options. */
  articlesToLearn?(options: Options): number;
  /**
   * Optional, with `learnArticles`: the terms the rule learns an article by (the on-topic rule's
   * stem keys), without spaces, or null for an article it does not learn from. Stored with the
   * article (articles.term_keys) and given back to `learnArticles`, so that a start-up need not
   * analyse every article again. One rule at most provides them (one column holds them).
   */
  articleTerms?(article: ArticleContext, data: Record<Lang, Data>): string[] | null;
  /** What the terms depend on besides the rule data files (a stemmer's version, the code's format). */
  termsVersion?(): string;
  /** Optional: an article was registered or changed, so a rule can analyse it now, not on a comment. */
  prepareArticle?(article: ArticleContext, data: Record<Lang, Data>): void;
  /**
   * Optional, slow: adds help to this rule's violations in place (spelling suggestions), within a
   * time budget. Only for interactive uses (/v1/check, the moderator's view, the CLI), never on
   * the comment submission path.
   */
  explain?(violations: Violation[], lang: Lang, options: ExplainOptions): Promise<void>;
}

export interface ExplainOptions {
  timeBudgetMs: number;
  /** Where spelling suggestions come from (a worker thread in the server); in-process if absent. */
  suggester?: Suggester | undefined;
}

// Rule modules are heterogeneous; the pipeline only passes each its own data and options.
// biome-ignore lint/suspicious/noExplicitAny: existential type for a list of differently-typed rules.
export type AnyRuleModule = RuleModule<any, any>;

export type Decision = 'publish' | 'queue' | 'reject';
