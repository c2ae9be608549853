import type { Token } from '../text/tokenize.js';
import { inSet, WordBits } from './word-bits.js';

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
// Callers may keep one bit per shape in a 32-bit integer (see MatchInput.shape).
if (SHAPES.length > 31) throw new Error('more than 31 shapes');

type Atom =
  | { kind: 'shape'; name: ShapeName /** Index in SHAPES. */; id: number }
  | { kind: 'word' | 'name' | 'punct' | 'number' }
  | { kind: 'start' | 'end' };

interface Step {
  negated: boolean;
  optional: boolean;
  /** Literal words and the members of the classes named in the step. */
  words: Set<string>;
  /** The id of `words` among the word sets of the rule list (see WordBits), or -1 when empty. */
  set: number;
  atoms: Atom[];
  /** Whether `^` is one of the alternatives (for `after` / `notAfter` at a sentence start). */
  start: boolean;
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
  /**
   * The words the token after the first one must be one of, when the steps after the first are
   * plain words (optional ones, then a required one): a quick filter before any matching.
   */
  nextWords: Set<string> | null;
  /**
   * The steps that can take the token after the first one (optional ones, then a required one),
   * when that token must be taken by one of them and is a word: null when a step is negated,
   * zero-width (`^`, `#end`) or takes any word.
   */
  secondSteps: Step[] | null;
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
      atoms.push({ kind: 'shape', name, id: SHAPES.indexOf(name) });
    } else if (alt.startsWith('#')) {
      throw new Error(`${where}: unknown token kind ${alt}`);
    } else words.add(alt.toLowerCase().replace(/’/g, "'"));
  }
  return { negated, optional, words, set: -1, atoms, start: atoms.some((a) => a.kind === 'start') };
}

/** Every step of the rule with words: its pattern's, then `after` and `notAfter`. */
function stepsWithWords(rule: CompiledRule): Step[] {
  const all = [...rule.steps];
  if (rule.after !== null) all.push(rule.after);
  if (rule.notAfter !== null) all.push(rule.notAfter);
  return all.filter((step) => step.words.size > 0);
}

export function compileRules(
  rules: RawContextRule[],
  classes: ReadonlyMap<string, ReadonlySet<string>>,
): CompiledRule[] {
  const ids = new Set<string>();
  let sets = 0;
  const compiled = rules.map((rule) => {
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
      nextWords: plainWords(steps[0] as Step) ? nextWords(steps) : null,
      secondSteps: secondSteps(steps),
      notAfter: rule.notAfter ? compileStep(rule.notAfter, classes, where) : null,
    };
  });
  // Ids for the word sets of the steps, in the rules' order (see WordBits).
  for (const rule of compiled) for (const step of stepsWithWords(rule)) step.set = sets++;
  return compiled;
}

const plainWords = (step: Step) => !step.negated && !step.optional && step.atoms.length === 0 && step.words.size > 0;

/**
 * Every word the token after the first step can be in a match: the words of the optional plain
 * steps that follow, up to and with the first required one. Null when that token can be anything
 * (an atom, a negated step, or only optional steps left).
 */
function nextWords(steps: readonly Step[]): Set<string> | null {
  const words = new Set<string>();
  for (let s = 1; s < steps.length; s++) {
    const step = steps[s] as Step;
    if (step.negated || step.atoms.length > 0) return null;
    for (const w of step.words) words.add(w);
    if (!step.optional) return words;
  }
  return null;
}

/** See `CompiledRule.secondSteps`: `#punct` and `#number` never take a word, so they do not count. */
function secondSteps(steps: readonly Step[]): Step[] | null {
  const out: Step[] = [];
  for (let s = 1; s < steps.length; s++) {
    const step = steps[s] as Step;
    if (step.negated) return null;
    for (const atom of step.atoms)
      if (atom.kind === 'start' || atom.kind === 'end' || atom.kind === 'word') return null;
    out.push(step);
    if (!step.optional) return out;
  }
  return null;
}

/**
 * The rules whose first step holds one word, split by what the next token can be, so that a
 * token tries only the rules that could match it: each list keeps the rules' order (the first
 * rule to match a token wins it).
 */
export interface RuleGroup {
  /** Next token a word or elision in `nextWords` of some rule: the rules it leaves possible. */
  byNext: Map<string, CompiledRule[]>;
  /** Next token another word or elision. */
  otherWord: CompiledRule[];
  /** Next token not a word (punctuation, number...) or no next token. */
  notWord: CompiledRule[];
}

/** Rules indexed by the literal words of their first step; the others are tried everywhere. */
export interface RuleIndex {
  byWord: Map<string, RuleGroup>;
  generic: CompiledRule[];
  /** The word sets of the rules' steps, for MatchWord.bits. */
  bits: WordBits;
}

