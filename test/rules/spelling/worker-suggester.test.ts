import { afterEach, describe, expect, it } from 'vitest';
import { builtSuggestWorkerFile, WorkerSuggester } from '../../../src/rules/spelling/worker-suggester.js';

// The worker is the bundle `npm run build` writes (npm install and .ci/run build it).
const file = builtSuggestWorkerFile();
let suggester: WorkerSuggester;
afterEach(async () => {
  await suggester?.close();
});

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
