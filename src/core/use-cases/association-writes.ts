// Writes associations: labelled (PUT and batch create), default, and the three kinds of removal.
import { DomainError, batchItemError, type BatchItemError, type BatchOutcome } from '../errors.js';
import type {
  AssociationRow,
  AssociationSpec,
  AssociationType,
  RecordId,
  RecordPair,
} from '../model.js';
import type { StandardObjectType } from '../object-types.js';
import { pairKey, type StoreTransaction } from '../ports.js';
import { throwIfNothingSucceeded } from '../rules/batch-failures.js';
import { reversed, unlabeledRows, withInverse, type LabelWrite } from '../rules/label-writes.js';
import { parseRecordId } from '../rules/record-ids.js';
import { applyLabelWrites } from './apply-label-writes.js';
import type { CoreDeps } from './deps.js';
import { invalidObjectIds, liveIds, type IdToCheck } from './record-checks.js';

/** Two records named by the client, ids as sent. */
export interface PairInput {
  readonly fromId: string | number;
  readonly toId: string | number;
}

/** A pair and the types to set on it. */
export interface LabelledPairInput extends PairInput {
  readonly types: readonly AssociationSpec[];
}

/** The object types of an operation's path. */
export interface PathTypes {
  readonly from: StandardObjectType;
  readonly to: StandardObjectType;
}

/** The labels a pair carries after a labelled write. */
export interface LabelsBetweenPair extends RecordPair {
  readonly labels: string[];
}

/** One direction of a default association, as written. */
export interface DefaultAssociationResult extends RecordPair {
  readonly spec: AssociationSpec;
}

function invalidType(path: PathTypes, spec: AssociationSpec): BatchItemError {
  return batchItemError(
    'INVALID_ASSOCIATION_TYPE',
    `${spec.category} association type ${spec.typeId} is not a valid association type between ${path.from.plural} and ${path.to.plural}`,
    { associationCategory: [spec.category], associationTypeId: [String(spec.typeId)] },
  );
}

/** The catalog types of the specs, or the error for the first spec the pair does not have. */
function resolveTypes(
  deps: CoreDeps,
  path: PathTypes,
  specs: readonly AssociationSpec[],
): AssociationType[] | BatchItemError {
  const types: AssociationType[] = [];
  for (const spec of specs) {
    const type = deps.catalog.find(path.from.id, path.to.id, spec);
    if (!type) return invalidType(path, spec);
    types.push(type);
  }
  return types;
}

function idsOf(path: PathTypes, input: PairInput): [IdToCheck, IdToCheck] {
  return [
    { type: path.from, raw: input.fromId },
    { type: path.to, raw: input.toId },
  ];
}

function pairOf(path: PathTypes, fromId: RecordId, toId: RecordId): RecordPair {
  return { fromObjectTypeId: path.from.id, fromId, toObjectTypeId: path.to.id, toId };
}

/** An input whose types are resolved, or that already failed. */
export interface ResolvedInput extends PairInput {
  readonly types: AssociationType[] | BatchItemError;
}

/** A pair as written, and the types it now carries (only those asked for, for `add`). */
export interface WrittenPair {
  readonly pair: RecordPair;
  readonly types: readonly AssociationType[];
}

/**
 * Writes typed associations in one transaction. Inputs with an unknown type or a missing record
 * fail one by one; the rest are written. An input with no types writes nothing and reports the
 * types the pair already has.
 */
export async function writeTyped(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly ResolvedInput[],
  mode: 'replace' | 'add',
): Promise<BatchOutcome<WrittenPair>> {
  return deps.store.transaction(async (tx) => {
    const live = await liveIds(
      tx,
      portalId,
      inputs.flatMap((input) => idsOf(path, input)),
    );
    const outcome: BatchOutcome<WrittenPair> = { results: [], errors: [] };
    const writes: LabelWrite[] = [];
    const untouched = new Map<number, RecordPair>();
    for (const input of inputs) {
      const { types } = input;
      if (!Array.isArray(types)) {
        outcome.errors.push(types);
        continue;
      }
      const ids = idsOf(path, input);
      const [fromId, toId] = ids.map(live);
      if (fromId == null || toId == null) {
        outcome.errors.push(invalidObjectIds(ids.filter((id) => live(id) === null)));
        continue;
      }
      const pair = pairOf(path, fromId, toId);
      if (types.length === 0) untouched.set(outcome.results.length, pair);
      else writes.push({ pair, types, mode });
      outcome.results.push({ pair, types });
    }
    throwIfNothingSucceeded(outcome, inputs.length);
    await applyLabelWrites(tx, deps.catalog, portalId, writes);
    await reportCurrentTypes(deps, tx, portalId, untouched, outcome.results);
    return outcome;
  });
}

