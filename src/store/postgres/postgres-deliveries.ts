// The webhook event log's delivery side in PostgreSQL: leasing due chunks of events, recording
// attempts, and listing deliveries; each write is one statement, safe with several processes on
// one database.
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
import type { Query } from './postgres-schema.js';

/**
 * Leases the oldest due chunks. SKIP LOCKED: a process leasing at the same moment takes the
 * next chunks instead of waiting for these, and never the same ones.
 */
export async function due(
  query: Query,
  now: Date,
  limit: number,
  leaseUntil: Date,
): Promise<OwedChunk[]> {
  const rows = await query<OwedChunkRow>(
    `UPDATE webhook_event_chunks SET leased_until = $3
     WHERE id IN (
       SELECT id FROM webhook_event_chunks
       WHERE due_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
         AND app_id IN (SELECT app_id FROM webhook_apps WHERE target_url IS NOT NULL)
       ORDER BY id LIMIT $2
       FOR UPDATE SKIP LOCKED)
     RETURNING id, app_id, attempts, event_count, events`,
    [now, limit, leaseUntil],
  );
  return toOwedChunks(rows);
}

export async function targetOf(query: Query, appId: number): Promise<DeliveryTarget | null> {
  const [row] = await query<TargetRow>(
    `SELECT target_url, client_secret, max_concurrent_requests FROM webhook_apps
     WHERE app_id = $1 AND target_url IS NOT NULL`,
    [appId],
  );
  return toTarget(row);
}

/**
 * Ends the chunks' leases, counts the attempt, sets the next due time (none once delivered or
 * given up) and records the attempt, one row per chunk; all the attempts in one statement. A
 * chunk another deliverer has delivered meanwhile (its lease had run out) stays delivered.
 */
export async function settle(query: Query, attempts: readonly DeliveryAttempt[]): Promise<void> {
  // One row per chunk, each with its attempt's outcome.
  const rows = attempts.flatMap((attempt) =>
    retryPairs(attempt).map(([id, dueMs]) => ({ id, dueMs, attempt })),
  );
  if (rows.length === 0) return;
  const column = <T>(value: (row: (typeof rows)[number]) => T): T[] => rows.map(value);
  await query(
    `WITH next AS (
       SELECT * FROM unnest($1::bigint[], $2::double precision[], $3::boolean[],
         $4::timestamptz[], $5::double precision[], $6::integer[], $7::text[])
         AS n (id, due_ms, delivered, started_at, duration_ms, status_code, error)
     ), updated AS (
       UPDATE webhook_event_chunks c SET attempts = c.attempts + 1, leased_until = NULL,
         due_at = to_timestamp(next.due_ms / 1000), delivered = next.delivered,
         settled_at = CASE WHEN next.due_ms IS NULL
           THEN next.started_at + next.duration_ms * interval '1 millisecond' END
       FROM next WHERE c.id = next.id AND NOT c.delivered
       RETURNING c.id, c.portal_id, c.attempts - 1 AS attempt_number, next.started_at,
         next.duration_ms, next.status_code, next.error
     )
     INSERT INTO webhook_attempts (portal_id, ${ATTEMPT_COLUMNS})
     SELECT portal_id, id, attempt_number, started_at, duration_ms, status_code, error
     FROM updated`,
    [
      column((row) => row.id),
      column((row) => row.dueMs),
      column((row) => row.attempt.delivered),
      column((row) => row.attempt.startedAt),
      column((row) => row.attempt.durationMs),
      column((row) => row.attempt.status),
      column((row) => row.attempt.error),
    ],
  );
}

/** `DeliveryQueue.extendLease`, in one statement. */
export async function extendLease(
  query: Query,
  chunkIds: readonly string[],
  leasedUntil: Date,
  until: Date,
): Promise<number> {
  const rows = await query(
    `UPDATE webhook_event_chunks SET leased_until = $3
     WHERE id = ANY($1::bigint[]) AND leased_until = $2 AND NOT delivered RETURNING id`,
    [chunkIds, leasedUntil, until],
  );
  return rows.length;
}

/**
 * `DeliveryQueue.prune`, in one statement. SKIP LOCKED: a chunk another process is settling
 * or pruning is left to it.
 */
export async function prune(query: Query, settledBefore: Date, limit: number): Promise<number> {
  const rows = await query<{ id: string }>(
    `WITH old AS (
       SELECT id FROM webhook_event_chunks
       WHERE settled_at IS NOT NULL AND settled_at < $1
       ORDER BY settled_at LIMIT $2
       FOR UPDATE SKIP LOCKED
     ), attempts AS (
       DELETE FROM webhook_attempts WHERE chunk_id IN (SELECT id FROM old)
     )
     DELETE FROM webhook_event_chunks WHERE id IN (SELECT id FROM old) RETURNING id`,
    [settledBefore, limit],
  );
  return rows.length;
}

/** The filter of each status, on the chunk's row. */
const STATUS_FILTER = {
  delivered: 'delivered',
  failed: 'NOT delivered AND due_at IS NULL',
  pending: 'NOT delivered AND due_at IS NOT NULL',
} as const;

/** Reads chunks newest first, a page at a time, until it has `limit` events or no more. */
export async function listDeliveries(
  query: Query,
  filter: DeliveryQuery,
): Promise<LoggedDelivery[]> {
  const filters: string[] = [];
  const values: unknown[] = [];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    filters.push(sql(`$${values.length}`));
  };
  if (filter.appId !== undefined) add((p) => `app_id = ${p}`, filter.appId);
  if (filter.portalId !== undefined) add((p) => `portal_id = ${p}`, filter.portalId);
  if (filter.status !== undefined) filters.push(STATUS_FILTER[filter.status]);
  const before = values.length + 1;
  const sql = `SELECT ${LOGGED_CHUNK_COLUMNS} FROM webhook_event_chunks
    WHERE ${[...filters, `id < $${before}`].join(' AND ')}
    ORDER BY id DESC LIMIT $${before + 1}`;
  const deliveries: LoggedDelivery[] = [];
  let cursor = filter.beforeEventId ?? Number.MAX_SAFE_INTEGER;
  let size = LISTING_PAGE;
  while (deliveries.length < filter.limit) {
    const chunks = await query<LoggedChunkRow>(sql, [...values, cursor, size]);
    if (chunks.length === 0) break;
    const attempts = await query<AttemptRow>(
      `SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempts WHERE chunk_id = ANY($1::bigint[])
       ORDER BY chunk_id, attempt_number, id`,
      [chunks.map((chunk) => chunk.id)],
    );
    deliveries.push(
      ...toDeliveries(chunks, attempts, filter.beforeEventId, filter.limit - deliveries.length),
    );
    const last = chunks.at(-1);
    if (!last || chunks.length < size) break;
    cursor = Number(last.id);
    size = nextListingPage(size);
  }
  return deliveries;
}
