import type { TextAnalysis } from '../text/analysis.js';
import type { Token } from '../text/tokenize.js';
import type { ArticleProfile } from './article.js';
import type { OnTopicData } from './data.js';
import type { TokenFacts } from './token-facts.js';

/**
 * How much a stretch of a comment is about the article. Each content word (not a stop word)
 * weighs its background weight (common words little, rare words 1) and is:
 * - linked when the article uses it (same stem, same surface form, or the word a clipping or
 *   nickname stands for), by its strength in the article; or, more weakly, when it belongs to a
 *   beat of the topic lexicon the article is about ("wifi" under an article on a fibre outage);
 *   or when the parent comment of a reply uses it;
 * - foreign when it belongs only to beats the article is not about ("entraîneur", "litière"),
 *   everyday beats (sport, home, family...) counting more;
 * - neutral otherwise.
 */
export interface Relatedness {
  /** Total weight of the content words. */
  content: number;
  /** Weight of the words linked to the article (or the parent comment). */
  link: number;
  /** Weight of the words that belong to other beats. */
  foreign: number;
  /** Token indexes of foreign words, for evidence. */
  foreignTokens: number[];
  foreignBeats: string[];
}

export interface RelatednessWeights {
  /** Link weight of a word that is only in a beat of the article. */
  beatLink: number;
  /** Foreign weight of a name (capitalised inside a sentence, or letters with digits) unknown to the article and the lexicon. */
  entityForeign: number;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const ENTITY_WEIGHT = 0.8;
const isAllDigits = (word: string) => {
  for (let i = 0; i < word.length; i++) if (!isDigit(word.charCodeAt(i))) return false;
  return true;
};
const MAX_VERDICTS = 20_000;

/**
 * What one word contributes against one article. Many words get the same verdict (every stop
 * word, every unknown word of a background tier, the words of one beat), and they share one
 * object: a comment's words then read a few objects that stay in the processor's cache.
 */
export interface Verdict {
  content: number;
  link: number;
  foreign: number;
  /** Linked by the article's own words (not only by its beats). */
  direct: boolean;
  beats: readonly string[] | undefined;
  /** A stop word or a single letter: not content. */
  skip: boolean;
  /** Only digits: a number, linked by `numberStrength` when the article has it. */
  digits: boolean;
  numberStrength: number | undefined;
}

/** Word verdicts against one article and language data. */
export interface VerdictMemo {
  byLower: Map<string, Verdict>;
  /** The one object of each distinct verdict. */
  byValue: Map<string, Verdict>;
}

/**
 * Word verdicts by article profile, then by language data: comments on one article come in both
 * languages, and one memo per article would be thrown away at each change of language.
 */
const verdictMemo = new WeakMap<
  ArticleProfile,
  { weights: RelatednessWeights; byData: Map<OnTopicData, VerdictMemo> }
>();

function memoFor(article: ArticleProfile, data: OnTopicData, weights: RelatednessWeights): VerdictMemo {
  let memo = verdictMemo.get(article);
  if (!memo || memo.weights !== weights) {
    memo = { weights, byData: new Map() };
    verdictMemo.set(article, memo);
  }
  let words = memo.byData.get(data);
  if (!words || words.byLower.size >= MAX_VERDICTS) {
    words = { byLower: new Map(), byValue: new Map() };
    memo.byData.set(data, words);
  }
  return words;
}

/** What a word (or a hashtag without its "#") is against the article; memoised by lower case. */
function verdict(
  memo: VerdictMemo,
  lower: string,
  word: string,
  article: ArticleProfile,
  data: OnTopicData,
  weights: RelatednessWeights,
): Verdict {
  const known = memo.byLower.get(lower);
  if (known) return known;
  const judged = judge(lower, word, article, data, weights);
  // Numbers print exactly (the shortest text that reads back as the same number).
  const value = `${judged.skip} ${judged.digits} ${judged.direct} ${judged.content} ${judged.link} ${judged.foreign} ${judged.numberStrength} ${judged.beats?.join(',')}`;
  let shared = memo.byValue.get(value);
  if (!shared) {
    shared = judged;
    memo.byValue.set(value, shared);
  }
  memo.byLower.set(lower, shared);
  return shared;
}

function judge(
  lower: string,
  word: string,
  article: ArticleProfile,
  data: OnTopicData,
  weights: RelatednessWeights,
): Verdict {
  const result: Verdict = {
    content: 0,
    link: 0,
    foreign: 0,
    direct: false,
    beats: undefined,
    skip: false,
    digits: false,
    numberStrength: undefined,
  };
  if (isAllDigits(word)) {
    // A number links when the article has it ("Windows 10", "le 112"); otherwise it says nothing.
    result.digits = true;
    result.numberStrength = article.terms.get(word) ?? article.terms.get(`=${word}`);
    return result;
  }
  if (word.length < 2 || data.stop.has(word)) {
    result.skip = true;
    return result;
  }
  const info = data.word(lower);
  let weight = info.weight;
  const strength =
    article.terms.get(info.key) ??
    article.terms.get(`=${word}`) ??
    (info.alias === undefined ? undefined : article.terms.get(info.alias));
  // A named entity of the article ("l'Europe" under the Ariane 6 article) counts even when the word is common.
  if (strength !== undefined && article.entities.has(word)) weight = Math.max(weight, ENTITY_WEIGHT);
  result.content = weight;
  result.beats = info.beats;
  if (strength !== undefined) {
    result.link = weight * strength;
    result.direct = true;
  } else if (info.beats) {
    let inArticle = 0;
    let beatWeight = 0;
    for (const beat of info.beats) {
      inArticle = Math.max(inArticle, article.beatStrength.get(beat) ?? 0);
      beatWeight = Math.max(beatWeight, data.beatWeights.get(beat) ?? 1);
    }
    result.link = weight * weights.beatLink * inArticle;
    if (inArticle < 1) result.foreign = weight * (1 - inArticle) * beatWeight;
  }
  return result;
}

/** The stem key of a word token, kept with its facts (parent comments are matched by it). */
function stemKeyOf(known: TokenFacts, data: OnTopicData): string {
  if (known.stemKey === undefined) known.stemKey = data.word(known.lower).key;
  return known.stemKey;
}

export function relatedness(
  analysis: TextAnalysis,
  facts: readonly TokenFacts[],
  from: number,
  to: number,
  article: ArticleProfile,
  data: OnTopicData,
  weights: RelatednessWeights,
  parentTerms?: Map<string, number>,
): Relatedness {
  // Sums in local variables (not in the result object's fields) until the end.
  let content = 0;
  let link = 0;
  let foreign = 0;
  const foreignTokens: number[] = [];
  const foreignBeats: string[] = [];
  const memo = memoFor(article, data, weights);
  const tokens = analysis.tokens;
  for (let i = from; i < to; i++) {
    const token = tokens[i] as Token;
    const kind = token.kind;
    let v: Verdict;
    let known: TokenFacts;
    if (kind === 'word') {
      known = facts[i] as TokenFacts;
      // The verdict kept with the token's facts, when it was found for this article.
      if (known.verdictMemo !== memo) {
        // The last two articles' verdicts are kept on the facts; others come from the memo's Map.
        const found =
          known.previousMemo === memo
            ? (known.previousVerdict as Verdict)
            : verdict(memo, token.lower, known.folded, article, data, weights);
        known.previousMemo = known.verdictMemo;
        known.previousVerdict = known.verdict;
        known.verdict = found;
        known.verdictMemo = memo;
      }
      v = known.verdict as Verdict;
      if (v.digits) {
        if (v.numberStrength !== undefined) {
          content += 1;
          link += v.numberStrength;
        }
        continue;
      }
    } else if (kind === 'hashtag') {
      known = facts[i] as TokenFacts;
      v = verdict(memo, token.lower.slice(1), known.folded.slice(1), article, data, weights);
      if (v.digits) continue;
    } else {
      // A number token says nothing: the article's numbers link only as words ("Windows 10").
      continue;
    }
    if (v.skip) continue;
    content += v.content;
    if (!v.direct && parentTerms) {
      const word = kind === 'word' ? known.folded : known.folded.slice(1);
      const key = kind === 'word' ? stemKeyOf(known, data) : data.word(token.lower.slice(1)).key;
      const strength = parentTerms.get(key) ?? parentTerms.get(`=${word}`);
      if (strength !== undefined) {
        link += v.content * strength;
        continue;
      }
    }
    if (
      v.link === 0 &&
      v.beats === undefined &&
      i > 0 &&
      // A name-like token: letters with digits ("X3"), or a capital not right after punctuation.
      (known.digits > 0 || ((tokens[i - 1] as Token).kind !== 'punct' && token.text !== token.lower))
    ) {
      // A name the article never mentions and the lexicon does not know ("X3" under a data-breach article).
      foreign += weights.entityForeign;
      foreignTokens.push(i);
      continue;
    }
    link += v.link;
    if (v.foreign > 0) {
      foreign += v.foreign;
      foreignTokens.push(i);
      const beats = v.beats as readonly string[];
      for (let b = 0; b < beats.length; b++) {
        const beat = beats[b] as string;
        if (!foreignBeats.includes(beat)) foreignBeats.push(beat);
      }
    }
  }
  return { content, link, foreign, foreignTokens, foreignBeats };
}
