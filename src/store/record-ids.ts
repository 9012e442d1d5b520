// Record ids as every store hands them out: a per-portal sequence, given to a batch in order.
import type { CrmRecord } from '../core/model.js';
import type { NewRecord } from '../core/ports.js';

/** Record ids start at 11 digits, like HubSpot's, so clients never get away with 32-bit ids. */
export const FIRST_RECORD_ID = 10_000_000_001;

/** The records a batch insert created, in input order, with ids from `firstId` on. */
export function insertedRecords(
  objectTypeId: string,
  records: readonly NewRecord[],
  firstId: number,
  now: Date,
): CrmRecord[] {
  return records.map((record, index) => ({
    objectTypeId,
    id: firstId + index,
    properties: record.properties,
    createdAt: record.createdAt ?? now,
    updatedAt: now,
    archived: false,
    archivedAt: null,
  }));
}
