import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type SuggestReply,
  type SuggestRequest,
  serveSuggestions,
} from '../../../src/rules/spelling/suggest-worker.js';

let ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports) port.close();
  ports = [];
});

/** The worker's side on one end of a channel, with a fixed clock; ask() is the server's side. */
function served(now: number) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  serveSuggestions(port1, () => now);
  return (request: SuggestRequest) =>
    new Promise<SuggestReply>((resolve) => {
      port2.once('message', resolve);
      port2.postMessage(request);
    });
}

describe('serveSuggestions (the worker side)', () => {
  it.each([
    { case: 'in time', skipAfter: 1_000, expected: 'the' },
    { case: 'due now', skipAfter: 500, expected: 'the' },
  ])('looks a word up while it is still wanted ($case)', async ({ skipAfter, expected }) => {
    const ask = served(500);
    const reply = await ask({ lang: 'en', word: 'teh', max: 3, skipAfter });
    expect(reply).toMatchObject({ lang: 'en', word: 'teh', max: 3 });
    expect(reply.suggestions).toContain(expected);
  });

  it('skips a word nobody wants any more, but still answers from what it already knows', async () => {
    const ask = served(500);
    expect((await ask({ lang: 'fr', word: 'plusieur', max: 3, skipAfter: 499 })).suggestions).toBeNull();
    expect((await ask({ lang: 'fr', word: 'plusieur', max: 3, skipAfter: 501 })).suggestions).toContain('plusieurs');
    expect((await ask({ lang: 'fr', word: 'plusieur', max: 3, skipAfter: 0 })).suggestions).toContain('plusieurs');
  });
});
