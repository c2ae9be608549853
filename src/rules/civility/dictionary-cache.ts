import { readFileSync } from 'node:fs';
import { framed, unframed } from '../../framed-file.js';
import { readBuiltFile, writeBuildOutput } from '../../project-root.js';
import { fileSha256 } from '../spelling/dictionary-files.js';
import { type DictionaryTables, dictionaryFromTables, dictionaryTables, type FoldedDictionary } from './dictionary.js';

/**
 * The civility dictionary's look-up tables, computed by `npm run build` and stored beside the
 * compiled code (dist/civility-<package>.bin), so that the server reads them at start-up instead
 * of hashing ~130,000 stems (~100 ms of a start-up budgeted at 1 s). A cache of a pure function
 * of the .dic text: it is keyed by the file's SHA-256 and by FORMAT, and ignored when either
 * differs. Only the compiled server uses it; the sources (tests, scripts) always build the
 * tables, so a code change can never meet a stale cache there.
 */
const FORMAT = 2; // bump when dictionaryTables() computes something else, or the key changes

interface Header {
  format: number;
  dicSha256: string;
  slots: number;
  stems: number;
  others: string[];
}

export function serialiseTables(dicSha256: string, tables: DictionaryTables): Buffer {
  const header: Header = {
    format: FORMAT,
    dicSha256,
    slots: tables.slots.length,
    stems: tables.startOf.length,
    others: tables.others,
  };
  const bytes = (a: Int32Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  // The arrays start 4-byte aligned.
  return framed(header, [bytes(tables.slots), bytes(tables.slotHashes), bytes(tables.startOf), bytes(tables.endOf)], 4);
}

/** The tables stored in `buffer`, or null when they were made from another text or format. */
export function deserialiseTables(buffer: Buffer, dicSha256: string): DictionaryTables | null {
  const stored = unframed(buffer, 4);
  if (!stored) return null;
  const header = stored.header as unknown as Header;
  if (header.format !== FORMAT || header.dicSha256 !== dicSha256) return null;
  let offset = stored.payloadAt;
  if (buffer.length !== offset + 4 * (2 * header.slots + 2 * header.stems)) return null;
  // Views of the file's own memory when they can be (a file read whole has its own ArrayBuffer,
  // and the arrays start 4-byte aligned in it): a copy wrote every page of the tables again,
  // ~27 ms of a start on one core (2026-12-01), where each fresh page costs the kernel a fault.
  // Copies, aligned, when the Buffer is a slice of a pool at an odd offset.
  const take = <T extends Int32Array | Uint32Array>(
    Kind: { new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): T },
    count: number,
  ): T => {
    const at = buffer.byteOffset + offset;
    offset += count * 4;
    if (at % 4 === 0) return new Kind(buffer.buffer, at, count);
    const copy = new ArrayBuffer(count * 4);
    new Uint8Array(copy).set(new Uint8Array(buffer.buffer, at, count * 4));
    return new Kind(copy);
  };
  return {
    slots: take(Int32Array, header.slots),
    slotHashes: take(Uint32Array, header.slots),
    startOf: take(Int32Array, header.stems),
    endOf: take(Int32Array, header.stems),
    others: header.others,
  };
}

export const cacheFileName = (dictionaryPackage: string) => `civility-${dictionaryPackage}.bin`;

/** The dictionary of a .dic file, from the build's cache when it matches, built otherwise. */
export function loadFoldedDictionary(dicPath: string, dictionaryPackage: string): FoldedDictionary {
  const text = readFileSync(dicPath, 'utf8');
  const built = readBuiltFile(cacheFileName(dictionaryPackage), (content) =>
    deserialiseTables(content, fileSha256(dicPath)),
  );
  return dictionaryFromTables(text, built ?? dictionaryTables(text));
}

/** Writes the cache of a .dic file into `outDir` (npm run build). */
export function writeDictionaryCache(dicPath: string, dictionaryPackage: string, outDir: string): string {
  const text = readFileSync(dicPath, 'utf8');
  return writeBuildOutput(
    outDir,
    cacheFileName(dictionaryPackage),
    serialiseTables(fileSha256(dicPath), dictionaryTables(text)),
  );
}
