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
