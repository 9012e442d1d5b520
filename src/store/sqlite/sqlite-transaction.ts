// The write side of the SQLite store: set-based statements, one per step of a batch.
import type Database from 'better-sqlite3';
import type {
  AssociationRow,
  AssociationSpec,
  CrmRecord,
  Properties,
  RecordId,
  RecordPair,
} from '../../core/model.js';
import type { NewRecord, StoreTransaction } from '../../core/ports.js';
import {
  categoryCode,
  toAssociationRow,
  typesByPair,
  type StoredAssociationRow,
} from '../association-rows.js';
import { FIRST_RECORD_ID, insertedRecords } from '../record-ids.js';
import { associationTuple, toRecord, type RecordRow } from './rows.js';

const RECORD_COLUMNS = 'object_type_id, id, properties, created_at, updated_at, archived_at';

/** The statements of one write transaction; the store opens and commits the transaction. */
export class SqliteTransaction implements StoreTransaction {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** A prepared statement, prepared once per connection. */
  statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  existingRecordIds(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<Set<RecordId>> {
    const rows = this.statement(
      `SELECT id FROM records WHERE portal_id = ? AND object_type_id = ?
       AND id IN (SELECT value FROM json_each(?)) AND archived_at IS NULL`,
    )
      .pluck()
      .all(portalId, objectTypeId, JSON.stringify(ids)) as number[];
    return Promise.resolve(new Set(rows));
  }

  insertRecords(
    portalId: number,
    objectTypeId: string,
    records: readonly NewRecord[],
    now: Date,
  ): Promise<CrmRecord[]> {
    const firstId = this.#allocateIds(portalId, records.length);
    const at = now.getTime();
    const rows = records.map((record, index) => [
      firstId + index,
      JSON.stringify(record.properties),
    ]);
    this.statement(
      `INSERT INTO records (portal_id, object_type_id, id, properties, created_at, updated_at)
       SELECT ?, ?, value ->> 0, value ->> 1, ?, ? FROM json_each(?)`,
    ).run(portalId, objectTypeId, at, at, JSON.stringify(rows));
    return Promise.resolve(insertedRecords(objectTypeId, records, firstId, now));
  }

  #allocateIds(portalId: number, count: number): number {
    this.statement('INSERT OR IGNORE INTO portals (id, next_record_id) VALUES (?, ?)').run(
      portalId,
      FIRST_RECORD_ID,
    );
    const next = this.statement(
      'UPDATE portals SET next_record_id = next_record_id + ? WHERE id = ? RETURNING next_record_id',
    )
      .pluck()
      .get(count, portalId) as number;
    return next - count;
  }

  updateRecord(
    portalId: number,
    objectTypeId: string,
    id: RecordId,
    properties: Properties,
    now: Date,
  ): Promise<CrmRecord | null> {
    const row = this.statement(
      `UPDATE records SET properties = json_patch(properties, ?), updated_at = ?
       WHERE portal_id = ? AND object_type_id = ? AND id = ? AND archived_at IS NULL
       RETURNING ${RECORD_COLUMNS}`,
    ).get(JSON.stringify(properties), now.getTime(), portalId, objectTypeId, id) as
      RecordRow | undefined;
    return Promise.resolve(row ? toRecord(row) : null);
  }

  archiveRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
    now: Date,
  ): Promise<RecordId[]> {
    const archived = this.statement(
      `UPDATE records SET archived_at = ? WHERE portal_id = ? AND object_type_id = ?
       AND id IN (SELECT value FROM json_each(?)) AND archived_at IS NULL RETURNING id`,
    )
      .pluck()
      .all(now.getTime(), portalId, objectTypeId, JSON.stringify(ids)) as number[];
    if (archived.length > 0) this.#setAssociationsAside(portalId, objectTypeId, archived);
    return Promise.resolve(archived);
  }

  /**
   * Moves every row from or to the archived records into archived_associations. Rows pointing at
   * a record are found through its own rows: every association has its unlabeled row both ways.
   */
  #setAssociationsAside(portalId: number, objectTypeId: string, ids: readonly RecordId[]): void {
    const touching = `
      WITH own AS (
        SELECT * FROM associations WHERE portal_id = @portal AND from_type = @type
        AND from_id IN (SELECT value FROM json_each(@ids))
      ), neighbours AS (SELECT DISTINCT from_id AS record_id, to_type, to_id FROM own)
      SELECT * FROM own UNION ALL
      SELECT a.* FROM neighbours n CROSS JOIN associations a
      ON a.portal_id = @portal AND a.from_type = n.to_type AND a.from_id = n.to_id
      AND a.to_type = @type AND a.to_id = n.record_id`;
    const idList = JSON.stringify(ids);
    const params = { portal: portalId, type: objectTypeId, ids: idList };
    this.statement(`INSERT OR IGNORE INTO archived_associations ${touching}`).run(params);
    const rows = (
      this.statement(touching).all(params) as (StoredAssociationRow & {
        portal_id: number;
      })[]
    ).map(toAssociationRow);
    this.#deleteRows(portalId, rows);
  }

  typesOfPairs(
    portalId: number,
    pairs: readonly RecordPair[],
  ): Promise<Map<string, AssociationSpec[]>> {
    const rows = this.statement(
      `SELECT a.from_type, a.from_id, a.to_type, a.to_id, a.category, a.type_id
       FROM json_each(?) j CROSS JOIN associations a
       ON a.portal_id = ? AND a.from_type = j.value ->> 0 AND a.from_id = j.value ->> 1
       AND a.to_type = j.value ->> 2 AND a.to_id = j.value ->> 3`,
    ).all(
      JSON.stringify(pairs.map((p) => [p.fromObjectTypeId, p.fromId, p.toObjectTypeId, p.toId])),
      portalId,
    ) as StoredAssociationRow[];
    return Promise.resolve(typesByPair(rows));
  }

  rowsFromRecordsOfType(
    portalId: number,
    fromObjectTypeId: string,
    fromIds: readonly RecordId[],
    toObjectTypeId: string,
    spec: AssociationSpec,
  ): Promise<AssociationRow[]> {
    const rows = this.statement(
      `SELECT from_type, from_id, to_type, to_id, category, type_id FROM associations
       WHERE portal_id = ? AND from_type = ? AND from_id IN (SELECT value FROM json_each(?))
       AND to_type = ? AND category = ? AND type_id = ?`,
    ).all(
      portalId,
      fromObjectTypeId,
      JSON.stringify(fromIds),
      toObjectTypeId,
      categoryCode(spec.category),
      spec.typeId,
    ) as StoredAssociationRow[];
    return Promise.resolve(rows.map(toAssociationRow));
  }

  insertAssociations(portalId: number, rows: readonly AssociationRow[]): Promise<void> {
    if (rows.length > 0) {
      this.statement(
        `INSERT OR IGNORE INTO associations
         SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
         FROM json_each(?)`,
      ).run(portalId, JSON.stringify(rows.map(associationTuple)));
    }
    return Promise.resolve();
  }

  deleteAssociations(portalId: number, rows: readonly AssociationRow[]): Promise<void> {
    this.#deleteRows(portalId, rows);
    return Promise.resolve();
  }

  #deleteRows(portalId: number, rows: readonly AssociationRow[]): void {
    if (rows.length === 0) return;
    this.statement(
      `DELETE FROM associations WHERE portal_id = ?
       AND (from_type, from_id, to_type, to_id, category, type_id) IN (
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
         FROM json_each(?))`,
    ).run(portalId, JSON.stringify(rows.map(associationTuple)));
  }

  deletePairs(portalId: number, pairs: readonly RecordPair[]): Promise<void> {
    if (pairs.length > 0) {
      this.statement(
        `DELETE FROM associations WHERE portal_id = ?
         AND (from_type, from_id, to_type, to_id) IN (
           SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?))`,
      ).run(
        portalId,
        JSON.stringify(pairs.map((p) => [p.fromObjectTypeId, p.fromId, p.toObjectTypeId, p.toId])),
      );
    }
    return Promise.resolve();
  }
}
