// Records in SQLite beyond plain writes: reads by id, lookups by property, merged ids, and purges.
import { pushTo } from '../../core/collections.js';
import type { AssociationRow, CrmRecord, RecordId } from '../../core/model.js';
import type { RecordAssociationRows } from '../../core/ports.js';
import { asciiLowerCase } from '../../core/rules/unique-properties.js';
import { toAssociationRow, type StoredAssociationRow } from '../association-rows.js';
import { ASSOCIATION_COLUMNS, RECORD_COLUMNS } from '../columns.js';
import { literalsOfLookup, type MergedIdRow } from '../record-lookups.js';
import { unindexRecords } from './record-values.js';
import { associationTuple, toRecord, type RecordRow } from './rows.js';
import type { Prepare } from './sqlite-schema.js';

/** The two tables association rows live in. */
export type AssociationTable = 'associations' | 'archived_associations';

export function getRecords(
  prepare: Prepare,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
  includeArchived: boolean,
): CrmRecord[] {
  const rows = prepare(
    `SELECT ${RECORD_COLUMNS} FROM records
     WHERE portal_id = ? AND object_type_id = ? AND id IN (SELECT value FROM json_each(?))
     AND (? OR archived_at IS NULL) ORDER BY id`,
  ).all(portalId, objectTypeId, JSON.stringify(ids), includeArchived ? 1 : 0) as RecordRow[];
  return rows.map(toRecord);
}

export function resolveMergedIds(
  prepare: Prepare,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): Map<RecordId, RecordId> {
  const rows = prepare(
    `SELECT id, merged_into FROM merged_record_ids
     WHERE portal_id = ? AND object_type_id = ? AND id IN (SELECT value FROM json_each(?))`,
  ).all(portalId, objectTypeId, JSON.stringify(ids)) as { id: number; merged_into: number }[];
  return new Map(rows.map((row) => [row.id, row.merged_into]));
}

export function idsMergedInto(
  prepare: Prepare,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): Map<RecordId, RecordId[]> {
  const rows = prepare(
    `SELECT id, merged_into FROM merged_record_ids WHERE portal_id = ? AND object_type_id = ?
     AND merged_into IN (SELECT value FROM json_each(?)) ORDER BY merged_into, id`,
  ).all(portalId, objectTypeId, JSON.stringify(ids)) as { id: number; merged_into: number }[];
  const byRecord = new Map<RecordId, RecordId[]>();
  for (const row of rows) pushTo(byRecord, row.merged_into, row.id);
  return byRecord;
}

/** Stores merged ids, replacing where an id resolved before (`or ignore` for imports). */
export function insertMergedIds(
  prepare: Prepare,
  portalId: number,
  rows: readonly MergedIdRow[],
  onConflict: 'replace' | 'ignore',
): void {
  if (rows.length === 0) return;
  prepare(
    `INSERT OR ${onConflict === 'replace' ? 'REPLACE' : 'IGNORE'} INTO merged_record_ids
     (portal_id, object_type_id, id, merged_into)
     SELECT ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)`,
  ).run(portalId, JSON.stringify(rows));
}

/**
 * Driven by the list of values, one lookup each: for contacts' email that is the expression
 * index of migration 4, whose expression and predicate the statement spells out literally.
 */
export function findRecordsByProperty(
  prepare: Prepare,
  portalId: number,
  objectTypeId: string,
  property: string,
  values: readonly string[],
  includeArchived: boolean,
): CrmRecord[] {
  const [type, name] = literalsOfLookup(objectTypeId, property);
  const rows = prepare(
    `SELECT ${RECORD_COLUMNS.replaceAll(/(\w+)/g, 'r.$1')}
     FROM (SELECT DISTINCT value FROM json_each(?)) j CROSS JOIN records r
     ON r.portal_id = ? AND r.object_type_id = '${type}'
     AND lower(r.properties ->> '$.${name}') = j.value
     WHERE (? OR r.archived_at IS NULL) ORDER BY r.id`,
  ).all(
    JSON.stringify(values.map(asciiLowerCase)),
    portalId,
    includeArchived ? 1 : 0,
  ) as RecordRow[];
  return rows.map(toRecord);
}

