import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
// Imported, not require()d by path: the server's bundle then holds the glue, and V8's code cache
// covers its ~780 KB (compiled afresh at every start, ~11 ms, when it was loaded from node_modules).
import hunspellGlue from 'hunspell-asm/dist/cjs/lib/node/hunspell.js';

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
  instantiateWasm: (imports: object, receive: (instance: WasmInstance, module: WasmModule) => void) => object;
  TOTAL_MEMORY?: number;
}) => unknown;

export interface HunspellRuntime {
  /** Builds a Hunspell from an .aff and a .dic; returns its handle (a pointer in the heap). */
  create(aff: Uint8Array, dic: Uint8Array): number;
  spell(handle: number, word: string): boolean;
  suggest(handle: number, word: string): string[];
  /** The module's whole heap: every Hunspell created so far lives in it. */
  heap(): Uint8Array;
  /**
   * Where the module's allocations end (Emscripten's `sbrk` break): nothing in the module writes
   * past it, so a fresh module's heap is still zero there. The heap's length when the glue does
   * not say where the break is kept.
   */
  allocatedEnd(): number;
}

/** The part of the WebAssembly JS API used here (Node has it; TypeScript's ES libs do not). */
type WasmModule = object;
interface WasmInstance {
  exports: object;
}
const Wasm = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => WasmModule;
      Instance: new (module: WasmModule, imports: object) => WasmInstance;
    };
  }
).WebAssembly;

let compiled: WasmModule | undefined;
/** Where the glue keeps the break (its `DYNAMICTOP_PTR`), read from the glue with the module. */
let breakPointer: number | null = null;
const WASM_DATA_URI = 'data:application/octet-stream;base64,';
/** Base64 of "\0asm", the first bytes of every WebAssembly module. */
const WASM_MAGIC_BASE64 = 'AGFzbQ';

/**
 * The WebAssembly of the Emscripten glue, compiled once per thread. The glue carries it as a
 * base64 `data:` URI and would compile and instantiate it asynchronously; compiled here with the
 * synchronous API (~5 ms, lazily tiered by V8), the module boots synchronously, so that nothing
 * needs a top-level await (which would keep the server's bundle from being a CommonJS script
 * with a V8 code cache, see src/code-cache.ts).
 */
function wasmModule(): WasmModule {
  if (!compiled) {
    const glue = readFileSync(RUNTIME_FILE, 'latin1');
    // The literal that holds the module: the data: URI followed by the base64 of the "\0asm"
    // every WebAssembly binary starts with (the glue also has the bare prefix, in another
    // literal). Found with indexOf: a regular expression matching its ~630 KB of base64 one
    // character at a time took 6-9 ms of each start.
    const at = glue.indexOf(`"${WASM_DATA_URI}${WASM_MAGIC_BASE64}`);
    const from = at + 1 + WASM_DATA_URI.length;
    const to = at < 0 ? -1 : glue.indexOf('"', from);
    if (to < 0) throw new Error(`${RUNTIME_FILE}: no embedded WebAssembly (has hunspell-asm changed?)`);
    compiled = new Wasm.Module(Buffer.from(glue.slice(from, to), 'base64'));
    // A constant of the glue's memory layout (`var …,DYNAMICTOP_PTR=152272;`): the address of the
    // 32-bit word that holds the break. Without it, allocatedEnd() says the whole heap.
    const pointer = /\bDYNAMICTOP_PTR=(\d+)[,;]/.exec(glue)?.[1];
    breakPointer = pointer === undefined ? null : Number(pointer);
  }
  return compiled;
}

/**
 * Boots a fresh module, synchronously, with a heap of `heapBytes` (a multiple of 64 KiB) or the
 * build's default (16 MiB, grown on demand).
 */
export function bootHunspellRuntime(heapBytes?: number): HunspellRuntime {
  const factory = hunspellGlue as ModuleFactory;
  const module = wasmModule();
  const listenersBefore = new Set(process.listeners('uncaughtException'));
  let initialized = false;
  let aborted: unknown;
  const created = factory({
    onRuntimeInitialized: () => {
      initialized = true;
    },
    onAbort: (reason) => {
      aborted = reason;
    },
    // With the instance given at once, the glue has no pending dependency and runs its
    // initialisation before the factory returns.
    instantiateWasm: (imports, receive) => {
      const instance = new Wasm.Instance(module, imports);
      receive(instance, module);
      return instance.exports;
    },
    ...(heapBytes === undefined ? {} : { TOTAL_MEMORY: heapBytes }),
  });
  // The Emscripten glue installs an uncaughtException handler that rethrows from inside its own
  // minified source, so that any crash of the process would print 750 KB of it. Remove it: Node's
  // default handling (and ours) stays in charge of the process.
  for (const listener of process.listeners('uncaughtException')) {
    if (!listenersBefore.has(listener)) process.removeListener('uncaughtException', listener);
  }
  if (aborted !== undefined) throw aborted instanceof Error ? aborted : new Error(String(aborted));
  if (!initialized) throw new Error('Hunspell did not initialise synchronously (has hunspell-asm changed?)');
  return runtimeOf(created as EmscriptenModule);
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
    allocatedEnd() {
      const end = breakPointer === null ? undefined : m.HEAP32[breakPointer >> 2];
      return end === undefined || end <= 0 || end > m.HEAPU8.length ? m.HEAPU8.length : end;
    },
  };
}
