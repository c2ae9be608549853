import { z } from 'zod';
import {
  type ArticleProfile,
  analyseParent,
  articleProfile,
  articleTermKeys,
  setArticleCorpus,
} from '../on-topic/article.js';
import { loadedData, loadOnTopicData, type OnTopicData, type PhraseList } from '../on-topic/data.js';
import {
  atSentenceStart,
  findNoise,
  findSpam,
  isGenericReaction,
  matchSpans,
  sentenceOf,
  tokenSpan,
} from '../on-topic/detectors.js';
import type { PhraseMatch } from '../on-topic/phrases.js';
import { type Relatedness, type RelatednessWeights, relatedness } from '../on-topic/relatedness.js';
import { stemmerId } from '../on-topic/stem.js';
import type { TextAnalysis } from '../text/analysis.js';
import type { RuleContext, RuleModule, Span, Violation } from '../types.js';

/**
 * Rule 1 of the moderation policy: stay on the subject of the article. Fires for advertising
 * (whatever keywords it borrows), "first!" noise, messages to the site, digressions that pick up
 * one keyword and drift ("Puisqu'on parle de X…"), and comments with no link to the article.
 * The link reads the article (stems, surface forms, entities, title and tags weighted higher), a
 * topic lexicon by beat, background word frequencies, and the parent comment of a reply. Short
 * generic reactions and replies to readers stay on topic.
 */
const optionsSchema = z
  .object({
    /** A comment needs this much content weight before "no link" can be said of it. */
    minContent: z.number().min(0).default(2.5),
    /** "No link" when the linked share of the content is below this... */
    noLinkRatio: z.number().min(0).max(1).default(0.15),
    /** ...and the linked weight below this. */
    noLinkMax: z.number().min(0).default(0.8),
    /** The text after a bridge ("en parlant de X,") must have at least this linked share. */
    bridgeRatio: z.number().min(0).max(1).default(0.3),
    /** A message to the site fires unless this share of the comment is about the article. */
    requestRatio: z.number().min(0).max(1).default(0.35),
    /** Weight, as evidence of another subject, of a name unknown to the article and the lexicon. */
    entityForeign: z.number().min(0).max(1).default(0.15),
    /** Link weight of a word that is only in a lexicon beat of the article. */
    beatLink: z.number().min(0).max(1).default(0.6),
    /** ...or, when more is linked, words of other beats outweigh the linked ones this many times. */
    foreignOverLink: z.number().min(1).default(2),
    /** "No link" also needs this much weight of words from other beats: without it, the rule cannot tell. */
    minForeign: z.number().min(0).default(1),
    /** After a bridge, with a question to readers or words of another beat, the linked share needed. */
    bridgeCueRatio: z.number().min(0).max(1).default(0.6),
    /** A question to readers with words of another beat (a personal request) needs this linked share. */
    askRatio: z.number().min(0).max(1).default(0.5),
    /** A reply whose parent comment is unknown needs this many times more evidence of another subject. */
    replyFactor: z.number().min(1).default(1),
    /** A generic reaction has at most this many words. */
    reactionMaxWords: z.number().int().min(1).default(8),
    /**
     * The IDF learns from this many of the site's most recent articles at start-up: enough to
     * weigh the words the site uses all the time, and a start-up that does not grow with the
     * archive (learning is ~0.6 ms an article of 1,500 characters at start-up, words not yet
     * stemmed; 10,000 articles took 1.3-2.4 s).
     */
    corpusArticles: z.number().int().min(0).default(200),
  })
  .strict();
export type OnTopicOptions = z.infer<typeof optionsSchema>;

type Reason = 'advertising' | 'noise' | 'request' | 'digression' | 'drift' | 'otherStory' | 'noLink';

const MESSAGES: Record<Reason, { fr: string; en: string }> = {
  advertising: {
    fr: 'Ce commentaire ressemble à de la publicité ou à une sollicitation commerciale.',
    en: 'This comment looks like advertising or a commercial solicitation.',
  },
  noise: {
    fr: 'Ce commentaire n’apporte rien à la discussion (« premier ! »).',
    en: 'This comment adds nothing to the discussion ("first!").',
  },
  request: {
    fr: 'Ce message s’adresse au site et non à l’article : utilisez le formulaire de contact.',
    en: 'This message is for the site, not about the article: please use the contact form.',
  },
  digression: {
    fr: 'Ce commentaire annonce lui-même qu’il sort du sujet de l’article.',
    en: 'This comment says itself that it is off the article’s subject.',
  },
  drift: {
    fr: 'Ce commentaire part d’un mot de l’article pour parler d’autre chose.',
    en: 'This comment picks up a word of the article and then talks about something else.',
  },
  otherStory: {
    fr: 'Ce commentaire parle d’un autre article que celui-ci.',
    en: 'This comment is about another article than this one.',
  },
  noLink: {
    fr: 'Ce commentaire ne semble pas avoir de lien avec le sujet de l’article.',
    en: 'This comment does not seem to be related to the article’s subject.',
  },
};