/**
 * Every row of `table` from or to the records. Rows pointing at a record are found through its
 * own rows: every association has its unlabeled row both ways (and they are set aside together).
 */
export function rowsTouching(
  prepare: Prepare,
  table: AssociationTable,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): AssociationRow[] {
  const rows = prepare(
    `WITH own AS (
       SELECT ${ASSOCIATION_COLUMNS} FROM ${table} WHERE portal_id = @portal
       AND from_type = @type AND from_id IN (SELECT value FROM json_each(@ids))
     ), neighbours AS (SELECT DISTINCT from_id AS record_id, to_type, to_id FROM own)
     SELECT * FROM own UNION
     SELECT a.from_type, a.from_id, a.to_type, a.to_id, a.category, a.type_id
     FROM neighbours n CROSS JOIN ${table} a
     ON a.portal_id = @portal AND a.from_type = n.to_type AND a.from_id = n.to_id
     AND a.to_type = @type AND a.to_id = n.record_id`,
  ).all({ portal: portalId, type: objectTypeId, ids: JSON.stringify(ids) });
  return (rows as StoredAssociationRow[]).map(toAssociationRow);
}

export function rowsTouchingBoth(
  prepare: Prepare,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): RecordAssociationRows {
  return {
    live: rowsTouching(prepare, 'associations', portalId, objectTypeId, ids),
    setAside: rowsTouching(prepare, 'archived_associations', portalId, objectTypeId, ids),
  };
}

/** Deletes exactly these rows from `table`. */
/** Deletes exactly these rows from `table`; returns those that were there. */
export function deleteRows(
  prepare: Prepare,
  table: AssociationTable,
  portalId: number,
  rows: readonly AssociationRow[],
): AssociationRow[] {
  if (rows.length === 0) return [];
  const deleted = prepare(
    `DELETE FROM ${table} WHERE portal_id = ?
     AND (from_type, from_id, to_type, to_id, category, type_id) IN (
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
       FROM json_each(?))
     RETURNING ${ASSOCIATION_COLUMNS}`,
  ).all(portalId, JSON.stringify(rows.map(associationTuple))) as StoredAssociationRow[];
  return deleted.map(toAssociationRow);
}

/** Deletes every row from or to the records, live and set aside; returns the live ones. */
export function deleteRowsTouching(
  prepare: Prepare,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): AssociationRow[] {
  const live = rowsTouching(prepare, 'associations', portalId, objectTypeId, ids);
  deleteRows(prepare, 'associations', portalId, live);
  const setAside = rowsTouching(prepare, 'archived_associations', portalId, objectTypeId, ids);
  deleteRows(prepare, 'archived_associations', portalId, setAside);
  return live;
}

/** The records a purge deleted, and the live association rows that went with them. */
export interface PurgedRecords {
  readonly ids: RecordId[];
  readonly rows: AssociationRow[];
}

export function purgeRecords(
  prepare: Prepare,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): PurgedRecords {
  const list = JSON.stringify(ids);
  const purged = prepare(
    `DELETE FROM records WHERE portal_id = ? AND object_type_id = ?
     AND id IN (SELECT value FROM json_each(?)) RETURNING id`,
  )
    .pluck()
    .all(portalId, objectTypeId, list) as number[];
  if (purged.length === 0) return { ids: [], rows: [] };
  unindexRecords(prepare, portalId, objectTypeId, purged);
  const rows = deleteRowsTouching(prepare, portalId, objectTypeId, purged);
  prepare(
    `DELETE FROM merged_record_ids WHERE portal_id = ? AND object_type_id = ?
     AND merged_into IN (SELECT value FROM json_each(?))`,
  ).run(portalId, objectTypeId, JSON.stringify(purged));
  return { ids: purged.sort((a, b) => a - b), rows };
}
