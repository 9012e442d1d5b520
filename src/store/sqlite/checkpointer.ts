// Checkpoints the write-ahead log on a worker thread, off the request path.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Checkpoint once the log passes 4 MiB (about SQLite's own 1,000-page default). */
const THRESHOLD_BYTES = 4 * 1024 * 1024;
const INTERVAL_MS = 100;

interface CheckpointerData {
  readonly filename: string;
  /** Where better-sqlite3 is, for the thread to load it. */
  readonly driver: string;
  readonly threshold: number;
  readonly intervalMs: number;
}

/**
 * The thread's whole program, as JavaScript text: a worker given a module file could not load
 * TypeScript under the test runner's loader, and a compiled function's text is not stable across
 * build tools. Its own connection copies the log into the database file in PASSIVE mode, which
 * never waits on the server's writes, whenever the log has grown past the threshold.
 */
const CHECKPOINT_LOOP = `
  const { statSync } = require('node:fs');
  const { parentPort, workerData: data } = require('node:worker_threads');
  const Database = require('node:module').createRequire(data.driver)(data.driver);
  const db = new Database(data.filename);
  const walSize = () => statSync(data.filename + '-wal', { throwIfNoEntry: false })?.size ?? 0;
  const timer = setInterval(() => {
    if (walSize() < data.threshold) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Another process's checkpoint is running: the next tick tries again.
    }
  }, data.intervalMs);
  parentPort.once('message', () => {
    clearInterval(timer);
    db.close();
    process.exit(0);
  });
`;

/**
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold: that commit,
 * and the request waiting on it, pay for copying the whole log into the database file (about a
 * fifth of a 2,000-input batch create here). This thread does the copying instead; see
 * docs/performance.md for the measurements.
 */
export class Checkpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<unknown>;

  constructor(filename: string) {
    const data: CheckpointerData = {
      filename,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      threshold: THRESHOLD_BYTES,
      intervalMs: INTERVAL_MS,
    };
    this.#worker = new Worker(CHECKPOINT_LOOP, { eval: true, workerData: data });
    // Not events.once: it would reject on the thread's error, and stopping a failed thread is fine.
    this.#exited = new Promise((resolve) => this.#worker.once('exit', resolve));
    // A thread that fails (its file gone, say) only stops checkpointing: SQLite's own automatic
    // checkpoint still bounds the log.
    this.#worker.on('error', () => undefined);
    this.#worker.unref();
  }

  /** Stops checkpointing and closes the thread's connection. */
  async stop(): Promise<void> {
    // Unreferenced, the thread never keeps a process alive; while it stops, it must.
    this.#worker.ref();
    this.#worker.postMessage('stop');
    await this.#exited;
  }
}
