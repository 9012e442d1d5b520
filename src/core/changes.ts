// What a write changed, as events see it: association rows added and removed, records created,
// updated, archived, restored and merged.
import type { AssociationRow, RecordId } from './model.js';

export type RecordChange =
  | { readonly kind: 'created'; readonly objectTypeId: string; readonly id: RecordId }
  | {
      readonly kind: 'updated';
      readonly objectTypeId: string;
      readonly id: RecordId;
      /** Each property whose value changed, with its new value (null once cleared). */
      readonly properties: Readonly<Record<string, string | null>>;
    }
  | { readonly kind: 'archived'; readonly objectTypeId: string; readonly id: RecordId }
  /** A GDPR delete: HubSpot fires a privacy deletion and a deletion. */
  | { readonly kind: 'privacyDeleted'; readonly objectTypeId: string; readonly id: RecordId }
  | { readonly kind: 'restored'; readonly objectTypeId: string; readonly id: RecordId }
  | {
      readonly kind: 'merged';
      readonly objectTypeId: string;
      /** The record that was kept and the ones merged into it, and the id the result answers to. */
      readonly primaryId: RecordId;
      readonly mergedIds: readonly RecordId[];
      readonly newId: RecordId;
      readonly propertiesMoved: number;
    };

/** One stored row, one direction and one type, that a write added or removed. */
export interface AssociationChange {
  readonly kind: 'associationAdded' | 'associationRemoved';
  readonly row: AssociationRow;
}

export type Change = RecordChange | AssociationChange;

/** A record whose value of some property a write replaced. */
export interface PropertyWrite {
  readonly id: RecordId;
  readonly before: Readonly<Record<string, string>>;
  readonly after: Readonly<Record<string, string>>;
  /** The properties the write named; only those can have changed. */
  readonly written: readonly string[];
}

/**
 * The changes of one store transaction, in the order its writes made them. The store's write
 * methods add what they did (rows actually inserted or deleted, cascades included); a use case
 * whose writes mean more than their parts (a merge, a GDPR delete) rewrites its own stretch.
 */
export class ChangeSet {
  readonly #changes: Change[] = [];
  #portalId: number | null = null;

  /** The portal the transaction wrote to, once it wrote anything. */
  get portalId(): number | null {
    return this.#portalId;
  }

  get changes(): readonly Change[] {
    return this.#changes;
  }

  add(portalId: number, changes: readonly Change[]): void {
    if (changes.length === 0) return;
    this.#portalId = portalId;
    for (const change of changes) this.#changes.push(change);
  }

  /** Records that the rows were added (`added`) or removed. */
  addRows(portalId: number, kind: AssociationChange['kind'], rows: readonly AssociationRow[]) {
    this.add(
      portalId,
      rows.map((row) => ({ kind, row })),
    );
  }

  /** Records one change of `kind` per record id. */
  addRecords(
    portalId: number,
    kind: 'created' | 'archived',
    objectTypeId: string,
    ids: readonly RecordId[],
  ): void {
    this.add(
      portalId,
      ids.map((id) => ({ kind, objectTypeId, id })),
    );
  }

  /** Records, for each record, the written properties whose value changed (if any did). */
  addPropertyWrites(portalId: number, objectTypeId: string, writes: readonly PropertyWrite[]) {
    const changes: Change[] = [];
    for (const { id, before, after, written } of writes) {
      const properties: Record<string, string | null> = {};
      let changed = false;
      for (const name of written) {
        const value = after[name] ?? null;
        if ((before[name] ?? null) === value) continue;
        properties[name] = value;
        changed = true;
      }
      if (changed) changes.push({ kind: 'updated', objectTypeId, id, properties });
    }
    this.add(portalId, changes);
  }

  /** A position to rewrite from. */
  mark(): number {
    return this.#changes.length;
  }

  /** Replaces the changes recorded since `mark` with what `rewrite` makes of them. */
  rewriteSince(mark: number, rewrite: (made: readonly Change[]) => Change[]): void {
    const made = this.#changes.splice(mark);
    for (const change of rewrite(made)) this.#changes.push(change);
  }
}
