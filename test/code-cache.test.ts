import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWithCodeCache } from '../src/code-cache.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-code-cache-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A CommonJS file using what Node gives a module: require, module, __filename, __dirname. */
function script(answer: number) {
  const file = join(dir, 'bundle.cjs');
  writeFileSync(
    file,
    `const { basename } = require('node:path');
function answer() { return ${answer}; }
module.exports = { answer: answer(), file: basename(__filename), dir: __dirname, self: this === exports };`,
  );
  return { file, cache: join(dir, 'bundle.cjs.v8cache') };
}

describe('runWithCodeCache', () => {
  it('runs the file as a CommonJS module, then from the cache it saved', () => {
    const { file, cache } = script(41);
    const first = runWithCodeCache(file, cache);
    expect(first.codeCache).toBe('none');
    expect(first.exports).toEqual({ answer: 41, file: 'bundle.cjs', dir, self: true });
    first.saveCodeCache();
    expect(readdirSync(dir).sort()).toEqual(['bundle.cjs', 'bundle.cjs.v8cache']);

    const second = runWithCodeCache(file, cache);
    expect(second.codeCache).toBe('used');
    expect(second.exports).toEqual(first.exports);
  });

  it('reads a file with characters beyond ASCII as UTF-8, and an ASCII one the same way a cache is kept for', () => {
    const file = join(dir, 'accents.cjs');
    const cache = join(dir, 'accents.cjs.v8cache');
    writeFileSync(file, "module.exports = { word: 'été', ligature: /[œæ]/.test('cœur'), length: 'déjà'.length };");
    const first = runWithCodeCache(file, cache);
    expect(first.exports).toEqual({ word: 'été', ligature: true, length: 4 });
    first.saveCodeCache();
    // The cache is kept under the SHA-256 of the file's bytes, that is of its UTF-8 text.
    const expected = createHash('sha256').update(readFileSync(file, 'utf8')).digest();
    expect(readFileSync(cache).subarray(0, 32).equals(expected)).toBe(true);
    const second = runWithCodeCache(file, cache);
    expect(second.codeCache).toBe('used');
    expect(second.exports).toEqual(first.exports);
  });

  it("ignores the cache of another source of the same length (V8 would run the old source's code)", () => {
    const { file, cache } = script(41);
    runWithCodeCache(file, cache).saveCodeCache();
    script(42); // same length, another build
    const rebuilt = runWithCodeCache(file, cache);
    expect(rebuilt.codeCache).toBe('none');
    expect(rebuilt.exports.answer).toBe(42);
  });

  it('compiles as usual when V8 rejects the cache', () => {
    // A source this process has not compiled yet (V8 would take it from its own in-memory
    // cache otherwise), and a cache for it with the right hash but data V8 cannot read.
    const { file, cache } = script(43);
    const source = readFileSync(file, 'utf8');
    writeFileSync(cache, Buffer.concat([createHash('sha256').update(source).digest(), Buffer.alloc(4096, 7)]));
    const loaded = runWithCodeCache(file, cache);
    expect(loaded.codeCache).toBe('rejected');
    expect(loaded.exports.answer).toBe(43);
  });

  it('throws and leaves no temporary file when the cache cannot be written', () => {
    const { file, cache } = script(41);
    const loaded = runWithCodeCache(file, cache);
    // A directory in the cache's place (a permission error would not stop root).
    mkdirSync(cache);
    writeFileSync(join(cache, 'inside'), '');
    expect(() => loaded.saveCodeCache()).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['bundle.cjs', 'bundle.cjs.v8cache']);
  });
});
