// The write side of the SQLite store: set-based statements, one per step of a batch.
import type Database from 'better-sqlite3';
import type {
  AssociationRow,
  AssociationSpec,
  CrmRecord,
  CustomObjectSchema,
  LabelDefinition,
  LimitConfig,
  PropertySchemaEntry,
  RecordId,
  RecordPair,
} from '../../core/model.js';
import type {
  IdsOfType,
  LabelsAndLimits,
  LimitKey,
  NewLabel,
  NewObjectSchema,
  NewRecord,
  RecordAssociationRows,
  RecordUpdate,
  RowsThrough,
  LoggedWebhookEvent,
  ActiveJournalSubscription,
  NewJournalEntry,
  StoredSubscription,
  StoreTransaction,
} from '../../core/ports.js';
import { categoryCode, toAssociationRow, type StoredAssociationRow } from '../association-rows.js';
import { labelTexts, recordsTexts, unstorableText } from '../../core/rules/storable-text.js';
import { ASSOCIATION_COLUMNS, RECORD_COLUMNS } from '../columns.js';
import { ChangeSet } from '../../core/changes.js';
import { propertyWrites } from '../record-changes.js';
import type { MergedIdRow } from '../record-lookups.js';
import { insertedRecords } from '../record-ids.js';
import { takeFromSequence } from './portal-sequences.js';
import { insertAssociationRows, toRecord, type RecordRow } from './rows.js';
import { indexNewRecords, reindexRecords, unindexRecords } from './record-values.js';
import * as recordSql from './sqlite-records.js';
import * as schema from './sqlite-schema.js';
import type { Prepare } from './sqlite-schema.js';
import * as journal from './sqlite-journal.js';
import * as webhooks from './sqlite-webhooks.js';
import { WriteSettings } from './write-settings.js';

/** Pairs per statement of `rowsOfPairs`: 500 × 4 values, far below SQLite's 32,766 variables. */
const PAIR_CHUNK = 500;
const PAIR_CHUNK_TUPLES = '(?, ?, ?, ?), '.repeat(PAIR_CHUNK).slice(0, -2);
/**
 * Up to this many pairs (a single-pair write names two, one each way) go in as bound values of
 * a statement sized to them rather than as JSON through json_each: json_each's per-statement
 * cost was most of each lookup (a record check: 13–20 µs against 2–4 µs bound).
 */
const FEW_PAIRS = 4;
const pairTuples = (count: number) => '(?, ?, ?, ?), '.repeat(count).slice(0, -2);
const ASSOCIATION_COLUMNS_OF_A =
  'a.from_type, a.from_id, a.to_type, a.to_id, a.category, a.type_id';

/*
 * The SQL of the statements whose text has parts, built once. why: a statement is found by its
 * SQL, and a string built anew on each call is hashed anew on each lookup (5% of a single PUT's
 * CPU in process; docs/performance.md).
 */

/** A statement's SQL for each count from 1 to `most`, built once. */
function sqlBySize(most: number, sql: (count: number) => string): (count: number) => string {
  const built = Array.from({ length: most + 1 }, (_, count) => sql(count));
  return (count) => built[count] ?? sql(count);
}

const rowsOfPairsIn = (pairs: string) =>
  `WITH p (from_type, from_id, to_type, to_id) AS (VALUES ${pairs})
   SELECT ${ASSOCIATION_COLUMNS_OF_A} FROM p CROSS JOIN associations a
   ON a.portal_id = ? AND a.from_type = p.from_type AND a.from_id = p.from_id
   AND a.to_type = p.to_type AND a.to_id = p.to_id`;
const ROWS_OF_PAIRS_CHUNK = rowsOfPairsIn(PAIR_CHUNK_TUPLES);
const ROWS_OF_FEW_PAIRS = sqlBySize(FEW_PAIRS, (count) => rowsOfPairsIn(pairTuples(count)));
const ROWS_OF_PAIRS_JSON = `SELECT ${ASSOCIATION_COLUMNS_OF_A}
  FROM json_each(?) j CROSS JOIN associations a
  ON a.portal_id = ? AND a.from_type = j.value ->> 0 AND a.from_id = j.value ->> 1
  AND a.to_type = j.value ->> 2 AND a.to_id = j.value ->> 3`;
