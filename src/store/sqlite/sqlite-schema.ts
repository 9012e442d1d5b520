// The portal schema in SQLite: user-defined labels, user-enforced limits, custom object schemas.
import type Database from 'better-sqlite3';
import type {
  AssociationRow,
  CustomObjectSchema,
  LabelDefinition,
  LimitConfig,
  PropertySchemaEntry,
} from '../../core/model.js';
import type { LimitKey, NewLabel, NewObjectSchema } from '../../core/ports.js';
import {
  OBJECT_SCHEMA_COLUMNS,
  archivedColumn,
  schemaDocument,
  toObjectSchema,
  type ObjectSchemaRow,
} from '../object-schema-rows.js';
import { takeFromSequence } from './portal-sequences.js';
import { categoryCode, toAssociationRow, type StoredAssociationRow } from '../association-rows.js';
import { ASSOCIATION_COLUMNS } from '../columns.js';
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

/** Prepares (once) the statement for some SQL. */
export type Prepare = (sql: string) => Database.Statement;

export function listLabels(prepare: Prepare, portalId: number): LabelDefinition[] {
  const rows = prepare(
    `SELECT ${LABEL_COLUMNS} FROM association_labels WHERE portal_id = ? ORDER BY type_id`,
  ).all(portalId) as LabelRow[];
  return rows.map(toLabel);
}

export function listLimits(prepare: Prepare, portalId: number): LimitConfig[] {
  const rows = prepare(
    `SELECT ${LIMIT_COLUMNS} FROM association_limits WHERE portal_id = ?
     ORDER BY from_type, to_type, category, type_id`,
  ).all(portalId) as LimitRow[];
  return rows.map(toLimit);
}

/** Stores a label with the next two type ids of the portal's sequence. */
export function insertLabel(prepare: Prepare, portalId: number, label: NewLabel): LabelDefinition {
  const typeId = takeFromSequence(prepare, portalId, 'next_label_type_id', 2);
  const stored = { ...label, typeId, inverseTypeId: typeId + 1 };
  prepare(
    `INSERT INTO association_labels
     (portal_id, type_id, inverse_type_id, from_type, to_type, name, label, inverse_label)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    portalId,
    stored.typeId,
    stored.inverseTypeId,
    stored.fromObjectTypeId,
    stored.toObjectTypeId,
    stored.name,
    stored.label,
    stored.inverseLabel,
  );
  return stored;
}

export function updateLabel(
  prepare: Prepare,
  portalId: number,
  typeId: number,
  label: string,
  inverseLabel: string,
): void {
  prepare(
    'UPDATE association_labels SET label = ?, inverse_label = ? WHERE portal_id = ? AND type_id = ?',
  ).run(label, inverseLabel, portalId, typeId);
}

/** Deletes the label, the rows through its two types (live and set aside) and their limits. */
/** Deletes the label, the rows through its types and their limits; returns the live rows. */
export function deleteLabel(
  prepare: Prepare,
  portalId: number,
  label: LabelDefinition,
): AssociationRow[] {
  const user = categoryCode('USER_DEFINED');
  const directions = labelDirections(label);
  const removed: AssociationRow[] = [];
  for (const table of ['associations', 'archived_associations', 'association_limits']) {
    const statement = prepare(
      `DELETE FROM ${table} WHERE portal_id = ? AND from_type = ? AND to_type = ?
       AND category = ? AND type_id = ?` +
        (table === 'associations' ? ` RETURNING ${ASSOCIATION_COLUMNS}` : ''),
    );
    for (const [from, to, typeId] of directions) {
      if (table !== 'associations') {
        statement.run(portalId, from, to, user, typeId);
        continue;
      }
      const rows = statement.all(portalId, from, to, user, typeId) as StoredAssociationRow[];
      for (const row of rows) removed.push(toAssociationRow(row));
    }
  }
  prepare('DELETE FROM association_labels WHERE portal_id = ? AND type_id = ?').run(
    portalId,
    label.typeId,
  );
  return removed;
}

export function putLimits(prepare: Prepare, portalId: number, limits: readonly LimitConfig[]) {
  if (limits.length === 0) return;
  prepare(
    `INSERT OR REPLACE INTO association_limits
     (portal_id, from_type, to_type, category, type_id, max_to_object_ids)
     SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)`,
  ).run(
    portalId,
    JSON.stringify(limits.map((limit) => [...limitKeyTuple(limit), limit.maxToObjectIds])),
  );
}

export function deleteLimits(prepare: Prepare, portalId: number, keys: readonly LimitKey[]) {
  if (keys.length === 0) return;
  prepare(
    `DELETE FROM association_limits WHERE portal_id = ?
     AND (from_type, to_type, category, type_id) IN (
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?))`,
  ).run(portalId, JSON.stringify(keys.map(limitKeyTuple)));
}

export function listObjectSchemas(prepare: Prepare, portalId: number): CustomObjectSchema[] {
  const rows = prepare(
    `SELECT ${OBJECT_SCHEMA_COLUMNS} FROM object_schemas WHERE portal_id = ? ORDER BY id`,
  ).all(portalId) as ObjectSchemaRow[];
  return rows.map(toObjectSchema);
}

/** Stores a schema with the next id of the portal's schema sequence. */
export function insertObjectSchema(
  prepare: Prepare,
  portalId: number,
  schema: NewObjectSchema,
): CustomObjectSchema {
  const id = takeFromSequence(prepare, portalId, 'next_schema_id', 1);
  prepare(
    `INSERT INTO object_schemas (portal_id, id, name, archived_at, definition)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(portalId, id, schema.name, archivedColumn(schema), schemaDocument(schema));
  return { ...schema, id };
}

