/**
 * Precomputes at build time what the server would otherwise compute at every start-up (part of
 * `npm run build`, after tsc and the bundle), written beside the compiled code in dist/: the
 * civility rule's dictionary tables (see src/rules/civility/dictionary-cache.ts), the built
 * Hunspell dictionaries (see src/rules/spelling/hunspell-snapshot.ts), the filters of the French
 * and English dictionaries' accent-free forms (see src/rules/spelling/accent-free-forms.ts: ~15 s
 * to build, so kept when the dictionaries have not changed), the civility rule's one-slip variants
 * (see src/rules/civility/slip-cache.ts), the on-topic rule's lexicon parts (see
 * src/rules/on-topic/lexicon-cache.ts) and, last, the server's V8 code cache (see
 * src/code-cache.ts).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeDictionaryCache } from '../dist/src/rules/civility/dictionary-cache.js';
import { writeSlips } from '../dist/src/rules/civility/slip-cache.js';
import { defaultRulesDir } from '../dist/src/rules/loader.js';
import { compileOnTopicData } from '../dist/src/rules/on-topic/data.js';
import { writeLexiconParts } from '../dist/src/rules/on-topic/lexicon-cache.js';
import { stemmerFor } from '../dist/src/rules/on-topic/stem.js';
import { ruleFilesIn } from '../dist/src/rules/on-topic/stem-table.js';
import { writeAccentFreeForms } from '../dist/src/rules/spelling/accent-free-forms-build.js';
import { DICTIONARY_PACKAGES, dictionaryFile } from '../dist/src/rules/spelling/dictionary-files.js';
import { writeHunspellSnapshot } from '../dist/src/rules/spelling/hunspell-snapshot.js';

for (const name of ['dictionary-fr', 'dictionary-en']) writeDictionaryCache(dictionaryFile(name, 'dic'), name, 'dist');
writeHunspellSnapshot(DICTIONARY_PACKAGES, 'dist');
for (const lang of ['fr', 'en']) await writeAccentFreeForms(lang, 'dist');

// The civility rule's one-slip variants, from its data as the server loads it: the bundled rules
// (dist/rules.cjs, which reads the caches above), the civility rule alone.
{
  const { loadRuleSet, defaultRuleModules } = createRequire(import.meta.url)('../dist/rules.cjs');
  const civility = loadRuleSet({ modules: defaultRuleModules.filter((m) => m.id === 'civility') }).rules[0];
  for (const lang of ['fr', 'en']) {
    const data = civility.data[lang];
    writeSlips(lang, data.slipsKey, data.canon.slipVariants(), 'dist');
  }
}

// The on-topic data's lexicon parts, computed by this build's code (no `built` given: an earlier
// build's file is never read back into the new one).
for (const lang of ['fr', 'en']) {
  const { lexicon } = compileOnTopicData(ruleFilesIn(defaultRulesDir(), lang), lang, stemmerFor(lang));
  writeLexiconParts(lang, lexicon.key, lexicon.parts, 'dist');
}

/**
 * The built server, started once on an in-memory database, writes its code cache when it
 * listens (or finds this build's cache there already): the first real start has it too, and so
 * does a deployment whose dist/ cannot be written. Then it answers a few requests of the kinds
 * every site sends (health checks, a comment page, drafts checked in French and in English, a
 * comment) and stops: on its way out it writes the cache again, with the code those requests
 * compiled (src/server-launcher.ts), which the next start's first requests would otherwise
 * compile (2026-12-01, medians of 8 starts: the first /readyz 27 ms without it, 20 with it; the
 * first draft check 88 and 68). Not worth failing the build over: a start without the cache
 * compiles as usual, and writes it if it can.
 */
const CACHE_LOGGED = /"msg":"code cache( written for the next start)?"/;
const LISTENING = /"port":(\d+)[^\n]*"msg":"listening"/;

/** Requests of the kinds a site sends first, each answered before the next. */
async function warmUp(base) {
  const json = (body) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const requests = [
    ['/readyz'],
    ['/healthz'],
    ['/v1/articles/demo/comments?limit=20'],
    [
      '/v1/check',
      json({ articleId: 'demo', body: 'Franchement, cet article est tres interessant, merci pour le travail.' }),
    ],
    ['/v1/check', json({ lang: 'en', body: 'Great article, thanks for the clear explanation of the new features.' })],
    [
      '/v1/articles/demo/comments',
      json({
        author: 'Lecteur',
        email: 'lecteur@example.org',
        body: 'Merci pour cet article clair, j’attends la suite avec impatience.',
      }),
    ],
    ['/readyz'],
  ];
  for (const [path, init] of requests) await (await fetch(`${base}${path}`, init)).arrayBuffer();
}

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
  let warming = false;
  const giveUp = setTimeout(() => {
    console.warn('build: no V8 code cache (the server did not get to write it within 60 s)');
    server.kill('SIGKILL');
  }, 60_000);
  server.stdout.on('data', (chunk) => {
    output += chunk;
    const port = LISTENING.exec(output)?.[1];
    if (warming || !port || !CACHE_LOGGED.test(output)) return;
    warming = true;
    warmUp(`http://127.0.0.1:${port}`)
      .catch((error) =>
        console.warn(`build: the warm-up requests failed (${error.message}); the cache is the listening's`),
      )
      .finally(() => server.kill('SIGTERM'));
  });
  server.on('exit', () => {
    clearTimeout(giveUp);
    if (!CACHE_LOGGED.test(output)) console.warn(`build: no V8 code cache; the server said:\n${output.slice(-2000)}`);
    resolve();
  });
});
