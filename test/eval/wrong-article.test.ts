import { describe, expect, it } from 'vitest';
import type { Corpus } from '../../src/eval/corpus.js';
import { contentWordCount, evaluateWrongArticle } from '../../src/eval/wrong-article.js';
import { loadRuleSet } from '../../src/rules/loader.js';
import type { RuleModule } from '../../src/rules/types.js';

/** A stand-in on-topic rule: on topic when the comment names the article's first tag. */
const tagRule: RuleModule<null, Record<string, never>> = {
  id: 'on-topic',
  parseOptions: () => ({}),
  loadData: () => null,
  check: (text, { article }) =>
    article && !text.toLowerCase().includes(article.tags[0] ?? '')
      ? [{ rule: 'on-topic', messageId: 'x', severity: 'low', message: { fr: 'x', en: 'x' }, spans: [] }]
      : [],
};

const article = (id: string, tag: string) => ({ id, title: id, lang: 'fr' as const, body: `${tag}.`, tags: [tag] });
const comment = (id: string, articleId: string, body: string, rules: string[] = []) => ({
  id,
  article: articleId,
  lang: 'fr' as const,
  body,
  expect: rules.length ? ('queue' as const) : ('publish' as const),
  rules,
  note: '',
});

describe('wrong-article test', () => {
  const corpus: Corpus = {
    articles: [article('space', 'fusée'), article('phones', 'smartphone'), article('games', 'console')],
    comments: [
      comment('c1', 'space', 'La fusée a décollé sans encombre malgré une météo vraiment capricieuse ce matin.'),
      comment('c2', 'phones', 'Ce smartphone console les amateurs de photographie grâce à son capteur très lumineux.'),
      comment('c3', 'space', 'Trop court.'),
      comment('c4', 'space', 'Hors sujet mais la fusée est belle et la météo était vraiment magnifique.', ['on-topic']),
    ],
  };

  it('checks long clean comments against their own and every other article', () => {
    const result = evaluateWrongArticle(loadRuleSet({ modules: [tagRule], policy: { rules: {} } }), corpus);
    // c1 fires on phones and games; c2 names "console" too, so it stays silent on games.
    expect(result).toEqual({ comments: 2, ownChecks: 2, ownFired: 0, otherChecks: 4, otherFired: 3, otherRate: 0.75 });
  });

  it('says nothing when the on-topic rule does not run', () => {
    expect(evaluateWrongArticle(loadRuleSet({ modules: [], policy: { rules: {} } }), corpus)).toBeNull();
    const ignored = loadRuleSet({ modules: [tagRule], policy: { rules: { 'on-topic': { action: 'ignore' } } } });
    expect(evaluateWrongArticle(ignored, corpus)).toBeNull();
  });

  it('counts content words without stop words', () => {
    expect(contentWordCount("La fusée a décollé de Kourou avec l'équipage", 'fr')).toBe(4);
  });
});
