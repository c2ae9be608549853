import { pino } from 'pino';

/** One JSON line per event on stdout, as log collectors expect. */
export function createLogger(level: string) {
  return pino({ level, base: { service: 'vigie' }, timestamp: pino.stdTimeFunctions.isoTime });
}
