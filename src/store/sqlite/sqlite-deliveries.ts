// The webhook event log's delivery side in SQLite: leasing due events, recording attempts, and
// listing deliveries. The store runs each function on its one connection, in its queue.
import type Database from 'better-sqlite3';
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
import type { Prepare } from './sqlite-schema.js';

/**
 * One statement: it runs alone in its own write transaction, so two processes sharing a file
 * never lease the same event. It reads the due index only: left to itself, SQLite walks every
 * event of the apps with a target URL (their index), delivered ones included, on every poll.
 */
export function due(prepare: Prepare, now: Date, limit: number, leaseUntil: Date): OwedEvent[] {
  const rows = prepare(
    `UPDATE webhook_events SET leased_until = ?
     WHERE id IN (
       SELECT id FROM webhook_events INDEXED BY webhook_events_due
       WHERE due_at IS NOT NULL AND due_at <= ? AND (leased_until IS NULL OR leased_until <= ?)
         AND app_id IN (SELECT app_id FROM webhook_apps WHERE target_url IS NOT NULL)
       ORDER BY id LIMIT ?)
     RETURNING id, app_id, attempts, payload`,
  ).all(leaseUntil.getTime(), now.getTime(), now.getTime(), limit);
  return toOwedEvents(rows as OwedEventRow[]);
}

export function targetOf(prepare: Prepare, appId: number): DeliveryTarget | null {
  const row = prepare(
    `SELECT target_url, client_secret, max_concurrent_requests FROM webhook_apps
     WHERE app_id = ? AND target_url IS NOT NULL`,
  ).get(appId);
  return toTarget(row as TargetRow | undefined);
}

/**
 * Ends the events' leases, counts the attempt, sets the next due time (none once delivered or
 * given up) and records the attempt. An event another deliverer has delivered meanwhile (its lease
 * had run out) stays delivered.
 */
export function settle(db: Database.Database, prepare: Prepare, attempt: DeliveryAttempt): void {
  const settledAt = attempt.startedAt.getTime() + attempt.durationMs;
  db.transaction(() => {
    const updated = prepare(
      `UPDATE webhook_events SET attempts = attempts + 1, leased_until = NULL,
         due_at = r.value ->> 1, delivered = ?,
         settled_at = CASE WHEN r.value ->> 1 IS NULL THEN ? END
       FROM json_each(?) AS r
       WHERE webhook_events.id = r.value ->> 0 AND webhook_events.delivered = 0
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
  })();
}

/** The filter of each status, on the event's row. */
const STATUS_FILTER = {
  delivered: 'delivered = 1',
  failed: 'delivered = 0 AND due_at IS NULL',
  pending: 'delivered = 0 AND due_at IS NOT NULL',
} as const;

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
  if (query.beforeEventId !== undefined) {
    filters.push('id < ?');
    values.push(query.beforeEventId);
  }
  if (query.status !== undefined) filters.push(STATUS_FILTER[query.status]);
  const where = filters.length > 0 ? `WHERE ${filters.join(' AND ')}` : '';
  const events = prepare(
    `SELECT ${LOGGED_EVENT_COLUMNS} FROM webhook_events ${where} ORDER BY id DESC LIMIT ?`,
  ).all(...values, query.limit) as LoggedEventRow[];
  if (events.length === 0) return [];
  const attempts = prepare(
    `SELECT ${ATTEMPT_COLUMNS} FROM webhook_attempts
     WHERE event_id IN (SELECT value FROM json_each(?))
     ORDER BY event_id, attempt_number, started_at`,
  ).all(JSON.stringify(events.map((event) => event.id))) as AttemptRow[];
  return toDeliveries(events, attempts);
}
