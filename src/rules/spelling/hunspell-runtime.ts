import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Hunspell compiled to WebAssembly, as the hunspell-asm package ships it (an Emscripten module),
 * driven directly rather than through the package's wrapper: the wrapper hides the module's
 * memory, and the start-up snapshot (hunspell-snapshot.ts) needs to read and write it. The calls
 * are the wrapper's own (hunspell-asm 4, dist/cjs/hunspellLoader.js): strings NFC-normalised and
 * copied into the module's heap as UTF-8, freed after the call.
 */
export const RUNTIME_FILE = require.resolve('hunspell-asm/dist/cjs/lib/node/hunspell.js');

/** What this code uses of the Emscripten module object. */
interface EmscriptenModule {
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  FS: { mkdir(path: string): void; writeFile(path: string, data: Uint8Array): void; unlink(path: string): void };
  allocateUTF8(text: string): number;
  UTF8ToString(pointer: number): string;
  _malloc(size: number): number;
  _free(pointer: number): void;
  _Hunspell_create(affPath: number, dicPath: number): number;
  _Hunspell_spell(handle: number, word: number): number;
  _Hunspell_suggest(handle: number, list: number, word: number): number;
  _Hunspell_free_list(handle: number, list: number, count: number): void;
}

type ModuleFactory = (overrides: {
  onRuntimeInitialized: () => void;
  onAbort: (reason: unknown) => void;
  TOTAL_MEMORY?: number;
}) => unknown;

export interface HunspellRuntime {
  /** Builds a Hunspell from an .aff and a .dic; returns its handle (a pointer in the heap). */
  create(aff: Uint8Array, dic: Uint8Array): number;
  spell(handle: number, word: string): boolean;
  suggest(handle: number, word: string): string[];
  /** The module's whole heap: every Hunspell created so far lives in it. */
  heap(): Uint8Array;
}

/**
 * Boots a fresh module (~20-40 ms: the WebAssembly is compiled off the main thread), with a heap
 * of `heapBytes` (a multiple of 64 KiB) or the build's default (16 MiB, grown on demand).
 */
export async function bootHunspellRuntime(heapBytes?: number): Promise<HunspellRuntime> {
  const factory = require(RUNTIME_FILE) as ModuleFactory;
  const listenersBefore = new Set(process.listeners('uncaughtException'));
  // The module object is a thenable (it has its own then()): resolving a promise with it would
  // loop, so it travels inside an object.
  const { module } = await new Promise<{ module: EmscriptenModule }>((resolve, reject) => {
    const created = factory({
      onRuntimeInitialized: () => resolve({ module: created as EmscriptenModule }),
      onAbort: (reason) => reject(reason instanceof Error ? reason : new Error(String(reason))),
      ...(heapBytes === undefined ? {} : { TOTAL_MEMORY: heapBytes }),
    });
  });
  // The Emscripten glue installs an uncaughtException handler that rethrows from inside its own
  // minified source, so that any crash of the process would print 750 KB of it. Remove it: Node's
  // default handling (and ours) stays in charge of the process.
  for (const listener of process.listeners('uncaughtException')) {
    if (!listenersBefore.has(listener)) process.removeListener('uncaughtException', listener);
  }
  return runtimeOf(module);
}

function runtimeOf(m: EmscriptenModule): HunspellRuntime {
  /** Calls `fn` with `text` in the heap as NUL-terminated UTF-8. */
  const withString = <T>(text: string, fn: (pointer: number) => T): T => {
    const pointer = m.allocateUTF8(text.normalize());
    try {
      return fn(pointer);
    } finally {
      m._free(pointer);
    }
  };
  let files = 0;
  return {
    create(aff, dic) {
      // Emscripten's in-memory file system holds the two files only while Hunspell reads them.
      const dir = `/dictionary-${files++}`;
      m.FS.mkdir(dir);
      m.FS.writeFile(`${dir}/index.aff`, aff);
      m.FS.writeFile(`${dir}/index.dic`, dic);
      try {
        return withString(`${dir}/index.aff`, (affPath) =>
          withString(`${dir}/index.dic`, (dicPath) => m._Hunspell_create(affPath, dicPath)),
        );
      } finally {
        m.FS.unlink(`${dir}/index.aff`);
        m.FS.unlink(`${dir}/index.dic`);
      }
    },
    spell: (handle, word) => withString(word, (pointer) => m._Hunspell_spell(handle, pointer) !== 0),
    suggest(handle, word) {
      const list = m._malloc(4);
      try {
        const count = withString(word, (pointer) => m._Hunspell_suggest(handle, list, pointer));
        const first = m.HEAP32[list >> 2] ?? 0;
        const suggestions: string[] = [];
        for (let i = 0; i < count; i++) suggestions.push(m.UTF8ToString(m.HEAP32[(first >> 2) + i] ?? 0));
        m._Hunspell_free_list(handle, list, count);
        return suggestions;
      } finally {
        m._free(list);
      }
    },
    heap: () => m.HEAPU8,
  };
}