/**
 * Whether the token after the first step must be a word or an elision for the rule to match:
 * the steps that can consume it (the optional ones, up to and with the first required one) only
 * hold words, shapes, `#word` or `#name`.
 */
function needsWordNext(rule: CompiledRule): boolean {
  for (let s = 1; s < rule.steps.length; s++) {
    const step = rule.steps[s] as Step;
    if (step.negated) return false;
    for (const atom of step.atoms)
      if (atom.kind !== 'shape' && atom.kind !== 'word' && atom.kind !== 'name') return false;
    if (!step.optional) return true;
  }
  return false;
}

function groupRules(rules: readonly CompiledRule[]): RuleGroup {
  const next = new Set<string>();
  for (const rule of rules) for (const w of rule.nextWords ?? []) next.add(w);
  const byNext = new Map<string, CompiledRule[]>();
  for (const w of next)
    byNext.set(
      w,
      rules.filter((r) => r.nextWords === null || r.nextWords.has(w)),
    );
  return {
    byNext,
    otherWord: rules.filter((r) => r.nextWords === null),
    notWord: rules.filter((r) => r.nextWords === null && !needsWordNext(r)),
  };
}

export function indexRules(rules: CompiledRule[]): RuleIndex {
  const byFirst = new Map<string, CompiledRule[]>();
  const generic: CompiledRule[] = [];
  for (const rule of rules) {
    const first = rule.steps[0] as Step;
    if (first.negated || first.optional || first.atoms.length > 0 || first.words.size === 0) {
      generic.push(rule);
      continue;
    }
    for (const word of first.words) {
      const list = byFirst.get(word) ?? [];
      list.push(rule);
      byFirst.set(word, list);
    }
  }
  const byWord = new Map<string, RuleGroup>();
  for (const [word, list] of byFirst) byWord.set(word, groupRules(list));
  const sets: Set<string>[] = [];
  for (const rule of rules) for (const step of stepsWithWords(rule)) sets[step.set] = step.words;
  return { byWord, generic, bits: new WordBits(sets) };
}

/**
 * What the matcher reads of a word or elision token. The proofreading rule passes one object per
 * distinct word as written (its word facts): everything the single-token steps read of a token
 * (its kind, text, rule form and shapes) is then the same for every token with that object, so
 * the matcher can remember on it, per rule group, the rules a token of that word leaves possible
 * after the group's word, and a comment repeating the same pair ("a a a a") tries no rule in vain.
 */
export interface MatchWord {
  /** Lower case, apostrophes normalised: what the words of a step are compared with. */
  norm: string;
  /** `index.byWord.get(norm)`: the rules whose first step can take this word. */
  rules: RuleGroup | undefined;
  /** `index.bits.of(norm)`: the word sets of the steps that hold this word. */
  bits: Uint32Array;
  /**
   * The matcher's memo: per rule group, the group's rules a token of this word can follow the
   * group's word in (created on first use). Null when the object stands for one token only (a
   * word read as another, such as an SMS form read as its standard spelling): nothing is kept.
   */
  narrowed: NarrowedRules | undefined | null;
  /** The last group `narrowed` answered for, and its answer: most lookups ask it again. */
  lastGroup: RuleGroup | undefined;
  lastRules: readonly CompiledRule[] | undefined;
}

/** What the matcher needs to know about the comment. */
export interface MatchInput {
  tokens: readonly Token[];
  /** The word or elision at each index; undefined for the other tokens (and past the end). */
  words: readonly (MatchWord | undefined)[];
  /** Whether a sentence starts at each token (true or 1), up to one past the last token. */
  sentenceStart: ArrayLike<boolean | number>;
  /** Whether the word at `index` has the shape; `id` is the shape's index in SHAPES. */
  shape(name: ShapeName, index: number, id: number): boolean;
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

const CAPITAL = /^\p{Lu}/u;

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
      return input.words[pos] !== undefined ? 1 : -1;
    case 'name':
      return token && token.kind === 'word' && CAPITAL.test(token.text) ? 1 : -1;
    case 'punct':
      return token?.kind === 'punct' ? 1 : -1;
    case 'number':
      return token?.kind === 'number' ? 1 : -1;
    case 'shape':
      return token && token.kind === 'word' && input.shape(atom.name, pos, atom.id) ? 1 : -1;
  }
}

