/**
 * Bundles the compiled server (dist/src/server.js) into one file, which `npm start` runs.
 * Resolving and loading the ~600 module files of the dependencies one by one took 0.8-0.9 s of a
 * 1.4 s start-up here; one file loads in about half that. Packages that find files beside
 * themselves at run time (native SQLite, Swagger UI's assets) or that are only needed for
 * PostgreSQL stay outside and load from node_modules. Hunspell's Emscripten glue is bundled (its
 * WebAssembly, which it carries as base64, is read from node_modules by hunspell-runtime.ts).
 *
 * The server is a CommonJS bundle, dist/server.cjs, so that V8 can cache its compiled code
 * between starts (only scripts take a code cache without experimental flags); dist/server.mjs is
 * the launcher that runs it with that cache (src/server-launcher.ts, src/code-cache.ts).
 * Part of `npm run build`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { asciiSource } from '../dist/src/ascii-source.js';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'pg', 'swagger-ui-dist'],
  // stopword's CommonJS build (its `main`) holds ~60 languages' lists in one module, which
  // esbuild cannot tree-shake; its ES modules (`module`) let the bundle keep the two the rules
  // import. Only for this package: other packages keep the builds Node runs outside the bundle.
  alias: { stopword: 'stopword/src/stopword.js' },
  sourcemap: true,
  logLevel: 'warning',
};
const cjs = {
  ...common,
  format: 'cjs',
  // The modules find files beside them through import.meta.url: the bundle's own URL.
  define: { 'import.meta.url': 'vigieImportMetaUrl' },
  banner: { js: "const vigieImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};
await build({ ...cjs, entryPoints: ['dist/src/server.js'], outfile: 'dist/server.cjs' });
// ASCII, so that the launcher reads it as a one-byte string (src/ascii-source.ts, src/code-cache.ts).
writeFileSync('dist/server.cjs', asciiSource(readFileSync('dist/server.cjs', 'utf8')));
// The launcher, an ES module of Node's own modules only (it bundles no CommonJS package).
await build({ ...common, format: 'esm', entryPoints: ['dist/src/server-launcher.js'], outfile: 'dist/server.mjs' });
// The CLI (bin/vigie.js): one file to load, and the CommonJS packages the rules use are not
// lexed for their exports as they are when an ES module imports them (~200 ms a run).
await build({ ...cjs, entryPoints: ['dist/src/cli-main.js'], outfile: 'dist/cli.cjs' });
// The rules alone, for the benchmarks (scripts/bench/compiled.ts): the code the server runs from
// its bundle, built the same way, without the server around it.
await build({
  ...cjs,
  stdin: {
    contents: [
      "export { loadRuleSet } from './dist/src/rules/loader.js';",
      "export { defaultRuleModules } from './dist/src/rules/modules/index.js';",
      "export { runPipeline } from './dist/src/rules/pipeline.js';",
      "export { analyse } from './dist/src/rules/text/analysis.js';",
      "export { detectLanguage, detectLanguageOfAnalysis } from './dist/src/rules/language.js';",
    ].join('\n'),
    resolveDir: '.',
    sourcefile: 'rules-entry.js',
  },
  outfile: 'dist/rules.cjs',
});
// The spelling suggestion worker (src/rules/spelling/suggest-worker.ts), a thread of its own.
// CommonJS like the server, for Hunspell's Emscripten glue: it reads __dirname and assigns to
// what strict mode (an ES module's) makes read-only.
await build({
  ...cjs,
  entryPoints: ['dist/src/rules/spelling/suggest-worker.js'],
  outfile: 'dist/suggest-worker.cjs',
});
