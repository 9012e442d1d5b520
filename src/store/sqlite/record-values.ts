// The SQLite side of the value index: entries written with their records, removed with them.
import type { RecordId } from '../../core/model.js';
import { entryTuples, recordValueEntries, type IndexedRecord } from '../record-values.js';
import type { Prepare } from './sqlite-schema.js';
import { BOUND_COUNT } from './bound-count.js';

/** Indexes records stored for the first time. */
export function indexNewRecords(
  prepare: Prepare,
  portalId: number,
  records: readonly IndexedRecord[],
): void {
  const entries = recordValueEntries(records);
  if (entries.length === 0) return;
  prepare(
    `INSERT OR REPLACE INTO record_values (portal_id, object_type_id, id, property, key, number)
     SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)`,
  ).run(portalId, entryTuples(entries));
}

/** Forgets the entries of records of one type. */
export function unindexRecords(
  prepare: Prepare,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): void {
  if (ids.length === 0) return;
  prepare(
    `DELETE FROM record_values WHERE portal_id = ? AND object_type_id = ?
     AND id IN (SELECT value FROM json_each(?))`,
  ).run(portalId, objectTypeId, JSON.stringify(ids));
}

/** Re-indexes records of one type whose properties changed. */
export function reindexRecords(
  prepare: Prepare,
  portalId: number,
  objectTypeId: string,
  records: readonly IndexedRecord[],
): void {
  unindexRecords(
    prepare,
    portalId,
    objectTypeId,
    records.map((record) => record.id),
  );
  indexNewRecords(prepare, portalId, records);
}

/** Indexes every live record already stored (the migration that creates the index). */
export function indexAllRecords(prepare: Prepare): void {
  const pageSize = 5000;
  const page = prepare(
    `SELECT portal_id, object_type_id, id, properties FROM records
     WHERE archived_at IS NULL AND (portal_id, object_type_id, id) > (?, ?, ?)
     ORDER BY portal_id, object_type_id, id LIMIT ${BOUND_COUNT}`,
  );
  let after: [number, string, number] = [-1, '', 0];
  for (;;) {
    const rows = page.all(...after, pageSize) as {
      portal_id: number;
      object_type_id: string;
      id: number;
      properties: string;
    }[];
    const last = rows.at(-1);
    if (!last) return;
    const byPortal = new Map<number, IndexedRecord[]>();
    for (const row of rows) {
      const records = byPortal.get(row.portal_id) ?? [];
      records.push({
        objectTypeId: row.object_type_id,
        id: row.id,
        properties: JSON.parse(row.properties) as Record<string, string>,
      });
      byPortal.set(row.portal_id, records);
    }
    for (const [portalId, records] of byPortal) indexNewRecords(prepare, portalId, records);
    after = [last.portal_id, last.object_type_id, last.id];
  }
}
