import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { builtSuggestWorkerFile, WorkerSuggester } from '../../../src/rules/spelling/worker-suggester.js';

// The worker is the bundle `npm run build` writes (npm install and .ci/run build it).
const file = builtSuggestWorkerFile();
let suggester: WorkerSuggester;
afterEach(async () => {
  await suggester?.close();
});

/** The nice value of each thread of this process, by thread id (Linux: /proc/self/task/<tid>/stat). */
function niceByThread(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // After the command's closing parenthesis: field 3 (state) onwards; nice is field 19.
      nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // a thread that ended meanwhile
    }
  }
  return nice;
}

/** Turns of the event loop while `promise` is pending: zero if the work ran on this thread. */
async function turnsWhile<T>(promise: Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let pending = true;
  const spin = () => {
    if (!pending) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  const value = await promise;
  pending = false;
  return { value, turns };
}

describe('WorkerSuggester', () => {
  it('is built', () => {
    expect(file, 'dist/suggest-worker.cjs: run npm run build').not.toBeNull();
  });

  it('answers from the worker thread, the event loop free meanwhile', async () => {
    suggester = new WorkerSuggester(file as string);
    // "interressant" costs Hunspell about half a second: the loop must keep turning.
    const { value, turns } = await turnsWhile(suggester.suggest('fr', ['plusieur', 'interressant'], 3, 20_000));
    expect(value.get('plusieur')).toContain('plusieurs');
    expect(value.get('interressant')).toContain('intéressant');
    expect(turns).toBeGreaterThan(10);
  });

  it.runIf(process.platform === 'linux')(
    'searches on a thread of lower priority (nice 10), this one unchanged',
    async () => {
      const before = niceByThread();
      suggester = new WorkerSuggester(file as string);
      expect((await suggester.suggest('fr', ['plusieur'], 3, 20_000)).get('plusieur')).toContain('plusieurs');
      const after = niceByThread();
      const started = [...after].filter(([tid]) => !before.has(tid));
      // The worker's thread, and whatever threads Node started with it at their own priority.
      expect(started.filter(([, nice]) => nice === 10)).toHaveLength(1);
      for (const [tid, nice] of before) if (after.has(tid)) expect(after.get(tid), `thread ${tid}`).toBe(nice);
    },
  );

  it('answers at its budget with the words that came, and remembers those that came later', async () => {
    suggester = new WorkerSuggester(file as string);
    const first = await suggester.suggest('fr', ['aplication'], 3, 1);
    expect(first.has('aplication')).toBe(false);
    // The late answer is kept: a later request gets it without waiting for the worker.
    let later = new Map<string, string[]>();
    for (let i = 0; i < 100 && !later.has('aplication'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      later = await suggester.suggest('fr', ['aplication'], 3, 0);
    }
    expect(later.get('aplication')).toContain('application');
  });

  it('starts a new worker after close', async () => {
    suggester = new WorkerSuggester(file as string);
    expect((await suggester.suggest('en', ['recieve'], 3, 20_000)).get('recieve')).toContain('receive');
    await suggester.close();
    expect((await suggester.suggest('en', ['teh'], 3, 20_000)).get('teh')).toContain('the');
  });

  it('stops its worker when idle, and starts one again for the next request', async () => {
    suggester = new WorkerSuggester(file as string, undefined, 50);
    expect((await suggester.suggest('en', ['recieve'], 3, 20_000)).get('recieve')).toContain('receive');
    expect(suggester.running).toBe(true);
    for (let i = 0; i < 100 && suggester.running; i++) await new Promise((r) => setTimeout(r, 20));
    expect(suggester.running).toBe(false);
    expect((await suggester.suggest('en', ['teh'], 3, 20_000)).get('teh')).toContain('the');
  });
});
