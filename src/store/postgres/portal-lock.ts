// Serialises write transactions per portal: in this process with a queue, across processes with
// a transaction-level advisory lock. Pair writes share the lock and hold their pairs and records.
import type { PoolClient, QueryResult, QueryResultRow } from 'pg';
import type { RecordPair } from '../../core/model.js';
import type { PairWriteHold } from '../../core/ports.js';

/** Advisory lock namespaces (the first key of the two-key form), "HAS" plus a serial. */
export const PORTAL_NAMESPACE = 0x48415301;
const MIGRATION_NAMESPACE = 0x48415302;

/** The session-level lock held while migrating. */
export const MIGRATION_LOCK: readonly [number, number] = [MIGRATION_NAMESPACE, 0];

/**
 * How a transaction holds its portal: `exclusive` alone, `shared` beside other shared ones (pair
 * writes, which then hold their pairs and records with `PortalLock.holdKeys`).
 */
export type PortalLockMode = 'exclusive' | 'shared';

/**
 * Folds a portal id into the lock's 32-bit key. Portals whose ids collide modulo 2^32 only share
 * a lock, which costs them parallelism, never correctness.
 */
function lockKey(portalId: number): number {
  return portalId | 0;
}

/** One portal's holders and waiters in this process. */
interface PortalQueue {
  shared: number;
  exclusive: boolean;
  readonly waiting: { readonly mode: PortalLockMode; readonly grant: () => void }[];
}

/**
 * Per-portal locks. A transaction first waits its turn in this process, and only then takes a
 * connection and the portal's advisory lock: a process then holds at most one connection per
 * portal while waiting on another process's exclusive transaction, and never starves its reads of
 * connections by parking many transactions of one busy portal on the advisory lock. Waiters are
 * let in first come, first served (shared ones that arrive together go in together), so a stream
 * of pair writes cannot hold an exclusive transaction off for ever.
 */
export class PortalLock {
  readonly #queues = new Map<number, PortalQueue>();
  readonly #maxShared: number;

  /**
   * `maxShared`: the most transactions of one portal holding it shared at once in this process;
   * the rest wait their turn in memory, so that one busy portal's pair writes leave connections of
   * the pool to reads and to other portals.
   */
  constructor(maxShared = Number.POSITIVE_INFINITY) {
    this.#maxShared = maxShared;
  }

  /**
   * Waits until the portal can be held in `mode` in this process; returns the release. `ahead`
   * queues it first, for a transaction run again that already had its turn (`HoldTooLarge`).
   */
  async acquire(
    portalId: number,
    mode: PortalLockMode = 'exclusive',
    ahead = false,
  ): Promise<() => void> {
    let queue = this.#queues.get(portalId);
    if (!queue) this.#queues.set(portalId, (queue = { shared: 0, exclusive: false, waiting: [] }));
    const held = queue;
    await new Promise<void>((grant) => {
      if (ahead) held.waiting.unshift({ mode, grant });
      else held.waiting.push({ mode, grant });
      this.#admit(portalId, held);
    });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (mode === 'shared') held.shared--;
      else held.exclusive = false;
      this.#admit(portalId, held);
    };
  }

  /** Lets in the waiters at the head of the queue that the holders allow. */
  #admit(portalId: number, queue: PortalQueue): void {
    for (let next = queue.waiting[0]; next; next = queue.waiting[0]) {
      if (queue.exclusive) break;
      if (next.mode === 'exclusive') {
        if (queue.shared > 0) break;
        queue.exclusive = true;
      } else {
        if (queue.shared >= this.#maxShared) break;
        queue.shared++;
      }
      queue.waiting.shift();
      next.grant();
    }
    if (!queue.exclusive && queue.shared === 0 && queue.waiting.length === 0) {
      this.#queues.delete(portalId);
    }
  }

  /**
   * Opens a transaction on `client` holding the portal's lock until it commits or rolls back, and
   * runs `then` (statements without parameters) in the same round trip once the lock is held;
   * returns the first row of each.
   * A shared one (a pair write) plans no sequential scan: its statements look rows up by key, one
   * id or pair bound as itself, and PostgreSQL keeps one plan for such a statement on each
   * connection. A plan made while a table was nearly empty would otherwise be a scan, kept as the
   * table grows until autovacuum next analyses it (docs/performance.md).
   */
  static async begin(
    client: PoolClient,
    portalId: number,
    mode: PortalLockMode,
    then: readonly string[] = [],
  ): Promise<(QueryResultRow | undefined)[]> {
    const results = await PortalLock.run(client, portalId, mode, then);
    return results.map((result) => result.rows[0]);
  }

  /** `begin`, answering each statement of `then` whole. */
  static async run(
    client: PoolClient,
    portalId: number,
    mode: PortalLockMode,
    then: readonly string[],
  ): Promise<QueryResult<QueryResultRow>[]> {
    const lock = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
    // One round trip: both keys are integers this module computes, so inlining them is safe.
    // Each statement of it takes its own snapshot, so those of `then` see what the lock waited for.
    const opening = [
      'BEGIN',
      // The pool's connections plan each named statement anew (`PostgresStore.open`); a pair
      // write's keyed statements keep theirs.
      ...(mode === 'shared'
        ? ['SET LOCAL enable_seqscan = off', 'SET LOCAL plan_cache_mode = auto']
        : []),
      `SELECT ${lock}(${PORTAL_NAMESPACE}, ${lockKey(portalId)})`,
    ];
    // A query of several statements answers with one result each (BEGIN and the lock at least).
    const results = (await client.query(
      [...opening, ...then].join('; '),
    )) as unknown as QueryResult<QueryResultRow>[];
    return results.slice(opening.length);
  }

  /**
   * The statement that holds keys (`holdKeysOf`'s texts, bound at `keysParameter`) until the
   * transaction ends: each hashed to one 64-bit advisory lock (the one-key form, apart from the
   * two-key locks above), shared or exclusive as its text leads, taken in ascending order so that
   * two transactions never wait on each other in a circle. Keys whose hashes collide only share a
   * lock, held exclusively if either is.
   */
  static holdKeys(keysParameter = '$1'): string {
    return `SELECT count(CASE WHEN shared THEN pg_advisory_xact_lock_shared(h)
      ELSE pg_advisory_xact_lock(h) END) FROM ${lockedKeys(keysParameter)}`;
  }

  /**
   * `holdKeys` without waiting: the statement fails with its own error code (`has_keys_free`,
   * migration 17) when any key is held elsewhere; the transaction must then roll back.
   */
  static holdKeysNow(keysParameter = '$1'): string {
    return `SELECT has_keys_free(bool_and(CASE WHEN shared THEN pg_try_advisory_xact_lock_shared(h)
      ELSE pg_try_advisory_xact_lock(h) END)) FROM ${lockedKeys(keysParameter)}`;
  }
}

