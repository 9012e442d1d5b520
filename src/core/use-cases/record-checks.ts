// Checks that the records a request names exist and are live, and HubSpot's errors when not.
import { DomainError, batchItemError, type BatchItemError } from '../errors.js';
import type { CrmRecord, RecordId } from '../model.js';
import type { StandardObjectType } from '../object-types.js';
import type { PairWriteHold, RecordReader, StoreTransaction } from '../ports.js';
import { parseRecordId } from '../rules/record-ids.js';

/** One id to check, as the client sent it and as parsed (null when it names no record). */
export interface IdToCheck {
  readonly type: StandardObjectType;
  readonly raw: string | number;
  readonly id: RecordId | null;
}

/** An id to check, parsed once: a batch looks each one up several times. */
export function idToCheck(type: StandardObjectType, raw: string | number): IdToCheck {
  return { type, raw, id: parseRecordId(raw) };
}

/**
 * Which of the given ids name live records, fetched in one store call for every object type;
 * with `hold`, the call also holds it for the write (`holdForPairWrites`).
 */
export async function liveIds(
  tx: StoreTransaction,
  portalId: number,
  ids: readonly IdToCheck[],
  hold?: PairWriteHold,
): Promise<(checked: IdToCheck) => RecordId | null> {
  // A batch names the same record many times (one contact with 2,000 companies): ask once each.
  const byType = new Map<string, Set<RecordId>>();
  for (const { type, id } of ids) {
    if (id === null) continue;
    const set = byType.get(type.id);
    if (set) set.add(id);
    else byType.set(type.id, new Set([id]));
  }
  const live = await tx.liveRecordIds(
    portalId,
    [...byType].map(([objectTypeId, set]) => ({ objectTypeId, ids: [...set] })),
    hold,
  );
  return ({ type, id }) => (id !== null && live.get(type.id)?.has(id) ? id : null);
}

/** HubSpot's error for ids that name no live record: "One or more associations are invalid". */
export function invalidObjectIds(invalid: readonly IdToCheck[]): BatchItemError {
  return batchItemError('INVALID_OBJECT_IDS', 'One or more associations are invalid', {
    INVALID_OBJECT_IDS: invalid.map(({ type, raw }) => `${type.errorName}=${raw} is not valid`),
    objectId: invalid.map(({ raw }) => String(raw)),
    objectType: invalid.map(({ type }) => type.errorName),
  });
}

/** HubSpot's batch error for ids that name no record of the type. */
export function objectsNotFound(type: StandardObjectType, ids: readonly (string | number)[]) {
  return batchItemError(
    'OBJECT_NOT_FOUND',
    `Could not get some ${type.errorName} objects, they may be deleted or not exist. Check that ids are valid.`,
    { ids: ids.map(String) },
  );
}

/** HubSpot's 404 for a record the path names. */
export function recordNotFound(type: StandardObjectType, rawId: string): DomainError {
  return new DomainError('OBJECT_NOT_FOUND', 'resource not found', {
    id: [rawId],
    objectType: [type.errorName],
  });
}

/**
 * Records by id, where an id merged into another record stands for that record: keyed by the ids
 * asked for, the found ones first (in id order), then those reached through a merged id.
 */
export async function recordsByIdOrMergedId(
  reader: RecordReader,
  portalId: number,
  type: StandardObjectType,
  ids: readonly RecordId[],
  includeArchived: boolean,
): Promise<Map<RecordId, CrmRecord>> {
  const found = await reader.getRecords(portalId, type.id, ids, includeArchived);
  const byId = new Map(found.map((record) => [record.id, record]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length === 0) return byId;
  const merged = await reader.resolveMergedIds(portalId, type.id, missing);
  if (merged.size === 0) return byId;
  const targets = await reader.getRecords(
    portalId,
    type.id,
    [...new Set(merged.values())],
    includeArchived,
  );
  const byTarget = new Map(targets.map((record) => [record.id, record]));
  for (const [id, into] of merged) {
    const record = byTarget.get(into);
    if (record) byId.set(id, record);
  }
  return byId;
}
