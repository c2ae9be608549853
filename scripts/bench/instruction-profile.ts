/**
 * `npm run bench:instructions -- --profile`: the pipeline's instructions by function. callgrind
 * counts each machine instruction (`--dump-instr=yes`), but V8's compiled JavaScript has no
 * symbols it can read: the code of each function is named in the map V8 writes with
 * `--perf-basic-prof` (/tmp/perf-<pid>.map: start, size and name, in hex), which this reads the
 * counted addresses through. What a function calls is counted in that function only if it is
 * inlined into it ("self" instructions).
 */

export interface Symbols {
  /** The name of the code at `address`, if V8 named it. */
  at(address: number): string | undefined;
  /** The range of the perf map's line the code at `address` is in (where the code lies now). */
  rangeAt(address: number): { start: number; size: number; name: string } | undefined;
}

/** A perf map's lines, "<start hex> <size hex> <name>", as a lookup by address. */
export function parsePerfMap(text: string, shorten: (name: string) => string = (n) => n): Symbols {
  const ranges = text
    .split('\n')
    .map((line) => /^([0-9a-f]+) ([0-9a-f]+) (.+)$/i.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      start: Number.parseInt(m[1] as string, 16),
      size: Number.parseInt(m[2] as string, 16),
      name: shorten(m[3] as string),
    }))
    .sort((a, b) => a.start - b.start);
  const symbols: Symbols = {
    at: (address) => symbols.rangeAt(address)?.name,
    rangeAt(address) {
      // The last range starting at or before the address; V8 may map a range again when it moves
      // or replaces code, so a few before it are checked too.
      let lo = 0;
      let hi = ranges.length - 1;
      let last = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((ranges[mid] as { start: number }).start <= address) {
          last = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      for (let k = last; k >= 0 && k > last - 16; k--) {
        const r = ranges[k] as { start: number; size: number; name: string };
        if (address < r.start + r.size) return r;
      }
      return undefined;
    },
  };
  return symbols;
}

/**
 * Whether callgrind named a function by its address ("0x000000000d108540", or "…'2" for its
 * second level of recursion): code it found no symbol for.
 */