/** Tokens consumed by a (non-negated) step at pos, or -1. */
function stepMatches(step: Step, input: MatchInput, pos: number): number {
  const word = input.words[pos];
  if (word !== undefined && inSet(word.bits, step.set)) return 1;
  const atoms = step.atoms;
  for (let a = 0; a < atoms.length; a++) {
    const consumed = atomMatches(atoms[a] as Atom, input, pos);
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
  if (pos === 0) return step.start;
  if (step.start && input.sentenceStart[pos]) return true;
  return stepMatches(step, input, pos - 1) > 0;
}

/** Tokens consumed by each step of the current try (patterns are short). */
const SCRATCH_SIZE = 16;
const SCRATCH: number[] = new Array(SCRATCH_SIZE).fill(0);

/**
 * Tries a rule at pos. `indexed`: the index already matched its first step (plain words, one
 * token) at pos and checked the next token against `nextWords`, so matching starts at the
 * second step.
 */
function tryRule(rule: CompiledRule, input: MatchInput, pos: number, indexed: boolean, out: RuleMatch[]) {
  if (rule.after !== null && !beforeMatches(rule.after, input, pos)) return;
  if (rule.notAfter !== null && beforeMatches(rule.notAfter, input, pos)) return;
  // A successful match sets the span of every step, so the scratch needs no clearing.
  const spans = SCRATCH;
  if (indexed) {
    spans[0] = 1;
    if (!matchFrom(rule, input, 1, pos + 1, spans)) return;
  } else if (!matchFrom(rule, input, 0, pos, spans)) return;
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

/**
 * A word's memo of rules by group (`MatchWord.narrowed`): pairs of a group and its rules side by
 * side in one array, scanned, and a Map once a word follows more than NARROWED_PAIRS groups.
 * Why: the Map was the matcher's costliest look-up (~1 % of the pipeline's time, 21 a
 * 1,000-character comment, each in a table last read comments before), and most words follow
 * 2–16 groups (counted on the benchmark's comments, 2026-12-03): a scan reads one or two cache
 * lines of the word's own.
 */
type NarrowedRules = (RuleGroup | readonly CompiledRule[])[] | Map<RuleGroup, readonly CompiledRule[]>;
const NARROWED_PAIRS = 16;

function narrowedOf(memo: NarrowedRules, group: RuleGroup): readonly CompiledRule[] | undefined {
  if (!Array.isArray(memo)) return memo.get(group);
  for (let k = 0; k < memo.length; k += 2) if (memo[k] === group) return memo[k + 1] as readonly CompiledRule[];
  return undefined;
}

function remember(word: MatchWord, memo: NarrowedRules | undefined, group: RuleGroup, rules: readonly CompiledRule[]) {
  if (memo === undefined) word.narrowed = [group, rules];
  else if (!Array.isArray(memo)) memo.set(group, rules);
  else if (memo.length < 2 * NARROWED_PAIRS) memo.push(group, rules);
  else {
    const map = new Map<RuleGroup, readonly CompiledRule[]>();
    for (let k = 0; k < memo.length; k += 2) map.set(memo[k] as RuleGroup, memo[k + 1] as readonly CompiledRule[]);
    map.set(group, rules);
    word.narrowed = map;
  }
}

/**
 * The rules of the group that the word at `next` can follow the group's word in: first those its
 * rule form leaves possible (`byNext`), then those one of whose `secondSteps` can take it, so that
 * a token no step can take rules the match out before any backtracking. Remembered on the word.
 */
function rulesBefore(group: RuleGroup, word: MatchWord, input: MatchInput, next: number): readonly CompiledRule[] {
  const memo = word.narrowed;
  if (memo === null) return group.byNext.get(word.norm) ?? group.otherWord;
  // The group asked last, before the memo: a word mostly follows the same few words.
  if (word.lastGroup === group) return word.lastRules as readonly CompiledRule[];
  let rules = memo === undefined ? undefined : narrowedOf(memo, group);
  if (rules === undefined) {
    const possible = group.byNext.get(word.norm) ?? group.otherWord;
    rules =
      possible.length === 0
        ? possible
        : possible.filter((rule) => {
            const steps = rule.secondSteps;
            if (steps === null) return true;
            for (const step of steps) if (stepMatches(step, input, next) > 0) return true;
            return false;
          });
    remember(word, memo, group, rules);
  }
  word.lastGroup = group;
  word.lastRules = rules;
  return rules;
}

export function matchRules(index: RuleIndex, input: MatchInput): RuleMatch[] {
  const out: RuleMatch[] = [];
  const { tokens, words } = input;
  const { generic } = index;
  for (let pos = 0; pos < tokens.length; pos++) {
    const group = words[pos]?.rules;
    if (group !== undefined) {
      const next = words[pos + 1];
      const rules = next === undefined ? group.notWord : rulesBefore(group, next, input, pos + 1);
      for (let r = 0; r < rules.length; r++) tryRule(rules[r] as CompiledRule, input, pos, true, out);
    }
    for (let r = 0; r < generic.length; r++) tryRule(generic[r] as CompiledRule, input, pos, false, out);
  }
  return out;
}
