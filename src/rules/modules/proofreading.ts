import { z } from 'zod';
import { type ArticleText, sameArticleText } from '../article-text.js';
import { loadProofreadingData, normalizeWord, type ProofreadingData } from '../proofreading/data.js';
import { type MatchInput, type MatchWord, matchRules } from '../proofreading/patterns.js';
import { smsView } from '../proofreading/sms.js';
import { suggestCorrections } from '../proofreading/suggest.js';
import { TokenFlags } from '../proofreading/token-flags.js';
import { isNearWord, isReformSpelling, makeShapes, otherLang, restoreAccents } from '../proofreading/words.js';
import { type SpellChecker, sharedSpellChecker } from '../spelling/hunspell.js';
import type { Token } from '../text/tokenize.js';
import { NO_ID, WordSlots } from '../text/word-ids.js';
import type { ArticleContext, RuleContext, RuleModule, Span, Violation } from '../types.js';

/**
 * Rule 4, proofreading (policy §4): fires on two or more clear spelling or grammar errors, or
 * when accents are missing throughout, or when a long comment is one run-on sentence.
 *
 * - Unknown words: real Hunspell (dictionary-fr / dictionary-en + en-GB) behind a cache, minus
 *   everything a reader would not call a mistake: proper nouns (a capital inside a sentence),
 *   acronyms and camel-case brands, numbers, URLs, mentions, emoji, the article's own words, the
 *   allow-list of jargon and brands, lowercase brands Hunspell knows capitalised ("linux"),
 *   anglicisms the English dictionary knows, 1990-reform spellings, and the sms-speak rule's
 *   tokens.
 * - Real-word errors: the context rules of the rule data (sa/ça, a/à, on/ont, -er/-é...).
 * - Suggestions are never computed here (see `suggestCorrections` in proofreading/suggest.ts).
 */
const optionsSchema = z
  .object({
    minErrors: z.number().int().min(1).default(2),
    /** Above this many words, the threshold becomes a ratio of the words (never below minErrors). */
    longCommentWords: z.number().int().min(1).default(120),
    longCommentRatio: z.number().min(0).max(1).default(0.015),
  })
  .strict();
export type ProofreadingOptions = z.infer<typeof optionsSchema>;

export type ProofErrorKind =
  | 'unknown-word'
  | 'accent'
  | 'homophone'
  | 'participle'
  | 'agreement'
  | 'repeated-word'
  | 'run-on';

export interface ProofError {
  text: string;
  start: number;
  end: number;
  kind: ProofErrorKind;
  /** The expected form or what to check ("ça", "-é", "était"). */
  hint?: string;
  /** The words around a context error, as the reader wrote them ("sa fait"). */
  context?: string;
  /** Id of the context rule that found it. */
  ruleId?: string;
  /** Filled by `suggestCorrections`, never by `check`. */
  suggestions?: string[];
}

const shapesByLang = new Map<ProofreadingData, ReturnType<typeof makeShapes>>();
function shapesFor(data: ProofreadingData, checker: SpellChecker) {
  let shapes = shapesByLang.get(data);
  if (!shapes) {
    shapes = makeShapes(checker, data);
    shapesByLang.set(data, shapes);
  }
  return shapes;
}

/**
 * Lower-case words of the article (title, body, tags), computed once per article: the service
 * may build a new article object for each comment, so the cache is keyed by id and checked
 * against the text (bounded).
 */
