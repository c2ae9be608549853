import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * This machine's caches, for the cache simulation of `npm run bench:instructions -- --cache`:
 * valgrind simulates a first-level instruction cache, a first-level data cache and one last level,
 * and takes their geometry from the processor's CPUID unless told. In a virtual machine CPUID may
 * describe the host's processor, and the last level it picks is the largest cache: the 480 MB
 * third level of the Xeon of 2026-12-03, where nothing the rules read would miss. What the rules
 * lose between two comments is lost between the first and second levels (docs/performance.md,
 * "Where the time goes"), so the second level is simulated as the last one.
 */
export interface Cache {
  level: number;
  type: 'Data' | 'Instruction' | 'Unified';
  bytes: number;
  ways: number;
  lineBytes: number;
}

const CACHE_DIR = '/sys/devices/system/cpu/cpu0/cache';

/** "48K", "2048K", "1M" as Linux writes a cache's size, in bytes. */
export function parseCacheSize(text: string): number {
  const match = /^(\d+)\s*([KMG]?)$/i.exec(text.trim());
  if (!match) return Number.NaN;
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[(match[2] as string).toUpperCase()] as number;
  return Number(match[1]) * unit;
}

/** The caches Linux describes for the first processor, or none when it does not (not Linux, no sysfs). */
export function machineCaches(dir = CACHE_DIR): Cache[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((name) => /^index\d+$/.test(name));
  } catch {
    return [];
  }
  const read = (entry: string, file: string) => readFileSync(join(dir, entry, file), 'utf8').trim();
  const caches: Cache[] = [];
  for (const entry of entries) {
    try {
      caches.push({
        level: Number(read(entry, 'level')),
        type: read(entry, 'type') as Cache['type'],
        bytes: parseCacheSize(read(entry, 'size')),
        ways: Number(read(entry, 'ways_of_associativity')),
        lineBytes: Number(read(entry, 'coherency_line_size')),
      });
    } catch {
      // A cache with a file missing is left out; valgrind then uses its own guess for it.
    }
  }
  return caches;
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

/** "size,ways,line" for valgrind, or null when it cannot simulate the cache (its sets must be a power of two). */
function geometry(cache: Cache | undefined): string | null {
  if (!cache) return null;
  const { bytes, ways, lineBytes } = cache;
  if (!(bytes > 0 && ways > 0 && lineBytes > 0)) return null;
  if (!isPowerOfTwo(lineBytes) || !isPowerOfTwo(bytes / (ways * lineBytes))) return null;
  return `${bytes},${ways},${lineBytes}`;
}

/**
 * valgrind's `--I1`, `--D1` and `--LL` for these caches: the first level's instruction and data
 * caches, and the second level as the last one (see above). A cache valgrind cannot simulate, or
 * that the machine does not describe, is left to valgrind's guess; `described` says which were set.
 */
export function valgrindCacheOptions(caches: readonly Cache[]): { options: string[]; described: string[] } {
  const find = (level: number, types: Cache['type'][]) =>
    caches.find((c) => c.level === level && types.includes(c.type));
  const wanted: [string, Cache | undefined][] = [
    ['I1', find(1, ['Instruction', 'Unified'])],
    ['D1', find(1, ['Data', 'Unified'])],
    ['LL', find(2, ['Unified', 'Data'])],
  ];
  const options: string[] = [];
  const described: string[] = [];
  for (const [name, cache] of wanted) {
    const value = geometry(cache);
    if (value === null) continue;
    options.push(`--${name}=${value}`);
    described.push(`${name} ${(cache as Cache).bytes / 1024} KB, ${(cache as Cache).ways}-way`);
  }
  return { options, described };
}
