// The association rows a batch may touch, held in memory while its inputs are applied one by
// one: what each input sees is what the inputs before it left. Changes can be undone to a mark
// (an input refused by a limit changes nothing), and the end state is written as a diff.
import {
  CATEGORIES,
  type AssociationRow,
  type AssociationSpec,
  type RecordId,
  type RecordPair,
} from '../model.js';

/** A type as a number, unique across categories: cheaper to key by than a string. */
function specNumber(spec: AssociationSpec): number {
  return CATEGORIES.indexOf(spec.category) * 2 ** 32 + spec.typeId;
}

/**
 * One row the state knows: whether it is present now (null: unknown, a row of a pair not read
 * whole that no input has touched since), and whether it was stored.
 */
interface Entry {
  readonly row: AssociationRow;
  readonly spec: number;
  present: boolean | null;
  readonly stored: boolean;
}

/**
 * The rows of one pair and whether every stored row of the pair was read. A pair holds a few
 * types at most: a list is cheaper than a map.
 */
interface PairRows {
  readonly entries: Entry[];
  readonly complete: boolean;
}

/** Pairs by to-type, then by `fromId:toId`. */
type PairsFrom = Map<string, PairsBetween>;
type PairsBetween = Map<string, PairRows>;

/** The rows to insert and delete to go from the stored rows to the state's. */
export interface RowChanges {
  readonly insert: AssociationRow[];
  readonly delete: AssociationRow[];
}

/** Types whose targets per record are followed (Primary types claimed, limited types). */
export interface FollowedType extends AssociationSpec {
  readonly fromObjectTypeId: string;
  readonly toObjectTypeId: string;
}

/**
 * Rows known to be stored, as read before the batch: the pairs it writes (read whole), and for the
 * types it follows (Primary types it claims, limited types) every row of the records concerned.
 * A row of a pair not read whole is unknown: removing it still deletes it, adding it still
 * inserts it; both are harmless when the row is in fact absent or present.
 */
export class AssociationState {
  /** Pairs by from-type, to-type, then ids: shorter keys than a whole pair's, cheaper to hash. */
  readonly #pairs = new Map<string, PairsFrom>();
  /** Targets per (record, followed type): `fromType/fromId/toType/spec`. */
  readonly #targets = new Map<string, Set<RecordId>>();
  /** Followed types by from-type, to-type. */
  readonly #followed = new Map<string, Map<string, Set<number>>>();
  /** Entries changed, and their presence before (parallel lists), for undo. */
  readonly #changed: Entry[] = [];
  readonly #before: (boolean | null)[] = [];

  constructor(
    stored: Iterable<AssociationRow>,
    completePairs: Iterable<RecordPair>,
    followed: Iterable<FollowedType> = [],
  ) {
    for (const type of followed) this.#follow(type);
    for (const pair of completePairs) this.#pairOf(pair, true);
    for (const row of stored) {
      const { entries } = this.#pairOf(row);
      const spec = specNumber(row);
      if (entries.some((entry) => entry.spec === spec)) continue;
      entries.push({ row, spec, present: true, stored: true });
      this.#track(row, spec, true);
    }
  }

  add(row: AssociationRow): void {
    this.#change(row, true);
  }

  remove(row: AssociationRow): void {
    this.#change(row, false);
  }

  /** The rows present from the pair's from-record to its to-record. */
  rowsOf(pair: RecordPair): AssociationRow[] {
    const rows: AssociationRow[] = [];
    const entries = this.#find(pair)?.entries;
    if (entries)
      for (const entry of entries.values()) if (entry.present === true) rows.push(entry.row);
    return rows;
  }

  /** A record's targets through a followed type; asking for one not followed is a mistake. */
  targetsThrough(
    fromObjectTypeId: string,
    fromId: RecordId,
    toObjectTypeId: string,
    spec: AssociationSpec,
  ): ReadonlySet<RecordId> {
    const number = specNumber(spec);
    if (!this.#followed.get(fromObjectTypeId)?.get(toObjectTypeId)?.has(number)) {
      throw new Error(`${spec.category} ${spec.typeId} from ${fromObjectTypeId} is not followed`);
    }
    return this.#targets.get(`${fromObjectTypeId}/${fromId}/${toObjectTypeId}/${number}`) ?? EMPTY;
  }

