// Plans the association rows a merge leaves: both records' rows moved onto the merged record,
// labels united, the pair between the two dropped, and one Primary target per Primary type kept.
import type { AssociationTypeCatalog } from '../association-types.js';
import type { AssociationRow, RecordId } from '../model.js';
import type { RecordAssociationRows } from '../ports.js';

/** The two records a merge takes and the one it leaves (one of them, or a new one). */
export interface MergeIdentity {
  readonly objectTypeId: string;
  readonly primaryId: RecordId;
  readonly otherId: RecordId;
  readonly mergedId: RecordId;
}

/** A row moved onto the merged record, and where it came from. */
interface MovedRow {
  readonly row: AssociationRow;
  readonly setAside: boolean;
  readonly fromPrimary: boolean;
}

/** The row with both records' ids replaced by the merged one; null for a row between the two. */
function moved(identity: MergeIdentity, row: AssociationRow, setAside: boolean): MovedRow | null {
  const isMerged = (objectTypeId: string, id: RecordId) =>
    objectTypeId === identity.objectTypeId &&
    (id === identity.primaryId || id === identity.otherId);
  const fromMerged = isMerged(row.fromObjectTypeId, row.fromId);
  const toMerged = isMerged(row.toObjectTypeId, row.toId);
  // A record is not associated with itself: the two records' own associations end here.
  if (fromMerged && toMerged) return null;
  return {
    row: {
      ...row,
      fromId: fromMerged ? identity.mergedId : row.fromId,
      toId: toMerged ? identity.mergedId : row.toId,
    },
    setAside,
    fromPrimary: (fromMerged ? row.fromId : row.toId) === identity.primaryId,
  };
}

/** The Primary type (by its owner-side id) and target a row claims for the merged record. */
function claimOf(
  catalog: AssociationTypeCatalog,
  identity: MergeIdentity,
  row: AssociationRow,
): { readonly key: string; readonly target: RecordId } | null {
  const type = catalog.find(row.fromObjectTypeId, row.toObjectTypeId, row);
  if (!type?.oneTargetOwner) return null;
  const ownedByFrom = type.oneTargetOwner === 'from';
  const [ownerType, ownerId] = ownedByFrom
    ? [row.fromObjectTypeId, row.fromId]
    : [row.toObjectTypeId, row.toId];
  if (ownerType !== identity.objectTypeId || ownerId !== identity.mergedId) return null;
  const [targetType, target] = ownedByFrom
    ? [row.toObjectTypeId, row.toId]
    : [row.fromObjectTypeId, row.fromId];
  const ownerTypeId = ownedByFrom ? type.typeId : type.inverseTypeId;
  return { key: `${type.category}/${ownerTypeId}/${targetType}`, target };
}

/**
 * Where both records held a Primary target through the same type, which target stays: a live
 * one before one set aside, then the primary record's. The others lose their Primary rows (both
 * directions); their other rows stay.
 */
function primaryWinners(
  catalog: AssociationTypeCatalog,
  identity: MergeIdentity,
  rows: readonly MovedRow[],
): Map<string, RecordId> {
  const best = new Map<string, { target: RecordId; rank: number }>();
  for (const candidate of rows) {
    const claim = claimOf(catalog, identity, candidate.row);
    if (!claim) continue;
    const rank = (candidate.setAside ? 2 : 0) + (candidate.fromPrimary ? 0 : 1);
    const current = best.get(claim.key);
    if (!current || rank < current.rank) best.set(claim.key, { target: claim.target, rank });
  }
  return new Map([...best].map(([key, { target }]) => [key, target]));
}

function rowKey(row: AssociationRow): string {
  return `${row.fromObjectTypeId}/${row.fromId}/${row.toObjectTypeId}/${row.toId}/${row.category}/${row.typeId}`;
}

/**
 * The rows the merged record keeps, live and set aside, once each. Limits are not checked: a
 * merge may leave the record with more targets than a limit allows (docs/fidelity.md).
 */
export function planMergedAssociations(
  catalog: AssociationTypeCatalog,
  rows: RecordAssociationRows,
  identity: MergeIdentity,
): RecordAssociationRows {
  const all = [
    ...rows.live.map((row) => moved(identity, row, false)),
    ...rows.setAside.map((row) => moved(identity, row, true)),
  ].filter((row): row is MovedRow => row !== null);
  const winners = primaryWinners(catalog, identity, all);
  const kept = new Map<string, MovedRow>();
  for (const candidate of all) {
    const claim = claimOf(catalog, identity, candidate.row);
    if (claim && winners.get(claim.key) !== claim.target) continue;
    const key = rowKey(candidate.row);
    const earlier = kept.get(key);
    if (!earlier || (earlier.setAside && !candidate.setAside)) kept.set(key, candidate);
  }
  const plan: RecordAssociationRows = { live: [], setAside: [] };
  for (const { row, setAside } of kept.values()) (setAside ? plan.setAside : plan.live).push(row);
  return plan;
}
