import type { TextAnalysis } from '../text/analysis.js';
import type { ArticleProfile } from './article.js';
import type { OnTopicData } from './data.js';

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
  /** Token indexes of linked and foreign words, for evidence. */
  linkedTokens: number[];
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

/** A name-like token: letters with digits ("X3"), or a capital not right after punctuation. */
function isEntityLike(text: string, lower: string, afterPunct: boolean): boolean {
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) return true;
  return !afterPunct && text !== lower;
}

/** What one word contributes against one article; memoised per article profile. */
interface Verdict {
  content: number;
  link: number;
  foreign: number;
  /** Linked by the article's own words (not only by its beats). */
  direct: boolean;
  beats: readonly string[] | undefined;
  key: string;
}

const verdictMemo = new WeakMap<
  ArticleProfile,
  { weights: RelatednessWeights; data: OnTopicData; words: Map<string, Verdict> }
>();

function memoFor(article: ArticleProfile, data: OnTopicData, weights: RelatednessWeights): Map<string, Verdict> {
  let memo = verdictMemo.get(article);
  if (!memo || memo.weights !== weights || memo.data !== data) {
    memo = { weights, data, words: new Map() };
    verdictMemo.set(article, memo);
  }
  if (memo.words.size >= MAX_VERDICTS) memo.words.clear();
  return memo.words;
}

function verdict(
  memo: Map<string, Verdict>,
  lower: string,
  word: string,
  article: ArticleProfile,
  data: OnTopicData,
  weights: RelatednessWeights,
): Verdict {
  const known = memo.get(lower);
  if (known) return known;
  const info = data.word(lower);
  let weight = info.weight;
  const strength =
    article.terms.get(info.key) ??
    article.terms.get(`=${word}`) ??
    (info.alias === undefined ? undefined : article.terms.get(info.alias));
  // A named entity of the article ("l'Europe" under the Ariane 6 article) counts even when the word is common.
  if (strength !== undefined && article.entities.has(word)) weight = Math.max(weight, ENTITY_WEIGHT);
  const result: Verdict = { content: weight, link: 0, foreign: 0, direct: false, beats: info.beats, key: info.key };
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
  memo.set(lower, result);
  return result;
}

export function relatedness(
  analysis: TextAnalysis,
  folded: readonly string[],
  from: number,
  to: number,
  article: ArticleProfile,
  data: OnTopicData,
  weights: RelatednessWeights,
  parentTerms?: Map<string, number>,
): Relatedness {
  const result: Relatedness = {
    content: 0,
    link: 0,
    foreign: 0,
    linkedTokens: [],
    foreignTokens: [],
    foreignBeats: [],
  };
  const memo = memoFor(article, data, weights);
  for (let i = from; i < to; i++) {
    const token = analysis.tokens[i];
    if (!token) continue;
    const kind = token.kind;
    if (kind !== 'word' && kind !== 'number' && kind !== 'hashtag') continue;
    let word = folded[i] ?? '';
    let lower = token.lower;
    if (kind === 'hashtag') {
      word = word.slice(1);
      lower = lower.slice(1);
    }
    if (kind === 'number' || isAllDigits(word)) {
      // A number links when the article has it ("Windows 10", "le 112"); otherwise it says nothing.
      const strength = article.terms.get(word) ?? article.terms.get(`=${word}`);
      if (strength !== undefined && kind === 'word') {
        result.content += 1;
        result.link += strength;
        result.linkedTokens.push(i);
      }
      continue;
    }
    if (word.length < 2 || data.stop.has(word)) continue;
    const v = verdict(memo, lower, word, article, data, weights);
    result.content += v.content;
    if (!v.direct && parentTerms) {
      const strength = parentTerms.get(v.key) ?? parentTerms.get(`=${word}`);
      if (strength !== undefined) {
        result.link += v.content * strength;
        result.linkedTokens.push(i);
        continue;
      }
    }
    if (
      v.link === 0 &&
      v.beats === undefined &&
      i > 0 &&
      isEntityLike(token.text, token.lower, analysis.tokens[i - 1]?.kind === 'punct')
    ) {
      // A name the article never mentions and the lexicon does not know ("X3" under a data-breach article).
      result.foreign += weights.entityForeign;
      result.foreignTokens.push(i);
      continue;
    }
    result.link += v.link;
    if (v.link > 0) result.linkedTokens.push(i);
    if (v.foreign > 0) {
      result.foreign += v.foreign;
      result.foreignTokens.push(i);
      for (const beat of v.beats ?? []) if (!result.foreignBeats.includes(beat)) result.foreignBeats.push(beat);
    }
  }
  return result;
}
