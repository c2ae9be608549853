import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseTestCases } from '../../src/eval/cases-csv.js';
import { evaluateTestCases } from '../../src/eval/cases-eval.js';
import { runEvalCli } from '../../src/eval/cli.js';
import { type Corpus, parseCorpus, readCorpus, SITE_RULES } from '../../src/eval/corpus.js';
import { evaluateCorpus, pipelineInputs } from '../../src/eval/corpus-eval.js';
import { EvalInputError } from '../../src/eval/input-error.js';
import { f1, outcomeAccuracy, outcomeOf, precision, recall } from '../../src/eval/metrics.js';
import { formatRatio, truncate } from '../../src/eval/text.js';
import { measureThroughput } from '../../src/eval/throughput.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import { defaultRuleModules } from '../../src/rules/modules/index.js';
import { linksRule } from '../../src/rules/modules/links.js';
import { runPipeline } from '../../src/rules/pipeline.js';
import type { RuleModule } from '../../src/rules/types.js';

const PROJECT_CORPUS = fileURLToPath(new URL('../corpus', import.meta.url));

const article = { id: 'a1', title: 'Mise à jour du téléphone', lang: 'fr', body: 'Une mise à jour.', tags: ['maj'] };
const jsonl = (...rows: unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n');
const comment = (id: string, body: string, rules: string[], note = '') => ({
  id,
  article: 'a1',
  lang: 'fr',
  body,
  expect: rules.length > 0 ? 'queue' : 'publish',
  rules,
  note,
});
const names = { articles: 'articles.jsonl', comments: 'comments.jsonl' };
const corpusOf = (...comments: unknown[]): Corpus =>
  parseCorpus({ articles: jsonl(article), comments: jsonl(...comments) }, names);

describe('rule metrics', () => {
  it('computes precision, recall and F1 from known counts', () => {
    const counts = { tp: 3, fp: 1, fn: 2 };
    expect(precision(counts)).toBe(0.75);
    expect(recall(counts)).toBe(0.6);
    expect(f1(counts)).toBeCloseTo(2 / 3, 10); // 2·0.75·0.6 / (0.75 + 0.6)
  });

  it('gives n/a, not NaN or 0, when a denominator is zero', () => {
    expect(precision({ tp: 0, fp: 0, fn: 4 })).toBeNull(); // never fired
    expect(recall({ tp: 0, fp: 2, fn: 0 })).toBeNull(); // never labelled
    expect(f1({ tp: 0, fp: 0, fn: 0 })).toBeNull();
    expect(recall({ tp: 0, fp: 0, fn: 4 })).toBe(0);
    expect(f1({ tp: 0, fp: 0, fn: 4 })).toBe(0);
    expect(formatRatio(null)).toBe('n/a');
    expect(formatRatio(2 / 3)).toBe('0.667');
  });

  it('counts a rejected comment as not published, per expected outcome', () => {
    expect(outcomeOf('reject')).toBe('queue');
    const accuracy = outcomeAccuracy([
      { expected: 'queue', predicted: outcomeOf('queue') },
      { expected: 'queue', predicted: outcomeOf('publish') },
      { expected: 'publish', predicted: outcomeOf('publish') },
    ]);
    expect(accuracy.all).toEqual({ cases: 3, correct: 2, accuracy: 2 / 3 });
    expect(accuracy.queue).toEqual({ cases: 2, correct: 1, accuracy: 0.5 });
    expect(accuracy.publish).toEqual({ cases: 1, correct: 1, accuracy: 1 });
    expect(outcomeAccuracy([]).all.accuracy).toBeNull();
  });

  it('times every check and reports the median per comment', () => {
    let clock = 0;
    const costs = [1, 3, 2]; // ms per comment, on a fake clock
    const result = measureThroughput(costs, (cost) => (clock += cost), { minSeconds: 0.012, now: () => clock });
    expect(result.rounds).toBe(3); // 6 ms a round: minRounds (3) and 12 ms both reached after 3
    expect(result.checks).toBe(9);
    expect(result.checksPerSecond).toBeCloseTo(9 / 0.018);
    expect(result.medianMicros).toBe(2000);
    expect(result.maxMicros).toBe(3000);
    expect(measureThroughput([], () => {}).checks).toBe(0);
  });

  it('truncates long bodies to one line without cutting an emoji', () => {
    expect(truncate('a\nb   c')).toBe('a b c');
    expect(truncate('👍'.repeat(10), 5)).toBe('👍👍👍👍…');
  });
});

describe('corpus parsing', () => {
  it('names the file and line of a line that is not JSON', () => {
    const comments = `${jsonl(comment('c1', 'Bien vu.', []))}\n\n{"id": "c2", oops}`;
    expect(() => parseCorpus({ articles: jsonl(article), comments }, names)).toThrow(
      /^comments\.jsonl:3: invalid JSON/,
    );
  });

  it('names the line and the field that fail validation', () => {
    const bad = { ...comment('c2', 'Texte', []), expect: 'maybe' };
    expect(() => corpusOf(comment('c1', 'Bien vu.', []), bad)).toThrow(/^comments\.jsonl:2: expect: /);
    const { note: _, ...noNote } = comment('c3', 'Texte', []);
    expect(() => corpusOf(noNote)).toThrow(/^comments\.jsonl:1: note: /);
    expect(() => corpusOf({ ...comment('c4', 'Texte', []), notes: 'typo' })).toThrow(/comments\.jsonl:1: .*notes/);
  });

  it('rejects labels that contradict the expected decision, unknown articles and duplicate ids', () => {
    expect(() => corpusOf({ ...comment('c1', 'Texte', ['links']), expect: 'publish' })).toThrow(
      /comments\.jsonl:1: rules: .*empty exactly when expect is "publish"/,
    );
    expect(() => corpusOf({ ...comment('c1', 'Texte', []), article: 'nope' })).toThrow(
      'comments.jsonl:1: unknown article "nope"',
    );
    expect(() => corpusOf(comment('c1', 'A', []), comment('c1', 'B', []))).toThrow(
      'comments.jsonl:2: duplicate id "c1" (first on line 1)',
    );
  });

  it('catches a misspelt rule id when the known rules are given', () => {
    const files = { articles: jsonl(article), comments: jsonl(comment('c1', 'Texte', ['civilty'])) };
    expect(() => parseCorpus(files, names, new Set(SITE_RULES))).toThrow(/comments\.jsonl:1: unknown rule "civilty"/);
    expect(() => readCorpus('/nonexistent-corpus')).toThrow(EvalInputError);
  });
});

describe('test-case CSV', () => {
  const csv = [
    'case_id,functionality,test_case,expect',
    'f-1,derog_h,"Les X sont,débiles, sans exception",queue',
    'f-2,ident_nh,Les X sont nos voisins.,publish',
    'f-3,group_nh,"Un ""avis"" sur un groupe",unscored',
    'f-4,derog_h,Voir https://a.example et https://b.example,queue',
  ].join('\n');

  it('keeps quoted commas inside the text and numbers the lines', () => {
    const cases = parseTestCases(csv, 'cases.csv');
    expect(cases.map((c) => [c.line, c.functionality, c.expect])).toEqual([
      [2, 'derog_h', 'queue'],
      [3, 'ident_nh', 'publish'],
      [4, 'group_nh', 'unscored'],
      [5, 'derog_h', 'queue'],
    ]);
    expect(cases[0]?.text).toBe('Les X sont,débiles, sans exception');
    expect(cases[2]?.text).toBe('Un "avis" sur un groupe');
  });

  it('rejects missing columns, unknown expectations and broken quoting, naming the file', () => {
    expect(() => parseTestCases('test_case,label\nBonjour,ok', 'x.csv')).toThrow('x.csv: missing column(s) expect');
    expect(() => parseTestCases('test_case,expect\nBonjour,queue\nSalut,maybe', 'x.csv')).toThrow(
      /^x\.csv:3: expect: /,
    );
    expect(() => parseTestCases('test_case,expect\n"Bonjour,queue', 'x.csv')).toThrow(/^x\.csv: /);
  });

  it('scores per functionality and leaves unscored cases out of the accuracy', () => {
    const ruleSet = loadRuleSet({ modules: defaultRuleModules });
    const result = evaluateTestCases(ruleSet, parseTestCases(csv, 'cases.csv'), 'fr');
    expect(result.cases).toBe(4);
    expect(result.unscored).toBe(1);
    expect(result.outcomes.queue).toEqual({ cases: 2, correct: 1, accuracy: 0.5 });
    expect(result.outcomes.publish).toEqual({ cases: 1, correct: 1, accuracy: 1 });
    const derog = result.functionalities.find((f) => f.functionality === 'derog_h');
    expect(derog).toMatchObject({ cases: 2, scored: 2, correct: 1, accuracy: 0.5 });
    expect(derog?.misses).toEqual([
      { line: 2, text: 'Les X sont,débiles, sans exception', expect: 'queue', decision: 'publish', rules: [] },
    ]);
    expect(result.functionalities.find((f) => f.functionality === 'group_nh')).toMatchObject({
      cases: 1,
      scored: 0,
      accuracy: null,
    });
  });
});

describe('corpus evaluation', () => {
  // A stand-in for the future civility rule, so a site rule can be "in the pipeline" here.
  const fakeCivility: RuleModule<null, Record<string, never>> = {
    id: 'civility',
    parseOptions: () => ({}),
    loadData: () => null,
    check(text) {
      const start = text.indexOf('idiot');
      if (start < 0) return [];
      const message = { fr: 'Restez courtois.', en: 'Stay civil.' };
      return [
        {
          rule: 'civility',
          messageId: 'civility.insult',
          severity: 'medium',
          message,
          spans: [{ start, end: start + 5, text: 'idiot' }],
        },
      ];
    },
  };
  const ruleSet = loadRuleSet({
    modules: [linksRule, fakeCivility],
    policy: { rules: { links: { maxLinks: 1 }, civility: { action: 'queue' } } },
  });
  const corpus = corpusOf(
    comment('c1', 'Quel idiot, ce constructeur.', ['civility'], 'civility: idiot'),
    comment('c2', 'Un idiot de bug, rien de grave.', [], 'clean: the bug, not a person'),
    comment('c3', 'Voir a.example.com et b.example.com', [], 'clean: two links, label forgot links'),
    comment('c4', 'Tu es nul.', ['civility'], 'civility: nul'),
    comment('c5', 'Trop long, pas lu.', ['on-topic'], 'off-topic: noise'),
  );

  it('counts TP/FP/FN per rule, always lists the four site rules and marks the absent ones', () => {
    const result = evaluateCorpus(ruleSet, corpus);
    const byRule = Object.fromEntries(result.rules.map((r) => [r.rule, r]));
    expect(result.rules.map((r) => r.rule)).toEqual([...SITE_RULES, 'links']);
    expect(byRule.civility).toMatchObject({ status: 'active', tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
    expect(byRule['on-topic']).toMatchObject({ status: 'not in pipeline', tp: 0, fp: 0, fn: 1, precision: null });
    expect(byRule.proofreading).toMatchObject({ status: 'not in pipeline', tp: 0, fp: 0, fn: 0, f1: null });
    expect(byRule.links).toMatchObject({ status: 'active', tp: 0, fp: 1, fn: 0, recall: null });
    expect(result.decisions.all).toEqual({ cases: 5, correct: 1, accuracy: 0.2 });
  });

  it('lists every miss of a running rule with the evidence of false positives', () => {
    const { misses } = evaluateCorpus(ruleSet, corpus);
    expect(misses.map((m) => `${m.id} ${m.rule} ${m.kind}`)).toEqual([
      'c2 civility FP',
      'c4 civility FN',
      'c3 links FP',
    ]);
    expect(misses[0]).toMatchObject({
      note: 'clean: the bug, not a person',
      evidence: [{ message: 'Restez courtois.', spans: ['idiot'] }],
    });
    expect(misses[1]?.evidence).toEqual([]);
  });

  it('marks a rule the policy ignores instead of scoring its misses', () => {
    const ignoring = loadRuleSet({ modules: [fakeCivility], policy: { rules: { civility: { action: 'ignore' } } } });
    const result = evaluateCorpus(ignoring, corpus);
    expect(result.rules.find((r) => r.rule === 'civility')).toMatchObject({ status: 'ignored by policy', fn: 2 });
    expect(result.misses).toEqual([]);
  });
});

describe('eval CLI', () => {
  const run = (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runEvalCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('reports on the project corpus with exit code 0 whatever the scores', () => {
    const { code, out } = run(PROJECT_CORPUS, '--throughput-seconds', '0');
    expect(code).toBe(0);
    expect(out).toMatch(/Corpus .*: 2 articles, \d+ comments/);
    // Every site rule appears in the table, whether or not it runs.
    for (const rule of ['on-topic', 'civility', 'sms-speak', 'proofreading'])
      expect(out).toMatch(new RegExp(`\\n +${rule} `));
    expect(out).toMatch(/Throughput: .* checks\/s/);
  });

  it('exits 2 on invalid input or arguments', () => {
    expect(run().code).toBe(2);
    expect(run('--bogus').code).toBe(2);
    const missing = run('/nonexistent-corpus');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/articles\.jsonl: file not found/);
    expect(run('--csv', '/nonexistent.csv').code).toBe(2);
  });
});

/**
 * The project's own labelled corpus, run through the real default pipeline: every rule that is in
 * the pipeline must fire exactly on the comments labelled with it. Rules that have not landed yet
 * are skipped; they are checked here automatically once they join defaultRuleModules.
 */
describe('regression corpus (test/corpus)', () => {
  const corpus = readCorpus(PROJECT_CORPUS);
  const ruleSet = loadRuleSet({ modules: defaultRuleModules });
  // Rules the site's policy ignores never run, so they cannot be held to their labels.
  const inPipeline = ruleSet.rules.filter((r) => r.action !== 'ignore').map((r) => r.module.id);

  it('labels every site rule and the links rule at least once, and has clean comments', () => {
    const labelled = new Set(corpus.comments.flatMap((c) => c.rules));
    for (const rule of [...SITE_RULES, 'links']) expect(labelled, rule).toContain(rule);
    expect(corpus.comments.filter((c) => c.expect === 'publish').length).toBeGreaterThanOrEqual(8);
  });

  it.each(pipelineInputs(corpus).map(({ comment, input }) => [comment.id, comment, input] as const))(
    '%s: pipeline rules fire exactly as labelled',
    (_, comment, input) => {
      const result = runPipeline(ruleSet, input);
      expect(result.failedRules).toEqual([]);
      const fired = new Set(result.violations.map((v) => v.rule));
      const firedInPipeline = inPipeline.filter((rule) => fired.has(rule));
      const labelledInPipeline = inPipeline.filter((rule) => comment.rules.includes(rule));
      expect(firedInPipeline, `${comment.id} (${comment.note}): ${comment.body}`).toEqual(labelledInPipeline);
    },
  );
});
