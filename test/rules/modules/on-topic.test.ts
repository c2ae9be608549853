import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRulesDir } from '../../../src/rules/loader.js';
import { onTopicRule } from '../../../src/rules/modules/on-topic.js';
import { articleTermKeys, corpusIdf, setArticleCorpus } from '../../../src/rules/on-topic/article.js';
import { loadedData, type OnTopicData, STEMS_FILE } from '../../../src/rules/on-topic/data.js';
import { compilePhraseScanner } from '../../../src/rules/on-topic/phrases.js';
import { buildStemTable, formatStemTable, ruleFilesIn } from '../../../src/rules/on-topic/stem-table.js';
import { windowedMatches } from '../../../src/rules/on-topic/windowed-regex.js';
import type { ArticleContext } from '../../../src/rules/types.js';
import { shippedRule } from '../rule-context.js';

const rule = shippedRule(onTopicRule);
/** The comment's language, as the pipeline would detect it (good enough for these texts). */
const langOf = (text: string) => (/\b(the|is|and|but|at|of)\b/i.test(text) && !/[àéèêçù]/.test(text) ? 'en' : 'fr');

// Articles written for these tests (fictional).
const satellite: ArticleContext = {
  id: 'test-satellite',
  lang: 'fr',
  title: 'Le satellite météo Aurore placé en orbite par une fusée Vega C',
  tags: ['Vega C', 'satellite', 'Kourou', 'ESA', 'spatial'],
  body:
    "La fusée Vega C a décollé mardi soir de Kourou et a placé le satellite météorologique Aurore sur une orbite polaire. Le lanceur léger européen revient ainsi en service après deux ans d'interruption.\n\n" +
    "Le satellite doit fournir des images des nuages et des océans toutes les douze minutes. L'Agence spatiale européenne prévoit trois autres lancements d'ici la fin de l'année, tandis que l'étage supérieur du lanceur a été désorbité.",
};

const hospitalAttack: ArticleContext = {
  id: 'test-clinic',
  lang: 'fr',
  title: 'Une clinique de Rennes victime d’un rançongiciel, les opérations reportées',
  tags: ['rançongiciel', 'clinique', 'cybersécurité', 'santé', 'Rennes'],
  body:
    'Une clinique privée de Rennes a été touchée samedi par un rançongiciel qui a chiffré ses serveurs. Les dossiers des patients ne sont plus accessibles et les soignants notent tout sur papier.\n\n' +
    "Les opérations non urgentes ont été reportées. La direction a porté plainte et refuse de payer la rançon, comme le recommandent les autorités. L'ANSSI accompagne l'établissement.",
};

const consoleLaunch: ArticleContext = {
  id: 'test-console',
  lang: 'en',
  title: 'Nimbus launches its handheld console at $399',
  tags: ['Nimbus', 'console', 'handheld', 'gaming', 'launch'],
  body:
    'Nimbus has launched its first handheld games console, priced at $399. The device runs the company’s own store, streams games from a home PC and lasts about five hours on a charge.\n\n' +
    'Reviewers praise the screen and the controls but say the game library is thin at launch. Nimbus promises forty new titles by the end of the year, including ports of several indie hits.',
};

