import type { Lang } from '../db/schema.js';
import type { RuleSet } from '../rules/loader.js';
import { runPipeline } from '../rules/pipeline.js';
import type { TestCase } from './cases-csv.js';
import { type Outcome, type OutcomeAccuracy, outcomeAccuracy, outcomeOf, type Ratio, ratio } from './metrics.js';

/** A scored case whose decision was not the expected one, with the rules that decided it. */
export interface CaseMiss {
  line: number;
  text: string;
  expect: Outcome;
  decision: string;
  rules: string[];
}

export interface FunctionalityReport {
  functionality: string;
  cases: number;
  /** Cases scored: `cases` minus the unscored ones. Accuracy is correct / scored. */
  scored: number;
  correct: number;
  accuracy: Ratio;
  misses: CaseMiss[];
}

export interface CasesEvaluation {
  cases: number;
  unscored: number;
  outcomes: OutcomeAccuracy;
  functionalities: FunctionalityReport[];
}

/**
 * Runs each test case through the pipeline as a comment without an article (the cases are
 * standalone sentences), in `lang` unless the text is clearly in the other language.
 */
export function evaluateTestCases(ruleSet: RuleSet, cases: readonly TestCase[], lang: Lang): CasesEvaluation {
  const groups = new Map<string, FunctionalityReport>();
  const scored: { expected: Outcome; predicted: Outcome }[] = [];

  for (const testCase of cases) {
    let group = groups.get(testCase.functionality);
    if (!group) {
      group = { functionality: testCase.functionality, cases: 0, scored: 0, correct: 0, accuracy: null, misses: [] };
      groups.set(testCase.functionality, group);
    }
    group.cases++;
    if (testCase.expect === 'unscored') continue;

    const result = runPipeline(ruleSet, { body: testCase.text, article: null, fallbackLang: lang });
    const predicted = outcomeOf(result.decision);
    scored.push({ expected: testCase.expect, predicted });
    group.scored++;
    if (predicted === testCase.expect) group.correct++;
    else
      group.misses.push({
        line: testCase.line,
        text: testCase.text,
        expect: testCase.expect,
        decision: result.decision,
        rules: [...new Set(result.violations.map((v) => v.rule))],
      });
  }

  const functionalities = [...groups.values()].map((g) => ({ ...g, accuracy: ratio(g.correct, g.scored) }));
  return {
    cases: cases.length,
    unscored: cases.length - scored.length,
    outcomes: outcomeAccuracy(scored),
    functionalities,
  };
}
