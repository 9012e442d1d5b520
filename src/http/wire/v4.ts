// Maps between the v4 wire shapes and core's commands and results.
import type { AssociationSpec, AssociationType } from '../../core/model.js';
import type { TargetView, TypeView } from '../../core/use-cases/association-reads.js';
import type {
  DefaultAssociationResult,
  LabelsBetweenPair,
  PathTypes,
} from '../../core/use-cases/association-writes.js';
import type { AssociationSpecWire } from '../schemas/common.js';
import { encodedJson, type JsonOut } from '../json-out.js';

export function specFromWire(spec: AssociationSpecWire): AssociationSpec {
  return { category: spec.associationCategory, typeId: spec.associationTypeId };
}

/** Object type ids as `AssociationSpecWithLabel` carries them, in families that declare them. */
interface ObjectTypeIds {
  readonly fromObjectTypeId: string;
  readonly toObjectTypeId: string;
}

/** `AssociationSpecWithLabel`: the spec, its label (null when unlabeled), maybe the type ids. */
export function specWithLabelToWire(
  type: Pick<TypeView, 'category' | 'typeId' | 'label'>,
  objectTypeIds: ObjectTypeIds | null,
) {
  const spec = { category: type.category, typeId: type.typeId, label: type.label };
  return objectTypeIds ? { ...spec, ...objectTypeIds } : spec;
}

/**
 * Writes the JSON array of `MultiAssociatedObjectWithLabel` items directly: a read answers up to
 * 10,000 targets, and building an object per target and type for a serializer to walk costs
 * several times what the store spent reading them. `toObjectId` goes out as a JSON number, as
 * HubSpot sends it; types carry the pair's object type ids where the family declares them.
 * Core shares one types array among the targets with the same types (see `targetViewer`), so
 * one writer per request encodes each combination's JSON once.
 */
export function targetsJsonWriter(
  path: PathTypes,
  withObjectTypeIds: boolean,
): (out: JsonOut, targets: readonly TargetView[]) => void {
  const ids = withObjectTypeIds
    ? { fromObjectTypeId: path.from.id, toObjectTypeId: path.to.id }
    : null;
  // Each combination's `,"associationTypes":[…]}`: the rest of a target after its id.
  const typesJson = new Map<readonly TypeView[], Uint8Array>();
  return (out, targets) => {
    out.text('[');
    targets.forEach((target, index) => {
      let rest = typesJson.get(target.types);
      if (rest === undefined) {
        const types = JSON.stringify(target.types.map((type) => specWithLabelToWire(type, ids)));
        rest = encodedJson(`,"associationTypes":${types}}`);
        typesJson.set(target.types, rest);
      }
      out.bytes(index === 0 ? FIRST_TARGET : NEXT_TARGET);
      out.integer(target.toId);
      out.bytes(rest);
    });
    out.text(']');
  };
}

const FIRST_TARGET = encodedJson('{"toObjectId":');
const NEXT_TARGET = encodedJson(',{"toObjectId":');

/** `,"paging":{…}` when there is a next page, nothing otherwise; to append to an object. */
export function pagingJson(page: { readonly nextAfter?: string | undefined }): string {
  if (page.nextAfter === undefined) return '';
  return `,"paging":{"next":{"after":${JSON.stringify(page.nextAfter)}}}`;
}

/** Label types as the schema API lists them, each with its own direction's object type ids. */
export function labelTypesToWire(types: readonly AssociationType[], withObjectTypeIds: boolean) {
  return types.map((type) =>
    specWithLabelToWire(
      type,
      withObjectTypeIds
        ? { fromObjectTypeId: type.fromObjectTypeId, toObjectTypeId: type.toObjectTypeId }
        : null,
    ),
  );
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
