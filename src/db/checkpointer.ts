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
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = FULL');
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

const DEFAULT_AUTOCHECKPOINT = 1000;

export function startCheckpointer(
  sqlite: SQLite.Database,
  path: string,
  { intervalMs = 200, onError = (_error: unknown) => {} } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, intervalMs } });
  let stopped = false;
  let exited = false;
  let fellBack = false;
  const fallBack = (error: unknown) => {
    if (stopped || fellBack || !sqlite.open) return;
    fellBack = true;
    sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
    onError(error);
  };
  worker.on('error', fallBack);
  worker.on('exit', (code) => {
    exited = true;
    fallBack(new Error(`checkpoint worker exited with code ${code}`));
  });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  return {
    stop() {
      const wasStopped = stopped;
      stopped = true;
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
