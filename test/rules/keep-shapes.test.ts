import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../scripts/bench/gc.js';
import { keepShape } from '../../src/rules/keep-shapes.js';

class Probe {
  constructor(readonly n: number) {}
}

/** Made in a function of their own, so that no local of the test holds the objects. */
function keepTwo(kind: string): { first: WeakRef<Probe>; second: WeakRef<Probe> } {
  const first = new Probe(1);
  const second = new Probe(2);
  keepShape(kind, first);
  keepShape(kind, second);
  return { first: new WeakRef(first), second: new WeakRef(second) };
}

describe('keepShape', () => {
  it('keeps the last object of a kind alive, and that one only', async () => {
    const { first, second } = keepTwo('probe');
    // A WeakRef's target is kept until the end of the job that made it: collect after it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(second.deref()?.n).toBe(2);
    expect(first.deref()).toBeUndefined();
  });

  it('keeps one object for each kind', async () => {
    const a = keepTwo('kind a');
    const b = keepTwo('kind b');
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(a.second.deref()?.n).toBe(2);
    expect(b.second.deref()?.n).toBe(2);
  });
});
