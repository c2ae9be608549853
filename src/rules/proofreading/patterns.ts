import type { Token } from '../text/tokenize.js';

/**
 * Context rules: short token sequences that a dictionary cannot see ("sa fait", "il à", "les
 * client"). A pattern is a list of steps, each matching one token (or none, for the zero-width
 * ones). A step is a list of alternatives separated by "|":
 *
 * - `mot`: a word or elision in lower case ("sa", "j'"); typographic apostrophes are normalised;
 * - `@class`: any word of a class of the rule data (`classes`);
 * - `$shape`: a word of a grammatical shape computed with the dictionary (see `SHAPES`);
 * - `#word` any word, `#name` a capitalised word, `#punct` a punctuation mark, `#number` a number;
 * - `^` the start of a sentence and `#end` the end of a clause (punctuation, line break, end of
 *   text): both zero-width.
 *
 * A step prefixed with `?` is optional; with `!` it matches one token that does not match it (or
 * the end of the text). `after` / `notAfter` test the token before the match the same way.
 * Matching is a bounded backtracking over at most a few optional steps: linear in the comment.
 */
export const SHAPES = [
  'inf',
  'ppe',
  'ppeMasc',
  'ez',
  'ppit',
  'ppu',
  'plx',
  's1',
  'ing',
  'v3t',
  'pl',
  'sing',
  'singNotVerb',
  'singAttr',
  'v3s',
  'v3sait',
  'v1p',
  'rai',
  'ais',
  'ait',
  'dt',
  'ly',
] as const;
export type ShapeName = (typeof SHAPES)[number];

type Atom =
  | { kind: 'shape'; name: ShapeName }
  | { kind: 'word' | 'name' | 'punct' | 'number' }
  | { kind: 'start' | 'end' };

interface Step {
  negated: boolean;
  optional: boolean;
  /** Literal words and the members of the classes named in the step. */
  words: Set<string>;
  atoms: Atom[];
}

export interface RawContextRule {
  id: string;
  kind: 'homophone' | 'participle' | 'agreement' | 'accent';
  pattern: string[];
  mark: number | [number, number];
  hint: string;
  accentOnly?: boolean | undefined;
  after?: string | undefined;
  notAfter?: string | undefined;
}

export interface CompiledRule {
  id: string;
  kind: RawContextRule['kind'];
  hint: string;
  accentOnly: boolean;
  steps: Step[];
  markFrom: number;
  markTo: number;
  after: Step | null;
  notAfter: Step | null;
  /** When the second step is plain words: a quick filter on the next token before any matching. */
  secondWords: Set<string> | null;
}

function compileStep(source: string, classes: ReadonlyMap<string, ReadonlySet<string>>, where: string): Step {
  let text = source;
  let negated = false;
  let optional = false;
  if (text.startsWith('!')) {
    negated = true;
    text = text.slice(1);
  } else if (text.startsWith('?')) {
    optional = true;
    text = text.slice(1);
  }
  const words = new Set<string>();
  const atoms: Atom[] = [];
  for (const alt of text.split('|')) {
    if (alt === '') throw new Error(`${where}: empty alternative in "${source}"`);
    if (alt === '^') atoms.push({ kind: 'start' });
    else if (alt === '#end') atoms.push({ kind: 'end' });
    else if (alt === '#word' || alt === '#name' || alt === '#punct' || alt === '#number')
      atoms.push({ kind: alt.slice(1) as 'word' | 'name' | 'punct' | 'number' });
    else if (alt.startsWith('@')) {
      const members = classes.get(alt.slice(1));
      if (!members) throw new Error(`${where}: unknown class ${alt}`);
      for (const w of members) words.add(w);
    } else if (alt.startsWith('$')) {
      const name = alt.slice(1) as ShapeName;
      if (!SHAPES.includes(name)) throw new Error(`${where}: unknown shape ${alt}`);
      atoms.push({ kind: 'shape', name });
    } else if (alt.startsWith('#')) {
      throw new Error(`${where}: unknown token kind ${alt}`);
    } else words.add(alt.toLowerCase().replace(/’/g, "'"));
  }
  return { negated, optional, words, atoms };
}

export function compileRules(
  rules: RawContextRule[],
  classes: ReadonlyMap<string, ReadonlySet<string>>,
): CompiledRule[] {
  const ids = new Set<string>();
  return rules.map((rule) => {
    const where = `context rule ${rule.id}`;
    if (ids.has(rule.id)) throw new Error(`${where}: duplicate id`);
    ids.add(rule.id);
    const steps = rule.pattern.map((s) => compileStep(s, classes, where));
    if (steps.length > SCRATCH_SIZE) throw new Error(`${where}: more than ${SCRATCH_SIZE} steps`);
    const [markFrom, markTo] = typeof rule.mark === 'number' ? [rule.mark, rule.mark] : rule.mark;
    if (markTo < markFrom || markTo >= steps.length) throw new Error(`${where}: mark out of the pattern`);
    return {
      id: rule.id,
      kind: rule.kind,
      hint: rule.hint,
      accentOnly: rule.accentOnly ?? false,
      steps,
      markFrom,
      markTo,
      after: rule.after ? compileStep(rule.after, classes, where) : null,
      secondWords: plainWords(steps[0] as Step) && steps[1] && plainWords(steps[1]) ? steps[1].words : null,
      notAfter: rule.notAfter ? compileStep(rule.notAfter, classes, where) : null,
    };
  });
}

const plainWords = (step: Step) => !step.negated && !step.optional && step.atoms.length === 0 && step.words.size > 0;

/** Rules indexed by the literal words of their first step; the others are tried everywhere. */
export interface RuleIndex {
  byWord: Map<string, CompiledRule[]>;
  generic: CompiledRule[];
}

