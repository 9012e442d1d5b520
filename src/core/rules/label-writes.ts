// Applies one labelled write to the rows in memory, as a single PUT would: replace or add labels,
// the implied unlabeled type, inverses, and Primary moving to the claimed target.
import type { AssociationTypeCatalog } from '../association-types.js';
import type { AssociationRow, AssociationSpec, AssociationType, RecordPair } from '../model.js';
import type { AssociationState } from './association-state.js';

/**
 * Types to write on one pair. `replace` (v4) leaves the pair with exactly these labels; `add`
 * (v3) keeps the labels it already has. The unlabeled type is always written; no types at all
 * writes nothing.
 */
export interface LabelWrite {
  readonly pair: RecordPair;
  readonly types: readonly AssociationType[];
  readonly mode?: 'replace' | 'add';
}

/** A record that must end up with exactly one target through a Primary type. */
export interface PrimaryClaim {
  readonly owner: { readonly objectTypeId: string; readonly id: number };
  readonly type: AssociationType;
  readonly targetObjectTypeId: string;
  readonly targetId: number;
}

/** The row of a type between a pair, in the pair's direction. */
export function rowOf(pair: RecordPair, spec: AssociationSpec): AssociationRow {
  // Spelled out rather than spread: batches build thousands of rows, and a spread costs more.
  return {
    fromObjectTypeId: pair.fromObjectTypeId,
    fromId: pair.fromId,
    toObjectTypeId: pair.toObjectTypeId,
    toId: pair.toId,
    category: spec.category,
    typeId: spec.typeId,
  };
}

/** The pair seen from its other end. */
export function reversed(pair: RecordPair): RecordPair {
  return {
    fromObjectTypeId: pair.toObjectTypeId,
    fromId: pair.toId,
    toObjectTypeId: pair.fromObjectTypeId,
    toId: pair.fromId,
  };
}

/** The row and, when the type has a known inverse, the opposite row. */
export function withInverse(
  catalog: AssociationTypeCatalog,
  pair: RecordPair,
  type: AssociationType,
): AssociationRow[] {
  const inverse = catalog.inverseOf(type);
  const rows = [rowOf(pair, type)];
  if (inverse) rows.push(rowOf(reversed(pair), inverse));
  return rows;
}

/** Both rows of the pair's unlabeled type; the caller has checked the pair has one. */
export function unlabeledRows(catalog: AssociationTypeCatalog, pair: RecordPair): AssociationRow[] {
  const forward = catalog.unlabeled(pair.fromObjectTypeId, pair.toObjectTypeId);
  const backward = catalog.unlabeled(pair.toObjectTypeId, pair.fromObjectTypeId);
  const rows: AssociationRow[] = [];
  if (forward) rows.push(rowOf(pair, forward));
  if (backward) rows.push(rowOf(reversed(pair), backward));
  return rows;
}

/** Every row a write stores: the pair's unlabeled type and each label, both directions. */
export function rowsWritten(
  catalog: AssociationTypeCatalog,
  write: Pick<LabelWrite, 'pair' | 'types'>,
): AssociationRow[] {
  const rows = unlabeledRows(catalog, write.pair);
  for (const type of write.types) {
    if (type.label !== null) rows.push(...withInverse(catalog, write.pair, type));
  }
  return rows;
}

function primaryClaim(
  catalog: AssociationTypeCatalog,
  pair: RecordPair,
  type: AssociationType,
): PrimaryClaim | null {
  if (type.oneTargetOwner === 'from') {
    return {
      owner: { objectTypeId: pair.fromObjectTypeId, id: pair.fromId },
      type,
      targetObjectTypeId: pair.toObjectTypeId,
      targetId: pair.toId,
    };
  }
  const inverse = type.oneTargetOwner === 'to' ? catalog.inverseOf(type) : undefined;
  return inverse ? primaryClaim(catalog, reversed(pair), inverse) : null;
}

/** The Primary claims a write makes: for each, the record that owns it and its one target. */
export function primaryClaims(catalog: AssociationTypeCatalog, write: LabelWrite): PrimaryClaim[] {
  const claims: PrimaryClaim[] = [];
  for (const type of write.types) {
    if (type.oneTargetOwner === null) continue;
    const claim = primaryClaim(catalog, write.pair, type);
    if (claim) claims.push(claim);
  }
  return claims;
}

function sameSpec(a: AssociationSpec, b: AssociationSpec): boolean {
  return a.category === b.category && a.typeId === b.typeId;
}

/** Takes off the pair the labels a replace leaves out, both directions. */
function dropLabelsNotIn(
  catalog: AssociationTypeCatalog,
  state: AssociationState,
  pair: RecordPair,
  types: readonly AssociationType[],
): void {
  const rows = state.rowsOf(pair);
  // Most pairs a batch writes hold their unlabeled type only, or nothing yet.
  if (rows.length === 0) return;
  for (const row of rows) {
    if (types.some((type) => sameSpec(type, row))) continue;
    const type = catalog.find(pair.fromObjectTypeId, pair.toObjectTypeId, row);
    if (type?.label == null) continue;
    for (const dropped of withInverse(catalog, pair, type)) state.remove(dropped);
  }
}

/** The owner keeps the claimed target only: its other targets through the type lose it. */
function movePrimary(
  catalog: AssociationTypeCatalog,
  state: AssociationState,
  claim: PrimaryClaim,
) {
  const { owner, type, targetObjectTypeId } = claim;
  const held = state.targetsThrough(owner.objectTypeId, owner.id, targetObjectTypeId, type);
  for (const target of [...held]) {
    if (target === claim.targetId) continue;
    const pair = {
      fromObjectTypeId: owner.objectTypeId,
      fromId: owner.id,
      toObjectTypeId: targetObjectTypeId,
      toId: target,
    };
    for (const row of withInverse(catalog, pair, type)) state.remove(row);
  }
}

/**
 * Applies one write as a single PUT would: `replace` first takes off the labels it leaves out,
 * then the unlabeled type and each requested type are written both ways, and each Primary type
 * moves Primary to this pair. No types writes nothing.
 */
export function applyWrite(
  catalog: AssociationTypeCatalog,
  state: AssociationState,
  write: LabelWrite,
): void {
  if (write.types.length === 0) return;
  if (write.mode !== 'add') dropLabelsNotIn(catalog, state, write.pair, write.types);
  for (const row of rowsWritten(catalog, write)) state.add(row);
  for (const claim of primaryClaims(catalog, write)) movePrimary(catalog, state, claim);
}
