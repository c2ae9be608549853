/**
 * Types of the CommonJS packages that ship none. They are imported statically (not through
 * createRequire) so that the server's bundle holds them and V8's code cache covers them: loaded
 * from node_modules, their ~1.1 MB of JavaScript were compiled afresh at every start.
 */
declare module 'snowball-stemmers' {
  interface SnowballStemmer {
    stem(word: string): string;
  }
  const snowballStemmers: { newStemmer(algorithm: string): SnowballStemmer };
  export default snowballStemmers;
}

declare module 'stopword' {
  /** Stop-word lists by ISO 639-3 code: the two the rules read (the package has ~60). */
  export const fra: string[];
  export const eng: string[];
}

/** hunspell-asm's Emscripten glue (hunspell-runtime.ts types what it uses of it). */
declare module 'hunspell-asm/dist/cjs/lib/node/hunspell.js' {
  const hunspellGlue: unknown;
  export default hunspellGlue;
}
