import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { runWithCodeCache } from './code-cache.js';

/**
 * dist/server.mjs, what `npm start` runs (bundled from this file by scripts/bundle-server.mjs):
 * it runs the server's bundle, dist/server.cjs, with V8's code cache (see code-cache.ts). The
 * cache is written beside it once the server listens, and again as it exits, when there was none
 * for this build or V8 rejected it (another Node, other flags); `npm run build` starts the built
 * server once, sends it a few requests and stops it, so that the cache is there before the first
 * real start with the code of those requests too (scripts/build-caches.mjs), and a directory
 * that cannot be written later only costs the cache. With `--enable-source-maps` the bundle is
 * require()d instead: Node maps stack traces to the TypeScript sources only for modules it loads
 * itself, not for vm scripts.
 */
const dist = dirname(fileURLToPath(import.meta.url));
const bundle = join(dist, 'server.cjs');

if (process.sourceMapsEnabled) {
  createRequire(import.meta.url)(bundle);
} else {
  const loaded = runWithCodeCache(bundle, `${bundle}.v8cache`);
  const listening = loaded.exports.listening as Promise<Logger>;
  void listening.then((logger) => {
    if (loaded.codeCache === 'used') {
      logger.debug({ codeCache: 'used' }, 'code cache');
      return;
    }
    // After the listening log: requests that come in meanwhile wait the few milliseconds the
    // serialisation takes, once per build.
    setImmediate(() => {
      try {
        loaded.saveCodeCache();
        logger.info({ codeCache: loaded.codeCache }, 'code cache written for the next start');
      } catch (error) {
        logger.warn({ err: error }, 'could not write the code cache (start-ups stay slower)');
      }
    });
    // Written again as the process exits, with the code its requests compiled since: the next
    // start's first requests find it compiled (the first /readyz ~7 ms sooner, the first draft
    // check ~20). The build's start sends a few typical requests before it stops
    // (scripts/build-caches.mjs). Silent: at exit the logger can no longer write, and the
    // listening's cache stays if this one cannot be written.
    process.once('exit', () => {
      try {
        loaded.saveCodeCache();
      } catch {
        // the listening's cache stays
      }
    });
  });
}
