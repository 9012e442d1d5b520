// The webhook event log's delivery side in SQLite: leasing due chunks of events, recording
// attempts, and listing deliveries. The store runs each function on its one connection, in its
// queue.
import type Database from 'better-sqlite3';
import type {
  DeliveryAttempt,
  DeliveryQuery,
  DeliveryTarget,
  LoggedDelivery,
  OwedChunk,
} from '../../core/ports.js';
import {
  ATTEMPT_COLUMNS,
  LISTING_PAGE,
  nextListingPage,
  LOGGED_CHUNK_COLUMNS,
  retryPairs,
  toDeliveries,
  toOwedChunks,
  toTarget,
  type AttemptRow,
  type LoggedChunkRow,
  type OwedChunkRow,
  type TargetRow,
} from '../delivery-rows.js';
import type { Prepare } from './sqlite-schema.js';
import { BOUND_COUNT } from './bound-count.js';

/**
 * One statement: it runs alone in its own write transaction, so two processes sharing a file
 * never lease the same chunk. It reads the due index only: left to itself, SQLite walks every
 * chunk of the apps with a target URL (their index), delivered ones included, on every poll.
 */
export function due(prepare: Prepare, now: Date, limit: number, leaseUntil: Date): OwedChunk[] {
  const rows = prepare(
    `UPDATE webhook_event_chunks SET leased_until = ?
     WHERE id IN (
       SELECT id FROM webhook_event_chunks INDEXED BY webhook_event_chunks_due
       WHERE due_at IS NOT NULL AND due_at <= ? AND (leased_until IS NULL OR leased_until <= ?)
         AND app_id IN (SELECT app_id FROM webhook_apps WHERE target_url IS NOT NULL)
       ORDER BY id LIMIT ${BOUND_COUNT})
     RETURNING id, app_id, attempts, event_count, events`,
  ).all(leaseUntil.getTime(), now.getTime(), now.getTime(), limit);
  return toOwedChunks(rows as OwedChunkRow[]);
}

export function targetOf(prepare: Prepare, appId: number): DeliveryTarget | null {
  const row = prepare(
    `SELECT target_url, client_secret, max_concurrent_requests FROM webhook_apps
     WHERE app_id = ? AND target_url IS NOT NULL`,
  ).get(appId);
  return toTarget(row as TargetRow | undefined);
}

/**
 * Ends the chunks' leases, counts the attempt, sets the next due time (none once delivered or
 * given up) and records the attempt, one row per chunk; all the attempts in one transaction. A
 * chunk another deliverer has delivered meanwhile (its lease had run out) stays delivered.
 */
export function settle(
  db: Database.Database,
  prepare: Prepare,
  attempts: readonly DeliveryAttempt[],
): void {
  db.transaction(() => {
    for (const attempt of attempts) settleOne(prepare, attempt);
  })();
}

function settleOne(prepare: Prepare, attempt: DeliveryAttempt): void {
  const settledAt = attempt.startedAt.getTime() + attempt.durationMs;
  const updated = prepare(
    `UPDATE webhook_event_chunks SET attempts = attempts + 1, leased_until = NULL,
       due_at = r.value ->> 1, delivered = ?,
       settled_at = CASE WHEN r.value ->> 1 IS NULL THEN ? END
     FROM json_each(?) AS r
     WHERE webhook_event_chunks.id = r.value ->> 0 AND webhook_event_chunks.delivered = 0
     RETURNING id, portal_id, attempts - 1 AS attempt_number`,
  ).all(attempt.delivered ? 1 : 0, settledAt, JSON.stringify(retryPairs(attempt))) as {
    id: number;
    portal_id: number;
    attempt_number: number;
  }[];
  const record = prepare(
    `INSERT INTO webhook_attempts (portal_id, ${ATTEMPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const row of updated) {
    record.run(
      row.portal_id,
      row.id,
      row.attempt_number,
      attempt.startedAt.getTime(),
      attempt.durationMs,
      attempt.status,
      attempt.error,
    );
  }
}

/** `DeliveryQueue.extendLease`, in one statement. */
export function extendLease(
  prepare: Prepare,
  chunkIds: readonly string[],
  leasedUntil: Date,
  until: Date,
): number {
  return prepare(
    `UPDATE webhook_event_chunks SET leased_until = ?
     WHERE id IN (SELECT value FROM json_each(?)) AND leased_until = ? AND delivered = 0`,
  ).run(until.getTime(), JSON.stringify(chunkIds.map(Number)), leasedUntil.getTime()).changes;
}

/** `DeliveryQueue.prune`: the oldest settled chunks and their attempts, in one transaction. */
export function prune(
  db: Database.Database,
  prepare: Prepare,
  settledBefore: Date,
  limit: number,
): number {
  return db.transaction(() => {
    const ids = prepare(
      `SELECT id FROM webhook_event_chunks INDEXED BY webhook_event_chunks_settled
       WHERE settled_at IS NOT NULL AND settled_at < ? ORDER BY settled_at LIMIT ${BOUND_COUNT}`,
    )
      .pluck()
      .all(settledBefore.getTime(), limit) as number[];
    if (ids.length === 0) return 0;
    const list = JSON.stringify(ids);
    prepare('DELETE FROM webhook_attempts WHERE chunk_id IN (SELECT value FROM json_each(?))').run(
      list,
    );
    prepare('DELETE FROM webhook_event_chunks WHERE id IN (SELECT value FROM json_each(?))').run(
      list,
    );
    return ids.length;
  })();
}

/** The filter of each status, on the chunk's row. */
const STATUS_FILTER = {
  delivered: 'delivered = 1',
  failed: 'delivered = 0 AND due_at IS NULL',
  pending: 'delivered = 0 AND due_at IS NOT NULL',
} as const;

/** Reads chunks newest first, a page at a time, until it has `limit` events or no more. */
export function listDeliveries(prepare: Prepare, query: DeliveryQuery): LoggedDelivery[] {
  const filters: string[] = [];
  const values: number[] = [];
  if (query.appId !== undefined) {
    filters.push('app_id = ?');
    values.push(query.appId);
  }
  if (query.portalId !== undefined) {
    filters.push('portal_id = ?');
    values.push(query.portalId);
  }
  if (query.status !== undefined) filters.push(STATUS_FILTER[query.status]);
  filters.push('id < ?');
  const page = prepare(
    `SELECT ${LOGGED_CHUNK_COLUMNS} FROM webhook_event_chunks WHERE ${filters.join(' AND ')}
     ORDER BY id DESC LIMIT ${BOUND_COUNT}`,
  );
  const attemptsOf = prepare(
    `SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempts
     WHERE chunk_id IN (SELECT value FROM json_each(?))
     ORDER BY chunk_id, attempt_number, started_at`,
  );
  const deliveries: LoggedDelivery[] = [];
  let before = query.beforeEventId ?? Number.MAX_SAFE_INTEGER;
  let size = LISTING_PAGE;
  while (deliveries.length < query.limit) {
    const chunks = page.all(...values, before, size) as LoggedChunkRow[];
    if (chunks.length === 0) break;
    const attempts = attemptsOf.all(
      JSON.stringify(chunks.map((chunk) => chunk.id)),
    ) as AttemptRow[];
    deliveries.push(
      ...toDeliveries(chunks, attempts, query.beforeEventId, query.limit - deliveries.length),
    );
    const last = chunks.at(-1);
    if (!last || chunks.length < size) break;
    before = Number(last.id);
    size = nextListingPage(size);
  }
  return deliveries;
}
