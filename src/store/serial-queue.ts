// Runs async tasks one at a time, in the order they were queued, letting waiting I/O in between.
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * How long tasks that were queued behind one another run back to back before the I/O that
 * arrived meanwhile is served, in ms. why: the same budget as a commit group's
 * (commit-groups.ts), so a socket waits about as long behind a run of small reads as behind a
 * group of small writes.
 */
const TURN_BUDGET_MS = 1;

/**
 * A FIFO of async tasks. The embedded store has one connection; a transaction awaits between its
 * statements, so every other use of the connection must wait until it has committed.
 *
 * A task queued while the queue is idle starts on an event loop turn of its own, after the I/O
 * that arrived meanwhile. A SQLite task runs its statements without yielding, for tens of
 * milliseconds on a large batch; started straight from the request that queued it, one
 * request's work ran back to back with the next one's while other connections' bodies and
 * answers waited in the sockets, and under ten concurrent batch creates the slowest request took
 * eight times the median. Started on its own turn, requests are served in the order they
 * arrived: at most 1.6 times the median, for about 7% of throughput (docs/performance.md).
 *
 * A task queued behind others starts as soon as the one before it settles while the turn that
 * run of tasks took is younger than the budget; past it, it takes a turn of its own. why: a turn
 * per small read spread the answers of ten connections' reads over ten turns, and each answer
 * alone woke the load generator's idle core (about two thirds of a cross-core interrupt per
 * GET list); answered back to back, a GET list took a quarter less of the main thread
 * (docs/performance.md, step "the SQLite queue's small tasks back to back").
 */
export class SerialQueue {
  readonly #budgetMs: number;
  #tail: Promise<unknown> = Promise.resolve();
  /** Tasks queued and not yet settled. */
  #unsettled = 0;
  /** When the current run of back-to-back tasks took its turn (performance.now()). */
  #turnTakenAt = 0;

  /** `budgetMs`: how long tasks run back to back (tests set their own). */
  constructor(budgetMs = TURN_BUDGET_MS) {
    this.#budgetMs = budgetMs;
  }

  /** Runs `task` after every task queued before it has settled. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const behindOthers = this.#unsettled > 0;
    this.#unsettled += 1;
    const start = async () => {
      try {
        if (!behindOthers || performance.now() - this.#turnTakenAt >= this.#budgetMs) {
          await nextTurn();
          this.#turnTakenAt = performance.now();
        }
        return await task();
      } finally {
        this.#unsettled -= 1;
      }
    };
    const result = this.#tail.then(start, start);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Settles once every queued task has, those queued while it waits included. why: a task can be
   * queued as another ends (a write run again, a request whose client has gone while the server
   * shuts down); a store closed under it failed it. A turn after the last settles lets such a
   * task be queued before the queue counts as empty.
   */
  async drain(): Promise<void> {
    let tail: Promise<unknown>;
    do {
      tail = this.#tail;
      await tail;
      await nextTurn();
    } while (tail !== this.#tail);
  }
}