/** The keys bound at `keysParameter`, one row per lock: its hash, and whether all share it. */
function lockedKeys(keysParameter: string): string {
  return `(SELECT hashtextextended(substr(k, 3), ${PORTAL_NAMESPACE}) AS h,
      bool_and(left(k, 1) = 's') AS shared
    FROM unnest(${keysParameter}::text[]) AS k GROUP BY 1 ORDER BY 1 OFFSET 0) AS keys`;
}

/**
 * The most advisory locks a pair write takes beside its portal's shared lock. PostgreSQL's lock
 * table is small (64 per connection by default): a write that would take more takes its portal
 * alone instead, as every other write does.
 */
export const SHARED_HOLD_KEYS = 64;

/** A pair write whose hold would take more than `SHARED_HOLD_KEYS` locks: run it again alone. */
export class HoldTooLarge extends Error {
  constructor() {
    super(`a pair write's hold would take more than ${SHARED_HOLD_KEYS} locks`);
  }
}

/** Whether a pair is held through its from-record: the lower object type, then the lower id. */
function heldFromItsStart(pair: RecordPair): boolean {
  const { fromObjectTypeId: from, toObjectTypeId: to } = pair;
  return from < to || (from === to && pair.fromId <= pair.toId);
}

/** The record a pair is held through, either way round (`heldFromItsStart`). */
function lowerEnd(pair: RecordPair): string {
  return heldFromItsStart(pair)
    ? `${pair.fromObjectTypeId}/${pair.fromId}`
    : `${pair.toObjectTypeId}/${pair.toId}`;
}

/**
 * The keys `PortalLock.holdKeys` takes for a hold, each led by its mode (`s ` shared, `x `
 * exclusive), or null when they would be more than `SHARED_HOLD_KEYS`.
 *
 * A pair is held through the record at its lower end (`lowerEnd`). While the keys are few, that
 * record's key is held shared and the pair's own key exclusively, so that writes of the record's
 * other pairs run beside it. When they would be too many, the record's key is held exclusively
 * alone, for all of its pairs at once: a batch linking one contact to 2,000 companies takes one
 * lock. Either way, two writes of one pair always meet on a key one of them holds exclusively.
 * A counted record (its rows through a Primary or a limited type) is a key of its own, exclusive.
 */
export function holdKeysOf(portalId: number, hold: PairWriteHold): string[] | null {
  const records: string[] = [];
  for (const { objectTypeId, ids } of hold.records) {
    for (const id of ids) records.push(`x record ${portalId} ${objectTypeId}/${id}`);
  }
  const precise = new Set(records);
  for (const pair of hold.pairs) {
    // A batch's thousands of pairs stop here, at the first key too many.
    if (precise.size > SHARED_HOLD_KEYS) break;
    const from = `${pair.fromObjectTypeId}/${pair.fromId}`;
    const to = `${pair.toObjectTypeId}/${pair.toId}`;
    precise.add(`s end ${portalId} ${lowerEnd(pair)}`);
    precise.add(
      from < to ? `x pair ${portalId} ${from} ${to}` : `x pair ${portalId} ${to} ${from}`,
    );
  }
  if (precise.size <= SHARED_HOLD_KEYS) return [...precise];
  const coarse = new Set(records);
  let lastType = '';
  let lastId = -1;
  for (const pair of hold.pairs) {
    const fromStart = heldFromItsStart(pair);
    const type = fromStart ? pair.fromObjectTypeId : pair.toObjectTypeId;
    const id = fromStart ? pair.fromId : pair.toId;
    // why: a batch's pairs mostly share their record with the one before (one contact's
    // companies); its key is then not written out again, 2,000 times.
    if (type === lastType && id === lastId) continue;
    lastType = type;
    lastId = id;
    if (coarse.size > SHARED_HOLD_KEYS) return null;
    coarse.add(`x end ${portalId} ${type}/${id}`);
  }
  return coarse.size <= SHARED_HOLD_KEYS ? [...coarse] : null;
}

/** Whether a write of these pairs can share its portal, before it counts any record. */
export function pairsShareable(pairs: readonly RecordPair[]): boolean {
  return holdKeysOf(0, { pairs, records: [] }) !== null;
}
