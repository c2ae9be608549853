import { describe, expect, it } from 'vitest';
import {
  lineAndColumn,
  lineStartsOf,
  parseOptimisedCode,
  placeAddress,
  unescapeRaw,
} from '../../scripts/bench/opt-code.js';

// As `node --print-opt-code` writes it (shortened), with a line of the process's own output between.
const output = [
  '--- Raw source ---',
  '(text) {',
  "  return text.replace(/\\x5cs+/g, ' ');",
  '}',
  '',
  '',
  '--- Optimized code ---',
  'optimization_id = 0',
  'source_position = 120',
  'kind = TURBOFAN',
  'name = squeeze',
  'stack_slots = 4',
  'compiler = turbofan',
  'address = 0x1234',
  '',
  'Instructions (size = 64)',
  '0x7f0000001000     0  488b59f8             REX.W movq rbx,[rcx-0x8]',
  '0x7f0000001004     4  f6433501             testb [rbx+0x35],0x1',
  '0x7f0000001020    20  55                   push rbp',
  '',
  'Source positions:',
  ' pc offset  position',
  '         0       120',
  '        20       135',
  '        10       128',
  '',
  'Inlined functions (count = 0)',
  '',
  '--- End code ---',
  'COUNTED 12',
  '--- Raw source ---',
  '() {}',
  '',
  '--- Optimized code ---',
  'source_position = 900',
  'kind = TURBOFAN',
  'name = tiny',
  'Instructions (size = 16)',
  '0x7f0000002000     0  55                   push rbp',
  '--- End code ---',
].join('\n');

describe('parseOptimisedCode', () => {
  const codes = parseOptimisedCode(output);

  it('reads each code object: its name, source, place in memory and positions by offset', () => {
    expect(codes).toEqual([
      {
        name: 'squeeze',
        source: "(text) {\n  return text.replace(/\\s+/g, ' ');\n}",
        sourcePosition: 120,
        start: 0x7f0000001000,
        size: 64,
        positions: [
          [0, 120],
          [0x10, 128],
          [0x20, 135],
        ],
      },
      { name: 'tiny', source: '() {}', sourcePosition: 900, start: 0x7f0000002000, size: 16, positions: [] },
    ]);
  });

  it.each([
    [0x7f0000001000, 'squeeze', 120],
    [0x7f000000100f, 'squeeze', 120],
    [0x7f0000001010, 'squeeze', 128],
    [0x7f000000103f, 'squeeze', 135],
    [0x7f0000002008, 'tiny', -1],
  ])('places the address %s in %s at position %s', (address, name, position) => {
    const placed = placeAddress(codes, address);
    expect(placed?.code.name).toBe(name);
    expect(placed?.position).toBe(position);
  });

  it.each([[0x7f0000000fff], [0x7f0000001040], [0x7f0000002010]])(
    'places no address outside every code (%s)',
    (address) => {
      expect(placeAddress(codes, address)).toBeNull();
    },
  );
});

describe('unescapeRaw', () => {
  it.each([
    ['a \\x5c b', 'a \\ b'],
    ['caf\\xE9', 'café'],
    ['\\u2019', '’'],
    // An escape written in the source: V8 prints its backslash escaped.
    ['"\\x5cxE9"', '"\\xE9"'],
    ['plain', 'plain'],
  ])('reads %j as %j', (printed, source) => {
    expect(unescapeRaw(printed)).toBe(source);
  });
});

describe('lineAndColumn', () => {
  const starts = lineStartsOf('ab\ncde\n\nf');

  it('finds where each line starts', () => {
    expect(starts).toEqual([0, 3, 7, 8]);
  });

  it.each([
    [0, 0, 0],
    [2, 0, 2],
    [3, 1, 0],
    [5, 1, 2],
    [7, 2, 0],
    [8, 3, 0],
  ])('places position %s on line %s, column %s', (position, line, column) => {
    expect(lineAndColumn(starts, position)).toEqual({ line, column });
  });
});
