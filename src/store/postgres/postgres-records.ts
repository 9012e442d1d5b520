// Records in PostgreSQL beyond plain writes: reads by id, lookups by property, merged ids, purges.
import { pushTo } from '../../core/collections.js';
import type { AssociationRow, CrmRecord, RecordId } from '../../core/model.js';
import type { RecordAssociationRows } from '../../core/ports.js';
import { asciiLowerCase } from '../../core/rules/unique-properties.js';
import { toAssociationRow, type StoredAssociationRow } from '../association-rows.js';
import { ASSOCIATION_COLUMNS, RECORD_COLUMNS } from '../columns.js';
import {
  hasExpressionIndex,
  literalsOfLookup,
  valueIndexLookups,
  type MergedIdRow,
} from '../record-lookups.js';
import { unindexRecords } from './record-values.js';
import type { Query } from './postgres-schema.js';
import { associationColumns, toRecord, type RecordRow } from './rows.js';

/** The two tables association rows live in. */
export type AssociationTable = 'associations' | 'archived_associations';

export async function getRecords(
  query: Query,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
  includeArchived: boolean,
): Promise<CrmRecord[]> {
  const rows = await query<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM records WHERE portal_id = $1 AND object_type_id = $2
     AND id = ANY($3::bigint[]) AND ($4 OR archived_at IS NULL) ORDER BY id`,
    [portalId, objectTypeId, ids, includeArchived],
  );
  return rows.map(toRecord);
}

export async function resolveMergedIds(
  query: Query,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): Promise<Map<RecordId, RecordId>> {
  const rows = await query<{ id: number; merged_into: number }>(
    `SELECT id, merged_into FROM merged_record_ids
     WHERE portal_id = $1 AND object_type_id = $2 AND id = ANY($3::bigint[])`,
    [portalId, objectTypeId, ids],
  );
  return new Map(rows.map((row) => [row.id, row.merged_into]));
}

export async function idsMergedInto(
  query: Query,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): Promise<Map<RecordId, RecordId[]>> {
  const rows = await query<{ id: number; merged_into: number }>(
    `SELECT id, merged_into FROM merged_record_ids WHERE portal_id = $1 AND object_type_id = $2
     AND merged_into = ANY($3::bigint[]) ORDER BY merged_into, id`,
    [portalId, objectTypeId, ids],
  );
  const byRecord = new Map<RecordId, RecordId[]>();
  for (const row of rows) pushTo(byRecord, row.merged_into, row.id);
  return byRecord;
}

/** Stores merged ids, replacing where an id resolved before (or keeping it, for imports). */
export async function insertMergedIds(
  query: Query,
  portalId: number,
  rows: readonly MergedIdRow[],
  onConflict: 'replace' | 'ignore',
): Promise<void> {
  if (rows.length === 0) return;
  await query(
    `INSERT INTO merged_record_ids (portal_id, object_type_id, id, merged_into)
     SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::bigint[])
     ON CONFLICT (portal_id, object_type_id, id) DO ${
       onConflict === 'replace' ? 'UPDATE SET merged_into = EXCLUDED.merged_into' : 'NOTHING'
     }`,
    [portalId, rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2])],
  );
}

/**
 * For contacts' email the lookup is the expression index of migration 4, whose expression and
 * predicate the statement spells out literally; the "C" collation makes lower() ASCII-only, as
 * SQLite's is. Any other property of live records is looked up in the value index (its key is a
 * prefix of the value, so the record's own value decides).
 */
export async function findRecordsByProperty(
  query: Query,
  portalId: number,
  objectTypeId: string,
  property: string,
  values: readonly string[],
  includeArchived: boolean,
): Promise<CrmRecord[]> {
  const [type, name] = literalsOfLookup(objectTypeId, property);
  if (!includeArchived && !hasExpressionIndex(objectTypeId, property)) {
    const lookups = valueIndexLookups(values);
    if (lookups.length === 0) return [];
    const indexed = await query<RecordRow>(
      `SELECT ${RECORD_COLUMNS.replaceAll(/(\w+)/g, 'r.$1')}
       FROM unnest($4::text[], $5::text[]) AS j(key, value)
       JOIN record_values v ON v.portal_id = $1 AND v.object_type_id = $2 AND v.property = $3
       AND v.key = j.key
       JOIN records r ON r.portal_id = $1 AND r.object_type_id = $2 AND r.id = v.id
       WHERE lower((r.properties ->> $3) COLLATE "C") = j.value AND r.archived_at IS NULL
       ORDER BY r.id`,
      [portalId, type, name, lookups.map(([key]) => key), lookups.map(([, value]) => value)],
    );
    return indexed.map(toRecord);
  }
  const rows = await query<RecordRow>(
    ...literalLookup(portalId, objectTypeId, property, values, includeArchived),
  );
  return rows.map(toRecord);
}

/**
 * The lookup of `findRecordsByProperty` that names the type and property as literals, with its
 * parameters: for contacts' email the planner can then match the expression index (and the
 * statistics of migration 15, which tell it that an email names one contact).
 */
export function literalLookup(
  portalId: number,
  objectTypeId: string,
  property: string,
  values: readonly string[],
  includeArchived: boolean,
): [string, unknown[]] {
  const [type, name] = literalsOfLookup(objectTypeId, property);
  return [
    `SELECT ${RECORD_COLUMNS} FROM records WHERE portal_id = $1 AND object_type_id = '${type}'
     AND lower((properties ->> '${name}') COLLATE "C") = ANY($2::text[])
     AND ($3 OR archived_at IS NULL) ORDER BY id`,
    [portalId, values.map(asciiLowerCase), includeArchived],
  ];
}

/**
 * Every row of `table` from or to the records. Rows pointing at a record are found through its
 * own rows: every association has its unlabeled row both ways (and they are set aside together).
 */
export async function rowsTouching(
  query: Query,
  table: AssociationTable,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): Promise<AssociationRow[]> {
  const rows = await query<StoredAssociationRow>(
    `WITH own AS (
       SELECT ${ASSOCIATION_COLUMNS} FROM ${table}
       WHERE portal_id = $1 AND from_type = $2 AND from_id = ANY($3::bigint[])
     )
     SELECT * FROM own UNION
     SELECT a.from_type, a.from_id, a.to_type, a.to_id, a.category, a.type_id
     FROM (SELECT DISTINCT from_id, to_type, to_id FROM own) n
     JOIN ${table} a ON a.portal_id = $1 AND a.from_type = n.to_type AND a.from_id = n.to_id
     AND a.to_type = $2 AND a.to_id = n.from_id`,
    [portalId, objectTypeId, ids],
  );
  return rows.map(toAssociationRow);
}

export async function rowsTouchingBoth(
  query: Query,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): Promise<RecordAssociationRows> {
  return {
    live: await rowsTouching(query, 'associations', portalId, objectTypeId, ids),
    setAside: await rowsTouching(query, 'archived_associations', portalId, objectTypeId, ids),
  };
}

/** Deletes every row from or to the records, live and set aside; returns the live ones. */
export async function deleteRowsTouching(
  query: Query,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): Promise<AssociationRow[]> {
  let live: AssociationRow[] = [];
  for (const table of ['associations', 'archived_associations'] as const) {
    const rows = await rowsTouching(query, table, portalId, objectTypeId, ids);
    if (table === 'associations') live = rows;
    if (rows.length === 0) continue;
    await query(
      `DELETE FROM ${table} WHERE portal_id = $1 AND (${ASSOCIATION_COLUMNS}) IN (
         SELECT * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::smallint[],
           $7::integer[]))`,
      [portalId, ...associationColumns(rows)],
    );
  }
  return live;
}

/** The records a purge deleted, and the live association rows that went with them. */
export interface PurgedRecords {
  readonly ids: RecordId[];
  readonly rows: AssociationRow[];
}

export async function purgeRecords(
  query: Query,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): Promise<PurgedRecords> {
  const deleted = await query<{ id: number }>(
    `DELETE FROM records WHERE portal_id = $1 AND object_type_id = $2
     AND id = ANY($3::bigint[]) RETURNING id`,
    [portalId, objectTypeId, ids],
  );
  const purged = deleted.map((row) => row.id).sort((a, b) => a - b);
  if (purged.length === 0) return { ids: [], rows: [] };
  await unindexRecords(query, portalId, objectTypeId, purged);
  const rows = await deleteRowsTouching(query, portalId, objectTypeId, purged);
  await query(
    `DELETE FROM merged_record_ids WHERE portal_id = $1 AND object_type_id = $2
     AND merged_into = ANY($3::bigint[])`,
    [portalId, objectTypeId, purged],
  );
  return { ids: purged, rows };
}
