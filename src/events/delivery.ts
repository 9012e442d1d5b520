// Webhook delivery: events owed to apps, POSTed to each app's target URL in signed batches of up to
// 100, at most `maxConcurrentRequests` at once per app, retried on HubSpot's policy until delivered.
// The log hands events out in chunks (up to 100 of one write for one app); a POST carries whole
// chunks, and each chunk is retried and recorded as one. The POSTs are written, signed and sent
// by a worker thread (delivery-thread.ts); this side leases, schedules retries and records.
import type { DeliveryAttempt, DeliveryQueue, DeliveryTarget, OwedChunk } from '../core/ports.js';
import { DeliveryThread, type AppPosts, type PostOutcome } from './delivery-thread.js';

export type { DeliveryAttempt, DeliveryQueue, DeliveryTarget, OwedChunk };

/** Events per POST, as HubSpot sends them. */
export const EVENTS_PER_DELIVERY = 100;

/** Chunks a pass leases: each holds 1 to 100 events. */
export const CHUNKS_PER_PASS = 100;

/** Retries after the first attempt, as HubSpot makes them (spread over a day). */
export const MAX_RETRIES = 10;

/** How long a receiver has to answer before the attempt counts as failed (HubSpot: 5 s). */
export const DELIVERY_TIMEOUT_MS = 5000;

/** A pass's lease, in delivery timeouts; the pass renews it every timeout while it runs. */
const LEASE_TIMEOUTS = 2;

/** How often the loop drops settled chunks older than the retention period, at most. */
export const PRUNE_INTERVAL_MS = 60_000;

/** Chunks dropped per store call: short transactions, however large the backlog. */
const PRUNE_BATCH = 1000;

/** The first retry's delay, before the time scale and jitter; each later one doubles it. */
const FIRST_RETRY_MS = 60_000;

export interface DelivererOptions {
  /** Multiplies every retry delay: 1 is HubSpot's day-long schedule; tests use a small fraction. */
  readonly retryTimeScale?: number;
  readonly timeoutMs?: number;
  /** The clock that schedules retries (signatures always carry the wall clock's time). */
  readonly now?: () => Date;
  /** In [0, 1): spreads retries as HubSpot randomises them. */
  readonly random?: () => number;
  /**
   * How long chunks stay in the log once settled (delivered or given up), by `now`; the loop
   * drops older ones. Unset: kept for good.
   */
  readonly retentionMs?: number;
  /** Told of a pass that failed (the store did not answer); the next pass tries again. */
  readonly onError?: (error: unknown) => void;
}

/**
 * The delay before retry `retry` (1 for the first): doubling from one minute, each within ±25%,
 * so ten retries end within 24 hours at scale 1 (at most about 21 hours).
 */
export function retryDelayMs(retry: number, scale: number, random: () => number): number {
  const jitter = 0.75 + random() * 0.5;
  return FIRST_RETRY_MS * 2 ** (retry - 1) * jitter * scale;
}

/**
 * Chunks in the order given, gathered into POSTs of at most `size` events: small chunks (one
 * write's few events each) share a POST, and no chunk is split.
 */
