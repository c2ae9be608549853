import type { MiddlewareHandler } from 'hono';
import type { TurnBudget } from '../event-loop-turn.js';

/**
 * Lets each request in when its turn of the event loop comes (see event-loop-turn.ts): the first
 * middleware, so that a request that waits has cost only its parsing and routing.
 */
export function turnGate(turn: TurnBudget): MiddlewareHandler {
  return (_c, next) => {
    const wait = turn.admit();
    return wait === undefined ? next() : wait.then(next);
  };
}
