import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The .aff or .dic file of a dictionary-* package: the packages export only their index.js, the
 * dictionary files sit beside it. Throws when the package is not installed.
 */
export function dictionaryFile(dictionaryPackage: string, extension: 'aff' | 'dic'): string {
  return join(dirname(require.resolve(dictionaryPackage)), `index.${extension}`);
}
