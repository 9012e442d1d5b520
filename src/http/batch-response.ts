// HubSpot's batch envelope, and the choice between the success status and 207.
import type { FastifyReply } from 'fastify';
import type { BatchItemError, BatchOutcome } from '../core/errors.js';
import { renderBatchError } from './error-envelope.js';

/** When the batch started and finished, for `startedAt` and `completedAt`. */
export interface BatchTimes {
  readonly startedAt: Date;
  readonly completedAt: Date;
}

/** `{status, results, numErrors?, errors?, startedAt, completedAt}`. */
export function batchBody<T>(times: BatchTimes, results: T[], errors: readonly BatchItemError[]) {
  return {
    status: 'COMPLETE' as const,
    results,
    ...(errors.length > 0
      ? { numErrors: errors.length, errors: errors.map(renderBatchError) }
      : {}),
    startedAt: times.startedAt.toISOString(),
    completedAt: times.completedAt.toISOString(),
  };
}

/**
 * The status of a batch answer: `success`, or 207 when some inputs failed and the operation
 * declares a 207 (operations without one report errors inside their success status).
 */
export function batchStatus<S extends number>(
  outcome: BatchOutcome<unknown>,
  declared: { readonly success: S; readonly multiStatus: boolean },
): S | 207 {
  return outcome.errors.length > 0 && declared.multiStatus ? 207 : declared.success;
}

/**
 * `batchBody` as JSON text in parts, for answers whose results are already JSON (the association
 * reads, see `targetsJson`). Same fields, same order.
 */
export function batchBodyJson(
  times: BatchTimes,
  resultsJson: readonly string[],
  errors: readonly BatchItemError[],
): string[] {
  const failed =
    errors.length > 0
      ? `,"numErrors":${errors.length},"errors":${JSON.stringify(errors.map(renderBatchError))}`
      : '';
  const startedAt = JSON.stringify(times.startedAt.toISOString());
  const completedAt = JSON.stringify(times.completedAt.toISOString());
  const parts = ['{"status":"COMPLETE","results":['];
  resultsJson.forEach((result, index) => {
    if (index > 0) parts.push(',');
    parts.push(result);
  });
  parts.push(`]${failed},"startedAt":${startedAt},"completedAt":${completedAt}}`);
  return parts;
}

/**
 * JSON text given in parts, encoded into one buffer. A batch read answers a megabyte or more:
 * joining its parts into one string, which the socket then measures and encodes again, cost
 * about three times as much as writing each part straight into the buffer.
 */
export function encodeJson(parts: readonly string[]): Buffer {
  let size = 0;
  for (const part of parts) size += Buffer.byteLength(part);
  const buffer = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const part of parts) offset += buffer.write(part, offset);
  return buffer;
}

/** Sends JSON text given in parts as it is, bypassing the route's serializer. */
export function sendJson(
  reply: FastifyReply,
  status: number,
  parts: readonly string[],
): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(encodeJson(parts));
}