const DELETE_FEW_PAIRS = sqlBySize(
  FEW_PAIRS,
  (count) => `DELETE FROM associations WHERE portal_id = ?
    AND (from_type, from_id, to_type, to_id) IN (VALUES ${pairTuples(count)})
    RETURNING ${ASSOCIATION_COLUMNS}`,
);
const DELETE_PAIRS_JSON = `DELETE FROM associations WHERE portal_id = ?
  AND (from_type, from_id, to_type, to_id) IN (
    SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?))
  RETURNING ${ASSOCIATION_COLUMNS}`;

/** The statements of one write transaction; the store opens and commits the transaction. */
export class SqliteTransaction implements StoreTransaction {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();
  readonly #prepare: Prepare = (sql) => this.statement(sql);
  readonly #settings = new WriteSettings(this.#prepare);
  #changeSet = new ChangeSet();

  get changeSet(): ChangeSet {
    return this.#changeSet;
  }

  /** Starts an empty change set: the store runs every transaction on this one object. */
  beginChanges(): void {
    this.#changeSet = new ChangeSet();
  }

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
    // One id (every single-pair write, per side) is bound as itself: a third of the CPU of
    // shipping it as JSON through json_each.
    if (ids.length === 1) {
      const live = this.statement(
        `SELECT id FROM records WHERE portal_id = ? AND object_type_id = ? AND id = ?
         AND archived_at IS NULL`,
      )
        .pluck()
        .get(portalId, objectTypeId, ids[0]) as number | undefined;
      return Promise.resolve(new Set(live === undefined ? [] : [live]));
    }
    // The list drives a primary-key lookup per id. Written as `id IN (…) AND archived_at IS
    // NULL`, SQLite chose the covering index of live records instead and scanned every live
    // record of the type on each write (3,100 contacts: 0.6 ms of each single PUT).
    const rows = this.statement(
      `SELECT r.id FROM json_each(?) j CROSS JOIN records r
       ON r.portal_id = ? AND r.object_type_id = ? AND r.id = j.value
       WHERE r.archived_at IS NULL`,
    )
      .pluck()
      .all(JSON.stringify(ids), portalId, objectTypeId) as number[];
    return Promise.resolve(new Set(rows));
  }

  /** Statements run on the event loop with no round trip: one per type is as cheap as one. */
  async liveRecordIds(
    portalId: number,
    wanted: readonly IdsOfType[],
  ): Promise<Map<string, Set<RecordId>>> {
    const live = new Map<string, Set<RecordId>>();
    for (const { objectTypeId, ids } of wanted) {
      const found = await this.existingRecordIds(portalId, objectTypeId, ids);
      const known = live.get(objectTypeId);
      if (known) for (const id of found) known.add(id);
      else live.set(objectTypeId, found);
    }
    return live;
  }

  insertRecords(
    portalId: number,
    objectTypeId: string,
    records: readonly NewRecord[],
    now: Date,
  ): Promise<CrmRecord[]> {
    const refused = unstorableText(recordsTexts(records));
    if (refused) return Promise.reject(refused);
    const firstId = takeFromSequence(this.#prepare, portalId, 'next_record_id', records.length);
    const at = now.getTime();
    const rows = records.map((record, index) => [
      firstId + index,
      JSON.stringify(record.properties),
      record.createdAt?.getTime() ?? at,
    ]);
    this.statement(
      `INSERT INTO records (portal_id, object_type_id, id, properties, created_at, updated_at)
       SELECT ?, ?, value ->> 0, value ->> 1, value ->> 2, ? FROM json_each(?)`,
    ).run(portalId, objectTypeId, at, JSON.stringify(rows));
    const inserted = insertedRecords(objectTypeId, records, firstId, now);
    indexNewRecords(this.#prepare, portalId, inserted);
    this.changeSet.addRecords(
      portalId,
      'created',
      objectTypeId,
      inserted.map((record) => record.id),
    );
    return Promise.resolve(inserted);
  }

  updateRecords(
    portalId: number,
    objectTypeId: string,
    updates: readonly RecordUpdate[],
    now: Date,
  ): Promise<CrmRecord[]> {
    const refused = unstorableText(recordsTexts(updates));
    if (refused) return Promise.reject(refused);
    const before = new Map(
      recordSql
        .getRecords(
          this.#prepare,
          portalId,
          objectTypeId,
          updates.map((update) => update.id),
          false,
        )
        .map((record) => [record.id, record.properties]),
    );
    const rows = this.statement(
      `UPDATE records SET properties = json_patch(properties, j.value ->> 1), updated_at = ?,
       created_at = coalesce(j.value ->> 2, created_at)
       FROM json_each(?) j
       WHERE portal_id = ? AND object_type_id = ? AND records.id = j.value ->> 0
       AND archived_at IS NULL
       RETURNING ${RECORD_COLUMNS}`,
    ).all(
      now.getTime(),
      JSON.stringify(
        updates.map((update) => [update.id, update.properties, update.createdAt?.getTime()]),
      ),
      portalId,
      objectTypeId,
    ) as RecordRow[];
    const updated = rows.map(toRecord);
    reindexRecords(this.#prepare, portalId, objectTypeId, updated);
    this.changeSet.addPropertyWrites(
      portalId,
      objectTypeId,
      propertyWrites(updates, before, updated),
    );
    return Promise.resolve(updated);
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
    this.changeSet.addRecords(portalId, 'archived', objectTypeId, archived);
    if (archived.length > 0) {
      const setAside = this.#setAssociationsAside(portalId, objectTypeId, archived);
      this.changeSet.addRows(portalId, 'associationRemoved', setAside);
    }
    // Search finds live records only: their index entries go with them.
    unindexRecords(this.#prepare, portalId, objectTypeId, archived);
    return Promise.resolve(archived);
  }

  /**
   * Moves every row from or to the archived records into archived_associations. Rows pointing at
   * a record are found through its own rows: every association has its unlabeled row both ways.
   */
  #setAssociationsAside(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): AssociationRow[] {
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
    return recordSql.deleteRows(this.#prepare, 'associations', portalId, rows);
  }

  getRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
    includeArchived: boolean,
  ): Promise<CrmRecord[]> {
    return Promise.resolve(
      recordSql.getRecords(this.#prepare, portalId, objectTypeId, ids, includeArchived),
    );
  }

  resolveMergedIds(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<Map<RecordId, RecordId>> {
    return Promise.resolve(recordSql.resolveMergedIds(this.#prepare, portalId, objectTypeId, ids));
  }

  findRecordsByProperty(
    portalId: number,
    objectTypeId: string,
    property: string,
    values: readonly string[],
    includeArchived: boolean,
  ): Promise<CrmRecord[]> {
    return Promise.resolve(
      recordSql.findRecordsByProperty(
        this.#prepare,
        portalId,
        objectTypeId,
        property,
        values,
        includeArchived,
      ),
    );
  }

  purgeRecords(portalId: number, objectTypeId: string, ids: readonly RecordId[]) {
    const purged = recordSql.purgeRecords(this.#prepare, portalId, objectTypeId, ids);
    this.changeSet.addRecords(portalId, 'archived', objectTypeId, purged.ids);
    this.changeSet.addRows(portalId, 'associationRemoved', purged.rows);
    return Promise.resolve(purged.ids);
  }

  insertMergedIds(
    portalId: number,
    objectTypeId: string,
    into: RecordId,
    ids: readonly RecordId[],
  ): Promise<void> {
    const rows = ids.map((id): MergedIdRow => [objectTypeId, id, into]);
    recordSql.insertMergedIds(this.#prepare, portalId, rows, 'replace');
    return Promise.resolve();
  }

  idsMergedInto(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<Map<RecordId, RecordId[]>> {
    return Promise.resolve(recordSql.idsMergedInto(this.#prepare, portalId, objectTypeId, ids));
  }

  rowsTouchingRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<RecordAssociationRows> {
    return Promise.resolve(recordSql.rowsTouchingBoth(this.#prepare, portalId, objectTypeId, ids));
  }

  deleteRowsTouchingRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<void> {
    const live = recordSql.deleteRowsTouching(this.#prepare, portalId, objectTypeId, ids);
    this.changeSet.addRows(portalId, 'associationRemoved', live);
    return Promise.resolve();
  }

  insertSetAsideAssociations(portalId: number, rows: readonly AssociationRow[]): Promise<void> {
    insertAssociationRows(this.#prepare, 'archived_associations', portalId, rows);
    return Promise.resolve();
  }

  /**
   * Full chunks of pairs go in as bound values, the rest as JSON through json_each: for a
   * 2,000-pair batch, binding cost 1.1 ms of CPU where writing and parsing the JSON cost 1.9 ms.
   */
  rowsOfPairs(portalId: number, pairs: readonly RecordPair[]): Promise<AssociationRow[]> {
    const found: StoredAssociationRow[] = [];
    let start = 0;
    if (pairs.length >= PAIR_CHUNK) {
      const chunk = this.statement(ROWS_OF_PAIRS_CHUNK);
      for (; start + PAIR_CHUNK <= pairs.length; start += PAIR_CHUNK) {
        const values: (string | number)[] = [];
        for (let index = start; index < start + PAIR_CHUNK; index++) {
          const pair = pairs[index];
          if (pair) values.push(pair.fromObjectTypeId, pair.fromId, pair.toObjectTypeId, pair.toId);
        }
        values.push(portalId);
        for (const row of chunk.all(values) as StoredAssociationRow[]) found.push(row);
      }
    }
    if (start < pairs.length && pairs.length - start <= FEW_PAIRS) {
      const values: (string | number)[] = [];
      for (const p of pairs.slice(start)) {
        values.push(p.fromObjectTypeId, p.fromId, p.toObjectTypeId, p.toId);
      }
      values.push(portalId);
      const few = this.statement(ROWS_OF_FEW_PAIRS(pairs.length - start)).all(
        values,
      ) as StoredAssociationRow[];
      for (const row of few) found.push(row);
    } else if (start < pairs.length) {
      const rest = this.statement(ROWS_OF_PAIRS_JSON).all(
        JSON.stringify(
          pairs.slice(start).map((p) => [p.fromObjectTypeId, p.fromId, p.toObjectTypeId, p.toId]),
        ),
        portalId,
      ) as StoredAssociationRow[];
      for (const row of rest) found.push(row);
    }
    return Promise.resolve(found.map(toAssociationRow));
  }

  rowsFromRecordsOfType(
    portalId: number,
    fromObjectTypeId: string,
    fromIds: readonly RecordId[],
    toObjectTypeId: string,
    spec: AssociationSpec,
  ): Promise<AssociationRow[]> {
    if (fromIds.length === 1) {
      // One record (a single-pair write's Primary or limit): bound as itself, as in
      // existingRecordIds.
      const rows = this.statement(
        `SELECT from_type, from_id, to_type, to_id, category, type_id FROM associations
         WHERE portal_id = ? AND from_type = ? AND from_id = ?
         AND to_type = ? AND category = ? AND type_id = ?`,
      ).all(
        portalId,
        fromObjectTypeId,
        fromIds[0],
        toObjectTypeId,
        categoryCode(spec.category),
        spec.typeId,
      ) as StoredAssociationRow[];
      return Promise.resolve(rows.map(toAssociationRow));
    }
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

  /** The one connection runs one transaction at a time. */
  readonly holdsPairs = false;

  /** Nothing to hold: the one connection runs one transaction at a time. */
  holdForPairWrites(): Promise<void> {
    return Promise.resolve();
  }

  async rowsTouchedByWrites(
    portalId: number,
    pairs: readonly RecordPair[],
    through: readonly RowsThrough[],
  ): Promise<AssociationRow[]> {
    const rows = await this.rowsOfPairs(portalId, pairs);
    for (const { fromObjectTypeId, fromIds, toObjectTypeId, spec } of through) {
      rows.push(
        ...(await this.rowsFromRecordsOfType(
          portalId,
          fromObjectTypeId,
          fromIds,
          toObjectTypeId,
          spec,
        )),
      );
    }
    return rows;
  }

  insertAssociations(portalId: number, rows: readonly AssociationRow[]): Promise<void> {
    const inserted: AssociationRow[] = [];
    insertAssociationRows(this.#prepare, 'associations', portalId, rows, inserted);
    this.changeSet.addRows(portalId, 'associationAdded', inserted);
    return Promise.resolve();
  }

  deleteAssociations(portalId: number, rows: readonly AssociationRow[]): Promise<void> {
    const deleted = recordSql.deleteRows(this.#prepare, 'associations', portalId, rows);
    this.changeSet.addRows(portalId, 'associationRemoved', deleted);
    return Promise.resolve();
  }

  deletePairs(portalId: number, pairs: readonly RecordPair[]): Promise<void> {
    if (pairs.length > 0 && pairs.length <= FEW_PAIRS) {
      // A single DELETE's two pairs: bound values (same primary-key plan), not JSON.
      const values: (string | number)[] = [portalId];
      for (const p of pairs) values.push(p.fromObjectTypeId, p.fromId, p.toObjectTypeId, p.toId);
      const deleted = this.statement(DELETE_FEW_PAIRS(pairs.length)).all(
        values,
      ) as StoredAssociationRow[];
      this.changeSet.addRows(portalId, 'associationRemoved', deleted.map(toAssociationRow));
    } else if (pairs.length > 0) {
      const deleted = this.statement(DELETE_PAIRS_JSON).all(
        portalId,
        JSON.stringify(pairs.map((p) => [p.fromObjectTypeId, p.fromId, p.toObjectTypeId, p.toId])),
      ) as StoredAssociationRow[];
      this.changeSet.addRows(portalId, 'associationRemoved', deleted.map(toAssociationRow));
    }
    return Promise.resolve();
  }

  listLabels(portalId: number): Promise<LabelDefinition[]> {
    return Promise.resolve(this.#settings.labels(portalId));
  }

  listLimits(portalId: number): Promise<LimitConfig[]> {
    return Promise.resolve(this.#settings.limits(portalId));
  }

  /** Kept from the transactions before while the settings are unchanged (write-settings.ts). */
  labelsAndLimits(portalId: number): Promise<LabelsAndLimits> {
    return Promise.resolve(this.#settings.labelsAndLimits(portalId));
  }

  listPropertySchema(portalId: number, objectTypeId: string | null) {
    return Promise.resolve(schema.listPropertySchema(this.#prepare, portalId, objectTypeId));
  }

  putPropertySchema(portalId: number, entries: readonly PropertySchemaEntry[]): Promise<void> {
    schema.putPropertySchema(this.#prepare, portalId, entries);
    return Promise.resolve();
  }

  insertLabel(portalId: number, label: NewLabel): Promise<LabelDefinition> {
    const refused = unstorableText(labelTexts(label));
    if (refused) return Promise.reject(refused);
    return Promise.resolve(schema.insertLabel(this.#prepare, portalId, label));
  }

  updateLabel(portalId: number, typeId: number, label: string, inverse: string): Promise<void> {
    const refused = unstorableText([label, inverse]);
    if (refused) return Promise.reject(refused);
    schema.updateLabel(this.#prepare, portalId, typeId, label, inverse);
    return Promise.resolve();
  }

  deleteLabel(portalId: number, label: LabelDefinition): Promise<void> {
    const removed = schema.deleteLabel(this.#prepare, portalId, label);
    this.changeSet.addRows(portalId, 'associationRemoved', removed);
    return Promise.resolve();
  }

  putLimits(portalId: number, limits: readonly LimitConfig[]): Promise<void> {
    schema.putLimits(this.#prepare, portalId, limits);
    return Promise.resolve();
  }

  deleteLimits(portalId: number, keys: readonly LimitKey[]): Promise<void> {
    schema.deleteLimits(this.#prepare, portalId, keys);
    return Promise.resolve();
  }

  listObjectSchemas(portalId: number): Promise<CustomObjectSchema[]> {
    return Promise.resolve(schema.listObjectSchemas(this.#prepare, portalId));
  }

  insertObjectSchema(portalId: number, egg: NewObjectSchema): Promise<CustomObjectSchema> {
    return Promise.resolve(schema.insertObjectSchema(this.#prepare, portalId, egg));
  }

  updateObjectSchema(portalId: number, stored: CustomObjectSchema): Promise<void> {
    schema.updateObjectSchema(this.#prepare, portalId, stored);
    return Promise.resolve();
  }

  hasLiveRecords(portalId: number, objectTypeId: string): Promise<boolean> {
    return Promise.resolve(schema.hasLiveRecords(this.#prepare, portalId, objectTypeId));
  }

  purgeObjectSchema(portalId: number, schemaId: number): Promise<void> {
    schema.purgeObjectSchema(this.#prepare, portalId, schemaId);
    return Promise.resolve();
  }

  activeJournalSubscriptions(): Promise<ActiveJournalSubscription[]> {
    return Promise.resolve(this.#settings.activeJournalSubscriptions());
  }

  activeSubscriptions(): Promise<StoredSubscription[]> {
    return Promise.resolve(this.#settings.activeSubscriptions());
  }

  appendWebhookEvents(
    portalId: number,
    events: readonly LoggedWebhookEvent[],
    now: Date,
  ): Promise<void> {
    webhooks.appendWebhookEvents(this.#prepare, portalId, events, now);
    return Promise.resolve();
  }

  appendJournalEntries(
    portalId: number,
    entries: readonly NewJournalEntry[],
    now: Date,
  ): Promise<void> {
    journal.appendJournalEntries(this.#prepare, portalId, entries, now);
    return Promise.resolve();
  }
}
