// The portal schema in SQLite: user-defined labels and user-enforced limits.
import type Database from 'better-sqlite3';
import type { LabelDefinition, LimitConfig, PropertySchemaEntry } from '../../core/model.js';
import type { LimitKey, NewLabel } from '../../core/ports.js';
import { takeFromSequence } from './portal-sequences.js';
import { categoryCode } from '../association-rows.js';
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
export function deleteLabel(prepare: Prepare, portalId: number, label: LabelDefinition): void {
  const user = categoryCode('USER_DEFINED');
  const directions = labelDirections(label);
  for (const table of ['associations', 'archived_associations', 'association_limits']) {
    const statement = prepare(
      `DELETE FROM ${table} WHERE portal_id = ? AND from_type = ? AND to_type = ?
       AND category = ? AND type_id = ?`,
    );
    for (const [from, to, typeId] of directions) statement.run(portalId, from, to, user, typeId);
  }
  prepare('DELETE FROM association_labels WHERE portal_id = ? AND type_id = ?').run(
    portalId,
    label.typeId,
  );
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
