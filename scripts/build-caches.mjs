/**
 * Precomputes at build time what the server would otherwise compute at every start-up (part of
 * `npm run build`, after tsc): the civility rule's dictionary tables (see
 * src/rules/civility/dictionary-cache.ts), written beside the compiled code in dist/.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeDictionaryCache } from '../dist/src/rules/civility/dictionary-cache.js';

const require = createRequire(import.meta.url);
for (const name of ['dictionary-fr', 'dictionary-en']) {
  const dic = join(dirname(require.resolve(name)), 'index.dic');
  writeDictionaryCache(dic, name, 'dist');
}
