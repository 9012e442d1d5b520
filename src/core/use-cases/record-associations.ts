// v3's record-level associations: one record's targets by type name, and one named type added
// to or removed from one pair. The type is a v3 name or a numeric type id.
import type { AssociationTypeCatalog } from '../association-types.js';
import { batchItemError, type BatchItemError } from '../errors.js';
import type { AssociationType, RecordId } from '../model.js';
import { getPage } from './association-reads.js';
import { archiveTyped, writeTyped, type PairInput, type PathTypes } from './association-writes.js';
import type { CoreDeps } from './deps.js';
import { getRecord, type RecordView } from './record-reads.js';

/** One pair and the type named in the path. */
export interface RecordAssociationInput extends PairInput {
  /** A v3 name (`contact_to_company`) or a type id (`279`). */
  readonly associationType: string;
}

/** A page of one record's targets, one entry per (target, type), as v3 lists them. */
export interface NamedTargetPage {
  readonly entries: readonly { readonly toId: RecordId; readonly name: string }[];
  readonly nextAfter?: string;
}

/**
 * The type a path segment names between the pair: a v3 name, or a type id. HubSpot's ids are
 * unique only within a category; a bare id means the HubSpot-defined type where the pair has one,
 * and the portal's label otherwise.
 */
function resolvePathType(
  catalog: AssociationTypeCatalog,
  path: PathTypes,
  segment: string,
): AssociationType[] | BatchItemError {
  const byId = (category: 'HUBSPOT_DEFINED' | 'USER_DEFINED') =>
    catalog.find(path.from.id, path.to.id, { category, typeId: Number(segment) });
  const type = /^[0-9]{1,10}$/.test(segment)
    ? (byId('HUBSPOT_DEFINED') ?? byId('USER_DEFINED'))
    : catalog.findByV3Name(path.from.id, path.to.id, segment);
  if (type) return [type];
  return batchItemError(
    'INVALID_ASSOCIATION_TYPE',
    `${segment} is not a valid association type between ${path.from.plural} and ${path.to.plural}`,
    { type: [segment] },
  );
}

/** One page of a record's targets of one object type, each type under its v3 name. */
export async function listNamedTargets(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  rawFromId: string,
  options: { readonly after?: string | undefined; readonly limit?: number | undefined },
): Promise<NamedTargetPage> {
  const page = await getPage(deps, portalId, path, rawFromId, options);
  const entries = page.targets.flatMap((target) =>
    target.types.map((type) => ({ toId: target.toId, name: type.name })),
  );
  return page.nextAfter === undefined ? { entries } : { entries, nextAfter: page.nextAfter };
}

/**
 * Adds the named type to the pair (the pair's other types stay; a Primary type moves Primary),
 * and answers the from-record with its associations to the to-type.
 */
export async function addNamedType(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  input: RecordAssociationInput,
): Promise<RecordView> {
  const resolve = (catalog: AssociationTypeCatalog) =>
    resolvePathType(catalog, path, input.associationType);
  await writeTyped(deps, portalId, path, [input], resolve, 'add');
  return getRecord(deps, portalId, path.from, String(input.fromId), {
    archived: false,
    associations: [path.to],
  });
}

/** Removes the named type from the pair, both directions; the unlabeled type removes them all. */
export async function removeNamedType(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  input: RecordAssociationInput,
): Promise<void> {
  await archiveTyped(deps, portalId, path, [input], (catalog) =>
    resolvePathType(catalog, path, input.associationType),
  );
}
