// Applies labelled writes inside a transaction: replace semantics, implied rows, Primary moves.
import { pushTo } from '../collections.js';
import type { AssociationTypeCatalog } from '../association-types.js';
import type { AssociationRow } from '../model.js';
import type { StoreTransaction } from '../ports.js';
import {
  claimOwnerKey,
  planLabelWrites,
  withInverse,
  type LabelWrite,
  type PrimaryClaim,
} from '../rules/label-writes.js';

function sameRow(a: AssociationRow, b: AssociationRow): boolean {
  return (
    a.fromObjectTypeId === b.fromObjectTypeId &&
    a.fromId === b.fromId &&
    a.toObjectTypeId === b.toObjectTypeId &&
    a.toId === b.toId &&
    a.category === b.category &&
    a.typeId === b.typeId
  );
}

/** Rows that take Primary away from every target but the claimed one: one query per type. */
async function primaryMoves(
  tx: StoreTransaction,
  catalog: AssociationTypeCatalog,
  portalId: number,
  winners: readonly PrimaryClaim[],
): Promise<AssociationRow[]> {
  const groups = new Map<string, PrimaryClaim[]>();
  for (const claim of winners) {
    // Type ids are unique within a category only: the group is keyed by both.
    const { owner, type, targetObjectTypeId } = claim;
    const key = `${owner.objectTypeId}/${type.category}/${type.typeId}/${targetObjectTypeId}`;
    pushTo(groups, key, claim);
  }
  const removed: AssociationRow[] = [];
  for (const claims of groups.values()) {
    const [first] = claims;
    if (!first) continue;
    const targetOf = new Map(claims.map((claim) => [claim.owner.id, claim.targetId]));
    const rows = await tx.rowsFromRecordsOfType(
      portalId,
      first.owner.objectTypeId,
      [...targetOf.keys()],
      first.targetObjectTypeId,
      first.type,
    );
    for (const row of rows) {
      if (row.toId !== targetOf.get(row.fromId))
        removed.push(...withInverse(catalog, row, first.type));
    }
  }
  return removed;
}

/** Stores the writes; a record keeps one Primary target per type (the last one written). */
export async function applyLabelWrites(
  tx: StoreTransaction,
  catalog: AssociationTypeCatalog,
  portalId: number,
  writes: readonly LabelWrite[],
): Promise<void> {
  if (writes.length === 0) return;
  const current = await tx.typesOfPairs(
    portalId,
    writes.map((write) => write.pair),
  );
  const plan = planLabelWrites(catalog, writes, current);

  const winners = new Map<string, PrimaryClaim>();
  for (const claim of plan.primaryClaims) winners.set(claimOwnerKey(claim), claim);
  const losers = plan.primaryClaims.filter((claim) => winners.get(claimOwnerKey(claim)) !== claim);
  const lostRows = losers.flatMap((claim) =>
    withInverse(
      catalog,
      {
        fromObjectTypeId: claim.owner.objectTypeId,
        fromId: claim.owner.id,
        toObjectTypeId: claim.targetObjectTypeId,
        toId: claim.targetId,
      },
      claim.type,
    ),
  );
  const inserts =
    lostRows.length === 0
      ? plan.insert
      : plan.insert.filter((row) => !lostRows.some((lost) => sameRow(lost, row)));

  await tx.deleteAssociations(portalId, [
    ...plan.delete,
    ...(await primaryMoves(tx, catalog, portalId, [...winners.values()])),
  ]);
  await tx.insertAssociations(portalId, inserts);
}
