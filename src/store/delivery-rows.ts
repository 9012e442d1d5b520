// Rows of the webhook event log's delivery side as both engines read them, mapped to the port's
// values (SQLite keeps times as epoch ms, booleans as 0/1 and JSON as text; PostgreSQL as
// timestamps, booleans and parsed JSON).
import type {
  DeliveryAttempt,
  DeliveryStatus,
  DeliveryTarget,
  LoggedDelivery,
  OwedEvent,
  RecordedAttempt,
} from '../core/ports.js';

type Time = Date | number;

const asDate = (time: Time): Date => (time instanceof Date ? time : new Date(time));

/** A row `due` hands out. */
export interface OwedEventRow {
  id: number;
  app_id: number;
  attempts: number;
  payload: string | Record<string, unknown>;
}

/** The payload as the receiver gets it: the log's id as `eventId`, first, as HubSpot writes it. */
function payloadOf(id: number, payload: string | Record<string, unknown>) {
  const fields =
    typeof payload === 'string' ? (JSON.parse(payload) as Record<string, unknown>) : payload;
  return { eventId: id, ...fields };
}

/** Owed events oldest first (RETURNING promises no order). */
export function toOwedEvents(rows: readonly OwedEventRow[]): OwedEvent[] {
  return [...rows]
    .sort((a, b) => a.id - b.id)
    .map((row) => ({
      id: `${row.id}`,
      appId: row.app_id,
      attemptNumber: row.attempts,
      payload: payloadOf(row.id, row.payload),
    }));
}

/** An app's target, read from its settings. */
export interface TargetRow {
  target_url: string;
  client_secret: string;
  max_concurrent_requests: number | null;
}

export function toTarget(row: TargetRow | undefined): DeliveryTarget | null {
  if (!row) return null;
  return {
    targetUrl: row.target_url,
    clientSecret: row.client_secret,
    maxConcurrentRequests: row.max_concurrent_requests ?? 1,
  };
}

/** A logged event as the listing reads it. */
export interface LoggedEventRow {
  id: number;
  portal_id: number;
  app_id: number;
  subscription_id: number;
  object_type_id: string;
  object_id: number;
  payload: string | Record<string, unknown>;
  created_at: Time;
  due_at: Time | null;
  delivered: boolean | number;
}

export const LOGGED_EVENT_COLUMNS =
  'id, portal_id, app_id, subscription_id, object_type_id, object_id, payload, created_at, ' +
  'due_at, delivered';

export interface AttemptRow {
  event_id: number;
  attempt_number: number;
  started_at: Time;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
}

export const ATTEMPT_COLUMNS =
  'event_id, attempt_number, started_at, duration_ms, status_code, error';

/** Delivered; otherwise pending while a next attempt is due, and failed once none is. */
function statusOf(row: LoggedEventRow): DeliveryStatus {
  if (row.delivered) return 'delivered';
  return row.due_at === null ? 'failed' : 'pending';
}

function toAttempt(row: AttemptRow): RecordedAttempt {
  return {
    attemptNumber: row.attempt_number,
    startedAt: asDate(row.started_at),
    durationMs: row.duration_ms,
    statusCode: row.status_code,
    error: row.error,
  };
}

/** Events in the order read, each with its attempts in the order they were made. */
export function toDeliveries(
  events: readonly LoggedEventRow[],
  attempts: readonly AttemptRow[],
): LoggedDelivery[] {
  const byEvent = new Map<number, RecordedAttempt[]>();
  for (const row of attempts) {
    const list = byEvent.get(row.event_id);
    if (list) list.push(toAttempt(row));
    else byEvent.set(row.event_id, [toAttempt(row)]);
  }
  return events.map((row) => {
    const status = statusOf(row);
    return {
      eventId: row.id,
      portalId: row.portal_id,
      appId: row.app_id,
      subscriptionId: row.subscription_id,
      objectTypeId: row.object_type_id,
      objectId: row.object_id,
      payload: payloadOf(row.id, row.payload),
      status,
      createdAt: asDate(row.created_at),
      nextAttemptAt: status === 'pending' && row.due_at !== null ? asDate(row.due_at) : null,
      attempts: byEvent.get(row.id) ?? [],
    };
  });
}

/** Each event of an attempt with its next due time (epoch ms), or null when it is settled. */
export function retryPairs(attempt: DeliveryAttempt): [number, number | null][] {
  return attempt.eventIds.map((id) => {
    const at = attempt.retryAt.get(id) ?? null;
    return [Number(id), at === null ? null : at.getTime()];
  });
}
