// Converts between PostgreSQL rows and the domain's records, association rows and pairs.
import type { AssociationRow, CrmRecord, Properties, RecordPair } from '../../core/model.js';
import { categoryCode, categoryOf } from '../category-codes.js';

/** The columns of the records table a record is read from. */
export const RECORD_COLUMNS = 'object_type_id, id, properties, created_at, updated_at, archived_at';

/** A row of the records table, as the driver parses it (json and timestamptz included). */
export interface RecordRow {
  object_type_id: string;
  id: number;
  properties: Properties;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}

/** A row of the associations table, without the portal. */
export interface StoredAssociationRow {
  from_type: string;
  from_id: number;
  to_type: string;
  to_id: number;
  category: number;
  type_id: number;
}

export function toRecord(row: RecordRow): CrmRecord {
  return {
    objectTypeId: row.object_type_id,
    id: row.id,
    properties: row.properties,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archived: row.archived_at !== null,
    archivedAt: row.archived_at,
  };
}

export function toAssociationRow(row: StoredAssociationRow): AssociationRow {
  return {
    fromObjectTypeId: row.from_type,
    fromId: row.from_id,
    toObjectTypeId: row.to_type,
    toId: row.to_id,
    category: categoryOf(row.category),
    typeId: row.type_id,
  };
}

/**
 * Pairs as four parallel arrays, bound to one statement and zipped back with `unnest`
 * (from_type text[], from_id bigint[], to_type text[], to_id bigint[]).
 */
export function pairColumns(
  pairs: readonly RecordPair[],
): [string[], number[], string[], number[]] {
  return [
    pairs.map((pair) => pair.fromObjectTypeId),
    pairs.map((pair) => pair.fromId),
    pairs.map((pair) => pair.toObjectTypeId),
    pairs.map((pair) => pair.toId),
  ];
}

/** Association rows as six parallel arrays: the pair's four, then category and type_id. */
export function associationColumns(
  rows: readonly AssociationRow[],
): [string[], number[], string[], number[], number[], number[]] {
  return [
    ...pairColumns(rows),
    rows.map((row) => categoryCode(row.category)),
    rows.map((row) => row.typeId),
  ];
}
