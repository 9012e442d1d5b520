// Converts between SQLite rows and the domain's records and association rows, and inserts the latter.
import type { AssociationRow, CrmRecord } from '../../core/model.js';
import { categoryCode } from '../association-rows.js';
import type { Prepare } from './sqlite-schema.js';

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

/** Rows per multi-row insert: 500 × 7 values stays far below SQLite's 32,766 variables. */
const INSERT_CHUNK = 500;

const CHUNK_TUPLES = '(?, ?, ?, ?, ?, ?, ?), '.repeat(INSERT_CHUNK).slice(0, -2);

/** Each table's two inserts, their SQL built once (a statement is found by its SQL's hash). */
const INSERTS = {
  associations: {
    chunk: `INSERT OR IGNORE INTO associations VALUES ${CHUNK_TUPLES}`,
    one: 'INSERT OR IGNORE INTO associations VALUES (?, ?, ?, ?, ?, ?, ?)',
  },
  archived_associations: {
    chunk: `INSERT OR IGNORE INTO archived_associations VALUES ${CHUNK_TUPLES}`,
    one: 'INSERT OR IGNORE INTO archived_associations VALUES (?, ?, ?, ?, ?, ?, ?)',
  },
} as const;

/** Rows `start` to `end` as one flat list of bound values, portal first. */
function associationValues(
  portalId: number,
  rows: readonly AssociationRow[],
  start: number,
  end: number,
): (string | number)[] {
  // Spelled out, not a tuple spread per row: a batch binds 28,000 values.
  const values: (string | number)[] = [];
  for (let index = start; index < end; index++) {
    const row = rows[index];
    if (!row) continue;
    values.push(
      portalId,
      row.fromObjectTypeId,
      row.fromId,
      row.toObjectTypeId,
      row.toId,
      categoryCode(row.category),
      row.typeId,
    );
  }
  return values;
}

/**
 * Inserts association rows into `table`, skipping those already there; returns how many were
 * new, and pushes them onto `inserted` when given, in order.
 *
 * Without `inserted`, full chunks go through one multi-row statement of bound values (about half
 * the cost of shipping the rows as JSON to json_each) and the rest row by row. With it, every row
 * goes through the one-row statement, whose own count says whether that row was new. why: the
 * other ways of learning which rows of a chunk were new each cost more than the insert's
 * difference (4,000 rows, ms of CPU beside a plain chunked insert's 7.3–9.6, in the step "A
 * batch's rows with no savepoint on SQLite" of docs/performance.md): `RETURNING`
 * +3.5–4.5 (SQLite buffers the new rows, then hands each to JavaScript), a savepoint to undo a
 * chunk that was not all new +4.5–7 (it copies every page the insert first touches to a temporary
 * file, and a batch's reverse rows touch one page per company), a read of the rows beforehand
 * +3–4. One row per statement measured level with the chunks.
 */
export function insertAssociationRows(
  prepare: Prepare,
  table: 'associations' | 'archived_associations',
  portalId: number,
  rows: readonly AssociationRow[],
  inserted?: AssociationRow[],
): number {
  let count = 0;
  let start = 0;
  if (!inserted && rows.length >= INSERT_CHUNK) {
    const chunk = prepare(INSERTS[table].chunk);
    for (; start + INSERT_CHUNK <= rows.length; start += INSERT_CHUNK) {
      count += chunk.run(associationValues(portalId, rows, start, start + INSERT_CHUNK)).changes;
    }
  }
  const one = prepare(INSERTS[table].one);
  for (; start < rows.length; start++) {
    const added = one.run(associationValues(portalId, rows, start, start + 1)).changes;
    const row = rows[start];
    if (added > 0 && row) inserted?.push(row);
    count += added;
  }
  return count;
}
