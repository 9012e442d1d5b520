// Converts between SQLite rows and the domain's records and association rows, and inserts the latter.
import type { AssociationRow, CrmRecord } from '../../core/model.js';
import { categoryCode, toAssociationRow, type StoredAssociationRow } from '../association-rows.js';
import { ASSOCIATION_COLUMNS } from '../columns.js';
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

const tuples = (count: number) => '(?, ?, ?, ?, ?, ?, ?), '.repeat(count).slice(0, -2);
const CHUNK_TUPLES = tuples(INSERT_CHUNK);
const ONE_TUPLE = tuples(1);

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
 * Inserts rows `INSERT OR IGNORE`, full chunks through one multi-row statement of bound values
 * (about half the cost of shipping the rows as JSON to json_each), the rest row by row: two
 * prepared statements per table serve every batch size. With `returning`, the rows actually
 * new are pushed onto it, in order.
 */
function insertChunks(
  prepare: Prepare,
  table: 'associations' | 'archived_associations',
  portalId: number,
  rows: readonly AssociationRow[],
  returning?: AssociationRow[],
): number {
  let count = 0;
  let start = 0;
  if (rows.length >= INSERT_CHUNK) {
    const chunk = prepare(
      `INSERT OR IGNORE INTO ${table} VALUES ${CHUNK_TUPLES}` +
        (returning ? ` RETURNING ${ASSOCIATION_COLUMNS}` : ''),
    );
    for (; start + INSERT_CHUNK <= rows.length; start += INSERT_CHUNK) {
      const values = associationValues(portalId, rows, start, start + INSERT_CHUNK);
      if (returning) {
        const returned = chunk.all(values) as StoredAssociationRow[];
        for (const row of returned) returning.push(toAssociationRow(row));
        count += returned.length;
      } else {
        count += chunk.run(values).changes;
      }
    }
  }
  const one = prepare(`INSERT OR IGNORE INTO ${table} VALUES ${ONE_TUPLE}`);
  for (; start < rows.length; start++) {
    const added = one.run(associationValues(portalId, rows, start, start + 1)).changes;
    const row = rows[start];
    if (added > 0 && returning && row) returning.push(row);
    count += added;
  }
  return count;
}

function undoSavepoint(prepare: Prepare): void {
  try {
    prepare('ROLLBACK TO insert_association_rows').run();
    prepare('RELEASE insert_association_rows').run();
  } catch {
    // Some errors (a full disk) end the whole transaction, savepoint and all: nothing to undo,
    // and the error that did it is the one to report.
  }
}

/**
 * Inserts association rows into `table`, skipping those already there; returns how many were
 * new, and pushes them onto `inserted` when given, in order.
 *
 * A write's rows are nearly always all new (it read its pairs first), and `RETURNING` doubled the
 * cost of the insert (SQLite buffers every new row, then hands each to JavaScript as an object):
 * 11 ms against 5 ms of CPU for a 2,000-pair batch's 4,000 rows. So a chunk's rows are inserted
 * without it inside a savepoint, and only when fewer than all were new is that undone and the
 * insert run again with `RETURNING`, to learn which. Fewer rows than a chunk (a single PUT's
 * four) go in one statement each, whose own count tells whether its row was new: they need no
 * savepoint, which was two of a single PUT's fourteen statements.
 */
export function insertAssociationRows(
  prepare: Prepare,
  table: 'associations' | 'archived_associations',
  portalId: number,
  rows: readonly AssociationRow[],
  inserted?: AssociationRow[],
): number {
  if (!inserted || rows.length < INSERT_CHUNK) {
    return insertChunks(prepare, table, portalId, rows, inserted);
  }
  prepare('SAVEPOINT insert_association_rows').run();
  let released = false;
  try {
    let count = insertChunks(prepare, table, portalId, rows);
    if (count === rows.length) {
      for (const row of rows) inserted.push(row);
    } else {
      prepare('ROLLBACK TO insert_association_rows').run();
      count = insertChunks(prepare, table, portalId, rows, inserted);
    }
    prepare('RELEASE insert_association_rows').run();
    released = true;
    return count;
  } finally {
    // A statement that threw leaves nothing half done inside the caller's transaction.
    if (!released) undoSavepoint(prepare);
  }
}
