/**
 * Generates rules/en/civility-terms.generated.json, the English civility lexicon, from the
 * `bad-words` package's word list (its `badwords-list` dependency), curated:
 * - spelled variants (leet, spaced, underscores: "sh1t", "f u c k", "a_s_s") are dropped, since
 *   the civility matcher reads those evasions itself;
 * - words that are not insults or vulgarity in a comment (anatomy, medicine, "God", "hell",
 *   "sex", place names…) are dropped (EXCLUDE below);
 * - each kept word gets a category (slur, insult or vulgarity) and a severity.
 * Re-run after upgrading bad-words: `npx tsx scripts/build-en-civility-terms.ts`.
 * The request path never calls bad-words (its clean() is slow and breaks on accented letters).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { array } from 'badwords-list';

const badWords = array as unknown as string[];

const EXCLUDE = new Set([
  'anal',
  'anus',
  'balls',
  'breasts',
  'bloody',
  'bum',
  'butt',
  'clitoris',
  'ejaculate',
  'ejaculated',
  'ejaculates',
  'ejaculating',
  'ejaculatings',
  'ejaculation',
  'god',
  'god-dam',
  'god-damned',
  'hell',
  'lust',
  'lusting',
  'masochist',
  'nazi',
  'pawn',
  'penis',
  'poop',
  'porn',
  'porno',
  'pornography',
  'pornos',
  'rectum',
  'sadist',
  'semen',
  'sex',
  'testical',
  'testicle',
  'vagina',
  'viagra',
  'vulva',
  'willies',
  'willy',
  'xxx',
  'xrated',
  'flange',
  'fudge',
  'cox',
  'dink',
  'dinks',
  'knob',
  'nob',
  'muff',
  'snatch',
  'screwing',
  'shag',
  'spac',
  'teets',
  'teez',
  'tit',
  'wang',
  'cipa',
  'dirsa',
  'buceta',
  'kawk',
  'hoar',
  'heshe',
  'horny',
  'horniest',
  'cum',
  'cums',
  'cummer',
  'cumming',
  'boner',
  'boob',
  'boobs',
  'booobs',
  'boooobs',
  'booooobs',
  'booooooobs',
  'pron',
  'lust',
  'orgasim',
  'orgasims',
  'orgasm',
  'orgasms',
  'hardcoresex',
  'hotsex',
  'phonesex',
  'gaysex',
  'labia',
  'pube',
  'scrotum',
  'smegma',
  'fanny',
  'bugger',
  'cock',
  'cocks',
  'pecker',
  'jap',
  'homo',
  'damn',
  'crap',
  'pissed',
  'pimpis',
  'kondum',
  'kondums',
  'gangbang',
  'gangbanged',
  'gangbangs',
  'smut',
  'turd',
  'mutha',
  'muther',
  'beastial',
  'beastiality',
  'bestial',
  'bestiality',
  'fellate',
  'fellatio',
  'cunilingus',
  'cunillingus',
  'cunnilingus',
  'kunilingus',
  'rimming',
  'rimjaw',
  'dogging',
  'doggin',
  'felching',
  'goatse',
  'cyalis',
  'schlong',
  'wank',
  'wanky',
  'jism',
  'jiz',
  'jizm',
  'jizz',
  'spunk',
  'shemale',
  'lusting',
  'blow job',
  'blowjob',
  'blowjobs',
  'titties',
  'tits',
  'titt',
  'scroat',
  'scrote',
]);
const SLURS = /^(nigg|n1gg|fag|faggot|dyke|chink|coon|gaylord|retard)/;
const INSULTS =
  /(fucker|fuckhead|fuckwit|fuckwhit|fukwit|fukwhit|asshole|asswhole|bastard|bitch|biatch|bellend|cockface|cockhead|cocksuck|cunt|dickhead|douche|duche|doosh|knobhead|knobend|knobead|nobhead|numbnuts|prick|shithead|skank|slut|tosser|twat|twunt|wanker|whore|hore|hoer|hoare|whoar|dumbass|jackass|fatass|scrote|jerk-off|jackoff|mothafuck|motherfuck|muthafeck|mutherfuck)/;

function category(word: string): { category: 'slur' | 'insult' | 'vulgarity'; severity: 'low' | 'medium' | 'high' } {
  if (SLURS.test(word)) return { category: 'slur', severity: 'high' };
  if (INSULTS.test(word)) return { category: 'insult', severity: 'medium' };
  return { category: 'vulgarity', severity: 'low' };
}

const terms = [...new Set(badWords.map((w) => w.toLowerCase().trim()))]
  .filter((w) => /^[a-z]+(-[a-z]+)?$/.test(w) && !w.includes('-'))
  .filter((w) => !EXCLUDE.has(w))
  .sort()
  .map((term) => ({ term, ...category(term), mode: 'always', inflect: 'none' }));

const out = {
  source:
    'bad-words npm package (badwords-list dependency, MIT), curated by scripts/build-en-civility-terms.ts: leet and spaced variants dropped, non-insults excluded, categories added',
  description: 'Generated file: do not edit by hand; edit scripts/build-en-civility-terms.ts and re-run it.',
  terms,
  innocent: [],
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'rules/en/civility-terms.generated.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`wrote ${terms.length} English terms`);
