// Associations through v3's type names: create and archive by name, read as (id, name) pairs.
import type { AssociationTypeCatalog } from '../association-types.js';
import { batchItemError, type BatchItemError, type BatchOutcome } from '../errors.js';
import type { AssociationType, RecordId, RecordPair } from '../model.js';
import { BATCH_LIMITS, assertBatchSize } from '../rules/batch-limits.js';
import { reversed } from '../rules/label-writes.js';
import {
  batchRead,
  noAssociationsFound,
  type TargetView,
  type TypeView,
} from './association-reads.js';
import {
  archiveTyped,
  writeTyped,
  type PairInput,
  type PathTypes,
  type WrittenPairWithInverses,
} from './association-writes.js';
import { forPortal, type CoreDeps } from './deps.js';

/** A v3 input: a pair and one v3 type name. */
export interface NamedPairInput extends PairInput {
  readonly typeName: string;
}

/** One direction of one named type between two records. */
export interface NamedAssociation extends RecordPair {
  readonly name: string;
}

/** The type a v3 name stands for between the pair, or the error HubSpot answers. */
function resolveName(
  catalog: AssociationTypeCatalog,
  path: PathTypes,
  name: string,
): AssociationType[] | BatchItemError {
  const type = catalog.findByV3Name(path.from.id, path.to.id, name);
  return (
    (type && [type]) ??
    batchItemError(
      'INVALID_ASSOCIATION_TYPE',
      `${name} is not a valid association type between ${path.from.plural} and ${path.to.plural}`,
      { type: [name] },
    )
  );
}

/** The written type in the request's direction and, where it has one, its inverse. */
function bothDirections(written: WrittenPairWithInverses): NamedAssociation[] {
  return written.types.flatMap((type, index) => {
    const inverse = written.inverses[index];
    const forward = { ...written.pair, name: type.v3Name };
    return inverse ? [forward, { ...reversed(written.pair), name: inverse.v3Name }] : [forward];
  });
}

/**
 * Adds the named type to each pair (v3 batch create): other labels of the pair stay. Results
 * hold both directions of each input, as HubSpot's v3 answers do.
 */
export async function createNamed(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly NamedPairInput[],
): Promise<BatchOutcome<NamedAssociation>> {
  assertBatchSize(inputs.length, BATCH_LIMITS.associationCreate);
  const resolve = (catalog: AssociationTypeCatalog, input: NamedPairInput) =>
    resolveName(catalog, path, input.typeName);
  const outcome = await writeTyped(deps, portalId, path, inputs, resolve, 'add');
  return { errors: outcome.errors, results: outcome.results.flatMap(bothDirections) };
}

/** Removes the named type from each pair (v3 batch archive); the unlabeled name removes all. */
export async function archiveNamed(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly NamedPairInput[],
): Promise<void> {
  assertBatchSize(inputs.length, BATCH_LIMITS.associationArchive);
  await archiveTyped(deps, portalId, path, inputs, (catalog, input) =>
    resolveName(catalog, path, input.typeName),
  );
}

/** One v3 read result: the from-record's targets, one entry per (target, type name). */
export interface NamedReadResult {
  readonly fromId: string;
  readonly targets: readonly { readonly toId: RecordId; readonly name: string }[];
  readonly nextAfter?: string;
}

/**
 * The entries v3 shows for one record's targets. Where the from-record may hold a Primary target
 * of the to-type (a contact's companies), v3 lists only the primary one, under the Primary name.
 * A label can have the Primary's type id (ids are unique within a category only): only the
 * HubSpot-defined type is the Primary.
 */
function namedEntries(primary: AssociationType | undefined, targets: readonly TargetView[]) {
  if (primary) {
    const isPrimary = (type: TypeView) =>
      type.typeId === primary.typeId && type.category === primary.category;
    return targets
      .filter((target) => target.types.some(isPrimary))
      .map((target) => ({ toId: target.toId, name: primary.v3Name }));
  }
  return targets.flatMap((target) =>
    target.types.map((type) => ({ toId: target.toId, name: type.name })),
  );
}

/**
 * v3 batch read: HubSpot ignores any `after` here, so each input reads its first page (of
 * BATCH_READ_PAGE_SIZE targets). An input with nothing to show is NO_ASSOCIATIONS_FOUND.
 */
export async function batchReadNamed(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  ids: readonly (string | number)[],
): Promise<BatchOutcome<NamedReadResult>> {
  const scoped = await forPortal(deps, deps.store, portalId);
  const read = await batchRead(
    scoped,
    portalId,
    path,
    ids.map((id) => ({ id })),
  );
  const primary = deps.builtIn
    .between(path.from.id, path.to.id)
    .find((type) => type.primaryOwner === 'from');
  const outcome: BatchOutcome<NamedReadResult> = { results: [], errors: [...read.errors] };
  for (const result of read.results) {
    const targets = namedEntries(primary, result.targets);
    if (targets.length === 0) outcome.errors.push(noAssociationsFound(path, result.fromId));
    else if (primary) outcome.results.push({ fromId: result.fromId, targets });
    else outcome.results.push({ ...result, targets });
  }
  return outcome;
}

/** Types between the pair as v3 lists them: HubSpot-defined first, each group by type id. */
export async function listTypes(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
): Promise<AssociationType[]> {
  const { catalog } = await forPortal(deps, deps.store, portalId);
  return [...catalog.between(path.from.id, path.to.id)].sort((a, b) =>
    a.category === b.category ? a.typeId - b.typeId : a.category < b.category ? -1 : 1,
  );
}