interface ArticleWords extends ArticleText {
  words: ReadonlySet<string>;
}
const articleWordCache = new Map<string, ArticleWords>();
const ARTICLE_CACHE_LIMIT = 256;
const ARTICLE_WORD = /[\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;

function articleWords(article: ArticleContext | null): ReadonlySet<string> {
  if (!article) return EMPTY;
  const cached = articleWordCache.get(article.id);
  if (cached && sameArticleText(cached, article)) {
    return cached.words;
  }
  const words = new Set<string>();
  for (const text of [article.title, article.body, ...article.tags]) {
    for (const m of text.matchAll(ARTICLE_WORD)) {
      const w = normalizeWord(m[0]);
      words.add(w);
      for (const part of w.split(/['-]/)) words.add(part);
    }
  }
  if (articleWordCache.size >= ARTICLE_CACHE_LIMIT) articleWordCache.clear();
  articleWordCache.set(article.id, { title: article.title, body: article.body, tags: [...article.tags], words });
  return words;
}
const EMPTY: ReadonlySet<string> = new Set();

const HAS_DIGIT = /\p{N}/u;
const CAPITALISED = /^\p{Lu}/u;
const VOWEL = /[aeiouyàâäéèêëîïôöùûüÿœæ]/;
const TRIPLE_LETTER = /(\p{L})\1\1/u;
/** Quotes, brackets and bullets after which a sentence starts: one character each. */
const OPENERS = new Set(Array.from('«"(“-–—*•', (c) => c.charCodeAt(0)));
/** By character code: hashing a number is cheaper than hashing each token's fresh string. */
const isOpener = (text: string) => text.length === 1 && OPENERS.has(text.charCodeAt(0));
const SENTENCE_PUNCT = new Set(['.', '!', '?', ';', ':', ',', '…']);
/** Dictionary lookups for the uncached unknown words of one comment. */
const LOOKUP_BUDGET = 300;
/** Words of one comment not yet in the dictionary cache that may be looked up. */
const FIRST_LOOKUPS = 400;
const MAX_WORD = 40;

interface Found {
  first: number;
  last: number;
  error: ProofError;
}

function capitalise(word: string) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

interface Verdict {
  kind: 'ok' | 'accent' | 'unknown-word';
  hint?: string;
  /** An accent restoration on a word the other language knows: counts only with the signal. */
  weak?: boolean;
}
const OK: Verdict = { kind: 'ok' };
const UNKNOWN: Verdict = { kind: 'unknown-word' };

/**
 * What the dictionaries say about a word Hunspell rejected as written, whatever the comment
 * (cached): accepted after all (lowercase brand, reform spelling, allow-list, anglicism...), a
 * missing accent, or an unknown word.
 */
const verdicts = new Map<string, Verdict>();
function lexicalVerdict(
  facts: WordFacts,
  checker: SpellChecker,
  data: ProofreadingData,
  budget: { lookups: number },
): Verdict {
  if (facts.verdict !== undefined) return facts.verdict;
  const lower = facts.lowerNorm;
  const capital = facts.capital;
  const key = `${data.lang}${capital ? 'C' : 'l'}${lower}`;
  const cached = verdicts.get(key);
  if (cached) {
    facts.verdict = cached;
    return cached;
  }
  // Past the comment's budget (a flood of distinct unknown words), words are left unjudged:
  // the comment has long reached the threshold by then.
  if (budget.lookups <= 0) return OK;
  const verdict = computeVerdict(lower, capital, checker, data, budget);
  // A search the budget cut short is not an answer: do not remember it.
  if (budget.lookups > 0) {
    if (verdicts.size >= 50_000) verdicts.clear();
    verdicts.set(key, verdict);
    facts.verdict = verdict;
  }
  return verdict;
}

function computeVerdict(
  lower: string,
  capital: boolean,
  checker: SpellChecker,
  data: ProofreadingData,
  budget: { lookups: number },
): Verdict {
  // Every dictionary lookup of an uncached word spends the comment's budget.
  const known = (w: string, c: SpellChecker = checker) => {
    budget.lookups--;
    return c.isWord(w);
  };
  if (capital && known(lower)) return OK;
  if (TRIPLE_LETTER.test(lower) || data.allow.has(lower)) return OK;
  // No vowel: an abbreviation or a command name ("dpkg", "gpg", "cp"), never a misspelt word.
  if (!VOWEL.test(lower)) return OK;
  if (isReformSpelling(lower, checker, data)) return OK;
  if (lower.includes('-') || lower.includes("'")) {
    const parts = lower.split(/['-]/).filter((p) => p !== '');
    if (parts.every((p) => known(p) || data.allow.has(p))) return OK;
  }
  if (!capital && known(capitalise(lower))) return OK; // "linux", "windows"
  const foreign = known(lower, sharedSpellChecker(otherLang(data.lang)));
  const accentFix = restoreAccents(lower, checker, data, budget);
  if (accentFix !== null) {
    // A missing accent on a capital letter does not count (policy §4).
    if (capital && accentFix[0] !== lower[0]) return OK;
    return { kind: 'accent', hint: accentFix, weak: foreign };
  }
  // An unknown capitalised word opening a sentence is probably a name, unless it is one slip
  // away from a real word ("Nimporte", "Daccord", "Apparement").
  if (capital) return data.lang === 'fr' && isNearWord(lower, checker, budget) ? UNKNOWN : OK;
  if (foreign) return OK; // an anglicism
  return UNKNOWN;
}

/** Lower case with straight apostrophes: the form the rule data is written in. */
const straight = (s: string) => (s.includes('’') ? s.replace(/’/g, "'") : s);

/**
 * Whether a word of two letters or more is written in capitals ("SA", "ON" in code): the same
 * test as `text === text.toUpperCase()`, without building the upper-case copy for the usual
 * word that has an ASCII lower-case letter.
 */
function inCapitals(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) return text === text.toUpperCase();
  }
  return true;
}

/**
 * What the rule needs to know about a word or elision as written, whatever the comment. Also the
 * matcher's word (see MatchWord): the facts hold all the context rules read of it.
 */
interface WordFacts extends MatchWord {
  /** The kind of the token the facts were made for (the matcher's word only for tokens of that kind). */
  kind: Token['kind'];
  /** Lower case, straight apostrophes. */
  lowerNorm: string;
  /** As written, straight apostrophes. */
  word: string;
  /** Written in lower case (the grammatical shapes are about lower-case words). */
  lowerCase: boolean;
  /** Accents in the word: its folded form is not its lower case. */
  accented: boolean;
  /** The correction of a word that is always wrong ("language" of a French comment...). */
  wrong: string | undefined;
  /** Too long to be a word of any language (a keyboard run, a hash): never looked up. */
  tooLong: boolean;
  /** Whether the dictionary's "no" can make it an error (length, no digit, case only on the first letter). */
  judged: boolean;
  capital: boolean;
  /** Twice in a row, a typo ("le le"): lower case, no digit, not in the allowed repetitions. */
  repeatable: boolean;
  /** Hunspell's answer for `word`, remembered at the spell checker's `generation` (-1: never asked). */
  spelled: boolean;
  spelledAt: number;
  /** Grammatical shapes already asked (bit i for SHAPES[i]), and those the word has. */
  shapesAsked: number;
  shapes: number;
  /**
   * The word's lexical verdict once remembered (see lexicalVerdict): read here, beside the other
   * facts, it spares building the verdicts' key, hashing it and looking it up in a Map last read
   * comments before (~100 ns a rejected word in perf's samples of the benchmark's comments,
   * 2026-12-03).
   */
  verdict: Verdict | undefined;
}

/**
 * Word facts by text as written (its word number, see word-ids.ts), per language data: a comment
 * repeats the same few hundred words, so each costs one array read instead of a handful of
 * string tests.
 */
const factsByData = new WeakMap<ProofreadingData, WordSlots<WordFacts>>();
function factsTable(data: ProofreadingData): WordSlots<WordFacts> {
  let table = factsByData.get(data);
  if (!table) {
    table = new WordSlots();
    factsByData.set(data, table);
  }
  return table;
}

function wordFacts(token: Token, folded: string, data: ProofreadingData): WordFacts {
  const text = token.text;
  const lowerNorm = straight(token.lower);
  const word = straight(text);
  const wrong = data.alwaysWrong.get(lowerNorm);
  const norm = text.length > 1 && text !== lowerNorm && inCapitals(text) ? '' : lowerNorm;
  const hasDigit = HAS_DIGIT.test(word);
  // The fields every token reads first, side by side: for comments of many different words,
  // most of the cost of a word's facts is fetching them from memory, and the object spans two
  // or three cache lines.
  return {
    kind: token.kind,
    rules: data.index.byWord.get(norm),
    accented: folded !== token.lower,
    repeatable: text.length >= 2 && text === lowerNorm && !hasDigit && !data.repeatedAllowed.has(lowerNorm),
    wrong: wrong !== undefined && word.slice(1) === lowerNorm.slice(1) ? wrong : undefined,
    tooLong: word.length > MAX_WORD,
    spelledAt: -1,
    spelled: false,
    judged: word.length >= 2 && word.length <= MAX_WORD && !hasDigit && word.slice(1) === lowerNorm.slice(1),
    capital: CAPITALISED.test(word),
    bits: data.index.bits.of(norm),
    lastGroup: undefined,
    lastRules: undefined,
    narrowed: undefined,
    lowerNorm,
    norm,
    word,
    lowerCase: text === token.lower,
    shapesAsked: 0,
    shapes: 0,
    verdict: undefined,
  };
}

/** A token read as another word than its facts say: matched as that word, with no memo. */
function readAs(norm: string, data: ProofreadingData): MatchWord {
  return {
    norm,
    rules: data.index.byWord.get(norm),
    bits: data.index.bits.of(norm),
    narrowed: null,
    lastGroup: undefined,
    lastRules: undefined,
  };
}

const sentenceStarts = new TokenFlags();
const blockedTokens = new TokenFlags();

/** Everything `check` found, before the decision (exported for tests and the CLI). */
export function findErrors(text: string, context: RuleContext<ProofreadingData, ProofreadingOptions>) {
  const data = context.data;
  const analysis = context.analysis();
  const { tokens, sentences, folded, wordIds } = analysis;
  const checker = sharedSpellChecker(data.lang);
  const count = tokens.length;
  const { claims, standards } = smsView(context);
  // Context rules read SMS forms as their standard spelling ("g appeler" = "j'ai appeler").
  // Only the forms listed in the data are read so (auxiliaries, pronouns): a guessed determiner
  // ("qq" = "quelque(s)") must not make an agreement error.
  const smsReadable = data.classes.get('smsStandards');
  const table = factsTable(data).for(analysis);
  // Only words and elisions have facts: they are all the context rules, shapes and the
  // dictionary look at. The arrays are read at words only, so other tokens leave holes (a
  // 5,000-token run of "*" costs one allocation per array, not a push per token).
  const facts: (WordFacts | undefined)[] = new Array(count);
  const matchWords: (MatchWord | undefined)[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== 'word' && token.kind !== 'elision') continue;
    const id = wordIds[i] as number;
    let f = table.get(id);
    if (f === undefined) {
      f = wordFacts(token, folded[i] as string, data);
      table.set(id, f);
    }
    facts[i] = f;
    matchWords[i] = f.kind === token.kind ? f : readAs(f.norm, data);
  }
  for (const [i, standard] of standards) {
    if (facts[i] === undefined || !smsReadable?.has(standard)) continue;
    matchWords[i] = readAs(standard, data);
  }
  const sentenceStart = sentenceStarts.cleared(count);
  // Tokens already in an error, or claimed by the sms-speak rule (one array, no Set lookups).
  const blocked = blockedTokens.cleared(count);
  for (const s of sentences) sentenceStart[s.firstToken] = 1;
  // A word right after an opening quote or bracket, or after a line break, starts a sentence too.
  for (let i = 1; i < count; i++) {
    const prev = tokens[i - 1] as Token;
    if (prev.kind === 'punct' && (i < 2 || sentenceStart[i - 1]) && isOpener(prev.text)) sentenceStart[i] = 1;
  }
  for (const i of claims) if (i >= 0 && i < count) blocked[i] = 1;
  const found: Found[] = [];
  let sorted = true;
  const add = (first: number, last: number, error: ProofError) => {
    for (let i = first; i <= last; i++) if (blocked[i]) return;
    for (let i = first; i <= last; i++) blocked[i] = 1;
    const previous = found.length > 0 ? found[found.length - 1] : undefined;
    if (previous !== undefined && previous.first > first) sorted = false;
    found.push({ first, last, error });
  };
  const sameWord = (a: number, b: number) =>
    wordIds[b] !== NO_ID ? wordIds[a] === wordIds[b] : (tokens[a] as Token).text === (tokens[b] as Token).text;
  const startOf = (index: number) => (tokens[index] as Token).start;
  const endOf = (index: number) => (tokens[index] as Token).end;

  // 1. Context rules (real-word errors).
  const shapes = shapesFor(data, checker);
  const input: MatchInput = {
    tokens,
    words: matchWords,
    sentenceStart,
    // Shapes are only asked of words, which all have their facts.
    // Remembered on the word's facts: the answer depends only on the word.
    shape: (name, index, id) => {
      const f = facts[index] as WordFacts;
      const bit = 1 << id;
      if ((f.shapesAsked & bit) !== 0) return (f.shapes & bit) !== 0;
      const has = shapes(name, f.lowerNorm, f.lowerCase);
      f.shapesAsked |= bit;
      if (has) f.shapes |= bit;
      return has;
    },
  };
  for (const m of matchRules(data.index, input)) {
    if (m.rule.accentOnly) {
      let capital = false;
      for (let i = m.first; i <= m.last; i++) if (CAPITALISED.test((tokens[i] as Token).text)) capital = true;
      if (capital) continue;
    }
    const start = startOf(m.first);
    const end = endOf(m.last);
    // The context shown to the reader starts with the elided word stuck to the match ("j'ai").
    let from = m.matchFirst;
    const before = from > 0 ? tokens[from - 1] : undefined;
    if (before?.kind === 'elision' && before.end === startOf(from)) from--;
    // Literal objects in the order the errors have always had (start, end, text first): a spread
    // here was the slowest line of the rule.
    add(m.first, m.last, {
      start,
      end,
      text: text.slice(start, end),
      kind: m.rule.kind,
      hint: m.rule.hint,
      context: text.slice(startOf(from), endOf(m.matchLast)),
      ruleId: m.rule.id,
    });
  }

  // 2. Repeated words ("le le", separated by spaces only) and unknown words, in one pass: each
  // error blocks its one token, so a repetition is found before the unknown word at the same token
  // as when the two were separate passes (and `found` ends sorted by token as before).
  const budget = { lookups: LOOKUP_BUDGET };
  let firstLookups = FIRST_LOOKUPS;
  const weakAccents: Found[] = [];
  let accentMissing = 0;
  let accented = 0;
  let words = 0;
  // Looked up once per comment, at its first unknown word (most comments have none).
  let articleSet: ReadonlySet<string> | undefined;
  const article = () => {
    articleSet ??= articleWords(context.article);
    return articleSet;
  };
  for (let i = 0; i < count; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== 'word') continue;
    words++;
    const f = facts[i] as WordFacts;
    if (f.accented) accented++;
    const { start, end } = token;
    // The same word twice: the same word number, or for words with none (over 40 characters,
    // whose facts are made anew at each token) the same text. Never tokens[-1]: a negative index
    // is a property name for V8, looked up the slow way.
    if (f.repeatable && i > 0 && sameWord(i - 1, i) && (tokens[i - 1] as Token).kind === 'word') {
      const a = tokens[i - 1] as Token;
      if (/^[ \t]+$/.test(text.slice(a.end, start))) {
        const pair = text.slice(a.start, end);
        add(i, i, { start: a.start, end, text: pair, kind: 'repeated-word', hint: token.text, context: pair });
      }
    }
    if (blocked[i]) continue;
    if (f.wrong !== undefined) {
      add(i, i, { start, end, text: text.slice(start, end), kind: 'unknown-word', hint: f.wrong });
      continue;
    }
    if (f.tooLong) continue; // not a word of any language: a keyboard run, a hash
    // The usual case is an answer remembered on the facts; uncached lookups are bounded per comment.
    let known: boolean;
    if (f.spelledAt === checker.generation) known = f.spelled;
    else {
      const cached = checker.cached(f.word);
      if (cached === undefined) {
        if (firstLookups-- <= 0) continue;
        known = checker.isWord(f.word);
      } else known = cached;
      f.spelled = known;
      f.spelledAt = checker.generation;
    }
    if (known || !f.judged) continue;
    if (f.capital && !sentenceStart[i]) continue; // a proper noun
    const lower = f.lowerNorm;
    const verdict = lexicalVerdict(f, checker, data, budget);
    if (verdict === OK) continue;
    if (article().has(lower)) continue;
    if (verdict.kind === 'accent') {
      if (!verdict.weak) accentMissing++;
      const error: ProofError = { start, end, text: text.slice(start, end), kind: 'accent', hint: verdict.hint };
      // An English word that would be French with an accent ("the", "debit", "immediate") is
      // counted only when accents are missing throughout the comment.
      if (verdict.weak) weakAccents.push({ first: i, last: i, error });
      else add(i, i, error);
    } else {
      add(i, i, { start, end, text: text.slice(start, end), kind: 'unknown-word' });
    }
  }

  // 4. Whole-comment signals.
  const { accentsMissing, runOn } = data.thresholds;
  const accentsSignal = accentMissing >= accentsMissing.minWords && accented <= accentsMissing.maxAccentedWords;
  if (accentsSignal) for (const w of weakAccents) add(w.first, w.last, w.error);
  let runOnSignal = false;
  if (words >= runOn.minWords && sentences.length <= 1) {
    const firstWord = tokens.find((t) => t.kind === 'word');
    // Not even a final full stop: a long sentence that ends properly is not a run-on.
    const punctuated = tokens.some((t) => t.kind === 'punct' && SENTENCE_PUNCT.has(t.text));
    runOnSignal = !punctuated && !!firstWord && !CAPITALISED.test(firstWord.text);
  }
  // Context errors come first, then the others in text order: sort only when they interleave.
  if (!sorted) found.sort((a, b) => a.first - b.first);
  return { errors: found.map((f) => f.error), words, accentsSignal, runOnSignal };
}

/**
 * Errors counted for the threshold: the same misspelt word written twice is one spelling mistake
 * (a reader who always writes "impressionant" made one error); real-word errors count each time.
 */
export function countErrors(errors: readonly ProofError[]): number {
  const words = new Set<string>();
  let count = 0;
  for (const e of errors) {
    if (e.kind === 'unknown-word' || e.kind === 'accent') {
      const key = e.text.toLowerCase();
      if (words.has(key)) continue;
      words.add(key);
    }
    count++;
  }
  return count;
}

const quoteFr = (s: string) => `« ${s} »`;
const quoteEn = (s: string) => `"${s}"`;

export const proofreadingRule: RuleModule<ProofreadingData, ProofreadingOptions> = {
  id: 'proofreading',
  parseOptions: (raw) => optionsSchema.parse(raw),
  loadData(files, lang) {
    const data = loadProofreadingData(files, lang);
    // Build the dictionary now (start-up), never on the first request. Its first word also reads
    // the filter of its accent-free forms (accent-free-forms.ts).
    sharedSpellChecker(lang).isWord('a');
    return data;
  },
  async explain(violations, lang, { timeBudgetMs, suggester }) {
    await suggestCorrections(violations, lang, { timeBudgetMs, suggester });
  },
  check(text, context): Violation[] {
    if (!context.data) return [];
    const { errors, words, accentsSignal, runOnSignal } = findErrors(text, context);
    const { minErrors, longCommentWords, longCommentRatio } = context.options;
    const needed = words > longCommentWords ? Math.max(minErrors, Math.ceil(words * longCommentRatio)) : minErrors;
    const count = countErrors(errors);
    const countFires = count >= needed;
    if (!countFires && !accentsSignal && !runOnSignal) return [];

    const listed = errors
      .slice(0, 3)
      .map((e) => (e.kind === 'accent' || e.kind === 'unknown-word' ? e.text : (e.context ?? e.text)));
    const more = errors.length > 3 ? '…' : '';
    const all: ProofError[] = [...errors];
    if (runOnSignal) all.push({ text, start: 0, end: text.length, kind: 'run-on' });
    let messageId = 'proofreading.errors';
    let message = {
      fr: `Merci de relire votre commentaire : ${listed.map(quoteFr).join(', ')}${more}`,
      en: `Please proofread your comment: ${listed.map(quoteEn).join(', ')}${more}`,
    };
    if (!countFires && accentsSignal) {
      messageId = 'proofreading.accents';
      message = {
        fr: `Merci de relire votre commentaire : il manque les accents (${listed.map(quoteFr).join(', ')}${more}).`,
        en: `Please proofread your comment: accents are missing (${listed.map(quoteEn).join(', ')}${more}).`,
      };
    } else if (!countFires && runOnSignal) {
      messageId = 'proofreading.runOn';
      message = {
        fr: 'Merci de relire votre commentaire : une seule longue phrase, sans majuscule ni ponctuation.',
        en: 'Please proofread your comment: one long sentence with no capitals or punctuation.',
      };
    }
    const spans: Span[] = all.map(({ start, end, text: t }) => ({ start, end, text: t }));
    return [
      {
        rule: 'proofreading',
        messageId,
        severity: 'low',
        message,
        spans,
        details: {
          errors: all,
          count,
          threshold: needed,
          signals: [...(accentsSignal ? ['accents-missing'] : []), ...(runOnSignal ? ['run-on'] : [])],
        },
      },
    ];
  },
};