export function updateObjectSchema(
  prepare: Prepare,
  portalId: number,
  schema: CustomObjectSchema,
): void {
  prepare(
    'UPDATE object_schemas SET archived_at = ?, definition = ? WHERE portal_id = ? AND id = ?',
  ).run(archivedColumn(schema), schemaDocument(schema), portalId, schema.id);
}

export function hasLiveRecords(prepare: Prepare, portalId: number, objectTypeId: string): boolean {
  const row = prepare(
    `SELECT 1 FROM records WHERE portal_id = ? AND object_type_id = ? AND archived_at IS NULL
     LIMIT 1`,
  ).get(portalId, objectTypeId);
  return row !== undefined;
}

/** Deletes a schema and everything of its type: records, values, merged ids, rows, labels, limits. */
export function purgeObjectSchema(prepare: Prepare, portalId: number, schemaId: number): void {
  const type = `2-${schemaId}`;
  for (const table of ['records', 'record_values', 'merged_record_ids']) {
    prepare(`DELETE FROM ${table} WHERE portal_id = ? AND object_type_id = ?`).run(portalId, type);
  }
  for (const table of [
    'associations',
    'archived_associations',
    'association_limits',
    'association_labels',
  ]) {
    prepare(`DELETE FROM ${table} WHERE portal_id = ? AND (from_type = ? OR to_type = ?)`).run(
      portalId,
      type,
      type,
    );
  }
  prepare('DELETE FROM object_schemas WHERE portal_id = ? AND id = ?').run(portalId, schemaId);
}

/** The portal's property definitions and groups, of one type or every type, in key order. */
export function listPropertySchema(
  prepare: Prepare,
  portalId: number,
  objectTypeId: string | null,
): PropertySchemaEntry[] {
  const rows = prepare(
    `SELECT ${PROPERTY_SCHEMA_COLUMNS} FROM property_definitions
     WHERE portal_id = ? AND (? IS NULL OR object_type_id = ?)
     ORDER BY object_type_id, kind, name`,
  ).all(portalId, objectTypeId, objectTypeId) as PropertySchemaRow[];
  return rows.map(toPropertySchemaEntry);
}

/** Stores definitions, replacing those with the same key. */
export function putPropertySchema(
  prepare: Prepare,
  portalId: number,
  entries: readonly PropertySchemaEntry[],
): void {
  prepare(
    `INSERT INTO property_definitions (portal_id, ${PROPERTY_SCHEMA_COLUMNS})
     SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?) WHERE true
     ON CONFLICT (portal_id, object_type_id, kind, name)
     DO UPDATE SET definition = excluded.definition`,
  ).run(portalId, JSON.stringify(entries.map(propertySchemaTuple)));
}
