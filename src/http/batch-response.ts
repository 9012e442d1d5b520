// HubSpot's batch envelope, and the choice between the success status and 207.
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
