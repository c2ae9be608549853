import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { relative } from 'node:path';

/**
 * V8's optimised code as `node --print-opt-code` prints it: each code object's name, where it is
 * in memory, and its table of source positions (machine-code offset → character offset in the
 * script). `npm run bench:lines` (bench-lines.ts) places perf's samples with it: a sample's
 * address gives the code object, its offset the source position, and the bundle's source map the
 * line of src/ (see there for what it can and cannot place).
 */

export interface OptimisedCode {
  name: string;
  /** The function's source as V8 printed it, and where it starts in its script. */
  source: string;
  sourcePosition: number;
  /** Address of the code's first instruction, and its size in bytes. */
  start: number;
  size: number;
  /** [machine-code offset, source position], by offset. */
  positions: [number, number][];
}

const RAW_SOURCE = '--- Raw source ---';
const OPTIMISED = '--- Optimized code ---';
const SOURCE_POSITION = /^source_position = (\d+)$/;
const NAME = /^name = (.*)$/;
const SIZE = /^Instructions \(size = (\d+)\)$/;
/** "0x<address>  <offset> <bytes>  <instruction>": the offset is hexadecimal. */
const INSTRUCTION = /^0x([0-9a-f]+)\s+([0-9a-f]+)\s+[0-9a-f]+\s/;
const POSITION = /^\s+([0-9a-f]+)\s+(\d+)\s*$/;

/**
 * The raw source as it was written: V8 prints a backslash as "\x5c" and other characters
 * outside printable ASCII as "\xNN" or "\uNNNN" (one left-to-right pass, so that an escape in the
 * source, printed "\x5cxE9", reads "\xE9" again).
 */
export function unescapeRaw(printed: string): string {
  return printed.replace(/\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})/g, (_, byte?: string, unit?: string) =>
    String.fromCharCode(Number.parseInt((byte ?? unit) as string, 16)),
  );
}

/** The code objects of a `--print-opt-code` output (other lines of the process's output are skipped). */
export function parseOptimisedCode(output: string): OptimisedCode[] {
  const codes: OptimisedCode[] = [];
  let current: OptimisedCode | undefined;
  let size = 0;
  let inPositions = false;
  /** The raw source being read (null outside one), and the last one read. */
  let raw: string[] | null = null;
  let source = '';
  let sourcePosition = -1;
  for (const line of output.split('\n')) {
    if (line === RAW_SOURCE) {
      raw = [];
      current = undefined;
      continue;
    }
    if (raw !== null) {
      if (line !== OPTIMISED) raw.push(line);
      else {
        source = unescapeRaw(raw.join('\n').trimEnd());
        raw = null;
      }
      continue;
    }
    const at = SOURCE_POSITION.exec(line);
    if (at) {
      sourcePosition = Number(at[1]);
      continue;
    }
    const name = NAME.exec(line);
    if (name) {
      current = { name: name[1] as string, source, sourcePosition, start: -1, size: 0, positions: [] };
      codes.push(current);
      inPositions = false;
      source = '';
      sourcePosition = -1;
      continue;
    }
    if (!current) continue;
    const sized = SIZE.exec(line);
    if (sized) {
      size = Number(sized[1]);
      continue;
    }
    if (current.start < 0) {
      const instruction = INSTRUCTION.exec(line);
      if (instruction) {
        current.start = Number.parseInt(instruction[1] as string, 16) - Number.parseInt(instruction[2] as string, 16);
        current.size = size;
        continue;
      }
    }
    if (line.startsWith('Source positions:')) {
      inPositions = true;
      continue;
    }
    if (inPositions) {
      const position = POSITION.exec(line);
      if (position) current.positions.push([Number.parseInt(position[1] as string, 16), Number(position[2])]);
      else if (line.trim() !== '' && !line.startsWith(' pc offset')) inPositions = false;
    }
  }
  const placed = codes.filter((c) => c.start >= 0 && c.size > 0);
  for (const c of placed) c.positions.sort((a, b) => a[0] - b[0]);
  return placed.sort((a, b) => a.start - b.start);
}

/** Index of the last element of `sorted` whose key is ≤ `value`, or -1. */
function lastAtOrBefore<T>(sorted: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0;
  let high = sorted.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (key(sorted[mid] as T) <= value) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * The code object an address is in, and the source position of the instruction there (the last
 * entry of the table at or before its offset; -1 when the table has none). Null outside every
 * printed code object (builtins, the runtime, baseline code, C++).
 */
export function placeAddress(
  codes: readonly OptimisedCode[],
  address: number,
): { code: OptimisedCode; position: number } | null {
  const k = lastAtOrBefore(codes, address, (c) => c.start);
  const code = codes[k];
  if (!code || address >= code.start + code.size) return null;
  const entry = code.positions[lastAtOrBefore(code.positions, address - code.start, (p) => p[0])];
  return { code, position: entry ? entry[1] : -1 };
}

/** 0-based line and column of a character offset (UTF-16, as V8 counts) in `source`. */
export function lineAndColumn(lineStarts: readonly number[], position: number): { line: number; column: number } {
  const line = lastAtOrBefore(lineStarts, position, (s) => s);
  return { line, column: position - (lineStarts[line] ?? 0) };
}

/** Where each line of `source` starts. */
export function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/**
 * Where a position of printed code is in src/ ("src/rules/x.ts:12"), through the bundle at
 * `bundlePath` and its source map; null for code not compiled from the bundle (a subject's own
 * functions, Node's: named, not placed) or a position the table does not have (-1).
 */
export function bundlePlacer(codes: readonly OptimisedCode[], bundlePath: string) {
  const bundle = readFileSync(bundlePath, 'utf8');
  const map = new SourceMap(JSON.parse(readFileSync(`${bundlePath}.map`, 'utf8')));
  const lineStarts = lineStartsOf(bundle);
  const inBundle = new Set<OptimisedCode>(
    codes.filter((c) => c.source !== '' && bundle.startsWith(c.source, c.sourcePosition)),
  );
  return (code: OptimisedCode, position: number): string | null =>
    inBundle.has(code) && position >= 0 ? placeInSources(map, bundlePath, lineStarts, position) : null;
}

/** "src/rules/x.ts:12" for a position in the bundle at `bundlePath`, through its source map. */
function placeInSources(map: SourceMap, bundlePath: string, lineStarts: number[], position: number): string | null {
  const { line, column } = lineAndColumn(lineStarts, position);
  const entry = map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
  if (!entry.originalSource || entry.originalLine === undefined) return null;
  const file = relative(process.cwd(), new URL(entry.originalSource, `file://${bundlePath}`).pathname);
  return `${file}:${entry.originalLine + 1}`;
}

/** The text of a place "src/….ts:12" (trimmed, at most 90 characters), '' for any other place. */
export function sourceLine(place: string): string {
  const match = /^(src\/.+):(\d+)$/.exec(place);
  if (!match) return '';
  const lines = readFileSync(match[1] as string, 'utf8').split('\n');
  return (lines[Number(match[2]) - 1] ?? '').trim().slice(0, 90);
}
