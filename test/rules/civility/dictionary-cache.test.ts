import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaryFromTables, dictionaryTables, foldedDictionary } from '../../../src/rules/civility/dictionary.js';
import { deserialiseTables, serialiseTables } from '../../../src/rules/civility/dictionary-cache.js';
import { fileSha256 } from '../../../src/rules/spelling/dictionary-files.js';

const dicPath = join(dirname(createRequire(import.meta.url).resolve('dictionary-fr')), 'index.dic');
const dic = readFileSync(dicPath, 'utf8');
const key = fileSha256(dicPath);

describe('civility dictionary cache', () => {
  const tables = dictionaryTables(dic);
  const stored = serialiseTables(key, tables);

  it('gives back the tables it stored', () => {
    const read = deserialiseTables(stored, key);
    expect(read).not.toBeNull();
    expect(read?.slots).toEqual(tables.slots);
    expect(read?.slotHashes).toEqual(tables.slotHashes);
    expect(read?.startOf).toEqual(tables.startOf);
    expect(read?.endOf).toEqual(tables.endOf);
    expect(read?.others).toEqual(tables.others);
  });

  it("reads the tables in the file's own memory when aligned, and copies them when not", () => {
    const view = deserialiseTables(stored, key);
    expect(view?.slots.buffer).toBe(stored.buffer);
    // The same bytes one byte further into their memory: the arrays would start unaligned.
    const shifted = Buffer.concat([Buffer.alloc(1), stored]).subarray(1);
    const copied = deserialiseTables(shifted, key);
    expect(copied?.slots.buffer).not.toBe(shifted.buffer);
    for (const field of ['slots', 'slotHashes', 'startOf', 'endOf'] as const)
      expect(copied?.[field], field).toEqual(tables[field]);
  });

  it('answers as a dictionary built from the text', () => {
    const cached = dictionaryFromTables(
      dic,
      deserialiseTables(stored, key) as NonNullable<ReturnType<typeof deserialiseTables>>,
    );
    const built = foldedDictionary(dic);
    const words = [
      'maison',
      'ecole',
      'conseil',
      'mere',
      'merde',
      'abcdefg',
      "aujourd'hui",
      'peut-etre',
      'xyz',
      'oeuvre',
    ];
    for (const line of dic.split('\n').slice(1, 3000)) words.push((line.split('/')[0] ?? '').toLowerCase());
    for (const word of words) expect(cached.has(word), word).toBe(built.has(word));
  });

  it('is ignored when made from another text or damaged', () => {
    expect(
      deserialiseTables(
        stored,
        fileSha256(join(dirname(createRequire(import.meta.url).resolve('dictionary-en')), 'index.dic')),
      ),
    ).toBeNull();
    expect(deserialiseTables(stored.subarray(0, stored.length - 4), key)).toBeNull();
    expect(deserialiseTables(Buffer.from('garbage'), key)).toBeNull();
  });
});
