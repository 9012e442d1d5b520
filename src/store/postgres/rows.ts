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

/** Integers in PostgreSQL's array text, for a `bigint[]`, `integer[]` or `smallint[]` parameter. */
function integerArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

/** Texts in PostgreSQL's array text, for a `text[]` parameter: each quoted, `\` and `"` escaped. */
function textArray(values: readonly string[]): string {
  // A batch names a few object types thousands of times: each is quoted once.
  const quoted = new Map<string, string>();
  const elements = values.map((value) => {
    let element = quoted.get(value);
    if (element === undefined) {
      element = `"${value.replace(/[\\"]/g, '\\$&')}"`;
      quoted.set(value, element);
    }
    return element;
  });
  return `{${elements.join(',')}}`;
}

/**
 * Pairs as four parallel arrays, bound to one statement and zipped back with `unnest`
 * (from_type text[], from_id bigint[], to_type text[], to_id bigint[]), each in PostgreSQL's
 * array text. why: the driver writes a JavaScript array the same way, one element at a time
 * through its general value conversion and escaping, which cost a 2,000-pair batch create about
 * 3 ms of the main thread for its 34,000 elements.
 */
export function pairColumns(pairs: readonly RecordPair[]): [string, string, string, string] {
  return [
    textArray(pairs.map((pair) => pair.fromObjectTypeId)),
    integerArray(pairs.map((pair) => pair.fromId)),
    textArray(pairs.map((pair) => pair.toObjectTypeId)),
    integerArray(pairs.map((pair) => pair.toId)),
  ];
}

/** Association rows as six parallel arrays: the pair's four, then category and type_id. */
export function associationColumns(
  rows: readonly AssociationRow[],
): [string, string, string, string, string, string] {
  return [
    ...pairColumns(rows),
    integerArray(rows.map((row) => categoryCode(row.category))),
    integerArray(rows.map((row) => row.typeId)),
  ];
}
