import type { Clock } from './clock.js';
import type { Db } from './db/connection.js';
import { type ArticleInput, upsertArticle } from './domain/articles/articles.js';

/** The article a fresh installation shows at /demo/demo, so that `npm start` has something real. */
export const DEMO_ARTICLE_ID = 'demo';

export const DEMO_ARTICLE: ArticleInput = {
  title: 'Panne géante de la fibre à Lyon : 200 000 foyers privés d’internet pendant neuf heures',
  body: [
    'Mardi matin, la fibre optique s’est arrêtée d’un coup pour près de 200 000 foyers de la métropole de Lyon. Box muettes, télévision coupée, télétravail impossible : la panne a duré de 7 h à 16 h, avant un retour progressif du service.',
    'Selon l’opérateur, un engin de chantier a sectionné un câble de collecte à Villeurbanne, et le trafic n’a pas basculé comme prévu vers le lien de secours, mal configuré depuis une mise à jour logicielle. Les abonnés mobiles ont aussi subi des ralentissements, le réseau 4G ayant absorbé une partie du trafic.',
    'L’Arcep a demandé un rapport détaillé sous quinze jours. Les associations de consommateurs réclament une indemnisation automatique, sans démarche des abonnés. L’opérateur promet un geste commercial et la vérification de toutes ses routes de secours d’ici à la fin de l’année.',
  ].join('\n\n'),
  lang: 'fr',
  tags: ['fibre', 'panne', 'internet', 'Lyon', 'opérateur', 'Arcep'],
  commentsOpen: true,
};

/**
 * On a database without any article, registers the demo article. Called by the server at
 * start-up (not by createApp, so that tests start from an empty database). Returns whether it
 * inserted the article.
 */
export async function seedDemoArticle(db: Db, clock: Clock): Promise<boolean> {
  const any = await db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  await upsertArticle(db, clock, DEMO_ARTICLE_ID, DEMO_ARTICLE);
  return true;
}
