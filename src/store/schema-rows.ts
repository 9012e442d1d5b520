// Label, limit and property definition rows as every store adapter keeps them, and their domain
// values.
import type {
  LabelDefinition,
  LimitConfig,
  PropertyDefinition,
  PropertyGroupDefinition,
  PropertySchemaEntry,
} from '../core/model.js';
import type { LimitKey } from '../core/ports.js';
import { categoryCode, categoryOf } from './association-rows.js';

/**
 * The columns a label is read from. Labels are USER_DEFINED types only, so the labels table is
 * keyed by (portal, type id) without a category; association rows and limits carry theirs.
 */
export const LABEL_COLUMNS =
  'type_id, inverse_type_id, from_type, to_type, name, label, inverse_label';

/** The columns a limit is read from. */
export const LIMIT_COLUMNS = 'from_type, to_type, category, type_id, max_to_object_ids';

export interface LabelRow {
  type_id: number;
  inverse_type_id: number;
  from_type: string;
  to_type: string;
  name: string;
  label: string;
  inverse_label: string;
}

export interface LimitRow {
  from_type: string;
  to_type: string;
  category: number;
  type_id: number;
  max_to_object_ids: number;
}

export function toLabel(row: LabelRow): LabelDefinition {
  return {
    fromObjectTypeId: row.from_type,
    toObjectTypeId: row.to_type,
    typeId: row.type_id,
    inverseTypeId: row.inverse_type_id,
    name: row.name,
    label: row.label,
    inverseLabel: row.inverse_label,
  };
}

export function toLimit(row: LimitRow): LimitConfig {
  return {
    fromObjectTypeId: row.from_type,
    toObjectTypeId: row.to_type,
    category: categoryOf(row.category),
    typeId: row.type_id,
    maxToObjectIds: row.max_to_object_ids,
  };
}

/** A limit's key as the values of its key columns. */
export function limitKeyTuple(key: LimitKey): [string, string, number, number] {
  return [key.fromObjectTypeId, key.toObjectTypeId, categoryCode(key.category), key.typeId];
}

/** Both directions of a label: `[from, to, typeId]` each. */
export function labelDirections(label: LabelDefinition): [string, string, number][] {
  return [
    [label.fromObjectTypeId, label.toObjectTypeId, label.typeId],
    [label.toObjectTypeId, label.fromObjectTypeId, label.inverseTypeId],
  ];
}

/** The columns a property definition or group is read from. */
export const PROPERTY_SCHEMA_COLUMNS = 'object_type_id, kind, name, definition';

export interface PropertySchemaRow {
  object_type_id: string;
  kind: string;
  name: string;
  /** The definition as JSON text. */
  definition: string;
}

export function toPropertySchemaEntry(row: PropertySchemaRow): PropertySchemaEntry {
  return row.kind === 'group'
    ? { kind: 'group', group: JSON.parse(row.definition) as PropertyGroupDefinition }
    : { kind: 'property', property: JSON.parse(row.definition) as PropertyDefinition };
}

/** An entry's key and definition text, in column order. */
export function propertySchemaTuple(entry: PropertySchemaEntry): [string, string, string, string] {
  const definition = entry.kind === 'group' ? entry.group : entry.property;
  return [definition.objectTypeId, entry.kind, definition.name, JSON.stringify(definition)];
}