const namedByAddress = (name: string) => /^0x[0-9a-f]+(?:'\d+)?$/i.test(name);

/** One cost line of a callgrind dump, with the function it is in and the call it closes, if any. */
interface CostLine {
  /** The function as callgrind names it (`fn=`): a symbol, or an address for V8's code. */
  fn: string;
  /** Whether `fn` is an address (namedByAddress), worked out once per function. */
  jit: boolean;
  address: number;
  /** Each event's cost, in the order of the dump's `events:` line: the instructions (`Ir`) first. */
  costs: number[];
  /** Set on the line right after a `calls=` line: its cost is the call's inclusive cost. */
  call?: { callee: string; count: number };
}

/**
 * The cost lines of a callgrind dump written with `--dump-instr=yes --compress-pos=no
 * --compress-strings=no` ("<address> [line] <cost>…"), read once for selfCosts (and
 * selfInstructions through it) and builtinCalls. The `positions:` line says how many fields come before the costs,
 * the `events:` line how many costs there are: callgrind leaves out a line's trailing zeros
 * (with `--cache-sim=yes`, "0x10 0 5" is 5 instructions and no miss). Lines whose first cost is
 * not a number are left out.
 */
function* costLines(dump: string): Generator<CostLine> {
  let fn = '';
  let jit = false;
  let callee = '';
  let call: CostLine['call'];
  // Until the dump says otherwise: "instr line", callgrind's positions with --dump-instr=yes.
  let positions = 2;
  let events = 1;
  for (const line of dump.split('\n')) {
    if (line.startsWith('fn=')) {
      fn = line.slice(3);
      jit = namedByAddress(fn);
    } else if (line.startsWith('cfn=')) callee = line.slice(4);
    else if (line.startsWith('calls=')) call = { callee, count: Number(line.slice(6).split(' ')[0]) };
    else if (line.startsWith('0x')) {
      const fields = line.split(' ');
      const costs = fields.slice(positions).map(Number);
      while (costs.length < events) costs.push(0);
      const closes = call;
      call = undefined;
      if (!Number.isFinite(costs[0]) || fields.length <= positions) continue;
      yield { fn, jit, address: Number.parseInt(fields[0] as string, 16), costs, call: closes };
    } else if (line.startsWith('positions:')) positions = line.slice(10).trim().split(/\s+/).length;
    else if (line.startsWith('events:')) events = line.slice(7).trim().split(/\s+/).length;
  }
}

/** The event names of a callgrind dump (its `events:` line): "Ir", then with `--cache-sim=yes` "Dr Dw I1mr D1mr…". */
export function eventNames(dump: string): string[] {
  return /^events:(.*)$/m.exec(dump)?.[1]?.trim().split(/\s+/) ?? ['Ir'];
}

/**
 * Every event's self cost (the line after a `calls=` line, the call's inclusive cost, is skipped), added into
 * `into` under the key `keyOf` gives the line: by function, or by address of V8's code to place
 * it on a line of src/ (bench-instructions.ts's `--cache`).
 */
export function selfCosts(
  dump: string,
  keyOf: (line: { fn: string; jit: boolean; address: number }) => string | number,
  into = new Map<string | number, number[]>(),
): Map<string | number, number[]> {
  for (const line of costLines(dump)) {
    if (line.call !== undefined) continue;
    const key = keyOf(line);
    const sum = into.get(key);
    if (sum === undefined) into.set(key, [...line.costs]);
    else for (let e = 0; e < line.costs.length; e++) sum[e] = (sum[e] ?? 0) + (line.costs[e] as number);
  }
  return into;
}

/**
 * Self instructions by function name in a callgrind dump (see costLines). Functions that
 * callgrind names by an address are named from `symbols`; addresses V8 did not name count as
 * "(unnamed code)". The cost line after a `calls=` line is the call's inclusive cost, not the
 * caller's own: it is skipped.
 */
export function selfInstructions(
  dump: string,
  symbols: Symbols,
  into = new Map<string, number>(),
): Map<string, number> {
  const nameOf = ({ fn, jit, address }: { fn: string; jit: boolean; address: number }) =>
    jit ? (symbols.at(address) ?? '(unnamed code)') : fn;
  for (const [name, costs] of selfCosts(dump, nameOf)) {
    into.set(name as string, (into.get(name as string) ?? 0) + (costs[0] as number));
  }
  return into;
}

/** Calls from compiled JavaScript to one builtin, as builtinCalls counts them. */
export interface BuiltinCalls {
  /** The calling function, as the perf map names it. */
  caller: string;
  builtin: string;
  calls: number;
  /** The calls' inclusive instructions: the builtin's and what it called. */
  instructions: number;
}

/**
 * Calls from the rules' compiled JavaScript to V8's builtins, by caller and builtin, in a dump
 * like selfInstructions reads. A builtin that V8 usually inlines (`Array.prototype.push`, `===`
 * on strings) but called here is a place where the compiled code lost the types it expected:
 * on 2026-12-02 it showed the tokeniser calling the push builtin for each token (~125
 * instructions a call) and analyse() comparing token kinds through StrictEqual.
 */
export function builtinCalls(dump: string, symbols: Symbols, into = new Map<string, BuiltinCalls>()) {
  for (const { jit, address, costs, call } of costLines(dump)) {
    // `calls=0` lines occur in the dumps (baseline code outside the rules): no call to count.
    if (call === undefined || !(call.count > 0) || !call.callee.startsWith('Builtins_') || !jit) continue;
    const caller = symbols.at(address);
    if (!caller?.startsWith('JS:')) continue;
    const key = `${caller} -> ${call.callee}`;
    const entry = into.get(key) ?? { caller, builtin: call.callee, calls: 0, instructions: 0 };
    entry.calls += call.count;
    entry.instructions += costs[0] as number;
    into.set(key, entry);
  }
  return into;
}

/** What kind of code a profile's function is, for the totals under the table. */
export type CodeKind = 'JavaScript' | 'builtins' | 'regular expressions' | 'compiler' | 'garbage collector' | 'other';

/**
 * The kind of a function named as V8's perf map and callgrind name them: the rules' compiled
 * JavaScript ("JS:"), V8's builtins, compiled regular expressions, the optimising compiler (its
 * functions count when V8 compiles during a counted window: then the windows count more than the
 * code's own work), the garbage collector, anything else native (runtime functions, ICU, libc).
 */
export function kindOf(name: string): CodeKind {
  if (name.startsWith('JS:')) return 'JavaScript';
  if (name.startsWith('Builtins_')) return 'builtins';
  if (name.startsWith('RegExp:')) return 'regular expressions';
  if (name.includes('v8::internal::compiler::')) return 'compiler';
  if (
    /v8::internal::(?:Heap|Scavenger|MarkCompact|Sweeper|ConcurrentMarking|MarkingVisitor|IncrementalMarking)/.test(
      name,
    )
  )
    return 'garbage collector';
  return 'other';
}
