// The CRM objects API: create (with associations), read, list, update and archive records.
import { DomainError, batchItemError, type BatchOutcome } from '../errors.js';
import type {
  AssociationSpec,
  AssociationType,
  CrmRecord,
  Properties,
  RecordId,
} from '../model.js';
import { objectTypeById, type StandardObjectType } from '../object-types.js';
import type { StoreTransaction } from '../ports.js';
import type { LabelWrite } from '../rules/label-writes.js';
import { parseRecordId } from '../rules/record-ids.js';
import { applyLabelWrites } from './apply-label-writes.js';
import { viewTargets, type TargetView } from './association-reads.js';
import type { CoreDeps } from './deps.js';
import { invalidObjectIds, liveIds, type IdToCheck } from './record-checks.js';

/** Objects batch endpoints take at most this many inputs (HubSpot's documented limit). */
export const OBJECTS_BATCH_LIMIT = 100;
/** Objects list: default and maximum page size. */
export const RECORD_PAGE_DEFAULT = 10;
export const RECORD_PAGE_MAX = 100;

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

/** A record with the associations a read asked for, by target object type. */
export interface RecordView {
  readonly record: CrmRecord;
  readonly associations: readonly { type: StandardObjectType; targets: TargetView[] }[];
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
  return { target: { type: objectTypeById(toTypeId), raw: association.toId }, types };
}

/** Creates records and their associations; any invalid association fails the whole request. */
export async function createRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  inputs: readonly RecordInput[],
): Promise<CrmRecord[]> {
  const resolved = inputs.map((input) =>
    input.associations.map((association) => resolveAssociation(deps, type, association)),
  );
  return deps.store.transaction(async (tx) => {
    const targets = resolved.flat().map((association) => association.target);
    const live = await liveIds(tx, portalId, targets);
    const invalid = targets.filter((target) => live(target) === null);
    if (invalid.length > 0) {
      const error = invalidObjectIds(invalid);
      throw new DomainError(error.code, error.message, error.context);
    }
    const now = deps.clock.now();
    const records = await tx.insertRecords(portalId, type.id, inputs, now);
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
    await applyLabelWrites(tx, deps.catalog, portalId, writes);
    return records;
  });
}

/** What a record read returns besides the record. */
export interface ReadOptions {
  readonly archived: boolean;
  readonly associations: readonly StandardObjectType[];
}

async function withAssociations(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  records: CrmRecord[],
  associationTypes: readonly StandardObjectType[],
): Promise<RecordView[]> {
  const perType = await Promise.all(
    associationTypes.map(async (to) => ({
      to,
      byRecord: await deps.store.targetsOfRecords(
        portalId,
        type.id,
        records.map((record) => record.id),
        to.id,
      ),
    })),
  );
  return records.map((record) => ({
    record,
    associations: perType.flatMap(({ to, byRecord }) => {
      const targets = byRecord.get(record.id) ?? [];
      if (targets.length === 0) return [];
      return [{ type: to, targets: viewTargets(deps, { from: type, to }, targets) }];
    }),
  }));
}

/** One batch may name each record once: which of two updates would win is not defined. */
function assertUniqueIds(ids: readonly RecordId[]): void {
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (duplicates.length === 0) return;
  const list = [...new Set(duplicates)].map(String);
  throw new DomainError(
    'INVALID_INPUT',
    `Duplicate IDs found in batch input: [${list.join(', ')}]. IDs must be unique`,
    { ids: list },
  );
}

/** HubSpot's batch error for ids that name no record of the type. */
function objectsNotFound(type: StandardObjectType, ids: readonly (string | number)[]) {
  return batchItemError(
    'OBJECT_NOT_FOUND',
    `Could not get some ${type.errorName} objects, they may be deleted or not exist. Check that ids are valid.`,
    { ids: ids.map(String) },
  );
}

function notFound(type: StandardObjectType, rawId: string): DomainError {
  return new DomainError('OBJECT_NOT_FOUND', 'resource not found', {
    id: [rawId],
    objectType: [type.errorName],
  });
}

