import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Lang } from '../db/schema.js';
import { projectRoot } from '../project-root.js';
import { type LanguageData, loadLanguageData } from './language.js';
import { ONE_PARSE } from './one-parse.js';
import { type Policy, policySchema, type RuleAction } from './policy.js';
import type { AnyRuleModule, RuleFiles } from './types.js';

export const LANGS: readonly Lang[] = ['fr', 'en'];

/** One rule ready to run: its module, action, parsed options and per-language data. */
export interface LoadedRule {
  module: AnyRuleModule;
  action: RuleAction;
  options: unknown;
  data: Record<Lang, unknown>;
  /**
   * Hash of this rule's options and of the data files it read (16 hex digits): what depends on
   * this rule's data alone (stored article terms) need not change when another rule's does.
   */
  dataVersion: string;
}

/** Everything the pipeline needs, loaded once at start-up and shared read-only. */
export interface RuleSet {
  rules: LoadedRule[];
  policy: Policy;
  language: Record<Lang, LanguageData>;
  /** Hash of every data file read, stored with each violation. */
  version: string;
}

export class RuleDataError extends Error {}

/** The project's rules/ folder, found from this file whether it runs from src/ or dist/src/. */
export function defaultRulesDir(): string {
  const root = projectRoot((dir) => existsSync(join(dir, 'rules', 'policy.json')));
  if (root === null) throw new RuleDataError('Cannot find the rules/ folder; set RULES_DIR.');
  return join(root, 'rules');
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RuleDataError(`${file}: invalid JSON (${(error as Error).message})`);
  }
}

/** Reads rule files and feeds every byte read into the version hash. */
function fileReader(root: string, hash: ReturnType<typeof createHash>) {
  return (relative: string): string | null => {
    const path = join(root, relative);
    if (!existsSync(path)) return null;
    const text = readFileSync(path, 'utf8');
    hash.update(relative).update('\0').update(text).update('\0');
    return text;
  };
}

/** Reads through `read` and feeds what one rule reads into its own hash, missing files included. */
function ruleReader(read: (relative: string) => string | null, hash: ReturnType<typeof createHash>) {
  return (relative: string): string | null => {
    const text = read(relative);
    hash
      .update(relative)
      .update(text === null ? '\u0001' : `\0${text}`)
      .update('\0');
    return text;
  };
}

export interface LoadRuleSetOptions {
  dir?: string;
  modules: AnyRuleModule[];
  /** Replaces rules/policy.json (tests). */
  policy?: unknown;
}

/**
 * Loads rules/policy.json and every module's data for every language, validating each with zod.
 * Any problem is a RuleDataError naming the file, raised at start-up rather than on a request.
 */
export function loadRuleSet({ dir = defaultRulesDir(), modules, policy }: LoadRuleSetOptions): RuleSet {
  const root = resolve(dir);
  const hash = createHash('sha256');
  const read = fileReader(root, hash);

  const policyText = policy === undefined ? read('policy.json') : JSON.stringify(policy);
  if (policyText === null) throw new RuleDataError(`${join(root, 'policy.json')} is missing`);
  if (policy !== undefined) hash.update(policyText);
  const parsedPolicy = policySchema.safeParse(parseJson(policyText, 'policy.json'), ONE_PARSE);
  if (!parsedPolicy.success) throw new RuleDataError(`policy.json: ${formatIssues(parsedPolicy.error.issues)}`);

  const language = Object.fromEntries(
    LANGS.map((lang) => [lang, withFile(`${lang}/language.json`, () => loadLanguageData(filesFor(read, lang)))]),
  ) as Record<Lang, LanguageData>;

  // One column stores an article's terms (articles.term_keys): one rule may make them.
  const termMakers = modules.filter((m) => m.articleTerms).map((m) => m.id);
  if (termMakers.length > 1)
    throw new RuleDataError(`only one rule may store article terms, not ${termMakers.join(', ')}`);

  const rules: LoadedRule[] = [];
  for (const module of modules) {
    const { action = 'queue', ...rawOptions } = parsedPolicy.data.rules[module.id] ?? {};
    const options = withFile(`policy.json (rules.${module.id})`, () => module.parseOptions(rawOptions));
    const ruleHash = createHash('sha256').update(JSON.stringify(rawOptions)).update('\0');
    const readForRule = ruleReader(read, ruleHash);
    const data = Object.fromEntries(
      LANGS.map((lang) => [
        lang,
        withFile(`${lang}/ (rule ${module.id})`, () => module.loadData(filesFor(readForRule, lang), lang)),
      ]),
    ) as Record<Lang, unknown>;
    rules.push({ module, action, options, data, dataVersion: ruleHash.digest('hex').slice(0, 16) });
  }
  return { rules, policy: parsedPolicy.data, language, version: hash.digest('hex').slice(0, 12) };
}

function filesFor(read: (relative: string) => string | null, lang: Lang): RuleFiles {
  return {
    readText: (name) => read(`${lang}/${name}`),
    readJson: (name) => {
      const text = read(`${lang}/${name}`);
      return text === null ? null : parseJson(text, `${lang}/${name}`);
    },
  };
}

function withFile<T>(where: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof RuleDataError) throw error;
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    throw new RuleDataError(`${where}: ${issues ? formatIssues(issues) : (error as Error).message}`, { cause: error });
  }
}

/** One line per zod issue, "path: message", so that an error names the field. */
export function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}
