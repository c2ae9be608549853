import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadRuleSet, RuleDataError } from '../../src/rules/loader.js';
import {
  articlesToLearn,
  articleTerms,
  articleTermsVersion,
  learnArticles,
  prepareArticle,
  runPipeline,
} from '../../src/rules/pipeline.js';
import type { RuleModule, Violation } from '../../src/rules/types.js';

function fixedRule(id: string, fires: boolean): RuleModule<null, Record<string, never>> {
  return {
    id,
    parseOptions: () => ({}),
    loadData: () => null,
    check: (): Violation[] =>
      fires ? [{ rule: id, messageId: `${id}.x`, severity: 'low', message: { fr: id, en: id }, spans: [] }] : [],
  };
}

const input = { body: 'Un commentaire.', article: null, fallbackLang: 'fr' as const };

describe('runPipeline', () => {
  it.each([
    ['nothing fires', { a: 'queue', b: 'queue' }, [false, false], 'publish'],
    ['a queue rule fires', { a: 'queue', b: 'reject' }, [true, false], 'queue'],
    ['a reject rule fires', { a: 'queue', b: 'reject' }, [true, true], 'reject'],
    ['only an ignored rule would fire', { a: 'ignore', b: 'queue' }, [true, false], 'publish'],
  ] as const)('%s → %s', (_case, actions, fires, decision) => {
    const rules = loadRuleSet({
      modules: [fixedRule('a', fires[0]), fixedRule('b', fires[1])],
      policy: { rules: { a: { action: actions.a }, b: { action: actions.b } } },
    });
    const result = runPipeline(rules, input);
    expect(result.decision).toBe(decision);
    expect(result.violations.map((v) => v.rule)).toEqual(
      (['a', 'b'] as const).filter((id, i) => fires[i] && actions[id] !== 'ignore'),
    );
  });

  it('isolates a rule that throws: reports it and runs the others', () => {
    const broken: RuleModule<null, Record<string, never>> = {
      ...fixedRule('broken', false),
      check: () => {
        throw new Error('boom');
      },
    };
    const rules = loadRuleSet({ modules: [broken, fixedRule('ok', true)], policy: { rules: {} } });
    const onError = vi.fn();
    const result = runPipeline(rules, input, onError);
    expect(result.violations.map((v) => v.rule)).toEqual(['ok']);
    expect(result.failedRules.map((f) => f.rule)).toEqual(['broken']);
    expect(onError).toHaveBeenCalledWith('broken', expect.any(Error));
  });

  it('passes each rule its own data for the detected language', () => {
    const seen: unknown[] = [];
    const dataRule: RuleModule<string, Record<string, never>> = {
      id: 'data',
      parseOptions: () => ({}),
      loadData: (_files, lang) => `data-${lang}`,
      check: (_text, context) => {
        seen.push(context.data);
        return [];
      },
    };
    const rules = loadRuleSet({ modules: [dataRule], policy: { rules: {} } });
    runPipeline(rules, { ...input, body: 'The outage was caused by the DNS and it was bad.' });
    runPipeline(rules, { ...input, body: 'La panne a été causée par le DNS.' });
    expect(seen).toEqual(['data-en', 'data-fr']);
  });
});

describe('article hooks', () => {
  it('hands the articles, and each changed article, to the rules that want them, with their data, not to ignored ones', () => {
    const calls: string[] = [];
    const learner: RuleModule<string, Record<string, never>> = {
      id: 'learner',
      parseOptions: () => ({}),
      check: () => [],
      loadData: (_files, lang) => `data-${lang}`,
      learnArticles: (articles, data) =>
        calls.push(`learn ${articles.map((a) => a.id).join(',')} ${data.fr}/${data.en}`),
      prepareArticle: (article, data) => calls.push(`prepare ${article.id} ${data[article.lang]}`),
    };
    // The same rule, ignored by the policy: it never runs, so it has nothing to learn or prepare.
    const ignored: typeof learner = { ...learner, id: 'ignored' };
    const rules = loadRuleSet({
      modules: [fixedRule('plain', false), learner, ignored],
      policy: { rules: { ignored: { action: 'ignore' } } },
    });
    const article = { id: 'a1', title: 'T', body: 'B', tags: [], lang: 'en' as const };
    learnArticles(rules, [article, { ...article, id: 'a2' }]);
    prepareArticle(rules, article);
    expect(calls).toEqual(['learn a1,a2 data-fr/data-en', 'prepare a1 data-en']);
  });
});

