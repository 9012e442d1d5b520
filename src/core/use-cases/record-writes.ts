// The CRM objects API's writes: create (with associations), update and archive records.
import { DomainError, type BatchItemError, type BatchOutcome } from '../errors.js';
import type {
  AssociationSpec,
  AssociationType,
  CrmRecord,
  Properties,
  RecordId,
} from '../model.js';
import { objectTypeById, type StandardObjectType } from '../object-types.js';
import type { StoreTransaction } from '../ports.js';
import { BATCH_LIMITS, assertBatchSize } from '../rules/batch-limits.js';
import type { LabelWrite } from '../rules/label-writes.js';
import { recordPropertyValues } from '../rules/property-values.js';
import { parseRecordId } from '../rules/record-ids.js';
import { asciiLowerCase } from '../rules/unique-properties.js';
import { planWrites, storeChanges } from './apply-label-writes.js';
import { forPortal, type CoreDeps } from './deps.js';
import { assertDeclaredProperties } from './property-definitions.js';
import {
  invalidObjectIds,
  liveIds,
  objectsNotFound,
  recordNotFound,
  idToCheck,
  type IdToCheck,
} from './record-checks.js';
import { assertUniqueValues, recordIdsByUniqueValue, uniqueProperties } from './unique-values.js';

/** An association to create with a new record (`associations` in the create body). */
export interface NewRecordAssociation {
  readonly toId: string | number;
  readonly types: readonly AssociationSpec[];
}

/** A record to create. */
export interface RecordInput {
  readonly properties: Properties;
  readonly associations: readonly NewRecordAssociation[];
}

/** A resolved association of a new record: its target type and catalog types. */
interface ResolvedAssociation {
  readonly target: IdToCheck;
  readonly types: AssociationType[];
}

function resolveAssociation(
  deps: CoreDeps,
  from: StandardObjectType,
  association: NewRecordAssociation,
): ResolvedAssociation {
  const types = association.types.map((spec) => {
    const type = deps.catalog.findFrom(from.id, spec);
    if (!type) {
      throw new DomainError(
        'INVALID_ASSOCIATION_TYPE',
        `${spec.category} association type ${spec.typeId} is not a valid association type from ${from.plural}`,
        { associationCategory: [spec.category], associationTypeId: [String(spec.typeId)] },
      );
    }
    return type;
  });
  const toTypeIds = new Set(types.map((type) => type.toObjectTypeId));
  const [toTypeId] = toTypeIds;
  if (toTypeId === undefined || toTypeIds.size > 1) {
    throw new DomainError(
      'INVALID_INPUT',
      'Each association must list one or more types, all to the same object type',
      { toObjectId: [String(association.toId)] },
    );
  }
  return { target: idToCheck(objectTypeById(toTypeId), association.toId), types };
}

/** Creates records and their associations; any invalid association fails the whole request. */
export async function createRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  inputs: readonly RecordInput[],
): Promise<CrmRecord[]> {
  assertBatchSize(inputs.length, BATCH_LIMITS.objects);
  return deps.store.transaction(async (tx) => {
    // The portal's labels matter only to associations; most creates name none.
    const associated = inputs.some((input) => input.associations.length > 0);
    const scoped = associated ? await forPortal(deps, tx, portalId) : deps;
    const resolved = inputs.map((input) =>
      input.associations.map((association) => resolveAssociation(scoped, type, association)),
    );
    const targets = resolved.flat().map((association) => association.target);
    const live = await liveIds(tx, portalId, targets);
    const invalid = targets.filter((target) => live(target) === null);
    if (invalid.length > 0) throw thrown(invalidObjectIds(invalid));
    const properties = inputs.map((input) => recordPropertyValues(type, input.properties, true));
    await assertDeclaredProperties(deps, tx, portalId, type, properties);
    const records = await tx.insertRecords(
      portalId,
      type.id,
      properties.map((values) => ({ properties: values })),
      deps.clock.now(),
    );
    const unique = await uniqueProperties(tx, portalId, type, properties);
    await assertUniqueValues(
      tx,
      portalId,
      type,
      unique,
      records.map((record, index) => ({ id: record.id, properties: properties[index] ?? {} })),
    );
    const writes = records.flatMap((record, index) =>
      (resolved[index] ?? []).map(({ target, types }): LabelWrite => ({
        pair: {
          fromObjectTypeId: type.id,
          fromId: record.id,
          toObjectTypeId: target.type.id,
          toId: live(target) ?? 0,
        },
        types,
      })),
    );
    const plan = await planWrites(scoped.catalog, tx, portalId, writes);
    for (const written of plan.outcomes) if (!written.applied) throw thrown(written.error);
    await storeChanges(tx, portalId, plan.changes);
    return records;
  });
}

