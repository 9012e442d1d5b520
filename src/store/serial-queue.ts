// Runs async tasks one at a time, in the order they were queued.

/**
 * A FIFO of async tasks. The embedded store has one connection; a transaction awaits between its
 * statements, so every other use of the connection must wait until it has committed.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it has settled. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Settles once every queued task has. */
  async drain(): Promise<void> {
    await this.#tail;
  }
}
