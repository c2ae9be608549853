import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's own directory (the one with package.json, and whatever `has` asks for), found by
 * walking up from this file: the same answer whether the code runs from src/ (tsx), dist/src/
 * (tsc) or dist/server.mjs (the bundle). Null when no such directory exists.
 */
export function projectRoot(has: (dir: string) => boolean = () => true): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && has(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The path of the file `name` that `npm run build` wrote into dist/, when this is the compiled
 * code (dist/) and the file is there; null otherwise. The sources (tests, scripts) never read the
 * build's files, so that a change to the code cannot meet a file made by the code before it.
 */
export function builtFile(name: string): string | null {
  const root = projectRoot();
  if (root === null || !fileURLToPath(import.meta.url).startsWith(join(root, 'dist'))) return null;
  const path = join(root, 'dist', name);
  return existsSync(path) ? path : null;
}

/**
 * The build's file `name` read and handed to `parse`, which returns null for a file it does not
 * accept (other inputs, another format, truncated); null too when builtFile finds none.
 */
export function readBuiltFile<T>(name: string, parse: (content: Buffer) => T | null): T | null {
  const path = builtFile(name);
  return path === null ? null : parse(readFileSync(path));
}

/** Writes `content` as `name` into `outDir` (npm run build) and returns its path. */
export function writeBuildOutput(outDir: string, name: string, content: Buffer): string {
  const out = join(outDir, name);
  writeFileSync(out, content);
  return out;
}
