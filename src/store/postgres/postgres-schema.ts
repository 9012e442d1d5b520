// The portal schema in PostgreSQL: user-defined labels, user-enforced limits, custom object schemas.
import type { QueryResultRow } from 'pg';
import type {
  AssociationRow,
  CustomObjectSchema,
  LabelDefinition,
  LimitConfig,
  PropertySchemaEntry,
} from '../../core/model.js';
import type { LabelsAndLimits, LimitKey, NewLabel, NewObjectSchema } from '../../core/ports.js';
import {
  OBJECT_SCHEMA_COLUMNS,
  archivedColumn,
  schemaDocument,
  toObjectSchema,
  type ObjectSchemaRow,
} from '../object-schema-rows.js';
import { categoryCode, toAssociationRow, type StoredAssociationRow } from '../association-rows.js';
import { ASSOCIATION_COLUMNS } from '../columns.js';
import { FIRST_RECORD_ID } from '../record-ids.js';
import {
  LABEL_COLUMNS,
  LIMIT_COLUMNS,
  PROPERTY_SCHEMA_COLUMNS,
  labelDirections,
  propertySchemaTuple,
  toPropertySchemaEntry,
  type PropertySchemaRow,
  limitKeyTuple,
  toLabel,
  toLimit,
  type LabelRow,
  type LimitRow,
} from '../schema-rows.js';

/** Runs one statement and returns its rows. */
export type Query = <R extends QueryResultRow>(
  sql: string,
  params: readonly unknown[],
) => Promise<R[]>;

export async function listLabels(query: Query, portalId: number): Promise<LabelDefinition[]> {
  const rows = await query<LabelRow>(
    `SELECT ${LABEL_COLUMNS} FROM association_labels WHERE portal_id = $1 ORDER BY type_id`,
    [portalId],
  );
  return rows.map(toLabel);
}

export async function listLimits(query: Query, portalId: number): Promise<LimitConfig[]> {
  const rows = await query<LimitRow>(
    `SELECT ${LIMIT_COLUMNS} FROM association_limits WHERE portal_id = $1
     ORDER BY from_type, to_type, category, type_id`,
    [portalId],
  );
  return rows.map(toLimit);
}

/**
 * The columns `labels` and `limits` of a statement that reads the portal's labels and limits,
 * each list as JSON in the order `listLabels` and `listLimits` give; `portal` is the SQL of the
 * portal id (a parameter, or an integer inlined).
 */
export function labelsAndLimitsColumns(portal: string): string {
  return `(SELECT coalesce(json_agg(l ORDER BY l.type_id), '[]')
     FROM (SELECT ${LABEL_COLUMNS} FROM association_labels WHERE portal_id = ${portal}) l) AS labels,
   (SELECT coalesce(json_agg(m ORDER BY m.from_type, m.to_type, m.category, m.type_id), '[]')
     FROM (SELECT ${LIMIT_COLUMNS} FROM association_limits WHERE portal_id = ${portal}) m) AS limits`;
}

/** A row with the columns of `labelsAndLimitsColumns`. */
export interface LabelsAndLimitsRow {
  readonly labels: LabelRow[];
  readonly limits: LimitRow[];
}

export function toLabelsAndLimits(row: LabelsAndLimitsRow | undefined): LabelsAndLimits {
  return { labels: (row?.labels ?? []).map(toLabel), limits: (row?.limits ?? []).map(toLimit) };
}

/** `listLabels` and `listLimits` in one statement. */
export async function labelsAndLimits(query: Query, portalId: number): Promise<LabelsAndLimits> {
  const [row] = await query<LabelsAndLimitsRow & QueryResultRow>(
    `SELECT ${labelsAndLimitsColumns('$1')}`,
    [portalId],
  );
  return toLabelsAndLimits(row);
}