export function indexRules(rules: CompiledRule[]): RuleIndex {
  const byWord = new Map<string, CompiledRule[]>();
  const generic: CompiledRule[] = [];
  for (const rule of rules) {
    const first = rule.steps[0] as Step;
    if (first.negated || first.optional || first.atoms.length > 0 || first.words.size === 0) {
      generic.push(rule);
      continue;
    }
    for (const word of first.words) {
      const list = byWord.get(word) ?? [];
      list.push(rule);
      byWord.set(word, list);
    }
  }
  return { byWord, generic };
}

/** What the matcher needs to know about the comment. */
export interface MatchInput {
  tokens: readonly Token[];
  /** Lower case, apostrophes normalised. */
  norm: readonly string[];
  /** Whether a sentence starts at each token. */
  sentenceStart: readonly boolean[];
  shape(name: ShapeName, index: number): boolean;
}

export interface RuleMatch {
  rule: CompiledRule;
  /** Token range of the error (inclusive) and of the whole match. */
  first: number;
  last: number;
  matchFirst: number;
  matchLast: number;
}

const CLAUSE_END = new Set(['.', '!', '?', ',', ';', ':', '…', ')', '»', '"']);

const isWord = (t: Token) => t.kind === 'word' || t.kind === 'elision';

function atomMatches(atom: Atom, input: MatchInput, pos: number): number {
  const { tokens } = input;
  const token = tokens[pos];
  switch (atom.kind) {
    case 'start':
      return pos >= tokens.length || input.sentenceStart[pos] ? 0 : -1;
    case 'end':
      if (!token || input.sentenceStart[pos]) return 0;
      return token.kind === 'punct' && CLAUSE_END.has(token.text) ? 0 : -1;
    case 'word':
      return token && isWord(token) ? 1 : -1;
    case 'name':
      return token && token.kind === 'word' && /^\p{Lu}/u.test(token.text) ? 1 : -1;
    case 'punct':
      return token?.kind === 'punct' ? 1 : -1;
    case 'number':
      return token?.kind === 'number' ? 1 : -1;
    case 'shape':
      return token && token.kind === 'word' && input.shape(atom.name, pos) ? 1 : -1;
  }
}

/** Tokens consumed by a (non-negated) step at pos, or -1. */
function stepMatches(step: Step, input: MatchInput, pos: number): number {
  const token = input.tokens[pos];
  if (token && isWord(token) && step.words.has(input.norm[pos] as string)) return 1;
  for (const atom of step.atoms) {
    const consumed = atomMatches(atom, input, pos);
    if (consumed >= 0) return consumed;
  }
  return -1;
}

function matchFrom(rule: CompiledRule, input: MatchInput, stepIndex: number, pos: number, spans: number[]): boolean {
  if (stepIndex === rule.steps.length) return true;
  const step = rule.steps[stepIndex] as Step;
  if (step.negated) {
    if (pos >= input.tokens.length) {
      spans[stepIndex] = 0;
      return matchFrom(rule, input, stepIndex + 1, pos, spans);
    }
    if (stepMatches(step, input, pos) >= 0) return false;
    spans[stepIndex] = 1;
    return matchFrom(rule, input, stepIndex + 1, pos + 1, spans);
  }
  const consumed = stepMatches(step, input, pos);
  if (consumed >= 0) {
    spans[stepIndex] = consumed;
    if (matchFrom(rule, input, stepIndex + 1, pos + consumed, spans)) return true;
  }
  if (step.optional) {
    spans[stepIndex] = 0;
    return matchFrom(rule, input, stepIndex + 1, pos, spans);
  }
  return false;
}

function beforeMatches(step: Step, input: MatchInput, pos: number): boolean {
  if (pos === 0) return step.atoms.some((a) => a.kind === 'start');
  if (input.sentenceStart[pos] && step.atoms.some((a) => a.kind === 'start')) return true;
  return stepMatches(step, input, pos - 1) > 0;
}

/** Tokens consumed by each step of the current try (patterns are short). */
const SCRATCH_SIZE = 16;
const SCRATCH: number[] = new Array(SCRATCH_SIZE).fill(0);

function tryRule(rule: CompiledRule, input: MatchInput, pos: number, out: RuleMatch[]) {
  if (rule.secondWords) {
    const next = input.tokens[pos + 1];
    if (!next || !isWord(next) || !rule.secondWords.has(input.norm[pos + 1] as string)) return;
  }
  if (rule.after && !beforeMatches(rule.after, input, pos)) return;
  if (rule.notAfter && beforeMatches(rule.notAfter, input, pos)) return;
  const spans = SCRATCH;
  spans.fill(0);
  if (!matchFrom(rule, input, 0, pos, spans)) return;
  let cursor = pos;
  let first = -1;
  let last = -1;
  for (let s = 0; s < rule.steps.length; s++) {
    const n = spans[s] as number;
    if (s >= rule.markFrom && s <= rule.markTo && n > 0) {
      if (first < 0) first = cursor;
      last = cursor + n - 1;
    }
    cursor += n;
  }
  if (first < 0) return;
  out.push({ rule, first, last, matchFirst: pos, matchLast: Math.max(cursor - 1, last) });
}

export function matchRules(index: RuleIndex, input: MatchInput): RuleMatch[] {
  const out: RuleMatch[] = [];
  const { tokens, norm } = input;
  for (let pos = 0; pos < tokens.length; pos++) {
    const token = tokens[pos] as Token;
    if (isWord(token)) {
      const rules = index.byWord.get(norm[pos] as string);
      if (rules) for (const rule of rules) tryRule(rule, input, pos, out);
    }
    for (const rule of index.generic) tryRule(rule, input, pos, out);
  }
  return out;
}
