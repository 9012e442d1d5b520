// GDPR delete (HubSpot's gdpr-delete): a record and every association from or to it, for good.
import type { RecordId } from '../model.js';
import type { StandardObjectType } from '../object-types.js';
import type { StoreTransaction } from '../ports.js';
import { parseRecordId } from '../rules/record-ids.js';
import type { CoreDeps } from './deps.js';
import { assertUniqueProperty } from './unique-values.js';

/** HubSpot's PublicGdprDeleteInput: a record id, or a unique property's value. */
export interface GdprDeleteInput {
  readonly objectId: string;
  readonly idProperty?: string | undefined;
}

/** Naming the record id property is the same as naming none. */
const RECORD_ID_PROPERTY = 'hs_object_id';

/** The record an id names, archived or not: itself, or the record it was merged into. */
async function recordNamedById(
  tx: StoreTransaction,
  portalId: number,
  type: StandardObjectType,
  rawId: string,
): Promise<RecordId[]> {
  const id = parseRecordId(rawId);
  if (id === null) return [];
  const into = (await tx.resolveMergedIds(portalId, type.id, [id])).get(id);
  return [into ?? id];
}

/** Every record, archived or not, whose unique property has the value; none for a blank value. */
async function recordsWithValue(
  tx: StoreTransaction,
  portalId: number,
  type: StandardObjectType,
  property: string,
  value: string,
): Promise<RecordId[]> {
  if (value.trim() === '') return [];
  const records = await tx.findRecordsByProperty(portalId, type.id, property, [value], true);
  return records.map((record) => record.id);
}

/**
 * Deletes the record for good, archived or not, with its associations (live and set aside, both
 * directions) and the merged ids that named it. By a unique property, every record with the value
 * goes (built-in, schema and Properties-API unique properties alike). Naming nothing deletes
 * nothing and is not an error; no blocklist is kept.
 */
export async function gdprDelete(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  input: GdprDeleteInput,
): Promise<void> {
  const property = input.idProperty ?? RECORD_ID_PROPERTY;
  await deps.store.transaction(async (tx) => {
    if (property !== RECORD_ID_PROPERTY) {
      await assertUniqueProperty(tx, portalId, type, property, 'GDPR delete');
    }
    const ids =
      property === RECORD_ID_PROPERTY
        ? await recordNamedById(tx, portalId, type, input.objectId)
        : await recordsWithValue(tx, portalId, type, property, input.objectId);
    if (ids.length === 0) return;
    const mark = tx.changeSet.mark();
    await tx.purgeRecords(portalId, type.id, ids);
    // A GDPR delete is a privacy deletion (HubSpot fires it with a deletion) of each record.
    tx.changeSet.rewriteSince(mark, (made) =>
      made.map((change) =>
        change.kind === 'archived' ? { ...change, kind: 'privacyDeleted' } : change,
      ),
    );
  });
}
