import { describe, expect, it } from 'vitest';
import { findErrors, type ProofError, proofreadingRule } from '../../../src/rules/modules/proofreading.js';
import type { ArticleContext } from '../../../src/rules/types.js';
import { makeRuleContext, shippedRule } from '../rule-context.js';

const rule = shippedRule(proofreadingRule);

const errorTexts = (text: string, lang: 'fr' | 'en' = 'fr', article: ArticleContext | null = null) => {
  const [violation, ...rest] = rule.check(text, { lang, article });
  expect(rest).toEqual([]);
  return violation;
};

describe('proofreading rule (policy §4)', () => {
  it.each([
    // Well-written French with the traps of the policy and of French grammar.
    ['homographs after a subject', 'Il a mangé avant de partir, puis il a dû rappeler le service client.'],
    ['"ça" and "sa" used right', 'Sa femme travaille à l’hôpital et ça se passe bien pour elle.'],
    ['object pronoun "les" before a verb', 'Samsung les vend plus cher qu’Apple, et pourtant ils se vendent bien.'],
    ['"a" verb after a noun', 'Le lanceur a quatre boosters dans sa version la plus puissante.'],
    ['complement "des appels" before a singular verb', 'La traduction des appels fonctionne même hors connexion.'],
    ['"à" in fixed phrases', 'Tout à fait d’accord, c’est à mon avis la meilleure décision.'],
    ['quant à / quand', 'Quant aux développeurs, ils publieront quand ils voudront.'],
    ['peu / peut-être', 'Il y a peu de chances que ça change. Peut-être l’an prochain.'],
    ['si + imparfait', 'Si j’avais su, j’aurais attendu le correctif.'],
    ['c’est + plural (policy)', 'C’est toujours les mêmes qui paient.'],
    ['1990 reform spellings', 'Ça me coute cher et personne ne maitrise ce logiciel, c’est surement voulu.'],
    ['more reform spellings', 'L’évènement aura lieu en aout ; la règlementation change. Je préfèrerais attendre.'],
    ['jargon and anglicisms', 'Le firmware corrige un malware, le streaming marche en open source sur smartphone.'],
    ['lowercase brands', 'Je suis passé à linux il y a deux ans, fini windows et aws.'],
    // Neither has a word number (word-ids.ts): told apart by their texts.
    [
      'two different words of over 40 characters side by side',
      `Le lien ${'x'.repeat(45)} ${'y'.repeat(45)} est cassé.`,
    ],
    ['proper nouns and camel case', 'Mon iPhone et la Xbox de Kevin tiennent mieux que le Lumio X3 de Norvale.'],
    ['URLs, mentions, emoji, numbers', '@Camille_R voir https://example.org/notes 👍 la 4G à 7,2 Mo/s.'],
    [
      'singular nouns in -x, pronoun "les" after "on"',
      'Le taux monte, un index suffit, on les utilise même hors ligne.',
    ],
    ['soit … soit, qui c’est', 'Vous pouvez soit changer de box, soit attendre. Qui c’est ?'],
    ['acronyms that spell a homophone', 'Free SA a racheté Orange SA. Les clients de la SA sont inquiets.'],
    ['missing accent on a capital', 'ETAIT-CE VRAIMENT NECESSAIRE ? A mon avis, non.'],
    ['a single typo', 'La mise à jour a corrigé le problème, dommage pour l’apareil photo.'],
    ['a single homophone', 'Bon résumé, c’est justement la que j’aurais voulu plus de détails.'],
    ['lowercase first letter in a short comment', 'bien vu, merci.'],
    ['first names opening sentences', 'Kevin a raison. Emma et Lucas ont eu le même problème. Mathis aussi.'],
    ['repeated words that are allowed', 'Nous nous sommes retrouvés sans réseau, très très longtemps.'],
    ['oral register', 'Perso je trouve que ça marche nickel, y a pas de souci.'],
    ['SMS tokens are the sms-speak rule’s', 'slt jsp pk c tro nul mdr'],
    ['one lol with one typo', 'Franchement bien joué lol, la mise a jour est rapide.'],
  ])('valid (fr): %s', (_case, text) => {
    expect(rule.check(text)).toEqual([]);
  });

  it.each([
    ['its / their used right', 'It’s not their fault, and its status page is clear about it.'],
    ['than / then used right', 'Multi-region is more expensive than people think, then again it works.'],
    ['British spellings', 'The centre of the outage was in Virginia; the colour went red.'],
    ['a single typo', 'Good write-up, though the recieve path deserves more detail.'],
    ['there + verb', 'There are lessons here; there is no free lunch.'],
  ])('valid (en): %s', (_case, text) => {
    expect(rule.check(text, { lang: 'en' })).toEqual([]);
  });

  it('follows the article when it changes', () => {
    const article = (body: string): ArticleContext => ({ id: 'same', title: 'Titre', body, tags: [], lang: 'fr' });
    const text = 'le moteur réallumable est impressionant.';
    expect(rule.check(text, { article: article('Un moteur réallumable.') })).toEqual([]);
    expect(rule.check(text, { article: article('Un moteur.') })).toHaveLength(1);
  });

  it('never counts the words of the article', () => {
    const article: ArticleContext = {
      id: 'a',
      title: 'Le réallumable Vinci',
      body: 'Le moteur réallumable et les boosters pèsent lourd.',
      tags: ['spatial'],
      lang: 'fr',
    };
    const text = 'le moteur réallumable est impressionant.';
    expect(rule.check(text, { article })).toEqual([]);
    expect(rule.check(text)).toHaveLength(1);
    expect(rule.check('le moteur réalumable est impressionant.', { article })).toHaveLength(1);
  });

  it.each([
    ['sa/ça and -er/-é', 'La panne a durer toute la matinée, sa fait beaucoup.', ['durer', 'sa']],
    ['il à, se/ce', 'Je pense que l’Europe à raison, Apple ce croit tout permis.', ['à', 'ce']],
    ['ces/c’est and on/ont', 'Ces une fierté, les ingénieurs on travaillé des années.', ['Ces', 'on']],
    ['unknown words', 'Il y avait plusieur personnes, nimporte quoi.', ['plusieur', 'nimporte']],
    [
      'agreement after a determiner',
      'Les association de consommateurs ont prévenu les client.',
      ['association', 'client'],
    ],
    ['verb agreement', 'Les pirates demande une rançon et ils le mérite pas.', ['demande', 'mérite']],
    ['subject and verb', 'Je comprend pas, il aurais fallu prévenir.', ['comprend', 'aurais']],
    ['repeated word and quelque soit', 'Quelque soit le le prix, ça reste cher.', ['Quelque soit', 'le le']],
    [
      // Such a word has no word number (word-ids.ts): its facts are made anew at each token.
      'a word of over 40 characters twice',
      `Le lien ${'x'.repeat(45)} ${'x'.repeat(45)} est cassé, le le prix monte.`,
      [`${'x'.repeat(45)} ${'x'.repeat(45)}`, 'le le'],
    ],
    ['SMS does not hide a homophone', 'g essayer mais sa bloque.', ['essayer', 'sa']],
    ['modal + participle', 'Ils vont payé, le directeur devrait démissionné.', ['payé', 'démissionné']],
    ['a/à', 'Il hésite a en acheter un, mise a jour oblige.', ['a', 'a']],
    ['d’ou, na', 'Windows na jamais été stable, d’ou le problème.', ['na', 'd’ou']],
    ['tout les, sur que', 'Je suis pas sur que tout les PC passent.', ['sur', 'tout']],
    ['m’a, third person', 'Le technicien ma dit que personne ne sais pourquoi.', ['ma', 'sais']],
    [
      'plural after "trop de … qui", singular determiner',
      'Trop de gens qui croit que le jeux est gratuit.',
      ['croit', 'jeux'],
    ],
    ['se + infinitive, il + -ai', 'Il aurai fallu agir, pas ce plaindre.', ['aurai', 'ce']],
    ['misspellings opening sentences', 'Nimporte quoi. Daccord avec Kevin, le modem chauffe.', ['Nimporte', 'Daccord']],
    [
      'on/ont after a plural subject, se + noun',
      'Les abonnés on le droit de râler, se genre de panne est rare.',
      ['on', 'se'],
    ],
  ])('invalid (fr): %s', (_case, text, expected) => {
    const violation = errorTexts(text);
    expect(violation?.rule).toBe('proofreading');
    expect(violation?.spans.map((s) => s.text)).toEqual(expected);
    for (const span of violation?.spans ?? []) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it.each([
    ['its/it’s, their/they’re', 'Their going to say its not there fault.', ['Their', 'its']],
    [
      'then/than, alot, cant',
      'It is more expensive then you think and alot of firms cant pay.',
      ['then', 'alot', 'cant'],
    ],
    ['should of, your, loose', 'They should of known your going to loose data.', ['of', 'your', 'loose']],
  ])('invalid (en): %s', (_case, text, expected) => {
    const violation = errorTexts(text, 'en');
    expect(violation?.spans.map((s) => s.text)).toEqual(expected);
  });

  it('fires when accents are missing throughout, even with one error per word kind', () => {
    const violation = errorTexts('la fusee a decolle a l’heure prevue, bravo aux equipes');
    expect(violation?.details?.signals).toEqual(['accents-missing']);
    expect(violation?.spans.map((s) => s.text)).toContain('fusee');
  });

  it('fires on a long run-on with no capital and no punctuation', () => {
    const text =
      'je suis passé sous linux il y a deux ans et franchement je ne regrette rien du tout parce que tout marche bien sauf deux jeux et le logiciel de la banque qui demande un autre système mais bon ça reste rare';
    const violation = errorTexts(text);
    expect(violation?.messageId).toBe('proofreading.runOn');
    expect(violation?.details?.signals).toEqual(['run-on']);
    expect(rule.check(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`)).toEqual([]);
  });

  it('lists each error with its kind, hint and span, and no suggestion', () => {
    const text = 'Sa fait trois jours, j’ai essayer de rebooter.';
    const violation = errorTexts(text);
    const errors = violation?.details?.errors as ProofError[];
    expect(errors.map((e) => [e.text, e.kind, e.hint])).toEqual([
      ['Sa', 'homophone', 'ça'],
      ['essayer', 'participle', '-é'],
    ]);
    expect(errors.every((e) => e.suggestions === undefined)).toBe(true);
    expect(violation?.message.fr).toBe('Merci de relire votre commentaire : « Sa fait », « j’ai essayer »');
    expect(violation?.message.en).toBe('Please proofread your comment: "Sa fait", "j’ai essayer"');
    expect(violation?.severity).toBe('low');
  });

  it('never counts the tokens the sms-speak rule claimed', () => {
    const text = 'slt ki a un bon plan';
    const { errors } = findErrors(
      text,
      makeRuleContext(text, {
        data: loadedData('fr'),
        options: { minErrors: 2, longCommentWords: 120, longCommentRatio: 0.015 },
      }),
    );
    expect(errors).toEqual([]);
  });

  it.each([
    ['the same word twice', 'le le', ['le le']],
    [
      'two words of over 40 characters, the same',
      `${'x'.repeat(45)} ${'x'.repeat(45)}`,
      [`${'x'.repeat(45)} ${'x'.repeat(45)}`],
    ],
    // Neither has a word number (word-ids.ts): told apart by their texts.
    ['two words of over 40 characters, different', `${'x'.repeat(45)} ${'y'.repeat(45)}`, []],
    ['two different words', 'le la', []],
  ])('repeated words: %s', (_case, words, expected) => {
    const text = `Le lien ${words} est cassé.`;
    const { errors } = findErrors(
      text,
      makeRuleContext(text, {
        data: loadedData('fr'),
        options: { minErrors: 2, longCommentWords: 120, longCommentRatio: 0.015 },
      }),
    );
    expect(errors.filter((e) => e.kind === 'repeated-word').map((e) => e.text)).toEqual(expected);
  });

  it('counts the same misspelt word once', () => {
    expect(rule.check('Un résultat impressionant, vraiment impressionant.')).toEqual([]);
    expect(rule.check('Un résultat impressionant, vraiment remarquabe.')).toHaveLength(1);
  });

  it('judges long comments on a ratio', () => {
    const sentence = 'Le réseau est revenu vers midi et le service client a enfin répondu aux abonnés. ';
    const long = `${sentence.repeat(14)}Il y avait plusieur coupures, nimporte quoi.`;
    expect(rule.check(long)).toEqual([]);
    expect(rule.check('Il y avait plusieur coupures, nimporte quoi.')).toHaveLength(1);
  });

  it('validates its options', () => {
    expect(proofreadingRule.parseOptions({})).toEqual({ minErrors: 2, longCommentWords: 120, longCommentRatio: 0.015 });
    expect(() => proofreadingRule.parseOptions({ minErrors: 0 })).toThrow();
    expect(() => proofreadingRule.parseOptions({ minerrors: 2 })).toThrow();
  });
});

import { loadRuleSet } from '../../../src/rules/loader.js';

function loadedData(lang: 'fr' | 'en') {
  const set = loadRuleSet({ modules: [proofreadingRule] });
  return set.rules[0]?.data[lang] as Parameters<typeof proofreadingRule.check>[1]['data'];
}