  /** A point to undo to. */
  mark(): number {
    return this.#changed.length;
  }

  /** The rows added since the mark that were not present before it. */
  addedSince(mark: number): AssociationRow[] {
    const added: AssociationRow[] = [];
    for (let index = mark; index < this.#changed.length; index++) {
      const entry = this.#changed[index];
      if (entry?.present === true && this.#before[index] !== true) added.push(entry.row);
    }
    return added;
  }

  /** Undoes every change made since the mark. */
  undo(mark: number): void {
    while (this.#changed.length > mark) {
      const entry = this.#changed.pop();
      const was = this.#before.pop() ?? null;
      if (!entry) break;
      entry.present = was;
      this.#track(entry.row, entry.spec, was === true);
    }
  }

  /**
   * What to write so the store holds this state. A removed row is deleted unless its pair was
   * read whole and did not store it; an added one is inserted unless it was stored.
   */
  changes(): RowChanges {
    const changes: RowChanges = { insert: [], delete: [] };
    for (const byTo of this.#pairs.values()) {
      for (const between of byTo.values()) {
        for (const { entries, complete } of between.values()) {
          for (const { row, present, stored } of entries) {
            if (present === true && !stored) changes.insert.push(row);
            else if (present === false && (stored || !complete)) changes.delete.push(row);
          }
        }
      }
    }
    return changes;
  }

  #find(pair: RecordPair): PairRows | undefined {
    return this.#pairs
      .get(pair.fromObjectTypeId)
      ?.get(pair.toObjectTypeId)
      ?.get(`${pair.fromId}:${pair.toId}`);
  }

  /** The pair's rows, made empty (read whole, or unknown) the first time the pair is named. */
  #pairOf(pair: RecordPair, complete = false): PairRows {
    let byTo = this.#pairs.get(pair.fromObjectTypeId);
    if (!byTo) this.#pairs.set(pair.fromObjectTypeId, (byTo = new Map() as PairsFrom));
    let between = byTo.get(pair.toObjectTypeId);
    if (!between) byTo.set(pair.toObjectTypeId, (between = new Map() as PairsBetween));
    const ids = `${pair.fromId}:${pair.toId}`;
    let rows = between.get(ids);
    if (!rows) between.set(ids, (rows = { entries: [], complete }));
    return rows;
  }

  #change(row: AssociationRow, present: boolean): void {
    const { entries, complete } = this.#pairOf(row);
    const spec = specNumber(row);
    let entry = entries.find((known) => known.spec === spec);
    if (!entry) {
      // A pair read whole lacks it: absent. Otherwise unknown, whether or not it is stored.
      entry = { row, spec, present: complete ? false : null, stored: false };
      entries.push(entry);
    }
    if (entry.present === present) return;
    this.#changed.push(entry);
    this.#before.push(entry.present);
    entry.present = present;
    this.#track(row, spec, present);
  }

  #follow(type: FollowedType): void {
    let byTo = this.#followed.get(type.fromObjectTypeId);
    if (!byTo) this.#followed.set(type.fromObjectTypeId, (byTo = new Map<string, Set<number>>()));
    let specs = byTo.get(type.toObjectTypeId);
    if (!specs) byTo.set(type.toObjectTypeId, (specs = new Set<number>()));
    specs.add(specNumber(type));
  }

  /** Keeps the targets of followed types current. */
  #track(row: AssociationRow, spec: number, present: boolean): void {
    if (this.#followed.size === 0) return;
    if (!this.#followed.get(row.fromObjectTypeId)?.get(row.toObjectTypeId)?.has(spec)) return;
    const key = `${row.fromObjectTypeId}/${row.fromId}/${row.toObjectTypeId}/${spec}`;
    let targets = this.#targets.get(key);
    if (!targets) this.#targets.set(key, (targets = new Set()));
    if (present) targets.add(row.toId);
    else targets.delete(row.toId);
  }
}

const EMPTY: ReadonlySet<RecordId> = new Set();
