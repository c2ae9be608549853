/** Holds the event loop for `ms` milliseconds, as a slow synchronous call (rules, SQL) would. */
export function block(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}