/** A per-input error raised as the whole request's: creates are all or nothing. */
function thrown(error: BatchItemError): DomainError {
  return new DomainError(error.code, error.message, error.context);
}

/** One batch may name each record once: which of two updates would win is not defined. */
export function assertUniqueIds(ids: readonly (RecordId | string)[]): void {
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (duplicates.length === 0) return;
  const list = [...new Set(duplicates)].map(String);
  throw new DomainError(
    'INVALID_INPUT',
    `Duplicate IDs found in batch input: [${list.join(', ')}]. IDs must be unique`,
    { ids: list },
  );
}

/**
 * Merges properties into a record, named by id or by a unique `idProperty`'s value; 404 when
 * absent or archived.
 */
export async function updateRecord(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  rawId: string,
  properties: Properties,
  idProperty?: string,
): Promise<CrmRecord> {
  // why: a single update reads `hs_object_id` as the record id; only a batch input refuses it.
  const byValue = idProperty === 'hs_object_id' ? undefined : idProperty;
  const { results } = await batchUpdateRecords(deps, portalId, type, [
    { id: rawId, properties, ...(byValue === undefined ? {} : { idProperty: byValue }) },
  ]);
  const [record] = results;
  if (!record) throw recordNotFound(type, rawId);
  return record;
}

/** One update of a batch: an id as sent (or a unique `idProperty`'s value), properties to merge. */
export interface RecordUpdateInput {
  readonly id: string | number;
  readonly idProperty?: string | undefined;
  readonly properties: Properties;
}

/**
 * The record each input names: by id, or by its `idProperty`'s value among live records. An
 * input naming `idProperty` (even `hs_object_id`, as HubSpot answers) needs a unique property.
 */
async function inputIds(
  tx: StoreTransaction,
  portalId: number,
  type: StandardObjectType,
  inputs: readonly RecordUpdateInput[],
): Promise<(input: RecordUpdateInput) => RecordId | null> {
  const byProperty = new Map<string, Map<string, RecordId>>();
  for (const property of new Set(inputs.flatMap((input) => input.idProperty ?? []))) {
    const values = inputs
      .filter((input) => input.idProperty === property)
      .map((input) => String(input.id));
    byProperty.set(
      property,
      await recordIdsByUniqueValue(tx, portalId, type, property, values, 'update/upsert'),
    );
  }
  return (input) =>
    input.idProperty === undefined
      ? parseRecordId(input.id)
      : (byProperty.get(input.idProperty)?.get(asciiLowerCase(String(input.id))) ?? null);
}

/** Merges properties into records; ids that name no live record are reported in one error. */
export async function batchUpdateRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  inputs: readonly RecordUpdateInput[],
): Promise<BatchOutcome<CrmRecord>> {
  assertBatchSize(inputs.length, BATCH_LIMITS.objects);
  const { updated, idOf } = await deps.store.transaction(async (tx) => {
    const idOf = await inputIds(tx, portalId, type, inputs);
    const updates = inputs.flatMap((input) => {
      const id = idOf(input);
      return id === null
        ? []
        : [{ id, properties: recordPropertyValues(type, input.properties, false) }];
    });
    assertUniqueIds(updates.map(({ id }) => id));
    await assertDeclaredProperties(
      deps,
      tx,
      portalId,
      type,
      updates.map((update) => update.properties),
    );
    const records = await tx.updateRecords(portalId, type.id, updates, deps.clock.now());
    const written = new Set(records.map((record) => record.id));
    const applied = updates.filter((update) => written.has(update.id));
    const unique = await uniqueProperties(
      tx,
      portalId,
      type,
      applied.map((update) => update.properties),
    );
    await assertUniqueValues(tx, portalId, type, unique, applied);
    return { updated: records, idOf };
  });
  const byId = new Map(updated.map((record) => [record.id, record]));
  const missing = inputs.filter((input) => !byId.has(idOf(input) ?? 0)).map((input) => input.id);
  const results = inputs.flatMap((input) => {
    const id = idOf(input);
    return id === null ? [] : (byId.get(id) ?? []);
  });
  return { results, errors: missing.length > 0 ? [objectsNotFound(type, missing)] : [] };
}

/** Archives records; ids that name nothing are ignored, as HubSpot's 204 implies. */
export async function archiveRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  rawIds: readonly (string | number)[],
): Promise<void> {
  assertBatchSize(rawIds.length, BATCH_LIMITS.objects);
  const ids = rawIds.map(parseRecordId).filter((id): id is RecordId => id !== null);
  if (ids.length === 0) return;
  await deps.store.transaction((tx: StoreTransaction) =>
    tx.archiveRecords(portalId, type.id, ids, deps.clock.now()),
  );
}