const SEVERITY: Record<Reason, Violation['severity']> = {
  advertising: 'high',
  noise: 'low',
  request: 'low',
  digression: 'low',
  drift: 'medium',
  otherStory: 'low',
  noLink: 'medium',
};

/** The fixed parts of a violation of each reason, built once: a violation only points at them. */
interface ReasonParts {
  reason: Reason;
  messageId: string;
  severity: Violation['severity'];
  message: { fr: string; en: string };
}
const REASON = Object.fromEntries(
  (Object.keys(MESSAGES) as Reason[]).map((reason) => [
    reason,
    { reason, messageId: `on-topic.${reason}`, severity: SEVERITY[reason], message: MESSAGES[reason] },
  ]),
) as Record<Reason, ReasonParts>;

/** `details` starts with the reason (`{ reason: parts.reason, ... }`), as the API shows it. */
function violation(parts: ReasonParts, spans: Span[], details: Record<string, unknown>): Violation {
  return {
    rule: 'on-topic',
    messageId: parts.messageId,
    severity: parts.severity,
    message: parts.message,
    spans,
    details,
  };
}

const MAX_BRIDGES = 3;
const round = (n: number) => Math.round(n * 100) / 100;
const ratio = (r: Relatedness) => (r.content > 0 ? r.link / r.content : 1);
const NO_MATCHES: readonly PhraseMatch[] = [];

/** The details of a violation about how the comment relates to the article. */
function relatednessDetails(reason: Reason, r: Relatedness, profile: ArticleProfile) {
  return {
    reason,
    link: round(r.link),
    content: round(r.content),
    foreign: round(r.foreign),
    foreignBeats: r.foreignBeats,
    articleBeats: profile.beats,
  };
}

/** Where the remainder of a bridge starts: after the first , : … ; — in its sentence, else the next sentence. */
function afterBridgeTopic(analysis: TextAnalysis, bridgeEnd: number): number {
  const { end } = sentenceOf(analysis, Math.max(0, bridgeEnd - 1));
  for (let i = bridgeEnd; i < end; i++) {
    const token = analysis.tokens[i];
    if (token?.kind === 'punct' && /^[,:;…—–-]$/.test(token.text)) return i + 1;
    if (token?.kind === 'punct' && /^[.!?]$/.test(token.text)) return i + 1;
  }
  return end;
}

function evidence(analysis: TextAnalysis, r: Relatedness, from: number, to: number): Span[] {
  if (r.foreignTokens.length > 0) return r.foreignTokens.map((i) => tokenSpan(analysis, i, i + 1));
  return [tokenSpan(analysis, from, to)];
}

const weightCache = new WeakMap<OnTopicOptions, RelatednessWeights>();
/** One weights object per options object, so that the per-article memo of word verdicts stays valid. */
function weightsFor(options: OnTopicOptions): RelatednessWeights {
  const known = weightCache.get(options);
  if (known) return known;
  const weights = { beatLink: options.beatLink, entityForeign: options.entityForeign };
  weightCache.set(options, weights);
  return weights;
}

