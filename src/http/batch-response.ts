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
 * `batchBody` as JSON text, for answers whose results are already JSON (the association reads,
 * see `targetsJson`). Same fields, same order.
 */
export function batchBodyJson(
  times: BatchTimes,
  resultsJson: readonly string[],
  errors: readonly BatchItemError[],
): string {
  const failed =
    errors.length > 0
      ? `,"numErrors":${errors.length},"errors":${JSON.stringify(errors.map(renderBatchError))}`
      : '';
  const startedAt = JSON.stringify(times.startedAt.toISOString());
  const completedAt = JSON.stringify(times.completedAt.toISOString());
  return `{"status":"COMPLETE","results":[${resultsJson.join(',')}]${failed},"startedAt":${startedAt},"completedAt":${completedAt}}`;
}

/** Sends JSON text as it is, bypassing the route's serializer. */
export function sendJson(reply: FastifyReply, status: number, json: string): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(json);
}
