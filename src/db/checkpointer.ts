import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * WAL checkpoints on a worker thread. SQLite copies the WAL back into the database file every
 * 1,000 pages by default, inside whichever COMMIT crosses the mark: with better-sqlite3 that is a
 * synchronous write and fsync of megabytes on the event loop, measured here at 60–140 ms during
 * which no request is served. A second connection on a worker thread runs PASSIVE checkpoints
 * instead (they never block the writer, which keeps appending to the WAL), and the main
 * connection's automatic checkpoints are turned off while the worker lives. If the worker dies,
 * they are turned back on: the WAL never grows without bound.
 *
 * Copying the WAL back is not enough for it to stay short: SQLite starts writing it from the
 * beginning again only when a write finds every frame already copied, and under a steady stream
 * of commits (a group every few milliseconds) the worker is always a few behind. Measured
 * 2026-11-29, 50 connections posting comments for 35 s: a WAL of 1.4–2.3 GB (the disk fills at
 * ~50 MB/s; and SQLite's index of the WAL, searched to read a page, grows with it; the req/s
 * fell by a third by the end in one run of three). So once the worker reports
 * more than `maxWalFrames` frames in the WAL, `beforeWrite` asks the next write transaction to
 * wait (the writes wait, not the event loop) for one checkpoint that starts after it asked: with
 * no commit in between, that one copies the last frames, and the next commit rewinds the WAL.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = FULL');
// The last catch-up asked for: every checkpoint from then on started after it was asked.
let request = 0;
const checkpoint = () => {
  const [row] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ request, log: row.log, checkpointed: row.checkpointed });
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    checkpoint();
    db.close();
    parentPort.close();
    return;
  }
  request = message.request;
  checkpoint();
});
`;

export interface Checkpointer {
  /**
   * Null when writes may go on; else a promise that settles once the WAL may start again (or
   * after `maxWaitMs` at most): the caller starts no write transaction before.
   */
  beforeWrite(): Promise<void> | null;
  stop(): Promise<void>;
}

/** What the worker says after each checkpoint: `log` frames in the WAL, `checkpointed` of them copied back. */
interface Report {
  request: number;
  log: number;
  checkpointed: number;
}

const DEFAULT_AUTOCHECKPOINT = 1000;
/** How long writes go on without waiting after a catch-up that did not empty the WAL. */
const RETRY_MS = 1000;

export interface CheckpointerOptions {
  intervalMs?: number;
  /** Past this many frames in the WAL (pages: 4 KiB each by default), writes wait for a catch-up. */
  maxWalFrames?: number;
  /** The longest a write waits for a catch-up (a reader holding an old snapshot can delay it). */
  maxWaitMs?: number;
  onError?: (error: unknown) => void;
}

export function startCheckpointer(
  sqlite: SQLite.Database,
  path: string,
  { intervalMs = 200, maxWalFrames = 16_384, maxWaitMs = 500, onError = () => {} }: CheckpointerOptions = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, intervalMs } });
  let stopped = false;
  let exited = false;
  let fellBack = false;
  /** Frames in the WAL at the worker's last report (0 after a catch-up: the next commit rewinds it). */
  let walFrames = 0;
  let requests = 0;
  let catchUp: { request: number; done: Promise<void>; finish: () => void } | null = null;
  /** After a catch-up that could not copy every frame, none is asked for before this time. */
  let quietUntil = 0;
  const fallBack = (error: unknown) => {
    if (stopped || fellBack || !sqlite.open) return;
    fellBack = true;
    sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    onError(error);
  };
  worker.on('error', fallBack);
  worker.on('exit', (code) => {
    exited = true;
    // A write waiting for a catch-up goes on ('exit' follows 'error' too).
    catchUp?.finish();
    fallBack(new Error(`checkpoint worker exited with code ${code}`));
  });
  worker.on('message', (report: Report) => {
    walFrames = report.log;
    if (catchUp === null || report.request < catchUp.request) return;
    // Every frame copied: the next commit starts the WAL again. Otherwise a reader holds an old
    // snapshot (a backup, the CLI): writes go on, and ask again a while later.
    if (report.checkpointed === report.log) walFrames = 0;
    else quietUntil = Date.now() + RETRY_MS;
    catchUp.finish();
  });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  return {
    beforeWrite() {
      if (catchUp !== null) return catchUp.done;
      if (walFrames <= maxWalFrames || stopped || exited || fellBack || Date.now() < quietUntil) return null;
      const request = ++requests;
      let finish = () => {};
      const done = new Promise<void>((resolve) => {
        const timeout = setTimeout(() => {
          quietUntil = Date.now() + RETRY_MS;
          finish();
        }, maxWaitMs);
        finish = () => {
          clearTimeout(timeout);
          if (catchUp?.request === request) catchUp = null;
          resolve();
        };
      });
      catchUp = { request, done, finish };
      worker.postMessage({ request });
      return done;
    },
    stop() {
      const wasStopped = stopped;
      stopped = true;
      catchUp?.finish();
      if (wasStopped || exited) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timeout = setTimeout(() => void worker.terminate().then(() => resolve()), 2000);
        worker.once('exit', () => {
          clearTimeout(timeout);
          resolve();
        });
        worker.postMessage('stop');
      });
    },
  };
}
