import { describe, expect, it } from 'vitest';
import {
  builtinCalls,
  eventNames,
  kindOf,
  parsePerfMap,
  selfCosts,
  selfInstructions,
} from '../../scripts/bench/instruction-profile.js';

const perfMap = [
  '1000 100 JS:*scan file:///p/dist/tokenize.js:57:14',
  '2000 80 JS:^check file:///p/dist/links.js:10:2',
  'not a line of a perf map',
  '1100 40 JS:*scanWord file:///p/dist/tokenize.js:240:18',
].join('\n');

describe('parsePerfMap', () => {
  const symbols = parsePerfMap(perfMap, (name) => name.replace('file:///p/', ''));

  it.each([
    [0x1000, 'JS:*scan dist/tokenize.js:57:14'],
    [0x10ff, 'JS:*scan dist/tokenize.js:57:14'],
    [0x1100, 'JS:*scanWord dist/tokenize.js:240:18'],
    [0x2050, 'JS:^check dist/links.js:10:2'],
  ])('names the code at %s', (address, name) => {
    expect(symbols.at(address)).toBe(name);
  });

  it.each([[0xfff], [0x1140], [0x2080]])('names no code outside every range (%s)', (address) => {
    expect(symbols.at(address)).toBeUndefined();
  });
});

// As callgrind writes it with --dump-instr=yes --compress-pos=no --compress-strings=no.
const dump = [
  'version: 1',
  'positions: instr line',
  'events: Ir',
  'fl=???',
  'fn=0x0000000000001000',
  '0x1000 0 10',
  '0x1010 0 5',
  'cfn=Builtins_ArrayFilter',
  'calls=3 0x9000 0',
  '0x1020 0 400',
  '0x1024 0 2',
  'fn=0x0000000000002000',
  '0x2004 0 7',
  'fn=0x0000000000005000',
  '0x5000 0 3',
  "fn=0x0000000000001000'2",
  '0x1030 0 4',
  'fl=node',
  'fn=Builtins_ArrayFilter',
  '0x9000 0 300',
  'totals: 731',
].join('\n');

describe('selfInstructions', () => {
  const symbols = parsePerfMap(perfMap);

  it('counts each function its own instructions, not those of its calls', () => {
    const self = selfInstructions(dump, symbols);
    expect(Object.fromEntries(self)).toEqual({
      'JS:*scan file:///p/dist/tokenize.js:57:14': 21,
      'JS:^check file:///p/dist/links.js:10:2': 7,
      '(unnamed code)': 3,
      Builtins_ArrayFilter: 300,
    });
  });

  it('adds up several dumps', () => {
    const both = selfInstructions(dump, symbols, selfInstructions(dump, symbols));
    expect(both.get('Builtins_ArrayFilter')).toBe(600);
  });
});

