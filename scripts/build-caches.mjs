/**
 * Precomputes at build time what the server would otherwise compute at every start-up (part of
 * `npm run build`, after tsc): the civility rule's dictionary tables (see
 * src/rules/civility/dictionary-cache.ts), written beside the compiled code in dist/.
 */
import { writeDictionaryCache } from '../dist/src/rules/civility/dictionary-cache.js';
import { dictionaryFile } from '../dist/src/rules/spelling/dictionary-files.js';

for (const name of ['dictionary-fr', 'dictionary-en']) writeDictionaryCache(dictionaryFile(name, 'dic'), name, 'dist');
