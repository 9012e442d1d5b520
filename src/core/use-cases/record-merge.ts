// Merges two records into one (HubSpot's merge): identity, property values, associations, and
// the merged-away ids that go on naming the merged record.
import { DomainError } from '../errors.js';
import type { CrmRecord, Properties, RecordId } from '../model.js';
import { singularName, type StandardObjectType } from '../object-types.js';
import type { StoreTransaction } from '../ports.js';
import { planMergedAssociations } from '../rules/merge-associations.js';
import {
  MAX_IDENTITIES,
  MERGED_IDS_PROPERTY,
  clientWritable,
  formatMergedIds,
  mergeMintsNewId,
} from '../rules/merged-ids.js';
import { parseRecordId } from '../rules/record-ids.js';
import { forPortal, type CoreDeps } from './deps.js';
import { recordNotFound, recordsByIdOrMergedId } from './record-checks.js';

/** HubSpot's PublicMergeInput: ids as sent. */
export interface MergeInput {
  /** The record whose values win. */
  readonly primaryObjectId: string;
  readonly objectIdToMerge: string;
}

/** The live record an id names, directly or as an id merged into it; 404 otherwise. */
async function liveRecord(
  tx: StoreTransaction,
  portalId: number,
  type: StandardObjectType,
  rawId: string,
): Promise<CrmRecord> {
  const id = parseRecordId(rawId);
  const record =
    id === null
      ? undefined
      : (await recordsByIdOrMergedId(tx, portalId, type, [id], false)).get(id);
  if (!record) throw recordNotFound(type, rawId);
  return record;
}

/** The primary's values; where it has none (absent or empty), the other record's. */
/** How many of the merged record's values came from the other record (HubSpot's count). */
function propertiesMoved(primary: Properties, other: Properties, merged: Properties): number {
  return Object.keys(clientWritable(other)).filter(
    (name) => merged[name] !== primary[name] && merged[name] === other[name],
  ).length;
}

function mergedProperties(primary: Properties, other: Properties, absorbed: RecordId[]) {
  const properties: Properties = { ...clientWritable(primary) };
  for (const [name, value] of Object.entries(clientWritable(other))) {
    const kept = properties[name];
    if (kept === undefined || kept === '') properties[name] = value;
  }
  properties[MERGED_IDS_PROPERTY] = formatMergedIds(absorbed);
  return properties;
}

function selfMerge(type: StandardObjectType, input: MergeInput): DomainError {
  return new DomainError(
    'INVALID_INPUT',
    `Cannot merge a ${singularName(type)} with itself: ${input.primaryObjectId} and ${input.objectIdToMerge} name the same record`,
    { primaryObjectId: [input.primaryObjectId], objectIdToMerge: [input.objectIdToMerge] },
  );
}

function identityLimit(identities: number): DomainError {
  return new DomainError(
    'MERGE_IDENTITY_LIMIT',
    `Cannot have more than ${MAX_IDENTITIES} identities on a profile`,
    { identities: [String(identities)], maxIdentities: [String(MAX_IDENTITIES)] },
  );
}

/**
 * Writes the merged record: for contacts and companies a new record (the two are purged), for
 * other types the primary record itself (the other is purged). Either way the associations of
 * both are deleted first; the caller stores the merged record's.
 */
async function writeMergedRecord(
  deps: CoreDeps,
  tx: StoreTransaction,
  portalId: number,
  [primary, other]: readonly [CrmRecord, CrmRecord],
  absorbed: RecordId[],
): Promise<CrmRecord> {
  const type = primary.objectTypeId;
  const properties = mergedProperties(primary.properties, other.properties, absorbed);
  const createdAt = primary.createdAt < other.createdAt ? primary.createdAt : other.createdAt;
  const now = deps.clock.now();
  if (mergeMintsNewId(type)) {
    await tx.purgeRecords(portalId, type, [primary.id, other.id]);
    const [created] = await tx.insertRecords(portalId, type, [{ properties, createdAt }], now);
    if (created) return created;
  } else {
    await tx.deleteRowsTouchingRecords(portalId, type, [primary.id]);
    await tx.purgeRecords(portalId, type, [other.id]);
    const [updated] = await tx.updateRecords(
      portalId,
      type,
      [{ id: primary.id, properties, createdAt }],
      now,
    );
    if (updated) return updated;
  }
  throw new Error(`the merged ${type} record was not written`);
}

/**
 * Merges `objectIdToMerge` into `primaryObjectId`, in one transaction. Both old ids (and every id
 * merged into either before) then name the merged record; its `hs_merged_object_ids` lists them.
 */
export async function mergeRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  input: MergeInput,
): Promise<CrmRecord> {
  return deps.store.transaction(async (tx) => {
    const scoped = await forPortal(deps, tx, portalId);
    const primary = await liveRecord(tx, portalId, type, input.primaryObjectId);
    const other = await liveRecord(tx, portalId, type, input.objectIdToMerge);
    if (primary.id === other.id) throw selfMerge(type, input);
    const earlier = await tx.idsMergedInto(portalId, type.id, [primary.id, other.id]);
    const absorbed = [
      ...(mergeMintsNewId(type.id) ? [primary.id] : []),
      other.id,
      ...(earlier.get(primary.id) ?? []),
      ...(earlier.get(other.id) ?? []),
    ];
    // The merged record's own id counts as one of its identities.
    if (absorbed.length + 1 > MAX_IDENTITIES) throw identityLimit(absorbed.length + 1);
    const rows = await tx.rowsTouchingRecords(portalId, type.id, [primary.id, other.id]);
    const mark = tx.changeSet.mark();
    const record = await writeMergedRecord(deps, tx, portalId, [primary, other], absorbed);
    await tx.insertMergedIds(portalId, type.id, record.id, absorbed);
    const plan = planMergedAssociations(scoped.catalog, rows, {
      objectTypeId: type.id,
      primaryId: primary.id,
      otherId: other.id,
      mergedId: record.id,
    });
    await tx.insertAssociations(portalId, plan.live);
    await tx.insertSetAsideAssociations(portalId, plan.setAside);
    // The purges, the insert and the moved rows are one merge to whoever listens for changes,
    // and the record merged away is deleted (HubSpot fires its deletion, and nothing for the
    // values and rows the merge moved).
    tx.changeSet.rewriteSince(mark, () => [
      {
        kind: 'merged',
        objectTypeId: type.id,
        primaryId: primary.id,
        mergedIds: [other.id],
        newId: record.id,
        propertiesMoved: propertiesMoved(primary.properties, other.properties, record.properties),
      },
      { kind: 'archived', objectTypeId: type.id, id: other.id },
    ]);
    return record;
  });
}
