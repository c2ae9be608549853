import { fdatasync, openSync } from 'node:fs';

/**
 * Makes what has been written to a SQLite WAL file durable, off the event loop.
 *
 * With `synchronous=FULL`, SQLite fsyncs the WAL inside every COMMIT, and better-sqlite3 waits
 * for it on the event loop: 1-2 ms per commit on this disk, 20-30 ms now and then, during which
 * no request moves. The group commit (group-commit.ts) instead commits with
 * `synchronous=NORMAL` (the frames reach the operating system, not yet the disk) and then asks
 * this to fdatasync the WAL file on libuv's thread pool; no unit of the group is acknowledged
 * before that returned. What FULL adds over NORMAL in WAL mode is exactly that sync of the WAL
 * after a commit (https://www.sqlite.org/pragma.html#pragma_synchronous), so an acknowledged
 * write is as durable as before; the event loop goes on serving during the flush.
 *
 * Syncs are coalesced: a caller gets a sync that started after it called (one that was already
 * running may have missed its writes), and every caller arriving while one runs shares the next.
 */
export interface Durability {
  /** Resolves once every write committed before the call is on disk. */
  sync(): Promise<void>;
}

export class CoalescedSync implements Durability {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly syncOnce: () => Promise<void>) {}

  sync(): Promise<void> {
    if (this.running === null) return this.start();
    this.next ??= this.running.then(
      () => this.start(),
      () => this.start(),
    );
    return this.next;
  }

  private start(): Promise<void> {
    this.next = null;
    const run = this.syncOnce().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}

/** fdatasync of the WAL of the database at `path`, opened on first use (it exists once a commit ran). */
export function walDurability(path: string): Durability {
  let fd: number | null = null;
  return new CoalescedSync(
    () =>
      new Promise<void>((resolve, reject) => {
        // The WAL file is never deleted while a connection is open, so one descriptor serves for
        // the process's life; fdatasync flushes the file whichever descriptor names it.
        fd ??= openSync(`${path}-wal`, 'r');
        fdatasync(fd, (error) => (error ? reject(error) : resolve()));
      }),
  );
}
