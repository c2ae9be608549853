import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs a CommonJS file with V8's code cache, as `v8-compile-cache` does for require() but for
 * one bundled file, and with what a start-up compiled, not only its top level.
 *
 * V8 compiles a script's top level before running it, and each function the first time it is
 * called: for the server's 1.9 MB bundle that is ~60–90 ms of a ~950 ms start on one core, then
 * more for every function the start-up calls. A code cache made after the start-up
 * (`createCachedData()` includes the functions compiled so far) lets the next start deserialise
 * all of it instead.
 *
 * The cache file starts with the SHA-256 of the source it was made from: V8 itself only checks
 * the source's length, and a cache of another build of the same length would run that build's
 * functions. V8 rejects a cache of another V8 version or other flags (`codeCache: 'rejected'`);
 * the script then compiles as usual.
 */
export type CodeCacheState = 'used' | 'rejected' | 'none';

export interface CachedScript {
  /** What the file put in `module.exports`. */
  exports: Record<string, unknown>;
  /** Whether a cache was found and V8 took it. */
  codeCache: CodeCacheState;
  /** Writes the cache of everything compiled so far, for the next run (atomically). */
  saveCodeCache(): void;
}

const HASH_BYTES = 32;

export function runWithCodeCache(file: string, cacheFile: string): CachedScript {
  const bytes = readFileSync(file);
  // The hash of the bytes is the hash of the text (UTF-8), as the caches made before had it.
  const hash = createHash('sha256').update(bytes).digest();
  // An ASCII file (the server's bundle is made so: src/ascii-source.ts) is read as Latin-1:
  // a one-byte string, half the memory of the two-byte one that a single other character makes,
  // and no UTF-8 decoding (readFileSync's took ~40 ms of each start for the 3.6 MB bundle).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const cachedData = storedCache(cacheFile, hash);
  // Node's own CommonJS wrapper, on the first line: line numbers stay the file's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const codeCache: CodeCacheState = !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    codeCache,
    saveCodeCache() {
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, Buffer.concat([hash, script.createCachedData()]));
        renameSync(temporary, cacheFile);
      } catch (error) {
        try {
          unlinkSync(temporary);
        } catch {
          // nothing was written
        }
        throw error;
      }
    },
  };
}

/** The cache stored for this very source, or undefined (none, unreadable, another source). */
function storedCache(cacheFile: string, hash: Buffer): Buffer | undefined {
  let stored: Buffer;
  try {
    stored = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (stored.length <= HASH_BYTES || !stored.subarray(0, HASH_BYTES).equals(hash)) return undefined;
  return stored.subarray(HASH_BYTES);
}
