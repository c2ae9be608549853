import type { ArticleContext } from './types.js';

/** What a rule's per-article cache keeps of an article's text, to tell an edited article from the one it read. */
export interface ArticleText {
  title: string;
  body: string;
  tags: readonly string[];
}

/**
 * Whether `article` still has the text `known` was taken from: the same title, body and tags,
 * tag by tag (no joined string per comment: the caches are asked at every comment). `known.tags`
 * must be a copy of the tags the cache read, not the caller's array.
 */
export function sameArticleText(known: ArticleText, article: ArticleContext): boolean {
  if (known.title !== article.title || known.body !== article.body) return false;
  const tags = article.tags;
  if (known.tags.length !== tags.length) return false;
  for (let i = 0; i < tags.length; i++) if (known.tags[i] !== tags[i]) return false;
  return true;
}
