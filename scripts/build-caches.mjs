/**
 * Precomputes at build time what the server would otherwise compute at every start-up (part of
 * `npm run build`, after tsc and the bundle), written beside the compiled code in dist/: the
 * civility rule's dictionary tables (see src/rules/civility/dictionary-cache.ts), the built
 * Hunspell dictionaries (see src/rules/spelling/hunspell-snapshot.ts), the filters of the French
 * and English dictionaries' accent-free forms (see src/rules/spelling/accent-free-forms.ts: ~15 s
 * to build, so kept when the dictionaries have not changed) and, last, the server's V8 code cache
 * (see src/code-cache.ts).
 */
import { spawn } from 'node:child_process';
import { writeDictionaryCache } from '../dist/src/rules/civility/dictionary-cache.js';
import { writeAccentFreeForms } from '../dist/src/rules/spelling/accent-free-forms-build.js';
import { DICTIONARY_PACKAGES, dictionaryFile } from '../dist/src/rules/spelling/dictionary-files.js';
import { writeHunspellSnapshot } from '../dist/src/rules/spelling/hunspell-snapshot.js';

for (const name of ['dictionary-fr', 'dictionary-en']) writeDictionaryCache(dictionaryFile(name, 'dic'), name, 'dist');
writeHunspellSnapshot(DICTIONARY_PACKAGES, 'dist');
for (const lang of ['fr', 'en']) await writeAccentFreeForms(lang, 'dist');

/**
 * The built server, started once on an in-memory database, writes its code cache when it
 * listens (or finds this build's cache there already): the first real start has it too, and so
 * does a deployment whose dist/ cannot be written. Not worth failing the build over: a start
 * without it compiles as usual, and writes it if it can.
 */
const CACHE_LOGGED = /"msg":"code cache( written for the next start)?"/;
await new Promise((resolve) => {
  const server = spawn(process.execPath, ['dist/server.mjs'], {
    env: {
      ...process.env,
      DATABASE_URL: ':memory:',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'debug',
      EVENT_LOOP_REPORT_SECONDS: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const giveUp = setTimeout(() => {
    console.warn('build: no V8 code cache (the server did not get to write it within 60 s)');
    server.kill('SIGKILL');
  }, 60_000);
  server.stdout.on('data', (chunk) => {
    output += chunk;
    if (CACHE_LOGGED.test(output)) server.kill('SIGTERM');
  });
  server.on('exit', () => {
    clearTimeout(giveUp);
    if (!CACHE_LOGGED.test(output)) console.warn(`build: no V8 code cache; the server said:\n${output.slice(-2000)}`);
    resolve();
  });
});
