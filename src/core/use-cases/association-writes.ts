// Writes associations: labelled (PUT and batch create), default, and the three kinds of removal.
import type { AssociationTypeCatalog } from '../association-types.js';
import { DomainError, batchItemError, type BatchItemError, type BatchOutcome } from '../errors.js';
import type {
  AssociationRow,
  AssociationSpec,
  AssociationType,
  LimitConfig,
  RecordId,
  RecordPair,
} from '../model.js';
import { isCustomTypeId, type StandardObjectType } from '../object-types.js';
import type { PairWriteHold, StoreTransaction, TransactionOptions } from '../ports.js';
import { throwIfNothingSucceeded } from '../rules/batch-failures.js';
import { BATCH_LIMITS, assertBatchSize } from '../rules/batch-limits.js';
import { reversed, unlabeledRows, withInverse } from '../rules/label-writes.js';
import { parseRecordId } from '../rules/record-ids.js';
import { pairWriteHold, planWrites, storeChanges } from './apply-label-writes.js';
import type { RowChanges } from '../rules/association-state.js';
import { forPortal, forPortalWrite, type CoreDeps } from './deps.js';
import { idToCheck, invalidObjectIds, liveIds, type IdToCheck } from './record-checks.js';

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
export function resolveTypes(
  catalog: AssociationTypeCatalog,
  path: PathTypes,
  specs: readonly AssociationSpec[],
): AssociationType[] | BatchItemError {
  const types: AssociationType[] = [];
  for (const spec of specs) {
    const type = catalog.find(path.from.id, path.to.id, spec);
    if (!type) return invalidType(path, spec);
    types.push(type);
  }
  return types;
}

function idsOf(path: PathTypes, input: PairInput): [IdToCheck, IdToCheck] {
  return [idToCheck(path.from, input.fromId), idToCheck(path.to, input.toId)];
}

function pairOf(path: PathTypes, fromId: RecordId, toId: RecordId): RecordPair {
  return { fromObjectTypeId: path.from.id, fromId, toObjectTypeId: path.to.id, toId };
}

/** The pairs the inputs name whose ids parse, asked for only by an engine that holds pairs. */
function pairWritesOf(path: PathTypes, inputs: readonly PairInput[]): TransactionOptions {
  const pairs = () => {
    const parsed: RecordPair[] = [];
    for (const input of inputs) {
      const fromId = parseRecordId(input.fromId);
      const toId = parseRecordId(input.toId);
      if (fromId !== null && toId !== null) parsed.push(pairOf(path, fromId, toId));
    }
    return parsed;
  };
  return { pairWrites: { pairs } };
}

/** Resolves one input's types against the portal's catalog, or says why it cannot. */
export type TypeResolver<I> = (
  catalog: AssociationTypeCatalog,
  input: I,
) => readonly AssociationType[] | BatchItemError;

/** A pair as written, and the types it now carries (only those asked for, for `add`). */
export interface WrittenPair {
  readonly pair: RecordPair;
  readonly types: readonly AssociationType[];
}

/**
 * A written pair with each type's inverse, where it has one (for answers listing both). An input
 * of no types reports the types the pair already carries instead, with no inverses.
 */
export interface WrittenPairWithInverses extends WrittenPair {
  readonly inverses: readonly (AssociationType | undefined)[];
}

/**
 * Writes typed associations in one transaction, input by input in order, as single writes would.
 * Inputs with an unknown type, a missing record or a write beyond a limit fail one by one; the
 * rest are written. An input with no types writes nothing and reports the types the pair has.
 */
export async function writeTyped<I extends PairInput>(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly I[],
  resolve: TypeResolver<I>,
  mode: 'replace' | 'add',
): Promise<BatchOutcome<WrittenPairWithInverses>> {
  return deps.store.transaction(
    (tx) => writeTypedIn(deps, tx, portalId, path, inputs, resolve, mode),
    pairWritesOf(path, inputs),
  );
}

