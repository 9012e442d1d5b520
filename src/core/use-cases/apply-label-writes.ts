// Applies a batch's label writes in input order, as that many single writes would, inside the
// caller's transaction: the rows they may touch are read once, the writes run in memory one by
// one (each seeing what the ones before left, each refused by a limit changing nothing), and the
// end state is stored as one diff.
import { compareTypes, type AssociationTypeCatalog } from '../association-types.js';
import { batchItemError, type BatchItemError } from '../errors.js';
import type {
  AssociationRow,
  AssociationType,
  LimitConfig,
  RecordId,
  RecordPair,
} from '../model.js';
import { objectTypeById, singularName } from '../object-types.js';
import type { IdsOfType, PairWriteHold, RowsThrough, StoreTransaction } from '../ports.js';
import {
  AssociationState,
  type FollowedType,
  type RowChanges,
} from '../rules/association-state.js';
import {
  applyWrite,
  primaryClaims,
  reversed,
  rowsWritten,
  type LabelWrite,
} from '../rules/label-writes.js';
import { limitKeyOf } from '../rules/limits.js';

/**
 * What became of one write: applied, or refused by a limit. A write of no types reports the
 * types its pair carries at its turn (what a single write answers).
 */
export type WriteOutcome =
  | { readonly applied: true; readonly carried?: readonly AssociationType[] }
  | { readonly applied: false; readonly error: BatchItemError };

/** Each write's outcome, in input order, and the rows to store for all of them. */
export interface WritePlan {
  readonly outcomes: WriteOutcome[];
  readonly changes: RowChanges;
}

/**
 * The pairs the writes name, with the reverse ones for same-type pairs (contact to contact), whose
 * other direction another input may write. A pair named twice is read twice, which is harmless.
 */
function pairsRead(writes: readonly LabelWrite[]): RecordPair[] {
  const pairs: RecordPair[] = [];
  for (const { pair } of writes) {
    pairs.push(pair);
    if (pair.fromObjectTypeId === pair.toObjectTypeId) pairs.push(reversed(pair));
  }
  return pairs;
}

type Wanted = Map<string, { key: Omit<LimitConfig, 'maxToObjectIds'>; ids: Set<number> }>;

function want(wanted: Wanted, key: Omit<LimitConfig, 'maxToObjectIds'>, id: number): void {
  const name = limitKeyOf(key);
  const entry = wanted.get(name);
  if (entry) entry.ids.add(id);
  else wanted.set(name, { key, ids: new Set([id]) });
}

/** What a batch read before its writes: the stored rows, the pairs read whole, the types followed. */
interface StoredState {
  readonly stored: AssociationRow[];
  readonly pairs: RecordPair[];
  readonly followed: FollowedType[];
}

/**
 * The types the writes follow, with the records they follow them from: every Primary the writes
 * claim, from the record claiming it, and every limited type, from the records the writes may
 * add rows from.
 */
function followedBy(
  catalog: AssociationTypeCatalog,
  writes: readonly LabelWrite[],
  limits: readonly LimitConfig[],
): Wanted {
  const wanted: Wanted = new Map();
  for (const write of writes) {
    for (const { owner, type, targetObjectTypeId } of primaryClaims(catalog, write)) {
      const key = {
        ...type,
        fromObjectTypeId: owner.objectTypeId,
        toObjectTypeId: targetObjectTypeId,
      };
      want(wanted, key, owner.id);
    }
  }
  for (const limit of limits) {
    for (const { pair } of writes) {
      const { fromObjectTypeId: from, toObjectTypeId: to } = pair;
      if (limit.fromObjectTypeId === from && limit.toObjectTypeId === to)
        want(wanted, limit, pair.fromId);
      if (limit.fromObjectTypeId === to && limit.toObjectTypeId === from)
        want(wanted, limit, pair.toId);
    }
  }
  return wanted;
}

/**
 * What the writes hold before reading what they depend on (`holdForPairWrites`): their pairs and
 * the records they count rows from. Writes that may not all happen hold what all of them would.
 */
export function pairWriteHold(
  catalog: AssociationTypeCatalog,
  writes: readonly LabelWrite[],
  limits: readonly LimitConfig[],
): PairWriteHold {
  return { pairs: pairsRead(writes), records: countedRecords(followedBy(catalog, writes, limits)) };
}

/**
 * The rows the writes may touch: every row of their pairs, every Primary row of the records they
 * claim Primary for, and every row of a limited type from the records they may add rows from.
 * Holds them first unless the caller did (`held`).
 */
