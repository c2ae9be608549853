/** Texts the benchmarks feed the rules, shared so that `bench` and `bench:rules` measure the same. */
import { readCorpus } from '../../src/eval/corpus.js';
import { toArticleContext } from '../../src/eval/corpus-eval.js';
import type { ArticleContext } from '../../src/rules/types.js';

/** A comment as the pipeline section and `bench:instructions` feed it to the rules. */
export interface BenchComment {
  body: string;
  article: ArticleContext;
}

/** The corpus's comments, each with its article. */
export function corpusComments(corpusDir: string): BenchComment[] {
  const corpus = readCorpus(corpusDir);
  const articles = new Map(corpus.articles.map((a) => [a.id, toArticleContext(a)]));
  return corpus.comments.map((c) => ({ body: c.body, article: articles.get(c.article) as ArticleContext }));
}

/** How many synthetic comments of each length the pipeline section times and `bench:instructions` counts. */
export const SYNTHETIC_COUNTS: Readonly<Record<number, number>> = { 500: 200, 1000: 100, 5000: 30 };

/** `count` comments of `length` characters made of consecutive corpus comments, under their articles. */
export function syntheticComments(comments: readonly BenchComment[], length: number, count: number): BenchComment[] {
  const bodies = comments.map((c) => c.body);
  return Array.from({ length: count }, (_, k) => ({
    body: concatComments(bodies, length, k * 7),
    article: comments[k % comments.length]?.article as ArticleContext,
  }));
}

/**
 * A text as a comment reaches the rules: parsed from a JSON request body, one flat string. V8
 * keeps a concatenation as a tree of pieces, a slice or a repeat as a view of another string,
 * and reading those character by character costs up to 4x more (measured here on a plain loop):
 * the benchmarks would time how the texts were built, not the rules.
 */
export function asReceived(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** `length` characters of consecutive corpus comments, starting at comment `offset`. */
export function concatComments(bodies: readonly string[], length: number, offset: number): string {
  let text = '';
  for (let i = offset; text.length < length; i++) text += `${bodies[i % bodies.length] ?? ''} `;
  return asReceived(text.slice(0, length));
}

/**
 * 5,000-character inputs that trigger catastrophic backtracking in non-linear patterns: runs of one
 * letter, of spaces, of `*`, of accents, spaced or dotted letters, elisions, digits, symbols,
 * domains.
 */
export const ADVERSARIAL_TEXTS: readonly string[] = (
  [
    'a'.repeat(5000),
    `${' '.repeat(4999)}a`,
    '*'.repeat(5000),
    'é'.repeat(5000),
    'a '.repeat(2500),
    'a-'.repeat(2500),
    'a.'.repeat(2500),
    'C O N '.repeat(833),
    `${'A'.repeat(4999)}!`,
    "l'".repeat(2500),
    '1'.repeat(5000),
    '@'.repeat(5000),
    'ab*'.repeat(1666),
    // A thousand bare domains, and an "@" every other character: link finding.
    'a.fr '.repeat(1000),
    '@ '.repeat(2500),
  ] as const
).map(asReceived);
