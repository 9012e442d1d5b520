// HubSpot's batch size limits: each batch use case checks its own before it reads or writes.
import { DomainError } from '../errors.js';

/** Inputs allowed per request, by operation. Sources and inferred values: docs/fidelity.md. */
export const BATCH_LIMITS = {
  /** v3 and v4 association batch create (documented: 2,000). */
  associationCreate: 2000,
  /** v3 and v4 association batch read (documented: 1,000 since 2025-02-10). */
  associationRead: 1000,
  /** archive, labels/archive, associate/default (undocumented; same as create). */
  associationArchive: 2000,
  /** Limit configuration batches (undocumented; same as association writes). */
  configurations: 2000,
  /** Every CRM objects batch endpoint (documented: 100). */
  objects: 100,
  /** Legacy v1 create-batch and delete-batch (documented: 100). */
  legacyAssociations: 100,
} as const;

/** Throws BATCH_TOO_LARGE when a batch has more inputs than `limit`. */
export function assertBatchSize(count: number, limit: number): void {
  if (count <= limit) return;
  throw new DomainError(
    'BATCH_TOO_LARGE',
    `Batch input is too large: ${count} inputs were sent and at most ${limit} are allowed`,
    { inputs: [String(count)], maxInputs: [String(limit)] },
  );
}
