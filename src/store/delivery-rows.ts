// Rows of the webhook event log's delivery side as both engines read them, mapped to the port's
// values (SQLite keeps times as epoch ms and booleans as 0/1; PostgreSQL as timestamps and
// booleans; both keep a chunk's events as JSON text, and ids may come back as strings).
import type {
  DeliveryAttempt,
  DeliveryStatus,
  DeliveryTarget,
  LoggedDelivery,
  OwedChunk,
  RecordedAttempt,
} from '../core/ports.js';
import { chunkEvents } from '../core/event-chunks.js';

type Time = Date | number;

const asDate = (time: Time): Date => (time instanceof Date ? time : new Date(time));

/** A chunk row `due` hands out. */
export interface OwedChunkRow {
  id: number | string;
  app_id: number | string;
  attempts: number;
  event_count: number;
  events: string;
}

/** Owed chunks oldest first (RETURNING promises no order). */
export function toOwedChunks(rows: readonly OwedChunkRow[]): OwedChunk[] {
  return rows
    .map((row) => ({ ...row, id: Number(row.id) }))
    .sort((a, b) => a.id - b.id)
    .map((row) => ({
      id: `${row.id}`,
      appId: Number(row.app_id),
      attemptNumber: row.attempts,
      eventCount: row.event_count,
      events: row.events,
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

/** A logged chunk as the listing reads it. */
export interface LoggedChunkRow {
  id: number | string;
  portal_id: number | string;
  app_id: number | string;
  events: string;
  created_at: Time;
  due_at: Time | null;
  delivered: boolean | number;
}

/**
 * Chunks the listing reads in its first statement, doubling in each next one up to 64: a page of
 * deliveries is usually a chunk or two, but a long page of one-event chunks needs many.
 */
export const LISTING_PAGE = 4;

export const nextListingPage = (page: number): number => Math.min(64, page * 2);

export const LOGGED_CHUNK_COLUMNS = 'id, portal_id, app_id, events, created_at, due_at, delivered';

export interface AttemptRow {
  chunk_id: number | string;
  attempt_number: number;
  started_at: Time;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
}

export const ATTEMPT_COLUMNS =
  'chunk_id, attempt_number, started_at, duration_ms, status_code, error';

/** Delivered; otherwise pending while a next attempt is due, and failed once none is. */
function statusOf(row: LoggedChunkRow): DeliveryStatus {
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

/**
 * The events of chunks read newest first, newest first, each with its chunk's attempts in the
 * order they were made; only those before `beforeEventId`, and no more than `limit`.
 */
export function toDeliveries(
  chunks: readonly LoggedChunkRow[],
  attempts: readonly AttemptRow[],
  beforeEventId: number | undefined,
  limit: number,
): LoggedDelivery[] {
  const byChunk = new Map<number, RecordedAttempt[]>();
  for (const row of attempts) {
    const id = Number(row.chunk_id);
    const list = byChunk.get(id);
    if (list) list.push(toAttempt(row));
    else byChunk.set(id, [toAttempt(row)]);
  }
  const deliveries: LoggedDelivery[] = [];
  for (const row of chunks) {
    const id = Number(row.id);
    const status = statusOf(row);
    const chunkAttempts = byChunk.get(id) ?? [];
    const events = chunkEvents(id, row.events).reverse();
    for (const event of events) {
      if (deliveries.length >= limit) return deliveries;
      if (beforeEventId !== undefined && event.eventId >= beforeEventId) continue;
      deliveries.push({
        ...event,
        portalId: Number(row.portal_id),
        appId: Number(row.app_id),
        status,
        createdAt: asDate(row.created_at),
        nextAttemptAt: status === 'pending' && row.due_at !== null ? asDate(row.due_at) : null,
        attempts: chunkAttempts,
      });
    }
  }
  return deliveries;
}

/** Each chunk of an attempt with its next due time (epoch ms), or null when it is settled. */
export function retryPairs(attempt: DeliveryAttempt): [number, number | null][] {
  return attempt.chunkIds.map((id) => {
    const at = attempt.retryAt.get(id) ?? null;
    return [Number(id), at === null ? null : at.getTime()];
  });
}