function inBatches(chunks: readonly OwedChunk[], size: number): OwedChunk[][] {
  const batches: OwedChunk[][] = [];
  let batch: OwedChunk[] = [];
  let events = 0;
  for (const chunk of chunks) {
    if (batch.length > 0 && events + chunk.eventCount > size) {
      batches.push(batch);
      batch = [];
      events = 0;
    }
    batch.push(chunk);
    events += chunk.eventCount;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Sends what the queue says is due; `deliverDue` is one pass, `start` repeats it. */
export class WebhookDeliverer {
  readonly #queue: DeliveryQueue;
  readonly #scale: number;
  readonly #timeoutMs: number;
  readonly #now: () => Date;
  readonly #random: () => number;
  readonly #onError: (error: unknown) => void;
  readonly #retentionMs: number | null;
  /** How often the loop prunes: once a `PRUNE_INTERVAL_MS`, or a shorter retention period. */
  readonly #pruneEveryMs: number;
  /** When the loop next drops old settled chunks (by `now`). */
  #nextPruneAt = 0;
  /** Aborts the POSTs in flight when the deliverer stops. */
  #stopping = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #pass: Promise<number> | null = null;
  /** Whether the last pass leased all it was allowed (more may be due). */
  #full = false;
  /** Writes, signs and sends the POSTs, off the main thread. */
  readonly #thread = new DeliveryThread();

  constructor(queue: DeliveryQueue, options: DelivererOptions = {}) {
    this.#queue = queue;
    this.#scale = options.retryTimeScale ?? 1;
    this.#timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    this.#now = options.now ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#onError = options.onError ?? (() => undefined);
    this.#retentionMs = options.retentionMs ?? null;
    this.#pruneEveryMs = Math.min(PRUNE_INTERVAL_MS, this.#retentionMs ?? PRUNE_INTERVAL_MS);
  }

  /**
   * One pass over what is due, up to `limit` chunks (enough for a full POST of one-event chunks);
   * resolves to the number of events delivered.
   */
  deliverDue(limit = CHUNKS_PER_PASS): Promise<number> {
    // Passes never overlap: a timer tick during a slow pass joins it.
    this.#pass ??= this.#deliverDue(limit).finally(() => {
      this.#pass = null;
    });
    return this.#pass;
  }

  /** A pass that starts after any pass under way, so that it sees what was owed by now. */
  async deliverNow(limit?: number): Promise<number> {
    await this.#pass?.catch(() => undefined);
    return this.deliverDue(limit);
  }

  /**
   * Repeats a pass every `intervalMs` until `stop`; a pass that leased as many chunks as it may is
   * followed by another at once, so a backlog drains faster than one pass per interval.
   */
  start(intervalMs: number): void {
    if (this.#timer) return;
    if (this.#stopping.signal.aborted) this.#stopping = new AbortController();
    this.#timer = setInterval(() => void this.#drain().catch(this.#onError), intervalMs);
    this.#timer.unref();
  }

  async #drain(): Promise<void> {
    do await this.deliverDue();
    while (this.#full && this.#timer !== null);
    await this.#pruneIfDue();
  }

  /**
   * Drops the chunks settled longer ago than the retention period, at most once a
   * `PRUNE_INTERVAL_MS` (or a shorter retention period); a large backlog goes a batch at a time
   * while the loop runs.
   */
  async #pruneIfDue(): Promise<void> {
    if (this.#retentionMs === null) return;
    const now = this.#now().getTime();
    if (now < this.#nextPruneAt) return;
    this.#nextPruneAt = now + this.#pruneEveryMs;
    const settledBefore = new Date(now - this.#retentionMs);
    while (
      (await this.#queue.prune(settledBefore, PRUNE_BATCH)) === PRUNE_BATCH &&
      this.#timer !== null
    );
  }

  /**
   * Stops repeating and waits for a pass under way, whose POSTs are cut short: their events stay
   * leased, unrecorded, and are sent again once the lease ends (at least once, never lost).
   */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#stopping.abort();
    this.#thread.abort();
    await this.#pass?.catch(() => undefined);
    await this.#thread.close();
  }

  async #deliverDue(limit: number): Promise<number> {
    // A stopped deliverer leases nothing: what it leased could not go until the lease ended.
    if (this.#stopping.signal.aborted) return 0;
    const now = this.#now();
    const leaseUntil = new Date(now.getTime() + LEASE_TIMEOUTS * this.#timeoutMs);
    const owed = await this.#queue.due(now, limit, leaseUntil);
    this.#full = owed.length >= limit;
    if (owed.length === 0) return 0;
    const byApp = new Map<number, OwedChunk[]>();
    for (const chunk of owed) {
      const chunks = byApp.get(chunk.appId);
      if (chunks) chunks.push(chunk);
      else byApp.set(chunk.appId, [chunk]);
    }
    const apps: (AppPosts & { readonly appId: number })[] = [];
    for (const [appId, chunks] of byApp) {
      // An app without a target keeps its chunks leased until the lease ends, then they wait.
      const target = await this.#queue.targetOf(appId);
      if (target) apps.push({ appId, target, posts: inBatches(chunks, EVENTS_PER_DELIVERY) });
    }
    if (apps.length === 0) return 0;
    // Retries are scheduled from the pass's start (by the deliverer's clock).
    const startedAt = this.#now();
    const renewal = this.#renewing(owed, leaseUntil);
    const outcomes = await this.#thread.send(apps, this.#timeoutMs).finally(renewal.stop);
    await renewal.last;
    const attempts: DeliveryAttempt[] = [];
    let delivered = 0;
    apps.forEach(({ appId, posts }, app) => {
      posts.forEach((batch, post) => {
        const outcome = outcomes[app]?.[post];
        // Stopped mid-POST: the receiver may or may not have it; the lease ends and it goes again.
        if (!outcome || outcome.aborted) return;
        const attempt = this.#attempt(appId, batch, outcome, startedAt);
        attempts.push(attempt);
        if (attempt.delivered) delivered += batch.reduce((sum, chunk) => sum + chunk.eventCount, 0);
      });
    });
    // One store write records every POST of the pass.
    if (attempts.length > 0) await this.#queue.settle(attempts);
    return delivered;
  }

  /**
   * Keeps the pass's lease while its POSTs go: every `timeoutMs` (half the lease) the lease moves
   * to `LEASE_TIMEOUTS` timeouts from then, so a pass of many POSTs to a slow receiver is not
   * taken over, and sent again, by another deliverer while it runs. `last` settles once the
   * renewal under way (if any) has ended, so that `settle` comes after it.
   */
  #renewing(owed: readonly OwedChunk[], leaseUntil: Date) {
    const ids = owed.map((chunk) => chunk.id);
    let leasedUntil = leaseUntil;
    let last: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      const until = new Date(this.#now().getTime() + LEASE_TIMEOUTS * this.#timeoutMs);
      last = last
        .then(() => this.#queue.extendLease(ids, leasedUntil, until))
        .then(() => {
          leasedUntil = until;
        })
        .catch(this.#onError);
    }, this.#timeoutMs);
    timer.unref();
    return {
      stop: () => {
        clearInterval(timer);
      },
      get last() {
        return last;
      },
    };
  }

  /** A POST's outcome as the queue records it, with each chunk's next due time. */
  #attempt(
    appId: number,
    batch: readonly OwedChunk[],
    outcome: Exclude<PostOutcome, { aborted: true }>,
    startedAt: Date,
  ): DeliveryAttempt {
    const delivered = outcome.error === null;
    const retryAt = new Map<string, Date | null>();
    for (const chunk of batch) {
      const retry = chunk.attemptNumber + 1;
      retryAt.set(
        chunk.id,
        delivered || retry > MAX_RETRIES
          ? null
          : new Date(startedAt.getTime() + retryDelayMs(retry, this.#scale, this.#random)),
      );
    }
    return {
      appId,
      chunkIds: batch.map((chunk) => chunk.id),
      startedAt,
      durationMs: outcome.durationMs,
      status: outcome.status,
      error: outcome.error,
      delivered,
      retryAt,
    };
  }
}
