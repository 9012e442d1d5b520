// Batch failure rules: HubSpot answers a whole-request error when no input of a batch succeeds.
import {
  DomainError,
  type BatchItemError,
  type BatchOutcome,
  type ErrorContext,
} from '../errors.js';

/** Lists merged key by key, so one error can speak for every failed input. */
export function mergeContexts(errors: readonly BatchItemError[]): ErrorContext {
  const merged: ErrorContext = {};
  for (const error of errors) {
    for (const [key, values] of Object.entries(error.context)) {
      merged[key] = [...(merged[key] ?? []), ...values];
    }
  }
  return merged;
}

/**
 * Throws the batch's first error (with every input's context) when inputs were given and none
 * succeeded: the single-record forms answer 400 in that case, and so does the batch.
 */
export function throwIfNothingSucceeded<T>(outcome: BatchOutcome<T>, inputCount: number): void {
  const [first] = outcome.errors;
  if (!first || inputCount === 0 || outcome.errors.length < inputCount) return;
  throw new DomainError(first.code, first.message, mergeContexts(outcome.errors));
}
