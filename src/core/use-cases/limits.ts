// User-enforced association limits (limit configurations): read, create, update and purge.
import type { AssociationTypeCatalog } from '../association-types.js';
import { DomainError, batchItemError, type BatchItemError, type BatchOutcome } from '../errors.js';
import type { AssociationSpec, AssociationType, LimitConfig } from '../model.js';
import { throwIfNothingSucceeded } from '../rules/batch-failures.js';
import { BATCH_LIMITS, assertBatchSize } from '../rules/batch-limits.js';
import { assertLimitValue, limitKeyOf } from '../rules/limits.js';
import { resolveTypes, type PathTypes } from './association-writes.js';
import { forPortal, type CoreDeps } from './deps.js';

/** A limit as the API shows it: the type, its label, and the maximum number of targets. */
export interface LimitView extends AssociationSpec {
  readonly label: string | null;
  readonly maxToObjectIds: number;
}

/** One limit to set. */
export interface LimitInput extends AssociationSpec {
  readonly maxToObjectIds: number;
}

function viewOf(catalog: AssociationTypeCatalog, limit: LimitConfig): LimitView {
  const type = catalog.find(limit.fromObjectTypeId, limit.toObjectTypeId, limit);
  return {
    category: limit.category,
    typeId: limit.typeId,
    label: type?.label ?? null,
    maxToObjectIds: limit.maxToObjectIds,
  };
}

/** The limits set in the portal: all of them, or those from one object type to another. */
export async function listLimits(
  deps: CoreDeps,
  portalId: number,
  path?: PathTypes,
): Promise<LimitView[]> {
  const [scoped, limits] = await Promise.all([
    forPortal(deps, deps.store, portalId),
    deps.store.listLimits(portalId),
  ]);
  return limits
    .filter(
      (limit) =>
        !path || (limit.fromObjectTypeId === path.from.id && limit.toObjectTypeId === path.to.id),
    )
    .map((limit) => viewOf(scoped.catalog, limit));
}

/**
 * Sets limits input by input, each checked against the limits set before it (earlier inputs
 * of the batch included). `create` refuses a type that has a limit, `update` one that has none.
 */
export async function putLimits(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly LimitInput[],
  mode: 'create' | 'update',
): Promise<BatchOutcome<LimitView>> {
  assertBatchSize(inputs.length, BATCH_LIMITS.configurations);
  return deps.store.transaction(async (tx) => {
    const { catalog } = await forPortal(deps, tx, portalId);
    const direction = new Map<string, { type: AssociationType; max: number }>();
    for (const limit of await tx.listLimits(portalId)) {
      const type = catalog.find(limit.fromObjectTypeId, limit.toObjectTypeId, limit);
      if (type && limit.fromObjectTypeId === path.from.id && limit.toObjectTypeId === path.to.id) {
        direction.set(limitKeyOf(limit), { type, max: limit.maxToObjectIds });
      }
    }
    const outcome: BatchOutcome<LimitView> = { results: [], errors: [] };
    const accepted: LimitConfig[] = [];
    for (const input of inputs) {
      const checked = checkLimit(catalog, path, input, mode, direction);
      if ('code' in checked) {
        outcome.errors.push(checked);
        continue;
      }
      direction.set(limitKeyOf(checked.limit), { type: checked.type, max: input.maxToObjectIds });
      accepted.push(checked.limit);
      outcome.results.push(viewOf(catalog, checked.limit));
    }
    throwIfNothingSucceeded(outcome, inputs.length);
    await tx.putLimits(portalId, accepted);
    return outcome;
  });
}

/** The limit an input sets, or why it cannot. */
function checkLimit(
  catalog: AssociationTypeCatalog,
  path: PathTypes,
  input: LimitInput,
  mode: 'create' | 'update',
  direction: ReadonlyMap<string, { type: AssociationType; max: number }>,
): { limit: LimitConfig; type: AssociationType } | BatchItemError {
  const types = resolveTypes(catalog, path, [input]);
  if ('code' in types) return types;
  const [type] = types;
  if (!type) throw new Error('one spec resolves to one type');
  const limit = {
    fromObjectTypeId: path.from.id,
    toObjectTypeId: path.to.id,
    category: input.category,
    typeId: input.typeId,
    maxToObjectIds: input.maxToObjectIds,
  };
  const isSet = direction.has(limitKeyOf(limit));
  const context = {
    associationCategory: [input.category],
    associationTypeId: [String(input.typeId)],
  };
  if (mode === 'create' && isSet) {
    return batchItemError(
      'LIMIT_ALREADY_SET',
      `A limit is already set for ${input.category} association type ${input.typeId}; update it instead`,
      context,
    );
  }
  if (mode === 'update' && !isSet) {
    return batchItemError(
      'LIMIT_NOT_SET',
      `No limit is set for ${input.category} association type ${input.typeId}; create it instead`,
      context,
    );
  }
  try {
    assertLimitValue(type, input.maxToObjectIds, [...direction.values()]);
  } catch (error) {
    if (error instanceof DomainError)
      return batchItemError(error.code, error.message, error.context ?? {});
    throw error;
  }
  return { limit, type };
}

/** Removes limits; the types return to no limit. Types without a limit are ignored. */
export async function purgeLimits(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  specs: readonly AssociationSpec[],
): Promise<void> {
  assertBatchSize(specs.length, BATCH_LIMITS.configurations);
  await deps.store.transaction(async (tx) => {
    const { catalog } = await forPortal(deps, tx, portalId);
    const types = resolveTypes(catalog, path, specs);
    if ('code' in types) throw new DomainError(types.code, types.message, types.context);
    const keys = specs.map((spec) => ({
      fromObjectTypeId: path.from.id,
      toObjectTypeId: path.to.id,
      category: spec.category,
      typeId: spec.typeId,
    }));
    await tx.deleteLimits(portalId, keys);
  });
}
