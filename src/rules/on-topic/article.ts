import type { Lang } from '../../db/schema.js';
import { sameArticleText } from '../article-text.js';
import { type Token, tokenize } from '../text/tokenize.js';
import type { ArticleContext, LearningArticle } from '../types.js';
import type { OnTopicData } from './data.js';
import { plainFold } from './stem.js';

/**
 * What the rule knows about an article: its terms (stem keys, and folded surface forms prefixed
 * with "=" so that a comment in the other language still meets proper nouns and acronyms), each
 * with a strength that grows with the title, the tags and repetition; its named entities; and
 * the beats of the topic lexicon it belongs to. Computed once per article version and cached.
 */
export interface ArticleProfile {
  id: string;
  lang: Lang;
  /** Key → match strength in (0, 1]. */
  terms: Map<string, number>;
  /** Folded entities: capitalised words, acronyms, words with digits (S25, US-EAST-1). */
  entities: Set<string>;
  /** Beats of the lexicon the article is about, strongest first. */
  beats: string[];
  /** How much the article is about each beat, in [0, 1]: 1 for its main beats, less for side ones. */
  beatStrength: Map<string, number>;
  beatScores: Record<string, number>;
}

const TITLE_WEIGHT = 3;
const MIN_BEAT_SCORE = 2.5;
const BEAT_SHARE = 0.18;
const MIN_SIDE_BEAT_SCORE = 1.5;
const HAS_UPPER = /\p{Lu}/u;
const HAS_DIGIT_AND_LETTER = /^(?=.*\p{N})(?=.*\p{L})/u;

/** An article-wide IDF, fed with every registered article (see `setArticleCorpus`). */
interface CorpusStats {
  docs: number;
  df: Map<string, number>;
}
const corpusStats = new Map<Lang, CorpusStats>();

/**
 * Registers the site's articles so that a term shared by many of them weighs less (IDF). Optional:
 * without it the background word list alone plays that part. Fed at start-up with the site's
 * most recent articles (the option `corpusArticles`, see src/bootstrap.ts); an article registered
 * later counts from the next start.
 */
export function setArticleCorpus(
  articles: readonly LearningArticle[],
  dataFor: (lang: Lang) => OnTopicData | undefined,
) {
  corpusStats.clear();
  profileCache.clear();
  for (const article of articles) {
    const data = dataFor(article.lang);
    if (!data) continue;
    const stats = corpusStats.get(article.lang) ?? { docs: 0, df: new Map() };
    stats.docs++;
    // Stored terms are already once each; a Set again costs little and keeps df a count of articles.
    for (const key of new Set(article.terms ?? articleTermKeys(article, data))) {
      stats.df.set(key, (stats.df.get(key) ?? 0) + 1);
    }
    corpusStats.set(article.lang, stats);
  }
}

/**
 * The stem keys of an article's words (title, tags, body), once each: what the IDF counts it by.
 * Stored with the article (see `articleTerms` in types.ts): the stemmer is the slow part.
 */
export function articleTermKeys(article: ArticleContext, data: OnTopicData): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(`${article.title}\n${article.tags.join('\n')}\n${article.body}`)) {
    if (token.kind !== 'word') continue;
    seen.add(data.stemmer.key(token.lower));
  }
  return [...seen];
}

/** Weight of a term shared with the article: rarer across the site's articles, heavier. */
export function corpusIdf(lang: Lang, key: string): number {
  const stats = corpusStats.get(lang);
  if (!stats || stats.docs < 5) return 1;
  const df = stats.df.get(key) ?? 0;
  return Math.max(0.25, Math.log((stats.docs + 1) / (df + 0.5)) / Math.log(stats.docs + 1));
}

function isEntity(token: Token, sentenceStart: boolean): boolean {
  if (HAS_DIGIT_AND_LETTER.test(token.text)) return true;
  if (!HAS_UPPER.test(token.text)) return false;
  // A capital after a full stop proves nothing, unless the whole word is in capitals (SFR, DMA).
  return !sentenceStart || (token.text.length > 1 && token.text === token.text.toUpperCase());
}

