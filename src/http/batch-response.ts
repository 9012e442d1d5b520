// HubSpot's batch envelope, and the choice between the success status and 207.
import type { FastifyReply } from 'fastify';
import type { BatchItemError, BatchOutcome } from '../core/errors.js';
import { renderBatchError } from './error-envelope.js';
import { JsonOut, type JsonWriter } from './json-out.js';

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
 * `batchBody` written as JSON, for answers whose results write themselves (the association
 * reads, see `targetsJsonWriter`). Same fields, same order.
 */
export function writeBatchBody(
  out: JsonOut,
  times: BatchTimes,
  results: readonly JsonWriter[],
  errors: readonly BatchItemError[],
): void {
  out.text('{"status":"COMPLETE","results":[');
  results.forEach((writeResult, index) => {
    if (index > 0) out.text(',');
    writeResult(out);
  });
  out.text(']');
  if (errors.length > 0) {
    out.text(
      `,"numErrors":${errors.length},"errors":${JSON.stringify(errors.map(renderBatchError))}`,
    );
  }
  out.text(`,"startedAt":${JSON.stringify(times.startedAt.toISOString())}`);
  out.text(`,"completedAt":${JSON.stringify(times.completedAt.toISOString())}}`);
}

/** Sends JSON written by a `JsonWriter` as it is, bypassing the route's serializer. */
export function sendWrittenJson(
  reply: FastifyReply,
  status: number,
  write: JsonWriter,
): FastifyReply {
  const out = new JsonOut();
  write(out);
  return reply.code(status).type('application/json; charset=utf-8').send(out.finish());
}