/** `writeTyped` inside a transaction the caller holds, for writes that span several pairs of types. */
export async function writeTypedIn<I extends PairInput>(
  deps: CoreDeps,
  tx: StoreTransaction,
  portalId: number,
  path: PathTypes,
  inputs: readonly I[],
  resolve: TypeResolver<I>,
  mode: 'replace' | 'add',
): Promise<BatchOutcome<WrittenPairWithInverses>> {
  const { scoped, limits } = await forPortalWrite(deps, tx, portalId);
  const rules: WriteRules = { catalog: scoped.catalog, limits, mode };
  const checked = await checkedPairs(tx, portalId, path, inputs, rules, (input) =>
    resolve(scoped.catalog, input),
  );
  const { outcome, changes } = await writeInOrder(
    rules,
    tx,
    portalId,
    checked,
    ({ pair, types }, carried) => [
      carried
        ? { pair, types: carried, inverses: [] }
        : { pair, types, inverses: types.map((type) => scoped.catalog.inverseOf(type)) },
    ],
  );
  throwIfNothingSucceeded(outcome, inputs.length);
  await storeChanges(tx, portalId, changes);
  return outcome;
}

/** An input's pair and types, or why it cannot be written. */
type Checked = WrittenPair | BatchItemError;

/** What a write's inputs are checked and planned against: the portal's types and limits. */
interface WriteRules {
  readonly catalog: AssociationTypeCatalog;
  readonly limits: readonly LimitConfig[];
  readonly mode: 'replace' | 'add';
}

/**
 * Each input, in order: its pair and types when they resolve and name live records, or why not.
 * The records check also holds what the writes will read (`pairWriteHold`), in the same call.
 */
async function checkedPairs<I extends PairInput>(
  tx: StoreTransaction,
  portalId: number,
  path: PathTypes,
  inputs: readonly I[],
  rules: WriteRules,
  resolve: (input: I) => readonly AssociationType[] | BatchItemError,
): Promise<Checked[]> {
  const checks = inputs.map((input) => ({ ids: idsOf(path, input), types: resolve(input) }));
  const live = await liveIds(
    tx,
    portalId,
    checks.flatMap((check) => check.ids),
    tx.holdsPairs ? holdOfInputs(path, checks, rules) : undefined,
  );
  return checks.map(({ ids: [from, to], types }): Checked => {
    if ('code' in types) return types;
    const fromId = live(from);
    const toId = live(to);
    if (fromId === null || toId === null) {
      return invalidObjectIds([from, to].filter((id) => live(id) === null));
    }
    return { pair: pairOf(path, fromId, toId), types };
  });
}

/** What the inputs that could write would hold: those whose types resolve and ids parse. */
function holdOfInputs(
  path: PathTypes,
  checks: readonly {
    ids: [IdToCheck, IdToCheck];
    types: readonly AssociationType[] | BatchItemError;
  }[],
  rules: WriteRules,
): PairWriteHold {
  const candidates = checks.flatMap(({ ids: [from, to], types }) =>
    'code' in types || from.id === null || to.id === null
      ? []
      : [{ pair: pairOf(path, from.id, to.id), types, mode: rules.mode }],
  );
  return pairWriteHold(rules.catalog, candidates, rules.limits);
}

/**
 * Plans the checked inputs' writes in order and reports every input in input order: its check's
 * error, its refusal by a limit, or `result` of its write.
 */
async function writeInOrder<R>(
  { catalog, limits, mode }: WriteRules,
  tx: StoreTransaction,
  portalId: number,
  checked: readonly Checked[],
  result: (write: WrittenPair, carried: readonly AssociationType[] | undefined) => R[],
): Promise<{ outcome: BatchOutcome<R>; changes: RowChanges }> {
  const writes = checked.flatMap((check) => ('code' in check ? [] : [{ ...check, mode }]));
  // The records check held the writes (checkedPairs).
  const plan = await planWrites(catalog, tx, portalId, writes, { limits, held: true });
  const outcome: BatchOutcome<R> = { results: [], errors: [] };
  let next = 0;
  for (const check of checked) {
    if ('code' in check) {
      outcome.errors.push(check);
      continue;
    }
    const written = plan.outcomes[next++];
    if (written && !written.applied) outcome.errors.push(written.error);
    else outcome.results.push(...result(check, written?.carried));
  }
  return { outcome, changes: plan.changes };
}

