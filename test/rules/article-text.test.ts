import { describe, expect, it } from 'vitest';
import { sameArticleText } from '../../src/rules/article-text.js';
import type { ArticleContext } from '../../src/rules/types.js';

const article = (title: string, body: string, tags: string[]): ArticleContext => ({
  id: 'a1',
  title,
  body,
  tags,
  lang: 'fr',
});

describe('sameArticleText', () => {
  const known = { title: 'Titre', body: 'Corps', tags: ['a', 'b'] };

  it.each<[string, ArticleContext, boolean]>([
    ['the same text, other objects', article('Titre', 'Corps', ['a', 'b']), true],
    ['another title', article('Titre 2', 'Corps', ['a', 'b']), false],
    ['another body', article('Titre', 'Corps 2', ['a', 'b']), false],
    ['a tag more', article('Titre', 'Corps', ['a', 'b', 'c']), false],
    ['a tag less', article('Titre', 'Corps', ['a']), false],
    ['another tag', article('Titre', 'Corps', ['a', 'c']), false],
    ['the same tags in another order', article('Titre', 'Corps', ['b', 'a']), false],
    ['tags that join into the same text', article('Titre', 'Corps', ['a\u0001b']), false],
  ])('%s', (_case, candidate, expected) => {
    expect(sameArticleText(known, candidate)).toBe(expected);
  });
});
