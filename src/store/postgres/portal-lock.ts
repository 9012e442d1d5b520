// Serialises write transactions per portal: in this process with a queue, across processes with
// a transaction-level advisory lock.
import type { PoolClient } from 'pg';

/** Advisory lock namespaces (the first key of the two-key form), "HAS" plus a serial. */
const PORTAL_NAMESPACE = 0x48415301;
const MIGRATION_NAMESPACE = 0x48415302;

/** The session-level lock held while migrating. */
export const MIGRATION_LOCK: readonly [number, number] = [MIGRATION_NAMESPACE, 0];

/**
 * Folds a portal id into the lock's 32-bit key. Portals whose ids collide modulo 2^32 only share
 * a lock, which costs them parallelism, never correctness.
 */
function lockKey(portalId: number): number {
  return portalId | 0;
}

/**
 * Per-portal locks. A transaction first waits its turn in this process, and only then takes a
 * connection and the portal's advisory lock: a process then holds at most one connection per
 * portal while waiting on another process, and never starves its reads of connections by
 * parking many transactions of one busy portal on the advisory lock.
 */
export class PortalLock {
  readonly #tails = new Map<number, Promise<void>>();

  /** Waits until this process's earlier transactions of the portal are done; returns the release. */
  async acquire(portalId: number): Promise<() => void> {
    const previous = this.#tails.get(portalId) ?? Promise.resolve();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => held);
    this.#tails.set(portalId, tail);
    await previous;
    return () => {
      release();
      if (this.#tails.get(portalId) === tail) this.#tails.delete(portalId);
    };
  }

  /** Opens a transaction on `client` holding the portal's lock until it commits or rolls back. */
  static async begin(client: PoolClient, portalId: number): Promise<void> {
    // One round trip: both keys are integers this module computes, so inlining them is safe.
    await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock(${PORTAL_NAMESPACE}, ${lockKey(portalId)})`,
    );
  }
}
