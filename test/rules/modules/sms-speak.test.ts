import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../src/db/schema.js';
import { smsSpeakRule } from '../../../src/rules/modules/sms-speak.js';
import { smsClaims, smsResult } from '../../../src/rules/sms-speak/claims.js';
import { compileSmsData } from '../../../src/rules/sms-speak/data.js';
import { makeRuleContext, shippedRule } from '../rule-context.js';

const rule = shippedRule(smsSpeakRule);

describe('sms-speak rule', () => {
  it.each<[string, string, Lang?]>([
    ['well-written French', 'Merci pour cet article très clair, la panne a duré toute la matinée chez nous.'],
    [
      'one isolated lol in a well-written comment',
      'Le correctif arrive « dans les prochaines semaines », lol. On connaît la chanson.',
    ],
    ['one isolated mdr', 'Douze gigaoctets de mémoire pour résumer un courriel, mdr.'],
    ['the C language', 'Le noyau est écrit en langage C, pas en Rust.'],
    ['C++ and C#', 'En C++ comme en C#, le problème serait le même.'],
    ['a-t-il', 'Samsung a-t-il précisé la durée du suivi ?'],
    ['units after a number', 'Il pèse 162 g pour 7,2 mm, et consomme 5 W en veille.'],
    ['Pr before a name', 'Le Pr Garnier a répondu aux questions ce matin.'],
    ['versus', 'Android vs iOS : le débat ne finira jamais.'],
    ['acronyms in a shouted comment', 'LE SAV EST NUL, BCP DE CLIENTS ATTENDENT ENCORE !!!'],
    ['upper-case acronyms', 'Le PDG, la DSI et le CSE ont validé le PCA ; même le SAV était au courant, BCP compris.'],
    ['CV, DSL, SMS, OK, FO', 'Mon CV parle de DSL et de SMS, OK ? FO a appelé à la grève.'],
    ['standard abbreviations', 'Cf. le rapport, p. 12, etc. PS : svp, relisez-le.'],
    [
      'oral register and slang',
      "Perso, faut dire qu'y a un souci, comme d'hab. Bon bah, t'as vu le taf de ouf des devs ?",
    ],
    ['clippings', "L'appli, la trad et la sécu : les ingés ont bossé, c'est nickel."],
    ['insult acronyms are the civility rule’s', 'fdp ntm tg ftg'],
    ['a spelled-out word', 'Ces gens sont un c a n c e r pour la société.'],
    ['a numeral before a measure', 'Il y a 1 an, la même panne avait duré 2 jours.'],
    ['the game LoL', 'Les serveurs de LoL sont tombés aussi.'],
    ['vitamin C and plan B in English', 'Plan B was vitamin C and coffee for the on-call team.', 'en'],
    ['numbers in English', 'We lost 2 days and 4 servers, in the U.S. and in 2 regions.', 'en'],
    ['English isolated lol', 'A DNS problem took down half the internet, lol. The future is here.', 'en'],
    ['a region name with a digit', 'We failed over to us-west-2 within minutes.', 'en'],
    ['letters in an enumeration', 'Entre le scénario a, b ou c, le dernier est le plus cher.'],
    ['a capital letter inside a sentence', 'Le scénario C est le plus probable.'],
    ['a capital letter at the start', 'C reste le langage le plus rapide.'],
    ['a missing apostrophe is a typo, not SMS', 'Le scénario c est le plus probable.'],
    ['an abbreviation with its full stop and a domain', 'Le Pr. Martin renvoie à pr.fr pour le détail.'],
    ['an interjection', 'Mm, pas sûr que ce soit utile. Pfff, hmm.'],
    ['nouns after a determiner', "J'ai acheté un dac, du pq et un ssd ; il a le niveau b1."],
    ['a measure after a numeral', 'On attend depuis 1 mois et 2 semaines.'],
    ['C the language at the start in English', 'C is still the fastest option, and R is fine for stats.', 'en'],
    ['counts after "need" in English', 'We need 2 servers and 4 engineers.', 'en'],
  ])('valid: %s', (_case, text, lang = 'fr') => {
    expect(rule.check(text, { lang })).toEqual([]);
  });

  it.each<[string, string, string[], Lang?]>([
    ['listed forms', 'slt, qqn sait pk la box clignote ?', ['slt', 'qqn', 'pk']],
    ['letters for words', 'g pas compris, c normal ?', ['g', 'c']],
    ['capital letter at the start beside another token', 'C koi le TPM ?', ['C', 'koi']],
    ['capital letters beside other tokens', 'G pas compris, fo payer ?', ['G', 'fo']],
    ['vous', 'vs savez si ça revient ?', ['vs']],
    ['lol beside another token', 'lol jsp', ['lol', 'jsp']],
    ['two laughs', 'mdr les pubs, et la keynote lol', ['mdr', 'lol']],
    ['ptdr fires on its own', 'ptdr les annonces de Samsung', ['ptdr']],
    ['a+ with its glued plus', 'merci, a+', ['a+']],
    ['an unlisted stuck contraction', 'jregarde le direct ce soir', ['jregarde']],
    ['an unlisted dropped schwa', 'dmain je rappelle le service client', ['dmain']],
    ['an unlisted consonant skeleton', 'vrmnt nul ce service', ['vrmnt']],
    ['a digit rebus', "on en reparle 2m1, c'est bi1 parti", ['2m1', 'bi1']],
    ['a phonetic respelling', 'kom prévu, ke dalle', ['kom', 'ke']],
    ['weak tokens beside others', 'g un rdv et un pb', ['g', 'rdv', 'pb']],
    ['capitalised at the start', 'Bcp de bruit pr rien', ['Bcp', 'pr']],
    ['English txt-speak', 'idk why ppl trust u', ['idk', 'ppl', 'u'], 'en'],
    ['English digits for words', 'outages happen 2 every provider', ['2'], 'en'],
    ['English rebus', 'gr8 start 2day m8', ['gr8', '2day', 'm8'], 'en'],
    ['lmao fires on its own', 'they said it was fine lmao', ['lmao'], 'en'],
    ['laughs in capitals and elongated', 'MDR la keynote, ptdrrr', ['MDR', 'ptdrrr']],
    ['a capital letter inside a sentence beside other tokens', 'les hackers C des nuls, jsp', ['C', 'jsp']],
    ['A+ at the end', 'Merci pour les infos, A+', ['A+']],
    ['a phonetic k-respelling not listed', 'kestion bête mais kand sort la maj', ['kestion', 'kand', 'maj']],
    ['a form before the final full stop', 'merci pour tt.', ['tt']],
    ['sure forms in a shouted comment, not acronyms', 'JSP PK ILS ONT FAIT CA MDR', ['JSP', 'MDR']],
    ['@+ for à plus', 'merci à tous, @+', ['@+']],
    ['English letters ending a question', 'how r u?', ['r', 'u'], 'en'],
  ])('invalid: %s', (_case, text, expected, lang = 'fr') => {
    const [violation, ...rest] = rule.check(text, { lang });
    expect(rest).toEqual([]);
    expect(violation?.rule).toBe('sms-speak');
    expect(violation?.spans.map((s) => s.text)).toEqual(expected);
    for (const span of violation?.spans ?? []) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('names each form with its standard spelling, in both languages', () => {
    const [violation] = rule.check('pk bcp de bruit');
    expect(violation?.message.fr).toBe(
      "Merci d'éviter le langage SMS : « pk » → « pourquoi », « bcp » → « beaucoup ».",
    );
    expect(violation?.message.en).toBe('Please avoid text-speak: "pk" → "pourquoi", "bcp" → "beaucoup".');
    expect(violation?.details?.tokens).toEqual([
      expect.objectContaining({ text: 'pk', standard: 'pourquoi', start: 0, end: 2 }),
      expect.objectContaining({ text: 'bcp', standard: 'beaucoup', start: 3, end: 6 }),
    ]);
  });

  it('names the first five distinct forms, then "…", and marks them all', () => {
    const text = 'slt mdr jsp pk bcp tkt koi';
    const [violation] = rule.check(text);
    expect(violation?.message.fr).toBe(
      "Merci d'éviter le langage SMS : « slt » → « salut », « mdr » → « (rire) », « jsp » → « je ne sais pas », « pk » → « pourquoi », « bcp » → « beaucoup »….",
    );
    expect(violation?.message.en).toMatch(/^Please avoid text-speak: "slt" → "salut", .*"bcp" → "beaucoup"…\.$/);
    expect(violation?.spans.map((s) => s.text)).toEqual(['slt', 'mdr', 'jsp', 'pk', 'bcp', 'tkt', 'koi']);
  });

  it('names five distinct forms without "…" when a sixth is a repeat', () => {
    const [violation] = rule.check('slt mdr jsp pk bcp MDR');
    expect(violation?.message.fr.endsWith('« bcp » → « beaucoup ».')).toBe(true);
  });

  // The detection caches what it learns about each word; the context must still decide every time.
  it.each<[string, [string, string[]][]]>([
    [
      'a contraction first after a determiner, then alone',
      [
        ['le jregarde', []],
        ['jregarde le direct ce soir', ['jregarde']],
        ['le jregarde', []],
      ],
    ],
    [
      'a contraction first alone, then after a determiner',
      [
        ['jdemande le prix', ['jdemande']],
        ['le jdemande', []],
      ],
    ],
    [
      'a skeleton first alone, then after a determiner',
      [
        ['frmnt nul', ['frmnt']],
        ['un frmnt', []],
        ['frmnt nul', ['frmnt']],
      ],
    ],
    [
      'a capitalised form first inside a sentence, then at its start',
      [
        ['Il dit Dmain je rappelle', []],
        ['Dmain je rappelle', ['Dmain']],
        ['Il dit Dmain je rappelle', []],
      ],
    ],
  ])('the same word in another context: %s', (_case, steps) => {
    for (const [text, expected] of steps) {
      const context = makeRuleContext(text, { data: null, options: {} });
      const tokens = context.analysis().tokens;
      expect([...smsResult(context).claims].map((i) => tokens[i]?.text)).toEqual(expected);
    }
  });

  it('tells a spelled-out word (three lone letters or more) from two letters', () => {
    const claimed = (text: string) => {
      const context = makeRuleContext(text, { data: null, options: {} });
      const tokens = context.analysis().tokens;
      return smsResult(context).tokens.map((t) => tokens[t.index]?.text);
    };
    expect(claimed('g vu t a la gare')).toEqual(['g', 't']);
    expect(claimed('g vu t a n')).toEqual(['g']);
  });

  it('validates its data', () => {
    expect(() => compileSmsData({}, 'fr')).toThrow();
    expect(() => smsSpeakRule.parseOptions({ unknown: 1 })).toThrow();
  });
});

describe('smsClaims (shared with the proofreading rule)', () => {
  const claimsOf = (text: string, lang: Lang = 'fr') =>
    [...smsClaims(makeRuleContext(text, { data: null, options: {}, lang }))].sort((a, b) => a - b);

  it('claims the SMS tokens even when the rule does not fire', () => {
    const text = 'Belle panne, mdr.';
    const context = makeRuleContext(text, { data: null, options: {} });
    const claims = smsClaims(context);
    const tokens = context.analysis().tokens;
    expect([...claims].map((i) => tokens[i]?.text)).toEqual(['mdr']);
    expect(smsResult(context).fires).toBe(false);
  });

  it('claims every token of a multi-token form and nothing else', () => {
    const text = 'ok a+ les gars';
    const context = makeRuleContext(text, { data: null, options: {} });
    const tokens = context.analysis().tokens;
    expect([...smsClaims(context)].map((i) => tokens[i]?.text)).toEqual(['a', '+']);
  });

  it('is computed once per comment, whichever rule asks first', () => {
    const shared = new Map<string, unknown>();
    const text = 'g pas compris';
    const context = makeRuleContext(text, { data: null, options: {}, shared });
    const first = smsClaims(context);
    expect(shared.has('sms-speak')).toBe(true);
    expect(smsClaims(context)).toBe(first);
  });

  it('uses the comment language, not the caller’s data', () => {
    expect(claimsOf('u r late', 'en')).toEqual([0, 1]);
    expect(claimsOf('Le langage C est partout.')).toEqual([]);
  });
});