describe('selfCosts', () => {
  // With --cache-sim=yes: nine events, a line's trailing zeros left out.
  const cached = [
    'version: 1',
    'positions: instr line',
    'events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw',
    'fn=0x0000000000001000',
    '0x1000 12 10 4 0 1 2',
    '0x1004 12 5',
    'cfn=Builtins_ArrayFilter',
    'calls=3 0x9000 0',
    '0x1020 13 400 100 20 9 30 1 0 4',
    'fn=0x0000000000002000',
    '0x2004 7 7 3 1 0 1 0 0 1 1',
    'fn=Builtins_ArrayFilter',
    '0x9000 0 300 90 10 5 20',
    'totals: 722',
  ].join('\n');
  const symbols = parsePerfMap(perfMap);

  it('reads the events a dump counts', () => {
    expect(eventNames(cached)).toEqual(['Ir', 'Dr', 'Dw', 'I1mr', 'D1mr', 'D1mw', 'ILmr', 'DLmr', 'DLmw']);
    expect(eventNames(dump)).toEqual(['Ir']);
  });

  it('gives each function every event of its own lines, zeros where callgrind left them out', () => {
    const byFunction = selfCosts(cached, ({ fn, jit, address }) => (jit ? (symbols.at(address) ?? '?') : fn));
    expect(Object.fromEntries(byFunction)).toEqual({
      'JS:*scan file:///p/dist/tokenize.js:57:14': [15, 4, 0, 1, 2, 0, 0, 0, 0],
      'JS:^check file:///p/dist/links.js:10:2': [7, 3, 1, 0, 1, 0, 0, 1, 1],
      Builtins_ArrayFilter: [300, 90, 10, 5, 20, 0, 0, 0, 0],
    });
  });

  it('can key the lines by address, and adds up several dumps', () => {
    const byAddress = selfCosts(
      cached,
      ({ address }) => address,
      selfCosts(cached, ({ address }) => address),
    );
    expect(byAddress.get(0x1000)).toEqual([20, 8, 0, 2, 4, 0, 0, 0, 0]);
    expect(byAddress.has(0x1020)).toBe(false); // the call's inclusive cost
  });

  it('reads the instructions of a dump without cache events as selfInstructions does', () => {
    const costs = selfCosts(dump, ({ fn, jit, address }) => (jit ? (symbols.at(address) ?? '(unnamed code)') : fn));
    const instructions = selfInstructions(dump, symbols);
    expect(Object.fromEntries([...costs].map(([k, v]) => [k, v[0]]))).toEqual(Object.fromEntries(instructions));
  });
});

describe('builtinCalls', () => {
  const symbols = parsePerfMap(perfMap);
  // A compiled function calling a builtin and another compiled function, and a builtin calling a
  // builtin: only the first is a call from the rules' code to a builtin.
  const calls = [
    'fn=0x0000000000001100',
    '0x1100 0 4',
    'cfn=Builtins_ArrayPrototypePush',
    'calls=7 0x9100 0',
    '0x1108 0 875',
    'cfn=0x0000000000002000',
    'calls=2 0x2000 0',
    '0x110c 0 90',
    'fn=Builtins_ArrayFilter',
    'cfn=Builtins_Call_ReceiverIsAny',
    'calls=5 0x9200 0',
    '0x9010 0 60',
  ].join('\n');

  it('counts the calls from compiled code to each builtin, with their inclusive instructions', () => {
    const found = [...builtinCalls(`${dump}\n${calls}`, symbols).values()];
    expect(found).toEqual([
      {
        caller: 'JS:*scan file:///p/dist/tokenize.js:57:14',
        builtin: 'Builtins_ArrayFilter',
        calls: 3,
        instructions: 400,
      },
      {
        caller: 'JS:*scanWord file:///p/dist/tokenize.js:240:18',
        builtin: 'Builtins_ArrayPrototypePush',
        calls: 7,
        instructions: 875,
      },
    ]);
  });

  it('adds up several dumps', () => {
    const both = builtinCalls(calls, symbols, builtinCalls(calls, symbols));
    expect([...both.values()].map((c) => [c.calls, c.instructions])).toEqual([[14, 1750]]);
  });
});

describe('kindOf', () => {
  it.each([
    ['JS:*scanLatin1Word /p/dist/rules.cjs:43406:24', 'JavaScript'],
    ['JS:^check /p/dist/rules.cjs:10:2', 'JavaScript'],
    ['Builtins_StringEqual', 'builtins'],
    ['RegExp:[€$]|euro', 'regular expressions'],
    ['v8::internal::compiler::GraphReducer::ReduceTop()', 'compiler'],
    ['v8::internal::Scavenger::ScavengePage(v8::internal::MemoryChunk*)', 'garbage collector'],
    ['v8::internal::Sweeper::RawSweep(v8::internal::Page*)', 'garbage collector'],
    ['icu_78::(anonymous namespace)::toLower(int, unsigned int)', 'other'],
    ['__memchr_avx2', 'other'],
    ['(unnamed code)', 'other'],
  ])('%s is %s', (name, kind) => {
    expect(kindOf(name)).toBe(kind);
  });
});
