/**
 * A bundle's JavaScript with every character beyond ASCII written as a `\uXXXX` escape, so that
 * the file is ASCII and the server reads it as a one-byte string (code-cache.ts): half the memory
 * of the two-byte string a single other character makes, and no UTF-8 decoding at each start.
 * Used by `npm run build` on the server's bundle (scripts/bundle-server.mjs).
 *
 * esbuild's default `charset: 'ascii'` already escapes strings, untagged templates and identifiers,
 * but leaves regular expression literals and comments as they were written (evanw/esbuild#4205):
 * here the rules' patterns (`/[œæß]/`, `/’/g`…) and the comments. In both an escape reads the same:
 * a regular expression matches the same code units (a character beyond U+FFFF becomes its surrogate
 * pair: the same two units without the `u` flag, the same code point with it), and a comment is not
 * read. The one place where it would not is a character escaped by a backslash (`\é` is `é` in a
 * regular expression, `\\u00e9` is not): then this throws rather than change the code. esbuild also
 * leaves tagged templates as written (`String.raw\`é\``, esbuild 0.28), where a tag that reads the
 * raw strings would see the escape: the bundle has none with such characters (its 72 lines with
 * them, 2026-12-01, are regular expressions and comments). The source map is esbuild's: on a line
 * with such characters, the columns after them are off by five a character (stack traces still name
 * the right line).
 */
export function asciiSource(code: string): string {
  return code.replace(/[^\0-\x7f]/g, (char, offset: number) => {
    let backslashes = 0;
    for (let i = offset - 1; i >= 0 && code.charCodeAt(i) === 0x5c; i--) backslashes++;
    if (backslashes % 2 === 1) {
      const line = code.slice(0, offset).split('\n').length;
      throw new Error(`line ${line}: "${char}" is escaped by a backslash, and \\u${hex(char)} would not mean the same`);
    }
    return `\\u${hex(char)}`;
  });
}

const hex = (char: string) => char.charCodeAt(0).toString(16).padStart(4, '0');
