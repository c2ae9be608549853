import { describe, expect, it } from 'vitest';
import { foldedDictionary } from '../../../src/rules/civility/dictionary.js';
import { civTokenize } from '../../../src/rules/civility/normalize.js';
import { civilityRule } from '../../../src/rules/modules/civility.js';
import { shippedRule } from '../rule-context.js';

const rule = shippedRule(civilityRule);

describe('civility rule (French)', () => {
  it.each([
    [
      'Scunthorpe traps',
      'Bon conseil : le contexte technique du fichier PDF, analysé par un particulier, reste réputé.',
    ],
    ['more Scunthorpe traps', 'Les députés calculent, payé en bitcoin, électronique, Scunthorpe, j’habite ici.'],
    ['fixed phrases with insult-like words', 'Bon appétit ! Par conséquent, la décision est prise.'],
    ['harsh criticism of a decision', 'Décision absurde. Le titre est racoleur, c’est lamentable et ridicule.'],
    ['arnaque aimed at a fee', 'L’arnaque du siècle, ces frais de résiliation à 49 €.'],
    ['"sale" and "salle" in their everyday meaning', 'La vaisselle sale est restée dans la salle de pause.'],
    ['"bête" about a thing', 'Ce téléphone est bête comme ses pieds.'],
    ['"incapable de" is an adjective', 'SFR est incapable de rétablir le service en moins de neuf heures.'],
    [
      'a slur-like word as an ordinary noun',
      'Le médecin a soigné l’enflure de ma cheville, puis on a sorti les ordures.',
    ],
    [
      'a neutral mention of a group',
      'Plus de la moitié des participants étaient des femmes, et notre responsable est trans.',
    ],
    ['a positive mention of a group', 'Les réfugiés que j’ai rencontrés sont formidables, bravo à eux.'],
    ['a harsh word about attacks on a group', 'Les attaques contre les homosexuels sont ignobles.'],
    ['a group beside a harsh word about something else', 'Ce patch est une menace pour les musulmans.'],
    ['a group beside an insult aimed elsewhere', 'Les immigrés paient des impôts, arrêtez avec vos clichés débiles.'],
    ['a negated generalisation', 'Les musulmans ne sont pas des terroristes, arrêtez les amalgames.'],
    ['quoting hate to condemn it', 'Écrire « les immigrés sont des parasites » est scandaleux et raciste.'],
    ['reporting what someone said', 'Je n’ai jamais dit que les femmes étaient des pourritures.'],
    ['deaths reported, no hate', 'Des femmes sont mortes à cause de cette cyberattaque contre l’hôpital.'],
    ['a species, not people', 'Les frelons asiatiques envahissent les ruches du Sud-Ouest.'],
    ['black as a colour', 'Écran noir au démarrage, les noirs sont profonds sur cet OLED.'],
    ['kill a process', 'Il faut tuer le processus avec kill -9, sinon il reste en mémoire.'],
    ['"je vais te" without violence', 'Je vais te montrer comment configurer le VPN.'],
    [
      'one emphatic capitalised word and acronyms',
      'La SEULE solution : passer par l’ESU de Microsoft ou installer Linux sur le PC.',
    ],
    ['a URL with an insult-like path', 'Source : https://example.org/con/merde-alors mais bon article.'],
    ['"demeure" without accent is a home', 'Il demeure à Paris, dans une belle demeure.'],
  ])('valid: %s', (_case, text) => {
    expect(rule.check(text)).toEqual([]);
  });

  it.each([
    ['vulgarity', 'Neuf heures sans internet, putain.', 'civility.vulgarity', ['putain']],
    ['vulgarity in a sympathetic comment', 'Merde, j’adorais leurs jeux.', 'civility.vulgarity', ['Merde']],
    ['an insult aimed at a reader', '@Marc t’es vraiment un gros connard.', 'civility.insult', ['connard']],
    ['leetspeak', 'Ce technicien est un c0nn4rd fini.', 'civility.insult', ['c0nn4rd']],
    ['repeated letters', 'Quel connnnnard, celui-là.', 'civility.insult', ['connnnnard']],
    ['spaced letters', 'Une belle bande de b r a n l e u r s.', 'civility.insult', ['bande de b r a n l e u r s']],
    ['dotted letters', 'Franchement, c.o.n.n.a.r.d.', 'civility.insult', ['c.o.n.n.a.r.d']],
    [
      'the same spaced word twice, and capitals',
      'Quel c o n n a r d, vraiment un c o n n a r d. CONNARD !',
      'civility.insult',
      ['c o n n a r d', 'c o n n a r d', 'CONNARD'],
    ],
    ['hyphenated letters', 'Une vraie p-u-t-e à clics.', 'civility.insult', ['p-u-t-e']],
    ['masking', 'Ces types sont des enc*lés.', 'civility.insult', ['enc*lés']],
    ['masking with @', 'Ils nous prennent pour des c@ns.', 'civility.insult', ['prennent pour des c@ns']],
    ['missing accents', 'Apple c’est des encules.', 'civility.insult', ['encules']],
    ['full-width letters', 'Quel ｃｏｎｎａｒｄ.', 'civility.insult', ['ｃｏｎｎａｒｄ']],
    ['a zero-width space inside a word', 'Quel con\u200Bnard.', 'civility.insult', ['con\u200Bnard']],
    ['Cyrillic look-alikes', 'Quel соnnаrd.', 'civility.insult', ['соnnаrd']],
    ['an insult acronym', '@Sandrine fdp, retourne sur ton forum.', 'civility.insult', ['fdp']],
    ['a multi-word insult', 'Ces hackers sont des fils de p*te.', 'civility.insult', ['fils de p*te']],
    ['"ferme ta gueule"', 'Toi, ferme ta gueule.', 'civility.insult', ['ferme ta gueule']],
    ['a targeted word after "bande de"', 'Microsoft, bande d’escrocs.', 'civility.insult', ['bande d’escrocs']],
    ['"sale" + insult', 'Sale con, va.', 'civility.insult', ['Sale con']],
    [
      'a put-down without swear words',
      'Avec ton unique neurone, tu ne peux pas comprendre.',
      'civility.putdown',
      ['ton unique neurone'],
    ],
    ['an explicit threat', 'Je sais où tu habites.', 'civility.threat', ['Je sais où tu habites']],
    ['a veiled threat', 'Continue et tu auras droit à une petite visite.', 'civility.threat', ['une petite visite']],
    ['a threat of violence', 'Si je le croise, je lui refais le portrait.', 'civility.threat', ['refais le portrait']],
    ['a hateful generalisation', 'Les immigrés sont tous des parasites.', 'civility.dehumanising', ['parasites']],
    [
      'hate carried by a pronoun',
      'Les musulmans pensent qu’ils sont importants. Je les déteste.',
      'civility.hate',
      ['Je les déteste'],
    ],
    ['negated positive predicate', 'Les handicapés n’ont aucune valeur.', 'civility.hate', ['valeur']],
    ['a violent wish against a group', 'On devrait pendre tous ces homos.', 'civility.threat', ['pendre']],
    ['a slur', 'Encore un travelo à la télé.', 'civility.slur', ['travelo']],
    ['hate with leetspeak', 'Les tr4ns devraient être enfermés dans des cages.', 'civility.threat', ['enfermés']],
    [
      'coded xenophobia',
      'Encore des « chances pour la France » aux urgences.',
      'civility.hate',
      ['chances pour la France'],
    ],
    ['a glued word', 'Mortà tous les migrants.', 'civility.hate', ['Mortà tous']],
  ])('invalid: %s', (_case, text, messageId, expected) => {
    const violations = rule.check(text);
    const violation = violations.find((v) => v.messageId === messageId);
    expect(violation, JSON.stringify(violations)).toBeDefined();
    expect(violation?.rule).toBe('civility');
    expect(violation?.spans.map((s) => s.text)).toEqual(expected);
    for (const v of violations) for (const span of v.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    expect(violation?.message.fr).toMatch(/^Merci de rester courtois/);
  });

  it('fires on shouting but not on one emphatic word', () => {
    const shout = rule.check('C’EST INADMISSIBLE !!! NEUF HEURES SANS RIEN ET PERSONNE POUR PRÉVENIR !!!');
    expect(shout.map((v) => v.messageId)).toEqual(['civility.shouting']);
    expect(rule.check('C’est la SEULE chose que je demande à SFR.')).toEqual([]);
  });

  it('names the rule and the category in its message and details', () => {
    const [v] = rule.check('Ces hackers sont des ordures.');
    expect(v?.message.fr).toBe('Merci de rester courtois : « ordures » est injurieux.');
    expect(v?.details).toMatchObject({ category: 'insult' });
  });
});

describe('civility rule (English)', () => {
  it.each([
    ['Scunthorpe and friends', 'The Scunthorpe assessment: bypass the classic cockpit, bon appétit.'],
    ['mild words', 'What the hell happened to DNS? Great analysis, thanks.'],
    ['a neutral sentence', 'The bug kills the battery overnight.'],
  ])('valid: %s', (_case, text) => {
    expect(rule.check(text, { lang: 'en' })).toEqual([]);
  });

  it.each([
    ['leet vulgarity', 'What a sh1tshow.', 'civility.vulgarity', ['sh1tshow']],
    ['masked vulgarity and an insult', 'He is a complete f*cking moron.', 'civility.insult', ['moron']],
    ['an acronym', '@dan stfu, you never ran prod.', 'civility.insult', ['stfu']],
    ['a veiled threat', 'Maybe someone will pay you a visit.', 'civility.threat', ['pay you a visit']],
    ['a group insult', 'You bunch of morons.', 'civility.insult', ['bunch of morons']],
  ])('invalid: %s', (_case, text, messageId, expected) => {
    const violation = rule.check(text, { lang: 'en' }).find((v) => v.messageId === messageId);
    expect(violation?.spans.map((s) => s.text)).toEqual(expected);
    expect(violation?.message.en).toMatch(/^Please stay civil/);
  });
});

describe('civility normalisation', () => {
  it('maps folded tokens back to the original text', () => {
    const text = 'Ｃ’est l’ÉTÉ, c0n\u200Bnard !';
    const tokens = civTokenize(text);
    expect(tokens.map((t) => t.key)).toEqual(["c'", 'est', "l'", 'ete', 'c0nnard']);
    const last = tokens[tokens.length - 1];
    expect(text.slice(last?.start, last?.end)).toBe('c0n\u200Bnard');
  });

  it('validates its options', () => {
    expect(civilityRule.parseOptions({})).toMatchObject({ shoutMinLetters: 15 });
    expect(() => civilityRule.parseOptions({ shoutCapsRatio: 2 })).toThrow();
    expect(() => civilityRule.parseOptions({ unknown: 1 })).toThrow();
  });

  it('stays linear on adversarial input', () => {
    const inputs = ['c o n '.repeat(800), 'a'.repeat(5000), 'f*'.repeat(2500), 'x.'.repeat(2500), '« " '.repeat(1200)];
    for (const text of inputs) expect(() => rule.check(text)).not.toThrow();
  });

  it('keeps plain ASCII, accented, mixed-case and split keys as the text reads', () => {
    const text = 'ABC déf\u200Bgh x’y QU’IL sh!t Ｃ0N';
    expect(civTokenize(text).map((t) => [t.key, t.start, t.end, t.upper, t.letters, t.sepAfter, t.sepLength])).toEqual([
      ['abc', 0, 3, 3, 3, 'space', 1],
      ['defgh', 4, 10, 0, 5, 'space', 1],
      ['x', 11, 12, 0, 1, 'apos', 1],
      ['y', 13, 14, 0, 1, 'space', 1],
      ["qu'", 15, 18, 2, 2, 'apos', 0],
      ['il', 18, 20, 2, 2, 'space', 1],
      ['sh!t', 21, 25, 0, 3, 'space', 1],
      ['c0n', 26, 29, 2, 2, 'none', 0],
    ]);
  });

  it('stops a run of letters where a skipped range (URL, e-mail) starts, even inside a word', () => {
    const text = 'xxABcdEF ghI www.x.fr/con CoNnArD';
    const skip = [
      { start: 4, end: 6 },
      { start: 13, end: 25 },
    ];
    expect(civTokenize(text, skip).map((t) => [t.key, t.start, t.end, t.upper, t.letters, t.sepAfter])).toEqual([
      ['xxab', 0, 4, 2, 4, 'other'],
      ['ef', 6, 8, 2, 2, 'space'],
      ['ghi', 9, 12, 1, 3, 'space'],
      ['connard', 26, 33, 4, 7, 'none'],
    ]);
  });
});

describe('civility dictionary', () => {
  // The set is built without folding each stem into a string: it must hold exactly the folded
  // stems the plain way would (trim, at least three letters, apostrophes or hyphens, fold).
  const dic = [
    '3',
    'Éléphant/S',
    'œuvre/S.',
    'ÆGIR',
    'ab',
    'abc1/X',
    'mot composé',
    ' ourson \r',
    'chat\u00a0/S',
    '\ufeffbonjour/S',
    'aujourd’hui',
    "l'eau",
    'ΣΟΦΙΑ/X',
    'İzmir',
    '',
  ].join('\n');
  const set = foldedDictionary(dic);

  it.each(['elephant', 'oeuvre', 'aegir', 'ourson', 'chat', 'bonjour', 'aujourd’hui', "l'eau", 'σοφια', 'izmir'])(
    'has %s',
    (word) => expect(set.has(word)).toBe(true),
  );

  it.each(['ab', 'abc1', 'mot compose', 'mot', 'elephants', 'éléphant', 'oeuvr', 'oeuvres', '3', ''])(
    'does not have %s',
    (word) => expect(set.has(word)).toBe(false),
  );
});
