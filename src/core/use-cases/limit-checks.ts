// Enforces user-set limits inside a write transaction: inputs that would exceed one fail alone.
import { batchItemError, type BatchItemError } from '../errors.js';
import type { AssociationRow, LimitConfig } from '../model.js';
import { objectTypeById, singularName } from '../object-types.js';
import type { StoreTransaction } from '../ports.js';
import { LimitLedger, limitKeyOf } from '../rules/limits.js';
import type { CoreDeps } from './deps.js';

/**
 * For each input, in order, the limit error it runs into, or null; `rowsOf` gives the rows an
 * input would store (asked for only when the portal has limits: most have none). Inputs are
 * admitted one after the other, so within a batch the earlier inputs take the free slots. Counts
 * are taken inside the transaction, which no other write interleaves with, so concurrent writers
 * cannot both take the last slot.
 */
export async function limitErrors<I>(
  deps: CoreDeps,
  tx: StoreTransaction,
  portalId: number,
  inputs: readonly I[],
  rowsOf: (input: I) => readonly AssociationRow[],
): Promise<(BatchItemError | null)[]> {
  const limits = await tx.listLimits(portalId);
  if (limits.length === 0) return inputs.map(() => null);
  const byKey = new Map(limits.map((limit) => [limitKeyOf(limit), limit]));
  const maxByKey = new Map(limits.map((limit) => [limitKeyOf(limit), limit.maxToObjectIds]));
  const rows = inputs.map(rowsOf);
  const stored = await storedRows(tx, portalId, byKey, rows.flat());
  const ledger = new LimitLedger(maxByKey, stored);
  return rows.map((rows) => {
    const breach = ledger.admit(rows);
    return breach ? limitExceeded(deps, breach, ledger.limitOf(breach) ?? 0) : null;
  });
}

/** The stored rows of the limited types from the records the inputs write from. */
async function storedRows(
  tx: StoreTransaction,
  portalId: number,
  limits: ReadonlyMap<string, LimitConfig>,
  rows: readonly AssociationRow[],
): Promise<AssociationRow[]> {
  const fromIds = new Map<string, Set<number>>();
  for (const row of rows) {
    const key = limitKeyOf(row);
    if (!limits.has(key)) continue;
    fromIds.set(key, (fromIds.get(key) ?? new Set()).add(row.fromId));
  }
  const stored: AssociationRow[] = [];
  for (const [key, ids] of fromIds) {
    const limit = limits.get(key);
    if (!limit) continue;
    const spec = { category: limit.category, typeId: limit.typeId };
    const found = await tx.rowsFromRecordsOfType(
      portalId,
      limit.fromObjectTypeId,
      [...ids],
      limit.toObjectTypeId,
      spec,
    );
    stored.push(...found);
  }
  return stored;
}

/** HubSpot does not publish this error's body; docs/fidelity.md records the one chosen. */
function limitExceeded(deps: CoreDeps, row: AssociationRow, max: number): BatchItemError {
  const from = singularName(objectTypeById(row.fromObjectTypeId));
  const to = objectTypeById(row.toObjectTypeId);
  const type = deps.catalog.find(row.fromObjectTypeId, row.toObjectTypeId, row);
  const through = type?.label ? `labelled '${type.label}'` : '';
  return batchItemError(
    'ASSOCIATION_LIMIT_EXCEEDED',
    `Association limit exceeded: ${from} ${row.fromId} can be associated with at most ${max} ${to.plural}${through ? ` ${through}` : ''}`,
    {
      fromObjectId: [String(row.fromId)],
      fromObjectType: [from],
      toObjectType: [singularName(to)],
      associationCategory: [row.category],
      associationTypeId: [String(row.typeId)],
      maxToObjectIds: [String(max)],
    },
  );
}
