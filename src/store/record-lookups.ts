// What both adapters share for lookups by property and for merged ids: the names they put into
// SQL, and the merged ids an imported record carries.
import type { CrmRecord, RecordId } from '../core/model.js';
import { MERGED_IDS_PROPERTY, parseMergedIds } from '../core/rules/merged-ids.js';
import { searchKey } from '../core/rules/search-values.js';
import { asciiLowerCase } from '../core/rules/unique-properties.js';

const PROPERTY_NAME = /^[A-Za-z0-9_]{1,100}$/;
const OBJECT_TYPE_ID = /^[0-9]{1,6}-[0-9]{1,12}$/;

/**
 * The property name and object type id, checked before they are written into a statement's text:
 * an expression index (contacts' email) is only used when the query spells its expression and
 * predicate out literally.
 */
export function literalsOfLookup(objectTypeId: string, property: string): [string, string] {
  if (!PROPERTY_NAME.test(property)) throw new Error(`not a property name: ${property}`);
  if (!OBJECT_TYPE_ID.test(objectTypeId)) throw new Error(`not an object type id: ${objectTypeId}`);
  return [objectTypeId, property];
}

/**
 * Whether a lookup by the property is served by the expression index on the records (contacts'
 * email, archived records included); every other lookup of live records goes through the value
 * index, so no lookup reads every record of a type.
 */
export function hasExpressionIndex(objectTypeId: string, property: string): boolean {
  return objectTypeId === '0-1' && property === 'email';
}

/**
 * The values of a lookup through the value index: each as its index key and as compared in full
 * (ASCII letters lower-cased), once each. The key is a prefix, so the full value decides.
 */
export function valueIndexLookups(values: readonly string[]): [key: string, value: string][] {
  return [...new Set(values.map(asciiLowerCase))].map((value) => [searchKey(value), value]);
}

/** One merged id: the type, the id merged away, and the record it resolves to. */
export type MergedIdRow = [objectTypeId: string, id: RecordId, into: RecordId];

/**
 * The merged ids of imported records, read from their `hs_merged_object_ids`: the property lists
 * every id merged into a record, so an export needs no table of its own for them.
 */
export function mergedIdsOfRecords(records: readonly CrmRecord[]): MergedIdRow[] {
  return records.flatMap((record) =>
    parseMergedIds(record.properties[MERGED_IDS_PROPERTY])
      .filter((id) => id !== record.id)
      .map((id): MergedIdRow => [record.objectTypeId, id, record.id]),
  );
}