/** One record with the requested associations; 404 when absent. */
export async function getRecord(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  rawId: string,
  options: ReadOptions,
): Promise<RecordView> {
  const id = parseRecordId(rawId);
  const [record] =
    id === null ? [] : await deps.store.getRecords(portalId, type.id, [id], options.archived);
  if (record?.archived !== options.archived) throw notFound(type, rawId);
  const [view] = await withAssociations(deps, portalId, type, [record], options.associations);
  if (!view) throw notFound(type, rawId);
  return view;
}

/** A page of records in id order; the cursor is the last id returned. */
export async function listRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  options: ReadOptions & { readonly after?: string | undefined; readonly limit: number },
): Promise<{ views: RecordView[]; nextAfter?: string }> {
  const afterId = options.after === undefined ? null : parseRecordId(options.after);
  if (options.after !== undefined && afterId === null) {
    throw new DomainError('INVALID_PAGING', `Invalid paging cursor: ${options.after}`, {
      after: [options.after],
    });
  }
  const page = await deps.store.listRecords(
    portalId,
    type.id,
    afterId,
    options.limit + 1,
    options.archived,
  );
  const records = page.slice(0, options.limit);
  const views = await withAssociations(deps, portalId, type, records, options.associations);
  const last = records.at(-1);
  return page.length > options.limit && last ? { views, nextAfter: String(last.id) } : { views };
}

/** Merges properties into a record; 404 when absent or archived. */
export async function updateRecord(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  rawId: string,
  properties: Properties,
): Promise<CrmRecord> {
  const { results } = await batchUpdateRecords(deps, portalId, type, [{ id: rawId, properties }]);
  const [record] = results;
  if (!record) throw notFound(type, rawId);
  return record;
}

/** One update of a batch: an id as sent and the properties to merge. */
export interface RecordUpdateInput {
  readonly id: string | number;
  readonly properties: Properties;
}

/** Merges properties into records; ids that name no live record are reported in one error. */
export async function batchUpdateRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  inputs: readonly RecordUpdateInput[],
): Promise<BatchOutcome<CrmRecord>> {
  const updates = inputs.flatMap((input) => {
    const id = parseRecordId(input.id);
    return id === null ? [] : [{ id, properties: input.properties }];
  });
  assertUniqueIds(updates.map(({ id }) => id));
  const updated = await deps.store.transaction((tx) =>
    tx.updateRecords(portalId, type.id, updates, deps.clock.now()),
  );
  const byId = new Map(updated.map((record) => [record.id, record]));
  const missing = inputs
    .map((input) => input.id)
    .filter((raw) => !byId.has(parseRecordId(raw) ?? 0));
  const results = updates.flatMap(({ id }) => byId.get(id) ?? []);
  return { results, errors: missing.length > 0 ? [objectsNotFound(type, missing)] : [] };
}

/** Archives records; ids that name nothing are ignored, as HubSpot's 204 implies. */
export async function archiveRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  rawIds: readonly (string | number)[],
): Promise<void> {
  const ids = rawIds.map(parseRecordId).filter((id): id is RecordId => id !== null);
  if (ids.length === 0) return;
  await deps.store.transaction((tx: StoreTransaction) =>
    tx.archiveRecords(portalId, type.id, ids, deps.clock.now()),
  );
}

/** Reads records by id; ids that name nothing are reported in one OBJECT_NOT_FOUND error. */
export async function batchReadRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  rawIds: readonly (string | number)[],
  archived: boolean,
): Promise<BatchOutcome<CrmRecord>> {
  const ids = rawIds.map(parseRecordId).filter((id): id is RecordId => id !== null);
  const found = await deps.store.getRecords(portalId, type.id, ids, archived);
  const byId = new Map(
    found.filter((record) => record.archived === archived).map((record) => [record.id, record]),
  );
  const outcome: BatchOutcome<CrmRecord> = { results: [...byId.values()], errors: [] };
  const missing = rawIds.filter((raw) => !byId.has(parseRecordId(raw) ?? 0));
  if (missing.length > 0) outcome.errors.push(objectsNotFound(type, missing));
  return outcome;
}
