// Runs async tasks one at a time, in the order they were queued, each on a turn of its own.
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A FIFO of async tasks. The embedded store has one connection; a transaction awaits between its
 * statements, so every other use of the connection must wait until it has committed.
 *
 * Each task starts on an event loop turn of its own, after the I/O that arrived meanwhile. A
 * SQLite task runs its statements without yielding, for tens of milliseconds on a large batch;
 * started straight from the request that queued it, one request's work ran back to back with
 * the next one's while other connections' bodies and answers waited in the sockets, and under
 * ten concurrent batch creates the slowest request took eight times the median. Started on its
 * own turn, requests are served in the order they arrived: at most 1.6 times the median, for
 * about 7% of throughput (docs/performance.md).
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it has settled. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const start = async () => {
      await nextTurn();
      return task();
    };
    const result = this.#tail.then(start, start);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Settles once every queued task has. */
  async drain(): Promise<void> {
    await this.#tail;
  }
}
