/**
 * Precomputes at build time what the server would otherwise compute at every start-up (part of
 * `npm run build`, after tsc), written beside the compiled code in dist/: the civility rule's
 * dictionary tables (see src/rules/civility/dictionary-cache.ts) and the built Hunspell
 * dictionaries (see src/rules/spelling/hunspell-snapshot.ts).
 */
import { writeDictionaryCache } from '../dist/src/rules/civility/dictionary-cache.js';
import { DICTIONARY_PACKAGES, dictionaryFile } from '../dist/src/rules/spelling/dictionary-files.js';
import { writeHunspellSnapshot } from '../dist/src/rules/spelling/hunspell-snapshot.js';

for (const name of ['dictionary-fr', 'dictionary-en']) writeDictionaryCache(dictionaryFile(name, 'dic'), name, 'dist');
writeHunspellSnapshot(DICTIONARY_PACKAGES, 'dist');
