import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unframed } from '../../../src/framed-file.js';
import { defaultRulesDir } from '../../../src/rules/loader.js';
import { compileOnTopicData } from '../../../src/rules/on-topic/data.js';
import {
  deserialiseLexiconParts,
  type LexiconInputs,
  type LexiconParts,
  lexiconCacheFileName,
  lexiconKey,
  serialiseLexiconParts,
} from '../../../src/rules/on-topic/lexicon-cache.js';
import { plainFold, stemmerFor } from '../../../src/rules/on-topic/stem.js';
import { ruleFilesIn } from '../../../src/rules/on-topic/stem-table.js';
import { tokenize } from '../../../src/rules/text/tokenize.js';

/** The data as the sources load it: every part computed, no build file read. */
const computed = (lang: 'fr' | 'en') =>
  compileOnTopicData(ruleFilesIn(defaultRulesDir(), lang), lang, stemmerFor(lang));

const roundTrip = (key: string, parts: LexiconParts) => deserialiseLexiconParts(serialiseLexiconParts(key, parts), key);

describe('on-topic lexicon parts cache', () => {
  it.each(['fr', 'en'] as const)('gives back every part of the %s data as computed', (lang) => {
    const { lexicon } = computed(lang);
    expect(lexicon.parts.beats.size).toBeGreaterThan(500);
    expect(lexicon.parts.background.size).toBeGreaterThan(100);
    expect(lexicon.parts.phraseTokens.size).toBeGreaterThan(100);
    const read = roundTrip(lexicon.key, lexicon.parts);
    expect(read).not.toBeNull();
    expect(read).toEqual(lexicon.parts);
    // Map order too: the beats' and phrases' order is the data's.
    expect([...(read as LexiconParts).beats.keys()]).toEqual([...lexicon.parts.beats.keys()]);
  });

  it.each(['fr', 'en'] as const)(
    'asks for the parts of its own inputs, and loads the %s data the same with them',
    (lang) => {
      const { lexicon } = computed(lang);
      const asked: string[] = [];
      const stored = roundTrip(lexicon.key, lexicon.parts);
      const cached = compileOnTopicData(ruleFilesIn(defaultRulesDir(), lang), lang, stemmerFor(lang), (key) => {
        asked.push(key);
        return key === lexicon.key ? stored : null;
      });
      expect(asked).toEqual([lexicon.key]);
      expect(cached.lexicon.parts).toBe(stored);
      expect(cached.beats).toEqual(computed(lang).beats);
      // The phrase scanner finds the same phrases with the stored tokens as with its own.
      const texts =
        lang === 'fr'
          ? [
              'Rien à voir avec l’article, mais changeons de sujet : vous avez vu le match ?',
              'Hors sujet, mais merci !',
            ]
          : ['Off topic, but did you see the game last night?', 'Sorry for the off topic, but is the site down?'];
      const fresh = computed(lang);
      for (const text of texts) {
        const folded = tokenize(text).map((t) => plainFold(t.text));
        const found = fresh.phrases.scan(folded);
        expect(found.size, text).toBeGreaterThan(0);
        expect(cached.phrases.scan(folded)).toEqual(found);
      }
    },
  );

  it.each(['fr', 'en'] as const)(
    'ships, in the build (dist/), the %s parts the sources compute from rules/',
    (lang) => {
      const file = `dist/${lexiconCacheFileName(lang)}`;
      expect(existsSync(file), 'npm run build first').toBe(true);
      const bytes = readFileSync(file);
      const { lexicon } = computed(lang);
      expect(unframed(bytes)?.header.key, 'rules/ changed since the build: npm run build').toBe(lexicon.key);
      expect(deserialiseLexiconParts(bytes, lexicon.key)).toEqual(lexicon.parts);
    },
  );

  it('computes the parts when the build has none for these inputs', () => {
    const { lexicon } = computed('en');
    const data = compileOnTopicData(ruleFilesIn(defaultRulesDir(), 'en'), 'en', stemmerFor('en'), () => null);
    expect(data.lexicon.parts).toEqual(lexicon.parts);
  });

  it('ignores a file made from other inputs, in another format, cut short or not one', () => {
    const { lexicon } = computed('en');
    const stored = serialiseLexiconParts(lexicon.key, lexicon.parts);
    expect(deserialiseLexiconParts(stored, 'another key')).toBeNull();
    expect(deserialiseLexiconParts(stored.subarray(0, stored.length - 40), lexicon.key)).toBeNull();
    expect(deserialiseLexiconParts(Buffer.from('not a cache'), lexicon.key)).toBeNull();
  });

  const inputs: LexiconInputs = {
    lang: 'fr',
    stemmer: 'snowball french',
    stop: ['le', 'la'],
    beats: { jeu: ['console', 'manette'], auto: ['voiture'] },
    aliases: [['ordi', 'ordinateur']],
    tiers: [{ weight: 0.2, words: ['chose', 'truc'] }],
    phraseLists: { noise: ['hors sujet'], site: ['le site'] },
  };
  it.each<[string, Partial<LexiconInputs>]>([
    ['the language', { lang: 'en' }],
    ['the stemmer', { stemmer: 'snowball french 2' }],
    ['a stop word', { stop: ['le', 'les'] }],
    ['a beat’s word', { beats: { jeu: ['console'], auto: ['voiture'] } }],
    ['an alias', { aliases: [['ordi', 'ordinateurs']] }],
    ['a tier’s weight', { tiers: [{ weight: 0.3, words: ['chose', 'truc'] }] }],
    ['a tier’s word', { tiers: [{ weight: 0.2, words: ['chose'] }] }],
    ['a phrase', { phraseLists: { noise: ['hors-sujet'], site: ['le site'] } }],
    ['a phrase’s list', { phraseLists: { noise: ['hors sujet'], siteWeak: ['le site'] } }],
  ])('keys the parts by their inputs: %s changes the key', (_what, change) => {
    expect(lexiconKey({ ...inputs, ...change })).not.toBe(lexiconKey(inputs));
    expect(lexiconKey({ ...inputs })).toBe(lexiconKey(inputs));
  });
});
