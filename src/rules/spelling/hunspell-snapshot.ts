import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { framed } from '../../framed-file.js';
import { writeBuildOutput } from '../../project-root.js';
import { dictionaryFile, fileSha256 } from './dictionary-files.js';
import { bootHunspellRuntime, type HunspellRuntime, RUNTIME_FILE } from './hunspell-runtime.js';

/**
 * Building the three Hunspell dictionaries takes ~350 ms at every start-up (French alone ~210
 * ms): Hunspell parses the .aff and expands the .dic into its hash tables. The result is nothing
 * but the WebAssembly module's heap, so `npm run build` builds them once and stores that heap
 * (dist/hunspell-snapshot.bin, 17 MB, the all-zero pages left out); the server copies it into
 * a freshly booted module in ~40 ms instead. Like a core dump that can be resumed, the image is
 * only valid for the same WebAssembly build and the same dictionary files: it is keyed by the
 * SHA-256 of all of them and of FORMAT, and a few words checked after the copy must answer as
 * they did when the image was taken, or the heap is put back and the dictionaries are built.
 */
const FORMAT = 2; // bump when the way dictionaries are created, or the key, changes
const PAGE = 65_536;
const ZERO_PAGE = Buffer.alloc(PAGE);

interface Header {
  format: number;
  key: string;
  heapLength: number;
  /** Indexes of the pages stored, in order; every other page is zeros. */
  pages: number[];
  /** Each dictionary package's Hunspell handle in the heap. */
  handles: Record<string, number>;
  /** Words and Hunspell's answer for them when the image was taken, per package. */
  probes: Record<string, [string, boolean][]>;
}

export interface Restored {
  runtime: HunspellRuntime;
  handles: Map<string, number>;
}

export const SNAPSHOT_FILE = 'hunspell-snapshot.bin';

/** The key of an image of `packages` built in this order: what the heap's content depends on. */
export function snapshotKey(packages: readonly string[]): string {
  const hash = createHash('sha256').update(`format ${FORMAT}\n`).update(fileSha256(RUNTIME_FILE));
  for (const name of packages) {
    hash.update(`\n${name}\n`);
    hash.update(fileSha256(dictionaryFile(name, 'aff')));
    hash.update(fileSha256(dictionaryFile(name, 'dic')));
  }
  return hash.digest('hex');
}

/** Words spread over the .dic, and the same words garbled: enough to tell a wrong heap. */
function probeWords(name: string): string[] {
  const lines = readFileSync(dictionaryFile(name, 'dic'), 'utf8').split('\n');
  const words: string[] = [];
  for (let i = 1; i < lines.length; i += Math.max(1, Math.floor(lines.length / 12))) {
    const word = (lines[i] ?? '').split(/[/\t ]/)[0];
    if (word) words.push(word, `${word}qz`);
  }
  return words;
}

export function serialiseSnapshot(runtime: HunspellRuntime, key: string, handles: Map<string, number>): Buffer {
  const heap = runtime.heap();
  const pages: number[] = [];
  for (let page = 0; page * PAGE < heap.length; page++) {
    const bytes = heap.subarray(page * PAGE, (page + 1) * PAGE);
    if (bytes.some((byte) => byte !== 0)) pages.push(page);
  }
  const probes: Header['probes'] = {};
  for (const [name, handle] of handles) {
    probes[name] = probeWords(name).map((word) => [word, runtime.spell(handle, word)]);
  }
  const header: Header = {
    format: FORMAT,
    key,
    heapLength: heap.length,
    pages,
    handles: Object.fromEntries(handles),
    probes,
  };
  return framed(
    header,
    pages.map((page) => heap.subarray(page * PAGE, (page + 1) * PAGE)),
  );
}

/** A stored image whose header matched: its file, its header, where its pages start. */
export interface StoredSnapshot {
  file: string;
  header: Header;
  pagesAt: number;
}

/** The image in `file` when it was made from these very files (`key`), or null. */
export function openSnapshot(file: string, key: string): StoredSnapshot | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    // framed-file.ts's layout, of which only the header is read here: the pages are copied from
    // the file straight into the heap (restoreSnapshot).
    const head = Buffer.alloc(4);
    if (readSync(fd, head, 0, 4, 0) !== 4) return null;
    const length = head.readUInt32LE(0);
    if (4 + length > size) return null;
    const json = Buffer.alloc(length);
    readSync(fd, json, 0, length, 4);
    const header = JSON.parse(json.toString('utf8')) as Header;
    if (header.format !== FORMAT || header.key !== key) return null;
    if (size !== 4 + length + header.pages.length * PAGE || header.heapLength % PAGE !== 0) return null;
    return { file, header, pagesAt: 4 + length };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * A runtime whose heap is the image's, and the handles in it; null when the copy does not answer
 * its probes (the runtime is then dropped: its heap is garbage).
 */
export function restoreSnapshot(stored: StoredSnapshot): Restored | null {
  const { header } = stored;
  // Booted with the heap size the image had, so that nothing has to grow (growing goes through
  // malloc, which would leave its own bookkeeping in the copied heap).
  const runtime = bootHunspellRuntime(header.heapLength);
  const heap = runtime.heap();
  if (heap.length !== header.heapLength) return null;
  // The fresh heap holds the module's static data and little else: the pages the image does not
  // store must be zero (most already are: they are only read, never written, which is what
  // costs here), the others are read from the file straight into the heap, by runs of
  // consecutive pages. Past the module's allocations nothing has been written since the heap was
  // made, and WebAssembly makes it zero: those pages are not read at all (each page read costs
  // the kernel's page faults, ~2.7 ms a megabyte on the benchmark's machine, 2026-12-01).
  const storedPages = new Set(header.pages);
  const allocatedPages = Math.ceil(runtime.allocatedEnd() / PAGE);
  for (let page = 0; page < allocatedPages && page * PAGE < heap.length; page++) {
    if (storedPages.has(page)) continue;
    const bytes = Buffer.from(heap.buffer, heap.byteOffset + page * PAGE, PAGE);
    if (!bytes.equals(ZERO_PAGE)) bytes.fill(0);
  }
  const fd = openSync(stored.file, 'r');
  try {
    for (let i = 0; i < header.pages.length; ) {
      const first = header.pages[i] as number;
      let run = 1;
      while (header.pages[i + run] === first + run) run++;
      const wanted = run * PAGE;
      if (readSync(fd, heap, first * PAGE, wanted, stored.pagesAt + i * PAGE) !== wanted) return null;
      i += run;
    }
  } finally {
    closeSync(fd);
  }
  const handles = new Map(Object.entries(header.handles));
  for (const [name, probes] of Object.entries(header.probes)) {
    const handle = handles.get(name);
    if (handle === undefined || probes.some(([word, known]) => runtime.spell(handle, word) !== known)) return null;
  }
  return { runtime, handles };
}

/** Builds `packages` in a fresh runtime and writes its image into `outDir` (npm run build). */
export function writeHunspellSnapshot(packages: readonly string[], outDir: string): string {
  const runtime = bootHunspellRuntime();
  const handles = new Map<string, number>();
  for (const name of packages) {
    handles.set(
      name,
      runtime.create(readFileSync(dictionaryFile(name, 'aff')), readFileSync(dictionaryFile(name, 'dic'))),
    );
  }
  return writeBuildOutput(outDir, SNAPSHOT_FILE, serialiseSnapshot(runtime, snapshotKey(packages), handles));
}