async function readStored(
  catalog: AssociationTypeCatalog,
  tx: StoreTransaction,
  portalId: number,
  writes: readonly LabelWrite[],
  limits: readonly LimitConfig[],
  held: boolean,
): Promise<StoredState> {
  const pairs = pairsRead(writes);
  const wanted = followedBy(catalog, writes, limits);
  // why: a write running beside others of the portal must hold what it reads before reading it.
  if (!held && tx.holdsPairs) {
    await tx.holdForPairWrites(portalId, { pairs, records: countedRecords(wanted) });
  }
  // The pairs' rows and the followed types' rows in one store call (one round trip on PostgreSQL).
  const through = [...wanted.values()].map(({ key, ids }): RowsThrough => ({
    fromObjectTypeId: key.fromObjectTypeId,
    fromIds: [...ids],
    toObjectTypeId: key.toObjectTypeId,
    spec: { category: key.category, typeId: key.typeId },
  }));
  const stored = await tx.rowsTouchedByWrites(portalId, pairs, through);
  const followed = [...wanted.values()].map(({ key }) => key);
  return { stored, pairs, followed };
}

/** The records whose rows through a followed type the writes count, each once. */
function countedRecords(wanted: Wanted): IdsOfType[] {
  const byType = new Map<string, Set<RecordId>>();
  for (const { key, ids } of wanted.values()) {
    const set = byType.get(key.fromObjectTypeId);
    if (set) for (const id of ids) set.add(id);
    else byType.set(key.fromObjectTypeId, new Set(ids));
  }
  return [...byType].map(([objectTypeId, ids]) => ({ objectTypeId, ids: [...ids] }));
}

/** Whether the record pair was named before; pairs are keyed both ways round. */
function seenBefore(seen: Map<RecordId, Set<RecordId>>, a: RecordId, b: RecordId): boolean {
  const [low, high] = a < b ? [a, b] : [b, a];
  let others = seen.get(low);
  if (!others) seen.set(low, (others = new Set()));
  if (others.has(high)) return true;
  others.add(high);
  return false;
}

/**
 * The rows to insert when the writes cannot meet: one pair of object types, no pair named twice
 * (either way round), no record with itself, no stored row, nothing followed (no limit, no
 * Primary). Each write then adds its rows to an empty pair, and the rows are exactly those the
 * in-memory state would store, in the order it lists them: the forward rows pair by pair, then
 * the rows back (for a pair of one object type, each pair's rows back follow its own). Null when
 * the writes do not qualify. Building the state costs a 2,000-pair batch create several ms.
 */
function freshInserts(
  catalog: AssociationTypeCatalog,
  writes: readonly LabelWrite[],
): AssociationRow[] | null {
  const first = writes[0];
  if (!first) return null;
  const { fromObjectTypeId: fromType, toObjectTypeId: toType } = first.pair;
  const oneType = fromType === toType;
  const seen = new Map<RecordId, Set<RecordId>>();
  const forward: AssociationRow[] = [];
  const backward: AssociationRow[] = [];
  for (const { pair, types } of writes) {
    if (types.length === 0 || pair.fromObjectTypeId !== fromType || pair.toObjectTypeId !== toType)
      return null;
    if (oneType && pair.fromId === pair.toId) return null;
    if (seenBefore(seen, pair.fromId, pair.toId)) return null;
    const mark = forward.length;
    const back = backward.length;
    for (const row of rowsWritten(catalog, { pair, types })) {
      const ahead =
        row.fromObjectTypeId === fromType && row.fromId === pair.fromId && row.toId === pair.toId;
      const rows = ahead ? forward : backward;
      // A type listed twice writes its rows once.
      const from = ahead ? mark : back;
      let known = false;
      for (let index = from; index < rows.length; index++) {
        const other = rows[index];
        if (other?.category === row.category && other.typeId === row.typeId) known = true;
      }
      if (!known) rows.push(row);
    }
    if (oneType) {
      // One object type: the pair and its reverse are neighbours in the state's listing.
      forward.push(...backward.splice(back));
    }
  }
  return oneType ? forward : [...forward, ...backward];
}

