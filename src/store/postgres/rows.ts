// Converts between PostgreSQL rows and the domain's records, association rows and pairs.
import type { AssociationRow, CrmRecord, Properties, RecordPair } from '../../core/model.js';
import { categoryCode } from '../association-rows.js';

/** A row of the records table, as the driver parses it (json and timestamptz included). */
export interface RecordRow {
  object_type_id: string;
  id: number;
  properties: Properties;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
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
