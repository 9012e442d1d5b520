// The webhook event log's delivery side in PostgreSQL: leasing due events, recording attempts, and
// listing deliveries; each is one statement, safe with several processes on one database.
import type {
  DeliveryAttempt,
  DeliveryQuery,
  DeliveryTarget,
  LoggedDelivery,
  OwedEvent,
} from '../../core/ports.js';
import {
  ATTEMPT_COLUMNS,
  LOGGED_EVENT_COLUMNS,
  retryPairs,
  toDeliveries,
  toOwedEvents,
  toTarget,
  type AttemptRow,
  type LoggedEventRow,
  type OwedEventRow,
  type TargetRow,
} from '../delivery-rows.js';
import type { Query } from './postgres-schema.js';

/**
 * Leases the oldest due events. SKIP LOCKED: a process leasing at the same moment takes the
 * next events instead of waiting for these, and never the same ones.
 */
export async function due(
  query: Query,
  now: Date,
  limit: number,
  leaseUntil: Date,
): Promise<OwedEvent[]> {
  const rows = await query<OwedEventRow>(
    `UPDATE webhook_events SET leased_until = $3
     WHERE id IN (
       SELECT id FROM webhook_events
       WHERE due_at <= $1 AND (leased_until IS NULL OR leased_until <= $1)
         AND app_id IN (SELECT app_id FROM webhook_apps WHERE target_url IS NOT NULL)
       ORDER BY id LIMIT $2
       FOR UPDATE SKIP LOCKED)
     RETURNING id, app_id, attempts, payload`,
    [now, limit, leaseUntil],
  );
  return toOwedEvents(rows);
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
 * Ends the events' leases, counts the attempt, sets the next due time (none once delivered or
 * given up) and records the attempt, in one statement. An event another deliverer has delivered
 * meanwhile (its lease had run out) stays delivered.
 */
export async function settle(query: Query, attempt: DeliveryAttempt): Promise<void> {
  const pairs = retryPairs(attempt);
  await query(
    `WITH next AS (
       SELECT * FROM unnest($1::bigint[], $2::double precision[]) AS n (id, due_ms)
     ), updated AS (
       UPDATE webhook_events e SET attempts = e.attempts + 1, leased_until = NULL,
         due_at = to_timestamp(next.due_ms / 1000), delivered = $3,
         settled_at = CASE WHEN next.due_ms IS NULL THEN $4::timestamptz END
       FROM next WHERE e.id = next.id AND NOT e.delivered
       RETURNING e.id, e.portal_id, e.attempts - 1 AS attempt_number
     )
     INSERT INTO webhook_attempts (portal_id, ${ATTEMPT_COLUMNS})
     SELECT portal_id, id, attempt_number, $5, $6, $7, $8 FROM updated`,
    [
      pairs.map(([id]) => id),
      pairs.map(([, dueMs]) => dueMs),
      attempt.delivered,
      new Date(attempt.startedAt.getTime() + attempt.durationMs),
      attempt.startedAt,
      attempt.durationMs,
      attempt.status,
      attempt.error,
    ],
  );
}

/** The filter of each status, on the event's row. */
const STATUS_FILTER = {
  delivered: 'delivered',
  failed: 'NOT delivered AND due_at IS NULL',
  pending: 'NOT delivered AND due_at IS NOT NULL',
} as const;

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
  if (filter.beforeEventId !== undefined) add((p) => `id < ${p}`, filter.beforeEventId);
  if (filter.status !== undefined) filters.push(STATUS_FILTER[filter.status]);
  const where = filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : '';
  values.push(filter.limit);
  const events = await query<LoggedEventRow>(
    `SELECT ${LOGGED_EVENT_COLUMNS} FROM webhook_events ${where}
     ORDER BY id DESC LIMIT $${values.length}`,
    values,
  );
  if (events.length === 0) return [];
  const attempts = await query<AttemptRow>(
    `SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempts WHERE event_id = ANY($1::bigint[])
     ORDER BY event_id, attempt_number, id`,
    [events.map((event) => event.id)],
  );
  return toDeliveries(events, attempts);
}