/** Sets the labels of each pair (v4 PUT labelled and batch create): replace semantics. */
export async function createLabelled(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly LabelledPairInput[],
): Promise<BatchOutcome<LabelsBetweenPair>> {
  assertBatchSize(inputs.length, BATCH_LIMITS.associationCreate);
  const resolve = (catalog: AssociationTypeCatalog, input: LabelledPairInput) =>
    resolveTypes(catalog, path, input.types);
  const outcome = await writeTyped(deps, portalId, path, inputs, resolve, 'replace');
  return {
    errors: outcome.errors,
    results: outcome.results.map(({ pair, types }) => ({
      fromObjectTypeId: pair.fromObjectTypeId,
      fromId: pair.fromId,
      toObjectTypeId: pair.toObjectTypeId,
      toId: pair.toId,
      labels: labelsOf(types),
    })),
  };
}

function labelsOf(types: readonly AssociationType[]): string[] {
  return types.flatMap((type) => (type.label === null ? [] : [type.label]));
}

/** The pair's unlabeled type; throws NO_DEFAULT_ASSOCIATION_TYPE when it has none. */
function defaultTypeOf(catalog: AssociationTypeCatalog, path: PathTypes): AssociationType {
  const unlabeled = catalog.unlabeled(path.from.id, path.to.id);
  if (unlabeled) return unlabeled;
  throw new DomainError(
    'NO_DEFAULT_ASSOCIATION_TYPE',
    `There is no default association type between ${path.from.plural} and ${path.to.plural}`,
    { fromObjectType: [path.from.id], toObjectType: [path.to.id] },
  );
}

/** Creates the default (unlabeled) association of each pair, in both directions. */
export async function associateDefault(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly PairInput[],
): Promise<BatchOutcome<DefaultAssociationResult>> {
  assertBatchSize(inputs.length, BATCH_LIMITS.associationArchive);
  // why: only a custom pair's unlabeled type is the portal's (a definition); a standard pair's is
  // built in, found without reading the portal's labels.
  const custom = isCustomTypeId(path.from.id) || isCustomTypeId(path.to.id);
  if (!custom) defaultTypeOf(deps.builtIn, path);
  return deps.store.transaction(
    async (tx) => {
      const { scoped, limits } = custom
        ? await forPortalWrite(deps, tx, portalId)
        : { scoped: deps, limits: await tx.listLimits(portalId) };
      const catalog = scoped.catalog;
      const unlabeled = defaultTypeOf(catalog, path);
      const rules: WriteRules = { catalog, limits, mode: 'add' };
      const checked = await checkedPairs(tx, portalId, path, inputs, rules, () => [unlabeled]);
      const { outcome, changes } = await writeInOrder(rules, tx, portalId, checked, ({ pair }) =>
        unlabeledRows(catalog, pair).map((row) => ({
          ...row,
          spec: { category: row.category, typeId: row.typeId },
        })),
      );
      throwIfNothingSucceeded(outcome, inputs.length);
      await storeChanges(tx, portalId, changes);
      return outcome;
    },
    pairWritesOf(path, inputs),
  );
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
  assertBatchSize(inputs.length, BATCH_LIMITS.associationArchive);
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
  if (pairs.length === 0) return;
  await deps.store.transaction(
    async (tx) => {
      await tx.holdForPairWrites(portalId, { pairs, records: [] });
      await tx.deletePairs(portalId, pairs);
    },
    { pairWrites: { pairs: () => pairs, removesPairs: true } },
  );
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
  assertBatchSize(inputs.length, BATCH_LIMITS.associationArchive);
  await archiveTyped(deps, portalId, path, inputs, (catalog, input) =>
    resolveTypes(catalog, path, input.types),
  );
}

/** Removes resolved types between each pair; a type that does not resolve fails the request. */
export async function archiveTyped<I extends PairInput>(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly I[],
  resolve: TypeResolver<I>,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const scoped = await forPortal(deps, tx, portalId);
    const wholePairs: RecordPair[] = [];
    const rows: AssociationRow[] = [];
    for (const input of inputs) {
      const types = resolve(scoped.catalog, input);
      if ('code' in types) throw new DomainError(types.code, types.message, types.context);
      const fromId = parseRecordId(input.fromId);
      const toId = parseRecordId(input.toId);
      if (fromId === null || toId === null) continue;
      const pair = pairOf(path, fromId, toId);
      if (types.some((type) => type.label === null)) wholePairs.push(pair, reversed(pair));
      else rows.push(...types.flatMap((type) => withInverse(scoped.catalog, pair, type)));
    }
    await tx.deletePairs(portalId, wholePairs);
    await tx.deleteAssociations(portalId, rows);
  });
}
