// The ids a merge leaves behind: HubSpot's hs_merged_object_ids property, its format and its cap.
import type { Properties, RecordId } from '../model.js';
import { parseRecordId } from './record-ids.js';

/** The property listing the ids merged into a record; the server keeps it, clients cannot. */
export const MERGED_IDS_PROPERTY = 'hs_merged_object_ids';

/** Ids one record may carry, its own included: HubSpot's "250 identities on a profile". */
export const MAX_IDENTITIES = 250;

/**
 * Object types whose merge creates a new record with a new id, as HubSpot's merge update
 * documents for contacts and companies; every other type keeps the primary record's id.
 */
const MERGE_MINTS_NEW_ID = new Set(['0-1', '0-2']);

export function mergeMintsNewId(objectTypeId: string): boolean {
  return MERGE_MINTS_NEW_ID.has(objectTypeId);
}

/** The property's value: the ids, once each, ascending, separated by semicolons. */
export function formatMergedIds(ids: readonly RecordId[]): string {
  return [...new Set(ids)].sort((a, b) => a - b).join(';');
}

/** The ids a value of the property lists; parts that are not record ids are skipped. */
export function parseMergedIds(value: string | undefined): RecordId[] {
  if (!value) return [];
  return value
    .split(';')
    .map(parseRecordId)
    .filter((id): id is RecordId => id !== null);
}

/** The properties without those only the server writes: a client's values for them are ignored. */
export function clientWritable(properties: Properties): Properties {
  if (!(MERGED_IDS_PROPERTY in properties)) return properties;
  return Object.fromEntries(
    Object.entries(properties).filter(([name]) => name !== MERGED_IDS_PROPERTY),
  );
}