export function checkOnTopic(_text: string, context: RuleContext<OnTopicData, OnTopicOptions>): Violation[] {
  const { data, options } = context;
  const analysis = context.analysis();
  if (analysis.tokens.length === 0) return [];
  const comment = data.tokens.read(analysis);
  const facts = comment.facts;
  const scan = data.phrases.scanAt(facts, comment.count, comment.phraseStarts, comment.phraseStartCount);
  const list = (name: PhraseList) => scan.get(name) ?? NO_MATCHES;

  // Off topic whatever it shares with the article.
  const spam = findSpam(analysis, comment, scan, data);
  if (spam.score >= data.spamScore)
    return [violation(REASON.advertising, spam.spans, { reason: 'advertising', cues: spam.cues, score: spam.score })];
  const noise = findNoise(analysis, scan);
  if (noise) return [violation(REASON.noise, [noise], { reason: 'noise' })];

  const changeSubject = list('changeSubject');
  if (changeSubject.length > 0)
    return [violation(REASON.request, matchSpans(analysis, changeSubject), { reason: 'request' })];

  const selfDeclared = list('selfDeclared')
    .slice(0, MAX_BRIDGES)
    .filter((m) => atSentenceStart(analysis, m.start));
  if (selfDeclared.length > 0)
    return [violation(REASON.digression, matchSpans(analysis, selfDeclared), { reason: 'digression' })];

  const article = context.article;
  if (!article) return [];
  const articleData = article.lang === data.lang ? data : (loadedData(article.lang) ?? data);
  const profile = articleProfile(article, articleData);
  const parentTerms = context.submission.parentBody ? analyseParent(context.submission.parentBody, data) : undefined;
  const weights = weightsFor(options);
  const all = analysis.tokens.length;
  const whole = relatedness(analysis, facts, 0, all, profile, data, weights, parentTerms);
  const reaction = isGenericReaction(analysis, facts, options.reactionMaxWords);

  // A message to the site: one telling phrase ("mode sombre"), or two weaker cues ("le site" + "vous pourriez").
  const siteStrong = list('site');
  const siteWeak = list('siteWeak');
  const polite = Math.min(list('sitePolite').length, 1);
  if ((siteStrong.length > 0 || siteWeak.length + polite >= 2) && ratio(whole) < options.requestRatio && !reaction)
    return [
      violation(
        REASON.request,
        matchSpans(analysis, [...siteStrong, ...siteWeak]),
        relatednessDetails('request', whole, profile),
      ),
    ];

  if (reaction) return [];

  // A bridge at a sentence start: what follows must be about the article.
  // Only the first few: a comment made of hundreds of bridges must not cost hundreds of passes.
  for (const bridge of list('bridges').slice(0, MAX_BRIDGES)) {
    if (!atSentenceStart(analysis, bridge.start)) continue;
    const from = afterBridgeTopic(analysis, bridge.end);
    const rest = relatedness(analysis, facts, from, all, profile, data, weights, parentTerms);
    const cue = list('askReaders').some((m) => m.start >= from) || rest.foreign >= options.minForeign * 1.5;
    const drifts = cue
      ? ratio(rest) < options.bridgeCueRatio
      : ratio(rest) < options.bridgeRatio &&
        (rest.foreign >= options.minForeign / 2 || ratio(rest) < options.bridgeRatio / 3);
    if (rest.content >= 1.5 && drifts)
      return [
        violation(
          REASON.drift,
          [tokenSpan(analysis, bridge.start, bridge.end), ...evidence(analysis, rest, from, all)],
          {
            reason: 'drift',
            bridge: bridge.phrase,
            link: round(rest.link),
            content: round(rest.content),
            foreign: round(rest.foreign),
            foreignBeats: rest.foreignBeats,
            articleBeats: profile.beats,
          },
        ),
      ];
  }

  const otherArticle = list('otherArticle');
  if (otherArticle.length > 0 && whole.foreign > whole.link)
    return [
      violation(
        REASON.otherStory,
        [...matchSpans(analysis, otherArticle), ...evidence(analysis, whole, 0, all)],
        relatednessDetails('otherStory', whole, profile),
      ),
    ];

  if (whole.content < options.minContent) return [];
  const reply = analysis.tokens[0]?.kind === 'mention' || parentTerms !== undefined;
  const r = ratio(whole);
  // A question to readers about something of another beat: a personal request ("je cherche un jeu pour mon fils").
  const asks = list('askReaders');
  if (
    !reply &&
    asks.length > 0 &&
    whole.foreign >= options.minForeign * 1.5 &&
    whole.foreign > whole.link &&
    r < options.askRatio
  )
    return [
      violation(
        REASON.noLink,
        [...matchSpans(analysis, asks), ...evidence(analysis, whole, 0, all)],
        relatednessDetails('noLink', whole, profile),
      ),
    ];
  const minForeign = reply ? options.minForeign * options.replyFactor : options.minForeign;
  const noLink =
    (r < options.noLinkRatio &&
      whole.foreign >= minForeign &&
      (whole.link < options.noLinkMax || whole.foreign >= options.foreignOverLink * whole.link)) ||
    // Nothing at all in common with the article, and some sign of another subject.
    (r < options.noLinkRatio / 3 && whole.foreign >= minForeign / 2 && whole.content >= 2 * options.minContent);
  if (noLink)
    return [violation(REASON.noLink, evidence(analysis, whole, 0, all), relatednessDetails('noLink', whole, profile))];
  return [];
}

/**
 * The format of the terms stored with each article (articleTermKeys): a change of how they are
 * read from an article must change this, so that the stored ones are computed again.
 */
const TERMS_FORMAT = 'terms-1';

export const onTopicRule: RuleModule<OnTopicData, OnTopicOptions> = {
  id: 'on-topic',
  parseOptions: (raw) => optionsSchema.parse(raw),
  loadData: (files, lang) => loadOnTopicData(files, lang),
  check: checkOnTopic,
  learnArticles: (articles, data) => setArticleCorpus(articles, (lang) => data[lang]),
  articlesToLearn: (options) => options.corpusArticles,
  articleTerms: (article, data) => {
    const forLang = data[article.lang];
    return forLang ? articleTermKeys(article, forLang) : null;
  },
  // The stemmers, and the way articleTermKeys reads an article: bump TERMS_FORMAT when it changes.
  termsVersion: () => `${TERMS_FORMAT} ${stemmerId('fr')} ${stemmerId('en')}`,
  prepareArticle: (article, data) => {
    articleProfile(article, data[article.lang]);
  },
};
