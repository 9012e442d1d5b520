// The association rows a batch may touch, held in memory while its inputs are applied one by
// one: what each input sees is what the inputs before it left. Changes can be undone to a mark
// (an input refused by a limit changes nothing), and the end state is written as a diff.
import type { AssociationRow, AssociationSpec, RecordId, RecordPair } from '../model.js';
import { pairKey } from '../ports.js';

function rowKey(row: AssociationRow): string {
  return `${pairKey(row)}/${row.category}:${row.typeId}`;
}

function throughKey(
  fromObjectTypeId: string,
  fromId: RecordId,
  toObjectTypeId: string,
  spec: AssociationSpec,
): string {
  return `${fromObjectTypeId}/${fromId}/${toObjectTypeId}/${spec.category}:${spec.typeId}`;
}

/** The rows to insert and delete to go from the stored rows to the state's. */
export interface RowChanges {
  readonly insert: AssociationRow[];
  readonly delete: AssociationRow[];
}

/**
 * Rows known to be stored, as read before the batch (the pairs it writes, the Primary rows of the
 * records it claims Primary for, the rows of limited types), then changed input by input. A row
 * the state was not given is unknown: removing it still deletes it, adding it still inserts it;
 * both are harmless when the row is in fact absent or present.
 */
export class AssociationState {
  readonly #stored = new Set<string>();
  /** Whether each row is present now, for every row read or touched. */
  readonly #present = new Map<string, { row: AssociationRow; present: boolean }>();
  readonly #byPair = new Map<string, Map<string, AssociationRow>>();
  readonly #through = new Map<string, Set<RecordId>>();
  readonly #journal: { key: string; row: AssociationRow; was: boolean | undefined }[] = [];
  /** Pairs whose every stored row the state was given: a row of one it lacks is absent. */
  readonly #complete = new Set<string>();

  /** The stored rows read, and the pairs read whole. */
  constructor(stored: Iterable<AssociationRow>, completePairs: Iterable<RecordPair> = []) {
    for (const pair of completePairs) this.#complete.add(pairKey(pair));
    for (const row of stored) {
      const key = rowKey(row);
      if (this.#stored.has(key)) continue;
      this.#stored.add(key);
      this.#set(key, row, true);
    }
  }

  add(row: AssociationRow): void {
    this.#change(row, true);
  }

  remove(row: AssociationRow): void {
    this.#change(row, false);
  }

  has(row: AssociationRow): boolean {
    return this.#present.get(rowKey(row))?.present ?? false;
  }

  /** The rows from the pair's from-record to its to-record. */
  rowsOf(pair: RecordPair): AssociationRow[] {
    return [...(this.#byPair.get(pairKey(pair))?.values() ?? [])];
  }

  /** The record's targets through one type. */
  targetsThrough(
    fromObjectTypeId: string,
    fromId: RecordId,
    toObjectTypeId: string,
    spec: AssociationSpec,
  ): ReadonlySet<RecordId> {
    return this.#through.get(throughKey(fromObjectTypeId, fromId, toObjectTypeId, spec)) ?? EMPTY;
  }

  /** A point to undo to. */
  mark(): number {
    return this.#journal.length;
  }

  /** The rows added since the mark that were not present before it. */
  addedSince(mark: number): AssociationRow[] {
    return this.#journal
      .slice(mark)
      .filter((entry) => entry.was !== true && this.has(entry.row))
      .map((entry) => entry.row);
  }

  /** Undoes every change made since the mark. */
  undo(mark: number): void {
    while (this.#journal.length > mark) {
      const entry = this.#journal.pop();
      if (!entry) break;
      if (entry.was === undefined) this.#forget(entry.key, entry.row);
      else this.#set(entry.key, entry.row, entry.was);
    }
  }

  /**
   * What to write so the store holds this state. A removed row is deleted unless it belongs to a
   * pair read whole that did not store it; an added one is inserted unless it was stored.
   */
  changes(): RowChanges {
    const changes: RowChanges = { insert: [], delete: [] };
    for (const [key, { row, present }] of this.#present) {
      const stored = this.#stored.has(key);
      if (present && !stored) changes.insert.push(row);
      else if (!present && (stored || !this.#complete.has(pairKey(row)))) changes.delete.push(row);
    }
    return changes;
  }

  #change(row: AssociationRow, present: boolean): void {
    const key = rowKey(row);
    const was = this.#present.get(key)?.present;
    if (was === present) return;
    this.#journal.push({ key, row, was });
    this.#set(key, row, present);
  }

  #set(key: string, row: AssociationRow, present: boolean): void {
    this.#present.set(key, { row, present });
    const spec = `${row.category}:${row.typeId}`;
    const through = throughKey(row.fromObjectTypeId, row.fromId, row.toObjectTypeId, row);
    let pair = this.#byPair.get(pairKey(row));
    if (!pair) this.#byPair.set(pairKey(row), (pair = new Map<string, AssociationRow>()));
    let targets = this.#through.get(through);
    if (!targets) this.#through.set(through, (targets = new Set<RecordId>()));
    if (present) {
      pair.set(spec, row);
      targets.add(row.toId);
    } else {
      pair.delete(spec);
      targets.delete(row.toId);
    }
  }

  #forget(key: string, row: AssociationRow): void {
    this.#set(key, row, false);
    this.#present.delete(key);
  }
}

const EMPTY: ReadonlySet<RecordId> = new Set();
