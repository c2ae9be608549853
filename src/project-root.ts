import { existsSync } from 'node:fs';
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

/** Whether this code is the compiled one (dist/), not the sources. */
export function runsCompiled(): boolean {
  const root = projectRoot();
  return root !== null && fileURLToPath(import.meta.url).startsWith(join(root, 'dist'));
}
