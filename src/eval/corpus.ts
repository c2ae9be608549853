import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EvalInputError, formatIssues } from './input-error.js';

/** The four rules of the site's moderation policy, in the order corpora list them. */
export const SITE_RULES = ['on-topic', 'civility', 'sms-speak', 'proofreading'] as const;

const lang = z.enum(['fr', 'en']);
const ruleId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a rule id is lowercase words joined by "-"');

// Strict objects: in a hand-written corpus a misspelt key ("notes") is a mistake, not an extension.
const articleSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  lang,
  body: z.string().trim().min(1),
  tags: z.array(z.string().min(1)),
});

const commentSchema = z
  .strictObject({
    id: z.string().min(1),
    article: z.string().min(1),
    lang,
    body: z.string().trim().min(1),
    expect: z.enum(['publish', 'queue']),
    rules: z.array(ruleId).refine((rules) => new Set(rules).size === rules.length, 'a rule is listed twice'),
    note: z.string(),
  })
  // The corpus format's invariant: a comment is queued exactly when some rule fires.
  .refine((c) => (c.expect === 'publish') === (c.rules.length === 0), {
    message: 'rules must be empty exactly when expect is "publish"',
    path: ['rules'],
  });

export type CorpusArticle = z.infer<typeof articleSchema>;
export type CorpusComment = z.infer<typeof commentSchema>;

export interface Corpus {
  articles: CorpusArticle[];
  comments: CorpusComment[];
}

/**
 * Parses JSON Lines, one object a line, validating each with `schema`. Blank lines are skipped;
 * every error names the file and the 1-based line so the corpus can be fixed at once.
 */
export function parseJsonLines<T>(text: string, file: string, schema: z.ZodType<T>): { line: number; value: T }[] {
  const rows: { line: number; value: T }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new EvalInputError(`${file}:${line}: invalid JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new EvalInputError(`${file}:${line}: ${formatIssues(parsed.error.issues)}`);
    rows.push({ line, value: parsed.data });
  });
  return rows;
}

/**
 * Checks a corpus from its two files' text: each line, unique ids, and that every comment's
 * article exists. `knownRules`, when given, catches a misspelt rule id in a label, which would
 * otherwise show up as a rule that never fires.
 */
export function parseCorpus(
  files: { articles: string; comments: string },
  names: { articles: string; comments: string },
  knownRules?: ReadonlySet<string>,
): Corpus {
  const articles = parseJsonLines(files.articles, names.articles, articleSchema);
  const comments = parseJsonLines(files.comments, names.comments, commentSchema);
  assertUniqueIds(articles, names.articles);
  assertUniqueIds(comments, names.comments);

  const articleIds = new Set(articles.map((a) => a.value.id));
  for (const { line, value } of comments) {
    if (!articleIds.has(value.article))
      throw new EvalInputError(`${names.comments}:${line}: unknown article "${value.article}"`);
    const unknownRule = knownRules ? value.rules.find((rule) => !knownRules.has(rule)) : undefined;
    if (knownRules && unknownRule !== undefined)
      throw new EvalInputError(
        `${names.comments}:${line}: unknown rule "${unknownRule}" (known: ${[...knownRules].join(', ')})`,
      );
  }
  if (comments.length === 0) throw new EvalInputError(`${names.comments}: no comments`);
  return { articles: articles.map((a) => a.value), comments: comments.map((c) => c.value) };
}

function assertUniqueIds(rows: { line: number; value: { id: string } }[], file: string): void {
  const seen = new Map<string, number>();
  for (const { line, value } of rows) {
    const first = seen.get(value.id);
    if (first !== undefined)
      throw new EvalInputError(`${file}:${line}: duplicate id "${value.id}" (first on line ${first})`);
    seen.set(value.id, line);
  }
}

/** Reads `articles.jsonl` and `comments.jsonl` from a corpus directory (see /work/shared/corpus). */
export function readCorpus(dir: string, knownRules?: ReadonlySet<string>): Corpus {
  const names = { articles: join(dir, 'articles.jsonl'), comments: join(dir, 'comments.jsonl') };
  for (const path of Object.values(names)) {
    if (!existsSync(path)) throw new EvalInputError(`${path}: file not found (is ${dir} a corpus directory?)`);
  }
  return parseCorpus(
    { articles: readFileSync(names.articles, 'utf8'), comments: readFileSync(names.comments, 'utf8') },
    names,
    knownRules,
  );
}
