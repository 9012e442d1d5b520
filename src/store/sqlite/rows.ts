// Converts between SQLite rows and the domain's records and association rows.
import type { AssociationRow, CrmRecord } from '../../core/model.js';
import { categoryCode } from '../association-rows.js';

/** A row of the records table. */
export interface RecordRow {
  object_type_id: string;
  id: number;
  properties: string;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
}

export function toRecord(row: RecordRow): CrmRecord {
  return {
    objectTypeId: row.object_type_id,
    id: row.id,
    properties: JSON.parse(row.properties) as Record<string, string>,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    archived: row.archived_at !== null,
    archivedAt: row.archived_at === null ? null : new Date(row.archived_at),
  };
}

/** The row as a JSON tuple, for set-based statements over json_each. */
export function associationTuple(
  row: AssociationRow,
): [string, number, string, number, number, number] {
  return [
    row.fromObjectTypeId,
    row.fromId,
    row.toObjectTypeId,
    row.toId,
    categoryCode(row.category),
    row.typeId,
  ];
}

/** Rows `start` to `end` as one flat list of bound values, portal first, for a multi-row insert. */
export function associationValues(
  portalId: number,
  rows: readonly AssociationRow[],
  start = 0,
  end = rows.length,
): (string | number)[] {
  const values: (string | number)[] = [];
  for (const row of rows.slice(start, end)) values.push(portalId, ...associationTuple(row));
  return values;
}
