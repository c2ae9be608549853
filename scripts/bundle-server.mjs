/**
 * Bundles the compiled server (dist/src/server.js) into one file, dist/server.mjs, which
 * `npm start` runs. Resolving and loading the ~600 module files of the dependencies one by one
 * took 0.8-0.9 s of a 1.4 s start-up here; one file loads in about half that. Packages that find
 * files beside themselves at run time (native SQLite, Hunspell's WebAssembly, Swagger UI's
 * assets) or that are only needed for PostgreSQL stay outside and load from node_modules.
 * Part of `npm run build`.
 */
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'hunspell-asm', 'pg', 'swagger-ui-dist'],
  // Bundled CommonJS packages call require(): give the ES module one.
  banner: {
    js: "import { createRequire as vigieCreateRequire } from 'node:module';\nconst require = vigieCreateRequire(import.meta.url);",
  },
  sourcemap: true,
  logLevel: 'warning',
};
await build({ ...common, entryPoints: ['dist/src/server.js'], outfile: 'dist/server.mjs' });
// The spelling suggestion worker (src/rules/spelling/suggest-worker.ts), a thread of its own.
await build({
  ...common,
  entryPoints: ['dist/src/rules/spelling/suggest-worker.js'],
  outfile: 'dist/suggest-worker.mjs',
});
