// The value index of record properties, the same in every store adapter: one entry per record and
// property with a value, holding the value's search key and, when it reads as one, its number.
// Only live records are indexed: archiving a record removes its entries.
import type { Properties, RecordId } from '../core/model.js';
import { searchKey, searchNumber } from '../core/rules/search-values.js';

/** One entry of the value index. */
export interface RecordValueEntry {
  readonly objectTypeId: string;
  readonly id: RecordId;
  readonly property: string;
  readonly key: string;
  readonly number: number | null;
}

/** What the index reads of a record. */
export interface IndexedRecord {
  readonly objectTypeId: string;
  readonly id: RecordId;
  readonly properties: Properties;
}

/** The index entries of records: every property with a non-empty value (HubSpot's "set"). */
export function recordValueEntries(records: readonly IndexedRecord[]): RecordValueEntry[] {
  const entries: RecordValueEntry[] = [];
  for (const { objectTypeId, id, properties } of records) {
    for (const [property, value] of Object.entries(properties)) {
      if (value === '') continue;
      const key = searchKey(value);
      entries.push({ objectTypeId, id, property, key, number: searchNumber(value) });
    }
  }
  return entries;
}

/** Entries as parallel columns, for statements that bind arrays (unnest) or one JSON list. */
export function entryColumns(entries: readonly RecordValueEntry[]) {
  return {
    types: entries.map((entry) => entry.objectTypeId),
    ids: entries.map((entry) => entry.id),
    properties: entries.map((entry) => entry.property),
    keys: entries.map((entry) => entry.key),
    numbers: entries.map((entry) => entry.number),
  };
}

/** Entries as JSON tuples in column order after the portal, for SQLite's json_each. */
export function entryTuples(entries: readonly RecordValueEntry[]): string {
  return JSON.stringify(
    entries.map((entry) => [entry.objectTypeId, entry.id, entry.property, entry.key, entry.number]),
  );
}