/** HubSpot does not publish this error's body; docs/fidelity.md records the one chosen. */
function limitExceeded(catalog: AssociationTypeCatalog, row: AssociationRow, max: number) {
  const from = singularName(objectTypeById(row.fromObjectTypeId));
  const to = objectTypeById(row.toObjectTypeId);
  const type = catalog.find(row.fromObjectTypeId, row.toObjectTypeId, row);
  const through = type?.label ? ` labelled '${type.label}'` : '';
  return batchItemError(
    'ASSOCIATION_LIMIT_EXCEEDED',
    `Association limit exceeded: ${from} ${row.fromId} can be associated with at most ${max} ${to.plural}${through}`,
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

/** A record at both ends of a write: the register never holds a self-association. */
function selfAssociation(pair: RecordPair): BatchItemError | null {
  if (pair.fromObjectTypeId !== pair.toObjectTypeId || pair.fromId !== pair.toId) return null;
  const type = singularName(objectTypeById(pair.fromObjectTypeId));
  return batchItemError(
    'SELF_ASSOCIATION',
    `A ${type} cannot be associated with itself: ${pair.fromId}`,
    { fromObjectId: [String(pair.fromId)], toObjectId: [String(pair.toId)], objectType: [type] },
  );
}

/**
 * The first row the write just added that gives its record more targets through a limited type
 * than the limit allows. Limits are not retroactive: only a new target can break one.
 */
function breach(
  state: AssociationState,
  added: readonly AssociationRow[],
  maxByKey: ReadonlyMap<string, number>,
) {
  for (const row of added) {
    const max = maxByKey.get(limitKeyOf(row));
    if (max === undefined) continue;
    const held = state.targetsThrough(row.fromObjectTypeId, row.fromId, row.toObjectTypeId, row);
    if (held.size > max) return { row, max };
  }
  return null;
}

/** The catalog types a pair carries in the state, in display order. */
function carriedBy(catalog: AssociationTypeCatalog, state: AssociationState, pair: RecordPair) {
  return state
    .rowsOf(pair)
    .flatMap((row) => catalog.find(pair.fromObjectTypeId, pair.toObjectTypeId, row) ?? [])
    .sort(compareTypes);
}

/** What a caller of `planWrites` already has: the portal's limits, and whether it held the writes. */
export interface KnownBeforePlan {
  readonly limits: readonly LimitConfig[];
  /** Whether `pairWriteHold` of these writes (or more) is already held. */
  readonly held: boolean;
}

/** Runs the writes in order against the rows they may touch; stores nothing yet. */
export async function planWrites(
  catalog: AssociationTypeCatalog,
  tx: StoreTransaction,
  portalId: number,
  writes: readonly LabelWrite[],
  known?: KnownBeforePlan,
): Promise<WritePlan> {
  // A write with no pairs (a record create without associations) reads nothing.
  if (writes.length === 0) return { outcomes: [], changes: { insert: [], delete: [] } };
  const limits = known?.limits ?? (await tx.listLimits(portalId));
  const { stored, pairs, followed } = await readStored(
    catalog,
    tx,
    portalId,
    writes,
    limits,
    known?.held ?? false,
  );
  if (limits.length === 0 && followed.length === 0 && stored.length === 0) {
    const insert = freshInserts(catalog, writes);
    if (insert) {
      return { outcomes: writes.map(() => APPLIED), changes: { insert, delete: [] } };
    }
  }
  const state = new AssociationState(stored, pairs, followed);
  const maxByKey = new Map(limits.map((limit) => [limitKeyOf(limit), limit.maxToObjectIds]));
  const outcomes = writes.map((write): WriteOutcome => {
    const self = selfAssociation(write.pair);
    if (self) return { applied: false, error: self };
    if (write.types.length === 0) {
      return { applied: true, carried: carriedBy(catalog, state, write.pair) };
    }
    const mark = state.mark();
    applyWrite(catalog, state, write);
    const broken = maxByKey.size > 0 ? breach(state, state.addedSince(mark), maxByKey) : null;
    if (!broken) return { applied: true };
    state.undo(mark);
    return { applied: false, error: limitExceeded(catalog, broken.row, broken.max) };
  });
  return { outcomes, changes: state.changes() };
}

const APPLIED: WriteOutcome = { applied: true };

/** Stores a plan's rows: deletes first, then inserts. */
export async function storeChanges(
  tx: StoreTransaction,
  portalId: number,
  changes: RowChanges,
): Promise<void> {
  if (changes.delete.length > 0) await tx.deleteAssociations(portalId, changes.delete);
  if (changes.insert.length > 0) await tx.insertAssociations(portalId, changes.insert);
}