export function analyseArticle(article: ArticleContext, data: OnTopicData): ArticleProfile {
  const tf = new Map<string, number>();
  const entities = new Set<string>();
  const beatScores: Record<string, number> = {};
  const add = (text: string, weight: number) => {
    let sentenceStart = true;
    for (const token of tokenize(text)) {
      if (token.kind === 'punct') {
        if (/[.!?…:]/.test(token.text)) sentenceStart = true;
        continue;
      }
      if (token.kind !== 'word' && token.kind !== 'number' && token.kind !== 'hashtag') continue;
      const folded = plainFold(token.text.replace(/^#/, ''));
      const start = sentenceStart;
      sentenceStart = false;
      if (data.stop.has(folded) || (folded.length < 2 && token.kind !== 'number')) continue;
      const key = token.kind === 'number' ? folded : data.stemmer.key(token.lower.replace(/^#/, ''));
      tf.set(key, (tf.get(key) ?? 0) + weight);
      tf.set(`=${folded}`, (tf.get(`=${folded}`) ?? 0) + weight);
      if (token.kind !== 'number' && isEntity(token, start)) entities.add(folded);
      const bg = data.background.get(key) ?? 1;
      for (const beat of data.beats.get(key) ?? []) beatScores[beat] = (beatScores[beat] ?? 0) + weight * bg;
    }
  };
  add(article.title, TITLE_WEIGHT);
  for (const tag of article.tags) add(tag, TITLE_WEIGHT);
  add(article.body, 1);

  const terms = new Map<string, number>();
  for (const [key, count] of tf) {
    const bare = key.startsWith('=') ? key.slice(1) : key;
    const strength = entities.has(bare) || count >= 3 ? 1 : count >= 2 ? 0.9 : 0.75;
    terms.set(key, strength * corpusIdf(article.lang, key));
  }
  const top = Math.max(0, ...Object.values(beatScores));
  const beats = Object.entries(beatScores)
    .filter(([, score]) => score >= MIN_BEAT_SCORE && score >= top * BEAT_SHARE)
    .sort((a, b) => b[1] - a[1])
    .map(([beat]) => beat);
  const beatStrength = new Map<string, number>();
  for (const [beat, score] of Object.entries(beatScores))
    if (score >= MIN_SIDE_BEAT_SCORE)
      // Squared, so that a beat the article only brushes against links little.
      beatStrength.set(beat, Math.min(1, (score / Math.max(MIN_BEAT_SCORE, top * BEAT_SHARE)) ** 2));
  return { id: article.id, lang: article.lang, terms, entities, beats, beatStrength, beatScores };
}

/** A light profile of a parent comment: its terms only, for replies. */
export function analyseParent(body: string, data: OnTopicData): Map<string, number> {
  const terms = new Map<string, number>();
  for (const token of tokenize(body)) {
    if (token.kind !== 'word') continue;
    const folded = plainFold(token.text);
    if (data.stop.has(folded) || folded.length < 2) continue;
    terms.set(data.stemmer.key(token.lower), 0.8);
    terms.set(`=${folded}`, 0.8);
  }
  return terms;
}

// Bounded cache: by article object (the registry hands out the same object while it is unchanged),
// then by id + a hash of what the analysis reads, so that an edited article is analysed again.
const MAX_PROFILES = 500;
const profileCache = new Map<string, ArticleProfile>();
const byObject = new WeakMap<
  ArticleContext,
  { data: OnTopicData; title: string; body: string; tags: string[]; profile: ArticleProfile }
>();

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function articleProfile(article: ArticleContext, data: OnTopicData): ArticleProfile {
  const known = byObject.get(article);
  // Tags that differ but join into the same text miss here and find the profile by its key below.
  if (known && known.data === data && sameArticleText(known, article)) return known.profile;
  const key = `${data.lang}\u0000${article.id}\u0000${article.title.length}:${article.body.length}:${hash(`${article.title}\u0000${article.tags.join('\u0001')}\u0000${article.body}`)}`;
  let profile = profileCache.get(key);
  if (profile) {
    // Refresh its place in the LRU order.
    profileCache.delete(key);
  } else {
    profile = analyseArticle(article, data);
  }
  profileCache.set(key, profile);
  if (profileCache.size > MAX_PROFILES) {
    const oldest = profileCache.keys().next().value;
    if (oldest !== undefined) profileCache.delete(oldest);
  }
  byObject.set(article, { data, title: article.title, body: article.body, tags: [...article.tags], profile });
  return profile;
}
