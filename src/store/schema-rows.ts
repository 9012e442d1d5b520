// Label and limit rows as every store adapter keeps them, and their domain values.
import type { LabelDefinition, LimitConfig } from '../core/model.js';
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
