// Plans the rows a labelled write stores and removes: implied unlabeled type, inverses, Primary.
import type { AssociationTypeCatalog } from '../association-types.js';
import type { AssociationRow, AssociationSpec, AssociationType, RecordPair } from '../model.js';
import { pairKey } from '../ports.js';

/**
 * Types to write on one pair. `replace` (v4) leaves the pair with exactly these labels; `add`
 * (v3) keeps the labels it already has. The unlabeled type is always written.
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

/** What to store and remove; deletes run before inserts. */
export interface LabelWritePlan {
  readonly insert: AssociationRow[];
  readonly delete: AssociationRow[];
  readonly primaryClaims: PrimaryClaim[];
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
  if (type.primaryOwner === 'from') {
    return {
      owner: { objectTypeId: pair.fromObjectTypeId, id: pair.fromId },
      type,
      targetObjectTypeId: pair.toObjectTypeId,
      targetId: pair.toId,
    };
  }
  const inverse = type.primaryOwner === 'to' ? catalog.inverseOf(type) : undefined;
  return inverse ? primaryClaim(catalog, reversed(pair), inverse) : null;
}

/** The rows of stored labels that a replace leaves out, both directions. */
function labelsDropped(
  catalog: AssociationTypeCatalog,
  pair: RecordPair,
  stored: readonly AssociationSpec[],
  types: readonly AssociationType[],
): AssociationRow[] {
  const wanted = new Set(types.map((type) => `${type.category}:${type.typeId}`));
  return stored.flatMap((spec) => {
    const type = catalog.find(pair.fromObjectTypeId, pair.toObjectTypeId, spec);
    if (type?.label == null || wanted.has(`${spec.category}:${spec.typeId}`)) return [];
    return withInverse(catalog, pair, type);
  });
}

/**
 * Replace semantics, as HubSpot documents for PUT labelled and batch create: after the write a
 * pair carries exactly the requested types plus its unlabeled type. When a batch writes the same
 * pair twice, the last replace wins; adds accumulate.
 */
export function planLabelWrites(
  catalog: AssociationTypeCatalog,
  writes: readonly LabelWrite[],
  current: ReadonlyMap<string, readonly AssociationSpec[]>,
): LabelWritePlan {
  const finalByPair = new Map<string, LabelWrite>();
  for (const write of writes) {
    const key = pairKey(write.pair);
    const earlier = finalByPair.get(key);
    finalByPair.set(
      key,
      write.mode === 'add' && earlier
        ? { ...earlier, types: [...earlier.types, ...write.types] }
        : write,
    );
  }

  const plan: LabelWritePlan = { insert: [], delete: [], primaryClaims: [] };
  for (const [key, { pair, types, mode }] of finalByPair) {
    const stored = mode === 'add' ? undefined : current.get(key);
    if (stored) plan.delete.push(...labelsDropped(catalog, pair, stored, types));
    plan.insert.push(...rowsWritten(catalog, { pair, types }));
    for (const type of types) {
      const claim = primaryClaim(catalog, pair, type);
      if (claim) plan.primaryClaims.push(claim);
    }
  }
  return plan;
}

/**
 * The key of the record that owns a claim, to let the last claim per owner win. Only
 * HubSpot-defined types are Primary today, but a type is (category, typeId): the key says both.
 */
export function claimOwnerKey(claim: PrimaryClaim): string {
  const { owner, type } = claim;
  return `${owner.objectTypeId}/${owner.id}/${type.category}/${type.typeId}`;
}
