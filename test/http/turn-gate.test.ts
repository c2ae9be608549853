import { describe, expect, it } from 'vitest';
import { TurnBudget } from '../../src/event-loop-turn.js';
import { makeTestApp } from '../helpers.js';

describe('the turn gate (EVENT_LOOP_TURN_MS)', () => {
  it('answers every request when the turn is spent at each one: they wait, none is lost', async () => {
    // A clock that moves 5 ms at each reading: past the first request, every one finds its turn
    // spent and waits for a later turn.
    let ms = 0;
    const turn = new TurnBudget(2, () => (ms += 5));
    const t = await makeTestApp({ turn });
    await t.putArticle('a1');
    turn.takeWaitedCount();
    const bodies = ['Premier avis.', 'Deuxième avis.', 'Troisième avis.', 'Quatrième avis.', 'Cinquième avis.'];
    const responses = await Promise.all(
      bodies.map((body, i) =>
        t.postComment('a1', { body: `${body} Merci pour l’article.`, email: `r${i}@example.org` }),
      ),
    );
    expect(responses.map((res) => res.status)).toEqual([201, 201, 201, 201, 201]);
    expect(responses[0]?.headers.get('content-type')).toMatch(/^application\/json/);
    expect(turn.takeWaitedCount()).toBeGreaterThanOrEqual(4);
    const stored = await t.db.selectFrom('comments').select('body').execute();
    expect(stored.map((row) => row.body).sort()).toEqual(bodies.map((body) => `${body} Merci pour l’article.`).sort());
  });

  it('lets requests straight in while the turn has time left', async () => {
    const turn = new TurnBudget(2, () => 0);
    const t = await makeTestApp({ turn });
    const res = await t.request('/healthz');
    expect(res.status).toBe(200);
    expect(turn.takeWaitedCount()).toBe(0);
  });
});