/** For inputs that wrote nothing (`types: []`), report the types the pair already has. */
async function reportCurrentTypes(
  deps: CoreDeps,
  tx: StoreTransaction,
  portalId: number,
  untouched: ReadonlyMap<number, RecordPair>,
  results: WrittenPair[],
): Promise<void> {
  if (untouched.size === 0) return;
  const current = await tx.typesOfPairs(portalId, [...untouched.values()]);
  for (const [index, pair] of untouched) {
    const types = (current.get(pairKey(pair)) ?? []).flatMap(
      (spec) => deps.catalog.find(pair.fromObjectTypeId, pair.toObjectTypeId, spec) ?? [],
    );
    results[index] = { pair, types };
  }
}

/** Sets the labels of each pair (v4 PUT labelled and batch create): replace semantics. */
export async function createLabelled(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly LabelledPairInput[],
): Promise<BatchOutcome<LabelsBetweenPair>> {
  const resolved = inputs.map((input) => ({
    ...input,
    types: resolveTypes(deps, path, input.types),
  }));
  const outcome = await writeTyped(deps, portalId, path, resolved, 'replace');
  return {
    errors: outcome.errors,
    results: outcome.results.map(({ pair, types }) => ({ ...pair, labels: labelsOf(types) })),
  };
}

function labelsOf(types: readonly AssociationType[]): string[] {
  return types.flatMap((type) => (type.label === null ? [] : [type.label]));
}

/** Creates the default (unlabeled) association of each pair, in both directions. */
export async function associateDefault(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly PairInput[],
): Promise<BatchOutcome<DefaultAssociationResult>> {
  if (!deps.catalog.unlabeled(path.from.id, path.to.id)) {
    throw new DomainError(
      'NO_DEFAULT_ASSOCIATION_TYPE',
      `There is no default association type between ${path.from.plural} and ${path.to.plural}`,
      { fromObjectType: [path.from.id], toObjectType: [path.to.id] },
    );
  }
  return deps.store.transaction(async (tx) => {
    const live = await liveIds(
      tx,
      portalId,
      inputs.flatMap((input) => idsOf(path, input)),
    );
    const outcome: BatchOutcome<DefaultAssociationResult> = { results: [], errors: [] };
    for (const input of inputs) {
      const ids = idsOf(path, input);
      const [fromId, toId] = ids.map(live);
      if (fromId == null || toId == null) {
        outcome.errors.push(invalidObjectIds(ids.filter((id) => live(id) === null)));
        continue;
      }
      for (const row of unlabeledRows(deps.catalog, pairOf(path, fromId, toId))) {
        outcome.results.push({ ...row, spec: { category: row.category, typeId: row.typeId } });
      }
    }
    throwIfNothingSucceeded(outcome, inputs.length);
    await tx.insertAssociations(
      portalId,
      outcome.results.map(({ spec, ...pair }) => ({ ...pair, ...spec })),
    );
    return outcome;
  });
}

/** One from-record and the records to unlink from it. */
export interface ArchiveInput {
  readonly fromId: string | number;
  readonly toIds: readonly (string | number)[];
}

/** Removes every association between each pair, both directions (DELETE, batch archive). */
export async function archivePairs(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly ArchiveInput[],
): Promise<void> {
  const pairs: RecordPair[] = [];
  for (const input of inputs) {
    const fromId = parseRecordId(input.fromId);
    if (fromId === null) continue;
    for (const raw of input.toIds) {
      const toId = parseRecordId(raw);
      if (toId === null) continue;
      const pair = pairOf(path, fromId, toId);
      pairs.push(pair, reversed(pair));
    }
  }
  if (pairs.length > 0) await deps.store.transaction((tx) => tx.deletePairs(portalId, pairs));
}

/**
 * Removes the listed types between each pair, both directions (batch labels/archive). Listing
 * the unlabeled type removes everything between the pair, as HubSpot documents.
 */
export async function archiveLabels(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly LabelledPairInput[],
): Promise<void> {
  const resolved = inputs.map((input) => ({ input, types: resolveTypes(deps, path, input.types) }));
  for (const { types } of resolved) {
    if (!Array.isArray(types)) throw new DomainError(types.code, types.message, types.context);
  }
  const wholePairs: RecordPair[] = [];
  const rows: AssociationRow[] = [];
  for (const { input, types } of resolved) {
    const fromId = parseRecordId(input.fromId);
    const toId = parseRecordId(input.toId);
    if (fromId === null || toId === null || !Array.isArray(types)) continue;
    const pair = pairOf(path, fromId, toId);
    if (types.some((type) => type.label === null)) wholePairs.push(pair, reversed(pair));
    else rows.push(...types.flatMap((type) => withInverse(deps.catalog, pair, type)));
  }
  await deps.store.transaction(async (tx) => {
    await tx.deletePairs(portalId, wholePairs);
    await tx.deleteAssociations(portalId, rows);
  });
}