/** Takes the next two type ids of the portal's sequence and stores the label, in one statement. */
export async function insertLabel(
  query: Query,
  portalId: number,
  label: NewLabel,
): Promise<LabelDefinition> {
  const [row] = await query<{ type_id: number }>(
    `WITH allocated AS (
       INSERT INTO portals AS p (id, next_record_id, next_label_type_id, name)
       VALUES ($1, $2, 3, 'portal ' || $1::bigint)
       ON CONFLICT (id) DO UPDATE SET next_label_type_id = p.next_label_type_id + 2
       RETURNING next_label_type_id - 2 AS type_id
     )
     INSERT INTO association_labels
       (portal_id, type_id, inverse_type_id, from_type, to_type, name, label, inverse_label)
     SELECT $1, type_id, type_id + 1, $3, $4, $5, $6, $7 FROM allocated RETURNING type_id`,
    [
      portalId,
      FIRST_RECORD_ID,
      label.fromObjectTypeId,
      label.toObjectTypeId,
      label.name,
      label.label,
      label.inverseLabel,
    ],
  );
  if (!row) throw new Error('a label insert returned no type id');
  return { ...label, typeId: row.type_id, inverseTypeId: row.type_id + 1 };
}

export async function updateLabel(
  query: Query,
  portalId: number,
  typeId: number,
  label: string,
  inverseLabel: string,
): Promise<void> {
  await query(
    `UPDATE association_labels SET label = $3, inverse_label = $4
     WHERE portal_id = $1 AND type_id = $2`,
    [portalId, typeId, label, inverseLabel],
  );
}

/**
 * Deletes the label, the rows through its two types (live and set aside) and their limits;
 * returns the live rows.
 */
export async function deleteLabel(
  query: Query,
  portalId: number,
  label: LabelDefinition,
): Promise<AssociationRow[]> {
  const directions = labelDirections(label);
  const params = [
    portalId,
    categoryCode('USER_DEFINED'),
    directions.map(([from]) => from),
    directions.map(([, to]) => to),
    directions.map(([, , typeId]) => typeId),
  ];
  let removed: AssociationRow[] = [];
  for (const table of ['associations', 'archived_associations', 'association_limits']) {
    const rows = await query<StoredAssociationRow>(
      `DELETE FROM ${table} WHERE portal_id = $1 AND category = $2
       AND (from_type, to_type, type_id) IN (
         SELECT * FROM unnest($3::text[], $4::text[], $5::integer[]))` +
        (table === 'associations' ? ` RETURNING ${ASSOCIATION_COLUMNS}` : ''),
      params,
    );
    if (table === 'associations') removed = rows.map(toAssociationRow);
  }
  await query('DELETE FROM association_labels WHERE portal_id = $1 AND type_id = $2', [
    portalId,
    label.typeId,
  ]);
  return removed;
}

export async function putLimits(
  query: Query,
  portalId: number,
  limits: readonly LimitConfig[],
): Promise<void> {
  if (limits.length === 0) return;
  // One statement may not update a row twice: of two limits for one key, the later is kept.
  const byKey = new Map(limits.map((limit) => [limitKeyTuple(limit).join('/'), limit]));
  const latest = [...byKey.values()];
  const keys = latest.map(limitKeyTuple);
  await query(
    `INSERT INTO association_limits
       (portal_id, from_type, to_type, category, type_id, max_to_object_ids)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::smallint[], $5::integer[], $6::integer[])
     ON CONFLICT (portal_id, from_type, to_type, category, type_id)
     DO UPDATE SET max_to_object_ids = EXCLUDED.max_to_object_ids`,
    [portalId, ...keyColumns(keys), latest.map((limit) => limit.maxToObjectIds)],
  );
}

export async function deleteLimits(
  query: Query,
  portalId: number,
  keys: readonly LimitKey[],
): Promise<void> {
  if (keys.length === 0) return;
  await query(
    `DELETE FROM association_limits WHERE portal_id = $1
     AND (from_type, to_type, category, type_id) IN (
       SELECT * FROM unnest($2::text[], $3::text[], $4::smallint[], $5::integer[]))`,
    [portalId, ...keyColumns(keys.map(limitKeyTuple))],
  );
}

/** Key tuples as four parallel arrays, for unnest. */
function keyColumns(keys: readonly [string, string, number, number][]) {
  return [
    keys.map((key) => key[0]),
    keys.map((key) => key[1]),
    keys.map((key) => key[2]),
    keys.map((key) => key[3]),
  ];
}