describe('on-topic rule', () => {
  it.each([
    ['a generic reaction', 'Merci pour cet article, très clair !', satellite],
    ['a one-word criticism', 'Décevant.', satellite],
    ['+1 with emoji', '+1 👍', satellite],
    ['on topic in its own words', 'Superbe décollage, et bravo aux équipes pour cette mise en orbite.', satellite],
    [
      'related vocabulary with no word of the article',
      'Encore un lanceur qui vole enfin, espérons que la cadence suive face à SpaceX et ses boosters réutilisables.',
      satellite,
    ],
    [
      'first-hand experience of the event',
      "Ma mère devait être opérée lundi là-bas, tout a été décalé d'une semaine. Les infirmières font ce qu'elles peuvent.",
      hospitalAttack,
    ],
    [
      'a bridge that stays on the subject',
      'En parlant de rançon, il ne faut jamais payer : rien ne garantit que les pirates rendront les données des patients.',
      hospitalAttack,
    ],
    [
      'an @reply that continues the discussion',
      '@Karim Pas sûr : sans sauvegardes hors ligne, payer reste tentant.',
      hospitalAttack,
    ],
    [
      'criticism of the article',
      'Le titre exagère, la clinique a surtout reporté des opérations de confort.',
      hospitalAttack,
    ],
    [
      'one link to a known institution',
      'Le guide de l’ANSSI est ici : https://cyber.gouv.fr/publications',
      hospitalAttack,
    ],
    [
      'an English comment on topic',
      'Five hours of battery is not much for a handheld, but the screen looks great.',
      consoleLaunch,
    ],
    [
      'a price that is not an ad',
      'At $399 it undercuts the competition, but the library needs more than indie ports.',
      consoleLaunch,
    ],
    [
      'a French comment on an English article',
      'La console portable de Nimbus a l’air sympa, mais cinq heures d’autonomie c’est juste pour jouer dans le train.',
      consoleLaunch,
    ],
  ])('valid: %s', (_case, text, article) => {
    expect(rule.check(text, { article, lang: langOf(text) })).toEqual([]);
  });

  it.each([
    ['noise', 'Premier !', satellite, 'on-topic.noise', ['Premier']],
    ['noise in English', 'first', consoleLaunch, 'on-topic.noise', ['first']],
    ['noise before another sentence', '1er !! Et sinon belle photo.', satellite, 'on-topic.noise', ['1er']],
    [
      'an ad reusing the article’s keywords',
      'Votre clinique protégée contre les rançongiciels ! Audit gratuit sur securiclinique-pro.shop, places limitées.',
      hospitalAttack,
      'on-topic.advertising',
      ['securiclinique-pro.shop', 'Audit gratuit', 'places limitées'],
    ],
    [
      'crypto spam with a Telegram invitation',
      'Le spatial explose : notre token ORBIT a fait x20, rejoignez le groupe Telegram t.me/orbitcoin',
      satellite,
      'on-topic.advertising',
      ['token', 'x20', 'Telegram', 't.me/orbitcoin'],
    ],
    [
      'a money-making offer',
      'Gagnez 300 € par jour depuis chez vous, inscription sur argent-facile.biz',
      satellite,
      'on-topic.advertising',
      ['argent-facile.biz', 'Gagnez', 'inscription', '300 € par jour'],
    ],
    [
      'dark mode request',
      'Un mode sombre sur le site, ce serait possible ?',
      satellite,
      'on-topic.request',
      ['mode sombre', 'le site'],
    ],
    [
      'asking for another article',
      'Faites un article sur les aspirateurs robots, personne ne compare leurs batteries.',
      satellite,
      'on-topic.request',
      ['Faites un article'],
    ],
    [
      'changing the subject',
      'Au lieu de parler de satellites, parlez plutôt du prix de l’essence.',
      satellite,
      'on-topic.request',
      ['Au lieu de parler de', 'parlez plutôt du'],
    ],
    [
      'a keyword bridge drifting away',
      'Puisqu’on parle de lancement, mon club de foot lance sa saison dimanche, venez nombreux au stade !',
      satellite,
      'on-topic.drift',
      ['Puisqu’on parle de'],
    ],
    [
      'a self-declared digression',
      'Rien à voir mais quelqu’un connaît un bon plombier à Nantes ?',
      satellite,
      'on-topic.digression',
      ['Rien à voir mais'],
    ],
    [
      'personal life',
      'Mon chat refuse ses nouvelles croquettes depuis une semaine, le vétérinaire ne trouve rien.',
      hospitalAttack,
      'on-topic.noLink',
      ['chat', 'croquettes', 'vétérinaire'],
    ],
    [
      'sports results',
      'Quel match hier soir, trois buts en dix minutes et un penalty refusé par l’arbitre.',
      satellite,
      'on-topic.noLink',
      ['match', 'buts', 'penalty', 'arbitre'],
    ],
    [
      'another article’s story',
      'Les consoles portables sont hors de prix, et Nimbus veut encore vendre ses jeux sur sa boutique fermée.',
      satellite,
      'on-topic.noLink',
      ['consoles'],
    ],
  ])('invalid: %s', (_case, text, article, messageId, spans) => {
    const [violation, ...rest] = rule.check(text, { article, lang: langOf(text) });
    expect(rest).toEqual([]);
    expect(violation?.rule).toBe('on-topic');
    expect(violation?.messageId).toBe(messageId);
    const texts = violation?.spans.map((s) => s.text) ?? [];
    for (const span of spans) expect(texts).toContain(span);
    for (const span of violation?.spans ?? []) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('fires on a comment checked against an article on another subject, not on its own', () => {
    const comment =
      'Les pirates ont chiffré les serveurs de la clinique et réclament une rançon, les soignants repassent au papier.';
    expect(rule.check(comment, { article: hospitalAttack })).toEqual([]);
    expect(rule.check(comment, { article: satellite })[0]?.messageId).toBe('on-topic.noLink');
  });

  it('judges the same words against articles taken in turn as against each alone', () => {
    // A word keeps its verdicts for the last two articles; a third one, or a return, must not
    // read another article's verdict.
    const comment =
      'Les pirates ont chiffré les serveurs de la clinique et réclament une rançon, les soignants repassent au papier.';
    const third: ArticleContext = {
      ...satellite,
      id: 'test-third',
      title: 'Une clinique attaquée, les soignants au papier',
    };
    const alone = [hospitalAttack, satellite, third].map((article) => rule.check(comment, { article }));
    expect(alone[0]).toEqual([]);
    expect(alone[1]?.[0]?.messageId).toBe('on-topic.noLink');
    for (const order of [
      [0, 1, 0, 1, 1, 0],
      [0, 1, 2, 0, 2, 1, 0],
    ])
      for (const k of order)
        expect(rule.check(comment, { article: [hospitalAttack, satellite, third][k] as ArticleContext })).toEqual(
          alone[k],
        );
  });

  it('compares a reply with its parent comment too', () => {
    const reply = 'Oui, et les croquettes premium coûtent une fortune chez le vétérinaire.';
    expect(rule.check(reply, { article: hospitalAttack })).toHaveLength(1);
    expect(
      rule.check(reply, {
        article: hospitalAttack,
        submission: { parentBody: 'Les croquettes premium du vétérinaire ont-elles aussi été touchées ?' },
      }),
    ).toEqual([]);
  });

  it('recomputes the analysis when the article changes', () => {
    const comment = 'Le chat du voisin a encore renversé mes croquettes et mangé la litière.';
    const article = { ...satellite, id: 'test-edited' };
    expect(rule.check(comment, { article })).toHaveLength(1);
    const edited = {
      ...article,
      title: 'Chats et croquettes',
      body: 'Un chat, ses croquettes, sa litière et le voisin.',
    };
    expect(rule.check(comment, { article: edited })).toEqual([]);
  });

  it('stays silent without an article except for spam, noise and requests', () => {
    expect(rule.check('Mon chat refuse ses croquettes.', { article: null })).toEqual([]);
    expect(rule.check('Premier !', { article: null })).toHaveLength(1);
  });

  it('lowers the weight of terms shared by many registered articles', () => {
    const data = (lang: 'fr' | 'en') => loadedData(lang);
    setArticleCorpus([satellite, hospitalAttack, consoleLaunch], data);
    expect(rule.check('Bravo pour ce lancement réussi de Vega C.', { article: satellite })).toEqual([]);
    setArticleCorpus([], data);
  });

  it('learns the same weights from the terms it stores with each article as from the articles', () => {
    const data = (lang: 'fr' | 'en') => loadedData(lang);
    // Five French articles at least: with fewer, the IDF is 1 for every term.
    const articles = [
      satellite,
      hospitalAttack,
      consoleLaunch,
      ...[1, 2, 3, 4].map((i) => ({
        ...(i % 2 ? satellite : hospitalAttack),
        id: `fr-${i}`,
        title: `Article ${i} sur le réseau`,
      })),
    ];
    const keys = [...new Set(articles.flatMap((a) => articleTermKeys(a, loadedData(a.lang) as OnTopicData)))];
    expect(keys.length).toBeGreaterThan(50);
    setArticleCorpus(articles, data);
    const computed = keys.map((key) => corpusIdf('fr', key));
    setArticleCorpus(
      articles.map((a) => ({ ...a, terms: articleTermKeys(a, loadedData(a.lang) as OnTopicData) })),
      data,
    );
    expect(new Set(computed).size).toBeGreaterThan(2);
    expect(keys.map((key) => corpusIdf('fr', key))).toEqual(computed);
    // And the terms given are the ones counted: a term no article holds, given for all three.
    setArticleCorpus(
      articles.map((a) => ({ ...a, terms: ['zzzz'] })),
      data,
    );
    expect(corpusIdf('fr', 'zzzz')).toBeLessThan(corpusIdf('fr', keys[0] as string));
    setArticleCorpus([], data);
  });

  it('validates its options and data', () => {
    expect(onTopicRule.parseOptions({})).toMatchObject({ minContent: 2.5, noLinkRatio: 0.15 });
    expect(() => onTopicRule.parseOptions({ noLinkRatio: 2 })).toThrow();
    expect(() => onTopicRule.parseOptions({ unknown: 1 })).toThrow();
    expect(() => onTopicRule.loadData({ readJson: () => ({}), readText: () => null }, 'fr')).toThrow();
  });

  it('ships stem tables that match the stemmer and the word lists', () => {
    // Regenerate with `npx tsx src/rules/on-topic/stem-table.ts` after editing on-topic*.json.
    for (const lang of ['fr', 'en'] as const) {
      const dir = defaultRulesDir();
      const shipped = readFileSync(join(dir, lang, STEMS_FILE), 'utf8');
      expect(shipped).toBe(formatStemTable(buildStemTable(ruleFilesIn(dir, lang), lang)));
    }
  });

  it('runs the spam patterns only near their anchors, with the matches of a whole-text scan', () => {
    const texts = [
      'gagnez 3000 € par mois, seulement 19,99 € ! appelez le 06 12 34 56 78 ou le +33 6 12 34 56 78',
      'only $20, just 3.5$ a day, $30 per day, 1000€/mois et 50 euros par jour pour 5 euros',
      '€€€ 1 2 3 4 € seulement 1234,56 € à 12€ des 10 € pour 9 euro 😀 à 7 € ſeulement 3 €',
      `${'1'.repeat(200)} à 5 € 0612345678`, // more digits than anchors worth trying: whole scan
      '😀😀 a 1€ 😀 pour 2 $ 😀0123456789😀',
      'rien à voir, aucun chiffre ni prix',
      `${'a 1 '.repeat(40)}€`,
    ];
    for (const lang of ['fr', 'en'] as const) {
      const data = loadedData(lang);
      if (!data) throw new Error(`no ${lang} data`);
      for (const text of texts)
        for (const regex of [data.price, data.pricePerPeriod, data.phone])
          expect(windowedMatches(regex, text)).toEqual(
            [...text.matchAll(regex.all)].map((m) => ({ index: m.index, length: m[0].length })),
          );
    }
    const fr = loadedData('fr');
    if (!fr) throw new Error('no fr data');
    expect(windowedMatches(fr.price, 'seulement 19,99 € et a 5 €')).toEqual([
      { index: 0, length: 17 },
      { index: 21, length: 5 },
    ]);
  });

  it('scans phrases longest first, narrowed by the next token, in the lists’ order', () => {
    const scanner = compilePhraseScanner({ a: ['de la pub', 'de la', 'de'], b: ['de plus', 'la pub'] });
    const found = scanner.scan(['de', 'la', 'pub', 'de', 'plus', 'de', 'de', 'la']);
    expect(found.get('a')).toEqual([
      { start: 0, end: 3, phrase: 'de la pub' },
      { start: 3, end: 4, phrase: 'de' },
      { start: 5, end: 6, phrase: 'de' },
      { start: 6, end: 8, phrase: 'de la' },
    ]);
    expect(found.get('b')).toEqual([
      { start: 1, end: 3, phrase: 'la pub' },
      { start: 3, end: 5, phrase: 'de plus' },
    ]);
  });
});
