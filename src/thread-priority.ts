import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * The nice value of a background thread: with CFS, a runnable thread of nice 10 weighs ~1/10 of
 * one of nice 0, so the event loop's thread takes the core back as soon as it has work, and the
 * background thread still has the whole core when the loop is idle.
 */
const BACKGROUND_NICE = 10;

/**
 * Lowers the priority of the thread that calls it to BACKGROUND_NICE (never raising it), where
 * the system lets a process's threads have their own: on Linux the nice value is per thread
 * (setpriority(2), under "BUGS": NPTL threads each have theirs, and a thread id set through the
 * process call changes that thread alone). Elsewhere, or when /proc is missing or the call is
 * refused, the thread keeps its priority.
 */
export function lowerThisThreadsPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    // "<pid>/task/<tid>": the thread that reads the link, so this must be called on the thread itself.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return;
    // An unprivileged thread may lower its priority only: keep a higher nice value it already has.
    if (getPriority(tid) < BACKGROUND_NICE) setPriority(tid, BACKGROUND_NICE);
  } catch {
    // the priority it had
  }
}
