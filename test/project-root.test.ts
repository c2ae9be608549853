import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { builtFile, projectRoot, readBuiltFile, writeBuildOutput } from '../src/project-root.js';

// A file every build writes (scripts/build-caches.mjs), small enough to read in a test.
const BUILT = 'on-topic-lexicon-fr.bin';

describe('project root and the build’s files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds the directory with package.json', () => {
    const root = projectRoot();
    expect(root).not.toBeNull();
    expect(JSON.parse(readFileSync(join(root as string, 'package.json'), 'utf8')).name).toBe('vigie');
  });

  it('never reads the build’s files from the sources, so a code change cannot meet an older build', () => {
    let parsed = 0;
    expect(builtFile(BUILT)).toBeNull();
    expect(
      readBuiltFile(BUILT, () => {
        parsed++;
        return 'read';
      }),
    ).toBeNull();
    expect(parsed).toBe(0);
  });

  it('hands the built file’s bytes to the parser when the compiled code runs, and returns what it says', async () => {
    // The tsc output of this very module (npm run build): it lives under dist/, as the server's code does.
    const compiled = (await import(
      pathToFileURL(join(projectRoot() as string, 'dist/src/project-root.js')).href
    )) as typeof import('../src/project-root.js');
    const onDisk = readFileSync(join(projectRoot() as string, 'dist', BUILT));
    expect(compiled.readBuiltFile(BUILT, (content) => content.equals(onDisk))).toBe(true);
    // A file the parser refuses, or none at all, gives null.
    expect(compiled.readBuiltFile(BUILT, () => null)).toBeNull();
    expect(compiled.readBuiltFile('no-such-file.bin', () => 'read')).toBeNull();
  });

  it('writes a build output where asked and says where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-build-'));
    dirs.push(dir);
    const out = writeBuildOutput(dir, 'parts.bin', Buffer.from([1, 2, 3]));
    expect(out).toBe(join(dir, 'parts.bin'));
    expect([...readFileSync(out)]).toEqual([1, 2, 3]);
  });
});
