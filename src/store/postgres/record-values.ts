// The PostgreSQL side of the value index: entries written with their records, removed with them.
import type { PoolClient, QueryResultRow } from 'pg';
import type { RecordId } from '../../core/model.js';
import { entryColumns, recordValueEntries, type IndexedRecord } from '../record-values.js';
import type { Query } from './postgres-schema.js';

/** Indexes records stored for the first time (or again, replacing their entries). */
export async function indexNewRecords(
  query: Query,
  portalId: number,
  records: readonly IndexedRecord[],
): Promise<void> {
  const entries = recordValueEntries(records);
  if (entries.length === 0) return;
  const columns = entryColumns(entries);
  await query(
    `INSERT INTO record_values (portal_id, object_type_id, id, property, key, number)
     SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[],
       $6::double precision[])
     ON CONFLICT (portal_id, object_type_id, id, property)
     DO UPDATE SET key = excluded.key, number = excluded.number`,
    [portalId, columns.types, columns.ids, columns.properties, columns.keys, columns.numbers],
  );
}

/** Forgets the entries of records of one type. */
export async function unindexRecords(
  query: Query,
  portalId: number,
  objectTypeId: string,
  ids: readonly RecordId[],
): Promise<void> {
  if (ids.length === 0) return;
  await query(
    `DELETE FROM record_values WHERE portal_id = $1 AND object_type_id = $2
     AND id = ANY($3::bigint[])`,
    [portalId, objectTypeId, ids],
  );
}

/** Re-indexes records of one type whose properties changed. */
export async function reindexRecords(
  query: Query,
  portalId: number,
  objectTypeId: string,
  records: readonly IndexedRecord[],
): Promise<void> {
  const ids = records.map((record) => record.id);
  await unindexRecords(query, portalId, objectTypeId, ids);
  await indexNewRecords(query, portalId, records);
}

/** Indexes every live record already stored (the migration that creates the index). */
export async function indexAllRecords(client: PoolClient): Promise<void> {
  const query: Query = async <R extends QueryResultRow>(sql: string, params: readonly unknown[]) =>
    (await client.query<R>(sql, [...params])).rows;
  let after: [string, string, string] = ['-1', '', '0'];
  for (;;) {
    // Ids are read as text: the migration's client may or may not parse BIGINTs.
    const rows = await query<{
      portal_id: string;
      object_type_id: string;
      id: string;
      properties: Record<string, string>;
    }>(
      `SELECT portal_id::text, object_type_id, id::text, properties FROM records
       WHERE archived_at IS NULL AND (portal_id, object_type_id, id) > ($1::bigint, $2, $3::bigint)
       ORDER BY portal_id, object_type_id, id LIMIT 5000`,
      after,
    );
    const last = rows.at(-1);
    if (!last) return;
    const byPortal = new Map<string, IndexedRecord[]>();
    for (const row of rows) {
      const records = byPortal.get(row.portal_id) ?? [];
      records.push({
        objectTypeId: row.object_type_id,
        id: Number(row.id),
        properties: row.properties,
      });
      byPortal.set(row.portal_id, records);
    }
    for (const [portalId, records] of byPortal)
      await indexNewRecords(query, Number(portalId), records);
    after = [last.portal_id, last.object_type_id, last.id];
  }
}