export async function listObjectSchemas(
  query: Query,
  portalId: number,
): Promise<CustomObjectSchema[]> {
  const rows = await query<ObjectSchemaRow>(
    `SELECT ${OBJECT_SCHEMA_COLUMNS} FROM object_schemas WHERE portal_id = $1 ORDER BY id`,
    [portalId],
  );
  return rows.map(toObjectSchema);
}

/** Takes the next id of the portal's schema sequence and stores the schema, in one statement. */
export async function insertObjectSchema(
  query: Query,
  portalId: number,
  schema: NewObjectSchema,
): Promise<CustomObjectSchema> {
  const [row] = await query<{ id: number }>(
    `WITH allocated AS (
       INSERT INTO portals AS p (id, next_record_id, next_schema_id, name)
       VALUES ($1, $2, 2, 'portal ' || $1::bigint)
       ON CONFLICT (id) DO UPDATE SET next_schema_id = p.next_schema_id + 1
       RETURNING next_schema_id - 1 AS id
     )
     INSERT INTO object_schemas (portal_id, id, name, archived_at, definition)
     SELECT $1, id, $3, $4, $5 FROM allocated RETURNING id`,
    [portalId, FIRST_RECORD_ID, schema.name, archivedColumn(schema), schemaDocument(schema)],
  );
  if (!row) throw new Error('a schema insert returned no id');
  return { ...schema, id: row.id };
}

export async function updateObjectSchema(
  query: Query,
  portalId: number,
  schema: CustomObjectSchema,
): Promise<void> {
  await query(
    'UPDATE object_schemas SET archived_at = $3, definition = $4 WHERE portal_id = $1 AND id = $2',
    [portalId, schema.id, archivedColumn(schema), schemaDocument(schema)],
  );
}

export async function hasLiveRecords(
  query: Query,
  portalId: number,
  objectTypeId: string,
): Promise<boolean> {
  const rows = await query(
    `SELECT 1 FROM records WHERE portal_id = $1 AND object_type_id = $2 AND archived_at IS NULL
     LIMIT 1`,
    [portalId, objectTypeId],
  );
  return rows.length > 0;
}

/** Deletes a schema and everything of its type: records, values, merged ids, rows, labels, limits. */
export async function purgeObjectSchema(
  query: Query,
  portalId: number,
  schemaId: number,
): Promise<void> {
  const type = `2-${schemaId}`;
  for (const table of ['records', 'record_values', 'merged_record_ids']) {
    await query(`DELETE FROM ${table} WHERE portal_id = $1 AND object_type_id = $2`, [
      portalId,
      type,
    ]);
  }
  for (const table of [
    'associations',
    'archived_associations',
    'association_limits',
    'association_labels',
  ]) {
    await query(`DELETE FROM ${table} WHERE portal_id = $1 AND (from_type = $2 OR to_type = $2)`, [
      portalId,
      type,
    ]);
  }
  await query('DELETE FROM object_schemas WHERE portal_id = $1 AND id = $2', [portalId, schemaId]);
}

/** The portal's property definitions and groups, of one type or every type, in key order. */
export async function listPropertySchema(
  query: Query,
  portalId: number,
  objectTypeId: string | null,
): Promise<PropertySchemaEntry[]> {
  const rows = await query<PropertySchemaRow>(
    `SELECT ${PROPERTY_SCHEMA_COLUMNS} FROM property_definitions
     WHERE portal_id = $1 AND ($2::text IS NULL OR object_type_id = $2)
     ORDER BY object_type_id, kind, name`,
    [portalId, objectTypeId],
  );
  return rows.map(toPropertySchemaEntry);
}

/** Stores definitions, replacing those with the same key. */
export async function putPropertySchema(
  query: Query,
  portalId: number,
  entries: readonly PropertySchemaEntry[],
): Promise<void> {
  const tuples = entries.map(propertySchemaTuple);
  await query(
    `INSERT INTO property_definitions (portal_id, ${PROPERTY_SCHEMA_COLUMNS})
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
     ON CONFLICT (portal_id, object_type_id, kind, name)
     DO UPDATE SET definition = excluded.definition`,
    [
      portalId,
      tuples.map((tuple) => tuple[0]),
      tuples.map((tuple) => tuple[1]),
      tuples.map((tuple) => tuple[2]),
      tuples.map((tuple) => tuple[3]),
    ],
  );
}
