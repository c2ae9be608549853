import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Cache, machineCaches, parseCacheSize, valgrindCacheOptions } from '../../scripts/bench/cache-geometry.js';

describe('parseCacheSize', () => {
  it.each([
    ['48K', 49_152],
    ['2048K', 2_097_152],
    ['1M', 1_048_576],
    ['512', 512],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseCacheSize(text)).toBe(bytes);
  });

  it('gives NaN for what it cannot read', () => {
    expect(parseCacheSize('big')).toBeNaN();
  });
});

// The Xeon of 2026-12-03, as Linux describes it.
const xeon: Cache[] = [
  { level: 1, type: 'Data', bytes: 48 * 1024, ways: 12, lineBytes: 64 },
  { level: 1, type: 'Instruction', bytes: 64 * 1024, ways: 16, lineBytes: 64 },
  { level: 2, type: 'Unified', bytes: 2048 * 1024, ways: 16, lineBytes: 64 },
  { level: 3, type: 'Unified', bytes: 491_520 * 1024, ways: 16, lineBytes: 64 },
];

describe('valgrindCacheOptions', () => {
  it('simulates the first level and the second as the last one', () => {
    expect(valgrindCacheOptions(xeon)).toEqual({
      options: ['--I1=65536,16,64', '--D1=49152,12,64', '--LL=2097152,16,64'],
      described: ['I1 64 KB, 16-way', 'D1 48 KB, 12-way', 'LL 2048 KB, 16-way'],
    });
  });

  it('leaves to valgrind a cache it cannot simulate or the machine does not describe', () => {
    // 1,536 KB in 16 ways of 64 bytes: 1,536 sets, not a power of two.
    const odd = xeon.map((c) => (c.level === 2 ? { ...c, bytes: 1536 * 1024 } : c));
    expect(valgrindCacheOptions(odd).options).toEqual(['--I1=65536,16,64', '--D1=49152,12,64']);
    expect(valgrindCacheOptions([]).options).toEqual([]);
  });
});

describe('machineCaches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-caches-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads each cache Linux describes, and leaves out one with a file missing', () => {
    const write = (entry: string, files: Record<string, string>) => {
      mkdirSync(join(dir, entry));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, entry, name), `${text}\n`);
    };
    write('index0', { level: '1', type: 'Data', size: '48K', ways_of_associativity: '12', coherency_line_size: '64' });
    write('index2', { level: '2', type: 'Unified', size: '2048K', ways_of_associativity: '16' });
    write('power', { level: '9' });
    expect(machineCaches(dir)).toEqual([xeon[0]]);
  });

  it('gives none where there is no such directory', () => {
    expect(machineCaches(join(dir, 'absent'))).toEqual([]);
  });
});
