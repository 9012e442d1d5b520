// Maps between the v4 wire shapes and core's commands and results.
import type { AssociationSpec } from '../../core/model.js';
import type { TargetView } from '../../core/use-cases/association-reads.js';
import type {
  DefaultAssociationResult,
  LabelsBetweenPair,
  PathTypes,
} from '../../core/use-cases/association-writes.js';
import type { AssociationSpecWire } from '../schemas/common.js';

export function specFromWire(spec: AssociationSpecWire): AssociationSpec {
  return { category: spec.associationCategory, typeId: spec.associationTypeId };
}

/**
 * `MultiAssociatedObjectWithLabel` items: `toObjectId` goes out as a JSON number, as HubSpot
 * sends it; each type carries the pair's object type ids where the family declares them.
 */
export function targetsToWire(
  targets: readonly TargetView[],
  path: PathTypes,
  withObjectTypeIds: boolean,
) {
  const objectTypeIds = withObjectTypeIds
    ? { fromObjectTypeId: path.from.id, toObjectTypeId: path.to.id }
    : {};
  return targets.map((target) => ({
    toObjectId: target.toId,
    associationTypes: target.types.map(({ category, typeId, label }) => ({
      category,
      typeId,
      label,
      ...objectTypeIds,
    })),
  }));
}

/** `paging` when there is a next page, nothing otherwise. */
export function pagingToWire(page: { readonly nextAfter?: string | undefined }) {
  return page.nextAfter === undefined ? {} : { paging: { next: { after: page.nextAfter } } };
}

/** `LabelsBetweenObjectPair`: object ids go out as JSON numbers, as HubSpot sends them. */
export function labelsPairToWire(result: LabelsBetweenPair) {
  return {
    fromObjectTypeId: result.fromObjectTypeId,
    fromObjectId: result.fromId,
    toObjectTypeId: result.toObjectTypeId,
    toObjectId: result.toId,
    labels: result.labels,
  };
}

/** `PublicDefaultAssociation`: ids as strings, the spec in request form. */
export function defaultToWire(result: DefaultAssociationResult) {
  return {
    from: { id: String(result.fromId) },
    to: { id: String(result.toId) },
    associationSpec: {
      associationCategory: result.spec.category,
      associationTypeId: result.spec.typeId,
    },
  };
}