describe('article terms', () => {
  const learner = (termsVersion: string): RuleModule<string, Record<string, never>> => ({
    id: 'learner',
    parseOptions: () => ({}),
    check: () => [],
    loadData: (_files, lang) => `data-${lang}`,
    learnArticles: () => {},
    articleTerms: (article, data) => [article.id, data[article.lang]],
    termsVersion: () => termsVersion,
  });
  const article = { id: 'a1', title: 'T', body: 'B', tags: [], lang: 'en' as const };

  it('come from the learning rule, with a version of its data and of what it says they depend on', () => {
    const rules = loadRuleSet({ modules: [fixedRule('plain', false), learner('stemmer 1')], policy: { rules: {} } });
    expect(articleTerms(rules, article)).toEqual(['a1', 'data-en']);
    const version = articleTermsVersion(rules);
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    const otherStemmer = loadRuleSet({
      modules: [fixedRule('plain', false), learner('stemmer 2')],
      policy: { rules: {} },
    });
    expect(articleTermsVersion(otherStemmer)).not.toBe(version);
    const otherOptions = loadRuleSet({
      modules: [fixedRule('plain', false), learner('stemmer 1')],
      policy: { rules: { learner: { window: 3 } } },
    });
    expect(articleTermsVersion(otherOptions)).not.toBe(version);
  });

  it("change with the learning rule's data files, not with another rule's", () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-terms-'));
    try {
      cpSync('rules', dir, { recursive: true });
      // Each rule reads a file of its own; the learner's terms depend on its file alone.
      const reading = (id: string): RuleModule<string, Record<string, never>> => ({
        ...learner('stemmer 1'),
        id,
        loadData: (files) => files.readText(`${id}.txt`) ?? '',
        ...(id === 'learner' ? {} : { learnArticles: undefined, articleTerms: undefined, termsVersion: undefined }),
      });
      const write = (id: string, text: string) => {
        for (const lang of ['fr', 'en']) writeFileSync(join(dir, lang, `${id}.txt`), text);
      };
      const load = () => loadRuleSet({ dir, modules: [reading('other'), reading('learner')], policy: { rules: {} } });
      write('learner', 'a');
      write('other', 'a');
      const before = load();
      write('other', 'b');
      const otherEdited = load();
      expect(otherEdited.version).not.toBe(before.version);
      expect(articleTermsVersion(otherEdited)).toBe(articleTermsVersion(before));
      write('learner', 'b');
      const learnerEdited = load();
      expect(articleTermsVersion(learnerEdited)).not.toBe(articleTermsVersion(before));
      // A missing file is not an empty one: adding or removing an optional file counts too.
      write('learner', '');
      const empty = articleTermsVersion(load());
      for (const lang of ['fr', 'en']) rmSync(join(dir, lang, 'learner.txt'));
      expect(articleTermsVersion(load())).not.toBe(empty);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are made by one rule at most: one column stores them', () => {
    expect(() =>
      loadRuleSet({ modules: [learner('1'), { ...learner('1'), id: 'second' }], policy: { rules: {} } }),
    ).toThrow(/only one rule may store article terms, not learner, second/);
  });

  it('are none without a rule that stores them, or when it is ignored', () => {
    const none = loadRuleSet({ modules: [fixedRule('plain', false)], policy: { rules: {} } });
    expect([articleTerms(none, article), articleTermsVersion(none)]).toEqual([null, null]);
    const ignored = loadRuleSet({ modules: [learner('1')], policy: { rules: { learner: { action: 'ignore' } } } });
    expect([articleTerms(ignored, article), articleTermsVersion(ignored)]).toEqual([null, null]);
  });
});

describe('articlesToLearn', () => {
  const learner = (id: string, asks?: number): RuleModule<null, { n: number }> => ({
    id,
    parseOptions: (raw) => ({ n: Number(raw.n ?? 0) }),
    loadData: () => null,
    check: () => [],
    learnArticles: () => {},
    ...(asks === undefined ? {} : { articlesToLearn: (options) => options.n }),
  });

  it.each([
    ['no rule learns', [fixedRule('a', false)], {}, 0],
    ['the most any learning rule asks, from its options', [learner('x', 0), learner('y', 0)], { x: 3, y: 700 }, 700],
    ['a learning rule that does not say how many learns from none', [learner('x')], { x: 9 }, 0],
    [
      'an ignored rule asks for nothing',
      [learner('x', 0), learner('y', 0)],
      { x: { action: 'ignore', n: 9 }, y: 2 },
      2,
    ],
  ] as const)('%s → %i', (_case, modules, options, expected) => {
    const policyRules = Object.fromEntries(
      Object.entries(options).map(([id, value]) => [id, typeof value === 'number' ? { n: value } : value]),
    );
    const rules = loadRuleSet({ modules: [...modules], policy: { rules: policyRules } });
    expect(articlesToLearn(rules)).toBe(expected);
  });
});

describe('loadRuleSet', () => {
  it('refuses an invalid policy, naming the problem', () => {
    expect(() => loadRuleSet({ modules: [], policy: { rules: { links: { action: 'shout' } } } })).toThrow(
      RuleDataError,
    );
    expect(() => loadRuleSet({ modules: [], policy: { premoderation: 'sometimes', rules: {} } })).toThrow(
      /premoderation/,
    );
  });

  it('refuses a rule whose options are invalid, naming the rule', () => {
    const strict: RuleModule<null, never> = {
      ...fixedRule('strict', false),
      parseOptions: () => {
        throw new Error('unknown option "colour"');
      },
    } as RuleModule<null, never>;
    expect(() => loadRuleSet({ modules: [strict], policy: { rules: { strict: { colour: 1 } } } })).toThrow(
      /strict.*colour/,
    );
  });

  it('versions the rule data: the same files give the same version, another policy another', () => {
    const a = loadRuleSet({ modules: [] });
    const b = loadRuleSet({ modules: [] });
    const c = loadRuleSet({ modules: [], policy: { premoderation: 'all', rules: {} } });
    expect(a.version).toMatch(/^[0-9a-f]{12}$/);
    expect(a.version).toBe(b.version);
    expect(c.version).not.toBe(a.version);
  });
});
