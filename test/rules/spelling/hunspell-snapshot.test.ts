import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaryFile } from '../../../src/rules/spelling/dictionary-files.js';
import { bootHunspellRuntime, type HunspellRuntime } from '../../../src/rules/spelling/hunspell-runtime.js';
import {
  openSnapshot,
  type Restored,
  restoreSnapshot,
  snapshotKey,
  writeHunspellSnapshot,
} from '../../../src/rules/spelling/hunspell-snapshot.js';

// English only: the same code as for three dictionaries, at a fraction of the build time.
const PACKAGES = ['dictionary-en'];

/** Words of the .dic, the same words garbled, and a few common misspellings. */
function sampleWords(): string[] {
  const lines = readFileSync(dictionaryFile('dictionary-en', 'dic'), 'utf8').split('\n');
  const words = ['recieve', 'alot', 'colour', 'color', 'Paris', 'paris', "isn't", 'teh', 'the'];
  for (let i = 1; i < lines.length; i += 97) {
    const word = (lines[i] ?? '').split('/')[0] ?? '';
    if (word) words.push(word, word.toUpperCase(), `${word}x`, word.slice(1));
  }
  return words;
}

/** The file's header, changed by `edit`, with the same pages after it. */
function withHeader(file: string, edit: (header: Record<string, unknown>) => void): Buffer {
  const stored = readFileSync(file);
  const length = stored.readUInt32LE(0);
  const header = JSON.parse(stored.subarray(4, 4 + length).toString('utf8')) as Record<string, unknown>;
  edit(header);
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(4);
  head.writeUInt32LE(json.length, 0);
  return Buffer.concat([head, json, stored.subarray(4 + length)]);
}

describe('HunspellRuntime.allocatedEnd', () => {
  it("is where a fresh module's allocations end: past it the heap is zero, and it moves as the module allocates", () => {
    const runtime = bootHunspellRuntime();
    const heap = runtime.heap();
    const end = runtime.allocatedEnd();
    // Read from the glue's layout: not the heap's length, which is what it says when it cannot tell.
    expect(end).toBeGreaterThan(0);
    expect(end).toBeLessThan(heap.length);
    expect(heap.subarray(end).every((byte) => byte === 0)).toBe(true);
    runtime.create(
      readFileSync(dictionaryFile('dictionary-en', 'aff')),
      readFileSync(dictionaryFile('dictionary-en', 'dic')),
    );
    expect(runtime.allocatedEnd()).toBeGreaterThan(end);
    expect(runtime.allocatedEnd()).toBeLessThanOrEqual(runtime.heap().length);
  });
});

describe('Hunspell start-up snapshot', () => {
  let dir: string;
  let file: string;
  let built: HunspellRuntime;
  let builtHandle: number;
  let restored: Restored | null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-snapshot-'));
    file = writeHunspellSnapshot(PACKAGES, dir);
    built = bootHunspellRuntime();
    builtHandle = built.create(
      readFileSync(dictionaryFile('dictionary-en', 'aff')),
      readFileSync(dictionaryFile('dictionary-en', 'dic')),
    );
    const stored = openSnapshot(file, snapshotKey(PACKAGES));
    restored = stored && restoreSnapshot(stored);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('restores into a fresh runtime a dictionary that answers as one built from the files', () => {
    expect(restored).not.toBeNull();
    const handle = restored?.handles.get('dictionary-en') as number;
    const words = sampleWords();
    expect(words.length).toBeGreaterThan(1000);
    const answers = (runtime: HunspellRuntime, h: number) => words.map((word) => runtime.spell(h, word));
    expect(answers(restored?.runtime as HunspellRuntime, handle)).toEqual(answers(built, builtHandle));
    expect(answers(built, builtHandle)).toContain(false); // the sample does hold misspellings
  });

  it('suggests as the built dictionary does, and keeps working after allocating', () => {
    const runtime = restored?.runtime as HunspellRuntime;
    const handle = restored?.handles.get('dictionary-en') as number;
    for (const word of ['recieve', 'speling']) {
      expect(runtime.suggest(handle, word)).toEqual(built.suggest(builtHandle, word));
    }
    // A second dictionary built in the restored heap: malloc's state came with the image.
    const again = runtime.create(
      readFileSync(dictionaryFile('dictionary-en-gb', 'aff')),
      readFileSync(dictionaryFile('dictionary-en-gb', 'dic')),
    );
    expect(runtime.spell(again, 'colour')).toBe(true);
    expect(runtime.spell(handle, 'recieve')).toBe(false);
  });

  it('is not used when made from other files, or damaged', () => {
    expect(openSnapshot(file, snapshotKey(['dictionary-en-gb']))).toBeNull();
    const truncated = join(dir, 'truncated.bin');
    writeFileSync(truncated, readFileSync(file).subarray(0, 100_000));
    expect(openSnapshot(truncated, snapshotKey(PACKAGES))).toBeNull();
    const garbage = join(dir, 'garbage.bin');
    writeFileSync(garbage, 'garbage');
    expect(openSnapshot(garbage, snapshotKey(PACKAGES))).toBeNull();
    expect(openSnapshot(join(dir, 'missing.bin'), snapshotKey(PACKAGES))).toBeNull();
  });

  it('is dropped when the restored heap does not answer its probe words as recorded', async () => {
    const lying = join(dir, 'lying.bin');
    writeFileSync(
      lying,
      withHeader(file, (header) => {
        const probes = header.probes as Record<string, [string, boolean][]>;
        for (const list of Object.values(probes)) for (const probe of list) probe[1] = !probe[1];
      }),
    );
    const stored = openSnapshot(lying, snapshotKey(PACKAGES));
    expect(stored).not.toBeNull();
    expect(restoreSnapshot(stored as NonNullable<typeof stored>)).toBeNull();
  });
});
