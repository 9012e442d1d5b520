// The write side of the PostgreSQL store: a handful of set-based statements per batch.
import type { QueryResultRow } from 'pg';
import type {
  AssociationRow,
  AssociationSpec,
  CrmRecord,
  CustomObjectSchema,
  LabelDefinition,
  LimitConfig,
  PropertySchemaEntry,
  Properties,
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
  PairWriteHold,
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
import { ASSOCIATION_COLUMNS, RECORD_COLUMNS } from '../columns.js';
import { FIRST_RECORD_ID, insertedRecords } from '../record-ids.js';
import type { MergedIdRow } from '../record-lookups.js';
import * as recordSql from './postgres-records.js';
import { indexNewRecords, reindexRecords, unindexRecords } from './record-values.js';
import { associationColumns, pairColumns, toRecord, type RecordRow } from './rows.js';
import * as schema from './postgres-schema.js';
import type { Query } from './postgres-schema.js';
import { assertion } from './pair-write-guess.js';
import { valueLiteral } from './sql-literals.js';
import type { SessionStatement, TransactionConnection } from './transaction-connection.js';
import { HoldTooLarge, PortalLock, holdKeysOf } from './portal-lock.js';
import { assertStorableTexts, labelTexts, recordsTexts } from '../../core/rules/storable-text.js';
import { APPEND_JOURNAL_ENTRIES, appendJournalEntriesParams } from './postgres-journal.js';
import {
  ACTIVE_FOLLOWERS_COLUMNS,
  APPEND_WEBHOOK_CHUNKS,
  activeFollowers,
  appendWebhookChunksParams,
  appendWebhookEventsStatement,
  toActiveFollowers,
  type ActiveFollowers,
  type ActiveFollowersRow,
} from './postgres-webhooks.js';
import { ChangeSet } from '../../core/changes.js';
import { propertyWrites } from '../record-changes.js';

const ASSOCIATIONS_OF_INPUT = `SELECT * FROM unnest($2::text[], $3::bigint[], $4::text[],
  $5::bigint[], $6::smallint[], $7::integer[])`;

/**
 * Rows touching the archived records (`$2` type, `$3` ids), both directions, moved in one
 * statement to archived_associations. Rows pointing at a record are found through its own rows:
 * every association has its unlabeled row both ways.
 */
const SET_ASSOCIATIONS_ASIDE = `
  WITH own AS (
    SELECT * FROM associations
    WHERE portal_id = $1 AND from_type = $2 AND from_id = ANY($3::bigint[])
  ), touching AS (
    SELECT * FROM own
    UNION ALL
    SELECT a.* FROM (SELECT DISTINCT from_id, to_type, to_id FROM own) n
    JOIN associations a ON a.portal_id = $1 AND a.from_type = n.to_type AND a.from_id = n.to_id
    AND a.to_type = $2 AND a.to_id = n.from_id
  ), moved AS (
    DELETE FROM associations a USING touching t
    WHERE a.portal_id = t.portal_id AND a.from_type = t.from_type AND a.from_id = t.from_id
    AND a.to_type = t.to_type AND a.to_id = t.to_id AND a.category = t.category
    AND a.type_id = t.type_id
    RETURNING a.*
  )
  , kept AS (
    INSERT INTO archived_associations (portal_id, ${ASSOCIATION_COLUMNS})
    SELECT portal_id, ${ASSOCIATION_COLUMNS} FROM moved ON CONFLICT DO NOTHING
  )
  SELECT ${ASSOCIATION_COLUMNS} FROM moved`;

/**
 * The condition that `column` is one of `ids`, bound at `placeholder`: one id as itself, more as
 * an array. The one-id form is what single writes send, and PostgreSQL plans it once and keeps
 * the plan; an array's plan, costed for an unknown length, it makes anew on every run.
 */
function idIn(ids: readonly RecordId[], placeholder: string, column = 'id'): string {
  return ids.length === 1
    ? `${column} = ${placeholder}::bigint`
    : `${column} = ANY(${placeholder}::bigint[])`;
}

/** The value bound for `idIn`. */
function oneOrAll(ids: readonly RecordId[]): RecordId | readonly RecordId[] {
  const [only] = ids;
  return ids.length === 1 && only !== undefined ? only : ids;
}

/**
 * What a pair write reads as it opens (`TransactionConnection`): the portal's labels and limits
 * (`labelsAndLimits`) and the active subscriptions (`activeSubscriptions` and
 * `activeJournalSubscriptions`), and the version of them all (pair-write-guess.ts). The
 * subscriptions are read at the start rather than when the
 * commit hook asks: a subscription made while the write runs may or may not see its events
 * either way, and reading them apart cost every changing pair write a round trip.
 */
export const PAIR_WRITE_OPENING_READ: SessionStatement = {
  name: 'has_pair_write_opening',
  sql: `SELECT ${schema.labelsAndLimitsColumns('$1')}, ${ACTIVE_FOLLOWERS_COLUMNS},
    (SELECT version FROM pair_write_settings WHERE only_row = true) AS settings_version`,
  types: ['bigint'],
};

/** `holdForPairWrites`'s statement when it is a write's first (a DELETE's): see there. */
const HOLD_AT_OPENING: SessionStatement = {
  name: 'has_hold_keys',
  sql: PortalLock.holdKeys('$1'),
  types: ['text[]'],
};

/**
 * Inserts association rows not already stored (`$8`: how many were sent) and answers which it
 * inserted: when it inserted them all, one row of their count alone; else the count beside each
 * row it inserted. why: a write's rows are nearly always all new (it read its pairs first), and
 * sending back the 4,000 rows of a 2,000-pair batch cost both sides their serializing.
 */
function insertRowsSql(table: recordSql.AssociationTable): string {
  return `WITH inserted AS (
      INSERT INTO ${table} (portal_id, ${ASSOCIATION_COLUMNS})
      SELECT $1, * FROM (${ASSOCIATIONS_OF_INPUT}) i ON CONFLICT DO NOTHING
      RETURNING ${ASSOCIATION_COLUMNS}
    ), counted AS (SELECT count(*) AS count FROM inserted)
    SELECT counted.count, inserted.* FROM counted
    LEFT JOIN inserted ON counted.count <> $8::integer`;
}

/** A row of `insertRowsSql`'s answer. */
type InsertedRow = { count: number } & (
  StoredAssociationRow | { [column in keyof StoredAssociationRow]: null }
);

/** The rows `insertRowsSql` inserted, of `rows` sent. */
function insertedRows(
  rows: readonly AssociationRow[],
  answer: readonly InsertedRow[],
): readonly AssociationRow[] {
  if (answer[0]?.count === rows.length) return rows;
  return answer.flatMap((row) => (row.from_type === null ? [] : [toAssociationRow(row)]));
}

/** Deletes every row of the pairs, answering those it deleted. */
const DELETE_PAIRS = `DELETE FROM associations WHERE portal_id = $1
  AND (from_type, from_id, to_type, to_id)
  IN (SELECT * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::bigint[]))
  RETURNING ${ASSOCIATION_COLUMNS}`;

const PAIR_TYPES = ['bigint', 'text[]', 'bigint[]', 'text[]', 'bigint[]'];

/**
 * The most rows (or pairs) a statement sent with COMMIT names. why: its values are written into
 * the statement's text as escaped literals, which cost a 2,000-pair batch create's main thread
 * about 4.5 ms; a round trip saved is worth far less than that beyond about a hundred rows.
 */
const AT_COMMIT_ROWS = 100;

/** A pair write's insert, when it goes with COMMIT (`#changesUnfollowed`). */
const INSERT_AT_COMMIT: SessionStatement = {
  name: 'has_insert_at_commit',
  sql: insertRowsSql('associations'),
  types: [...PAIR_TYPES, 'smallint[]', 'integer[]', 'integer'],
};

/**
 * A guessed pair write's insert, with COMMIT: it asserts that it inserted every row it was sent
 * (`$8`), as the guess planned, so that the write's changes are known before it commits.
 */
const INSERT_ALL_AT_COMMIT: SessionStatement = {
  name: 'has_insert_all_at_commit',
  sql: `WITH inserted AS (
      INSERT INTO associations (portal_id, ${ASSOCIATION_COLUMNS})
      SELECT $1, * FROM (${ASSOCIATIONS_OF_INPUT}) i ON CONFLICT DO NOTHING
      RETURNING 1
    )
    SELECT has_assume(count(*) = $8::integer) FROM inserted`,
  types: INSERT_AT_COMMIT.types,
};

/** A pair write's removal of whole pairs (a DELETE), when it goes with COMMIT. */
const DELETE_PAIRS_AT_COMMIT: SessionStatement = {
  name: 'has_delete_pairs_at_commit',
  sql: DELETE_PAIRS,
  types: PAIR_TYPES,
};

/** The statements of one write transaction, run on its connection. */
export class PostgresTransaction implements StoreTransaction {
  readonly #connection: TransactionConnection;
  readonly changeSet = new ChangeSet();
  readonly holdsPairs: boolean;
  /** The subscriptions the commit hook matches the changes against, once read. */
  #activeFollowers: Promise<ActiveFollowers> | null = null;

  constructor(connection: TransactionConnection) {
    this.#connection = connection;
    this.holdsPairs = connection.mode === 'shared';
  }

  #query<R extends QueryResultRow>(
    portalId: number,
    sql: string,
    params: readonly unknown[],
  ): Promise<R[]> {
    return this.#connection.query<R>(portalId, sql, params);
  }

  async existingRecordIds(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<Set<RecordId>> {
    const rows = await this.#query<{ id: number }>(
      portalId,
      `SELECT id FROM records WHERE portal_id = $1 AND object_type_id = $2
       AND id = ANY($3::bigint[]) AND archived_at IS NULL`,
      [portalId, objectTypeId, ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * One statement for every type: `existingRecordIds`'s query per type, joined by UNION ALL. (A
   * lateral lookup per id over an unnest of (type, id) pairs planned far worse: 300 to 800 ms
   * for 2,001 ids against 10 to 60 ms.)
   */
  async liveRecordIds(
    portalId: number,
    wanted: readonly IdsOfType[],
    hold?: PairWriteHold,
  ): Promise<Map<string, Set<RecordId>>> {
    const live = new Map<string, Set<RecordId>>(wanted.map((w) => [w.objectTypeId, new Set()]));
    const asked = wanted.filter(({ ids }) => ids.length > 0);
    if (asked.length === 0) {
      if (hold) await this.holdForPairWrites(portalId, hold);
      return live;
    }
    const keys = hold ? this.#holdKeys(portalId, hold) : [];
    // why: liveness is read, not filtered on, so that no partial index of live records (which
    // lists every live record of the type) can stand in for the primary key in a kept plan.
    const selects = asked.map(
      ({ ids }, index) =>
        `SELECT object_type_id, id, archived_at IS NULL AS live FROM records WHERE portal_id = $1
         AND object_type_id = $${2 + 2 * index} AND ${idIn(ids, `$${3 + 2 * index}`)}`,
    );
    const params: unknown[] = [
      portalId,
      ...asked.flatMap(({ objectTypeId, ids }) => [objectTypeId, oneOrAll(ids)]),
    ];
    if (this.#connection.guessing(portalId)) {
      // Guessed live, asserted so: as many live records as distinct ids asked.
      this.#connection.assumeHold(portalId, keys);
      const ids = asked.reduce((count, { ids }) => count + new Set(ids).size, 0);
      const holds = `count(*) FILTER (WHERE guessed.live) = $${params.length + 1}::bigint`;
      this.#assume(portalId, assertion(selects.join(' UNION ALL '), holds), [...params, ids]);
      for (const { objectTypeId, ids } of asked) live.set(objectTypeId, new Set(ids));
      return live;
    }
    if (keys.length > 0) {
      // The hold rides along (its row is left out below): liveness needs no hold (the portal's
      // shared lock keeps records from being archived), and the rows the write reads next are
      // read by a later statement, with a snapshot taken after the hold.
      selects.unshift(
        `SELECT NULL::text AS object_type_id, NULL::bigint AS id,
         (${PortalLock.holdKeys(`$${params.length + 1}`)}) < 0 AS live`,
      );
      params.push(keys);
    }
    const rows = await this.#query<{ object_type_id: string | null; id: number; live: boolean }>(
      portalId,
      selects.join(' UNION ALL '),
      params,
    );
    for (const row of rows) {
      if (row.live && row.object_type_id !== null) live.get(row.object_type_id)?.add(row.id);
    }
    return live;
  }

  /** Allocates the ids and inserts the records in one statement. */
  async insertRecords(
    portalId: number,
    objectTypeId: string,
    records: readonly NewRecord[],
    now: Date,
  ): Promise<CrmRecord[]> {
    assertStorableTexts(recordsTexts(records));
    const rows = await this.#query<{ first_id: number }>(
      portalId,
      `WITH allocated AS (
         INSERT INTO portals AS p (id, next_record_id, name)
         VALUES ($1, $3::bigint + $4::bigint, 'portal ' || $1::bigint)
         ON CONFLICT (id) DO UPDATE SET next_record_id = p.next_record_id + $4::bigint
         RETURNING next_record_id - $4::bigint AS first_id
       ), inserted AS (
         INSERT INTO records (portal_id, object_type_id, id, properties, created_at, updated_at)
         SELECT $1, $2, a.first_id + r.n - 1, r.properties,
           coalesce(($7::timestamptz[])[r.n], $5), $5
         FROM allocated a, json_array_elements($6::json) WITH ORDINALITY AS r(properties, n)
       )
       SELECT first_id FROM allocated`,
      [
        portalId,
        objectTypeId,
        FIRST_RECORD_ID,
        records.length,
        now,
        JSON.stringify(records.map((record) => record.properties)),
        records.map((record) => record.createdAt ?? null),
      ],
    );
    const firstId = rows[0]?.first_id ?? FIRST_RECORD_ID;
    const inserted = insertedRecords(objectTypeId, records, firstId, now);
    await indexNewRecords(this.#schemaQuery(portalId), portalId, inserted);
    this.changeSet.addRecords(
      portalId,
      'created',
      objectTypeId,
      inserted.map((record) => record.id),
    );
    return inserted;
  }

  /**
   * Reads the records under row locks and writes the merges in one statement: later keys win and
   * key order is kept (a json merge in SQL would reorder keys).
   */
  async updateRecords(
    portalId: number,
    objectTypeId: string,
    updates: readonly RecordUpdate[],
    now: Date,
  ): Promise<CrmRecord[]> {
    assertStorableTexts(recordsTexts(updates));
    const ids = updates.map((update) => update.id);
    const current = await this.#query<{ id: number; properties: Properties }>(
      portalId,
      `SELECT id, properties FROM records WHERE portal_id = $1 AND object_type_id = $2
       AND id = ANY($3::bigint[]) AND archived_at IS NULL FOR UPDATE`,
      [portalId, objectTypeId, ids],
    );
    const before = new Map(current.map((row) => [row.id, row.properties]));
    const merged = new Map(before);
    const createdAt = new Map<RecordId, Date>();
    for (const update of updates) {
      const properties = merged.get(update.id);
      if (properties) merged.set(update.id, { ...properties, ...update.properties });
      if (update.createdAt) createdAt.set(update.id, update.createdAt);
    }
    const rows = await this.#query<RecordRow>(
      portalId,
      `UPDATE records r SET properties = u.properties, updated_at = $5,
       created_at = coalesce(u.created_at, r.created_at)
       FROM unnest($3::bigint[], $4::json[], $6::timestamptz[]) AS u(id, properties, created_at)
       WHERE r.portal_id = $1 AND r.object_type_id = $2 AND r.id = u.id
       RETURNING ${RECORD_COLUMNS.split(', ')
         .map((column) => `r.${column}`)
         .join(', ')}`,
      [
        portalId,
        objectTypeId,
        [...merged.keys()],
        [...merged.values()].map((properties) => JSON.stringify(properties)),
        now,
        [...merged.keys()].map((id) => createdAt.get(id) ?? null),
      ],
    );
    const updated = rows.map(toRecord);
    await reindexRecords(this.#schemaQuery(portalId), portalId, objectTypeId, updated);
    this.changeSet.addPropertyWrites(
      portalId,
      objectTypeId,
      propertyWrites(updates, before, updated),
    );
    return updated;
  }

  async archiveRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
    now: Date,
  ): Promise<RecordId[]> {
    const rows = await this.#query<{ id: number }>(
      portalId,
      `UPDATE records SET archived_at = $4 WHERE portal_id = $1 AND object_type_id = $2
       AND id = ANY($3::bigint[]) AND archived_at IS NULL RETURNING id`,
      [portalId, objectTypeId, ids, now],
    );
    const archived = rows.map((row) => row.id);
    this.changeSet.addRecords(portalId, 'archived', objectTypeId, archived);
    if (archived.length > 0) {
      const setAside = await this.#query<StoredAssociationRow>(portalId, SET_ASSOCIATIONS_ASIDE, [
        portalId,
        objectTypeId,
        archived,
      ]);
      this.changeSet.addRows(portalId, 'associationRemoved', setAside.map(toAssociationRow));
      // Search finds live records only: their index entries go with them.
      await unindexRecords(this.#schemaQuery(portalId), portalId, objectTypeId, archived);
    }
    return archived;
  }

  getRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
    includeArchived: boolean,
  ): Promise<CrmRecord[]> {
    return recordSql.getRecords(
      this.#schemaQuery(portalId),
      portalId,
      objectTypeId,
      ids,
      includeArchived,
    );
  }

  resolveMergedIds(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<Map<RecordId, RecordId>> {
    return recordSql.resolveMergedIds(this.#schemaQuery(portalId), portalId, objectTypeId, ids);
  }

  findRecordsByProperty(
    portalId: number,
    objectTypeId: string,
    property: string,
    values: readonly string[],
    includeArchived: boolean,
  ): Promise<CrmRecord[]> {
    const query = this.#schemaQuery(portalId);
    return recordSql.findRecordsByProperty(
      query,
      portalId,
      objectTypeId,
      property,
      values,
      includeArchived,
    );
  }

  async purgeRecords(portalId: number, objectTypeId: string, ids: readonly RecordId[]) {
    const purged = await recordSql.purgeRecords(
      this.#schemaQuery(portalId),
      portalId,
      objectTypeId,
      ids,
    );
    this.changeSet.addRecords(portalId, 'archived', objectTypeId, purged.ids);
    this.changeSet.addRows(portalId, 'associationRemoved', purged.rows);
    return purged.ids;
  }

  insertMergedIds(
    portalId: number,
    objectTypeId: string,
    into: RecordId,
    ids: readonly RecordId[],
  ): Promise<void> {
    const rows = ids.map((id): MergedIdRow => [objectTypeId, id, into]);
    return recordSql.insertMergedIds(this.#schemaQuery(portalId), portalId, rows, 'replace');
  }

  idsMergedInto(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<Map<RecordId, RecordId[]>> {
    return recordSql.idsMergedInto(this.#schemaQuery(portalId), portalId, objectTypeId, ids);
  }

  rowsTouchingRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<RecordAssociationRows> {
    return recordSql.rowsTouchingBoth(this.#schemaQuery(portalId), portalId, objectTypeId, ids);
  }

  async deleteRowsTouchingRecords(
    portalId: number,
    objectTypeId: string,
    ids: readonly RecordId[],
  ): Promise<void> {
    const live = await recordSql.deleteRowsTouching(
      this.#schemaQuery(portalId),
      portalId,
      objectTypeId,
      ids,
    );
    this.changeSet.addRows(portalId, 'associationRemoved', live);
  }

  async insertSetAsideAssociations(
    portalId: number,
    rows: readonly AssociationRow[],
  ): Promise<void> {
    await this.#insertRows('archived_associations', portalId, rows);
  }

  async rowsOfPairs(portalId: number, pairs: readonly RecordPair[]): Promise<AssociationRow[]> {
    if (pairs.length === 0) return [];
    // A lateral lookup per pair on its key prefix (OFFSET 0 keeps the planner from flattening it
    // into a join, which it ran as a scan of the whole table once the table was large).
    const rows = await this.#query<StoredAssociationRow>(
      portalId,
      `SELECT a.from_type, a.from_id, a.to_type, a.to_id, a.category, a.type_id
       FROM unnest($2::text[], $3::bigint[], $4::text[], $5::bigint[])
         WITH ORDINALITY AS p(from_type, from_id, to_type, to_id, n)
       CROSS JOIN LATERAL (
         SELECT * FROM associations a WHERE a.portal_id = $1 AND a.from_type = p.from_type
         AND a.from_id = p.from_id AND a.to_type = p.to_type AND a.to_id = p.to_id OFFSET 0
       ) a
       ORDER BY p.n, a.category, a.type_id`,
      [portalId, ...pairColumns(pairs)],
    );
    return rows.map(toAssociationRow);
  }

  async rowsFromRecordsOfType(
    portalId: number,
    fromObjectTypeId: string,
    fromIds: readonly RecordId[],
    toObjectTypeId: string,
    spec: AssociationSpec,
  ): Promise<AssociationRow[]> {
    const rows = await this.#query<StoredAssociationRow>(
      portalId,
      `SELECT ${ASSOCIATION_COLUMNS} FROM associations
       WHERE portal_id = $1 AND from_type = $2 AND from_id = ANY($3::bigint[])
       AND to_type = $4 AND category = $5 AND type_id = $6 ORDER BY from_id, to_id`,
      [
        portalId,
        fromObjectTypeId,
        fromIds,
        toObjectTypeId,
        categoryCode(spec.category),
        spec.typeId,
      ],
    );
    return rows.map(toAssociationRow);
  }

  /** In a shared transaction, one statement taking an advisory lock per pair and record. */
  async holdForPairWrites(portalId: number, hold: PairWriteHold): Promise<void> {
    const keys = this.#holdKeys(portalId, hold);
    if (keys.length === 0) return;
    if (this.#connection.guessing(portalId)) {
      this.#connection.assumeHold(portalId, keys);
      return;
    }
    // why: a write whose first statement is its hold (a DELETE) sends it with BEGIN, a round trip
    // fewer; the keys, texts this class builds, are written in escaped.
    const opened = await this.#connection.openWith(portalId, HOLD_AT_OPENING, (literal) => [
      valueLiteral(keys, literal),
    ]);
    if (!opened) await this.#query(portalId, PortalLock.holdKeys(), [keys]);
  }

  /**
   * The texts `PortalLock.holdKeys` locks for a hold (`holdKeysOf`): none outside a shared
   * transaction. Throws `HoldTooLarge` when they would be too many to share the portal.
   */
  #holdKeys(portalId: number, hold: PairWriteHold): string[] {
    if (!this.holdsPairs) return [];
    const keys = holdKeysOf(portalId, hold);
    if (keys === null) throw new HoldTooLarge();
    return keys;
  }

  /**
   * The pairs' rows and the rows through each type, in one statement: `rowsOfPairs`'s lateral
   * lookup per pair, then `rowsFromRecordsOfType`'s query per entry, joined by UNION ALL.
   */
  async rowsTouchedByWrites(
    portalId: number,
    pairs: readonly RecordPair[],
    through: readonly RowsThrough[],
  ): Promise<AssociationRow[]> {
    const asked = through.filter(({ fromIds }) => fromIds.length > 0);
    if (pairs.length === 0 && asked.length === 0) return [];
    const [pair] = pairs;
    const selects = [
      pairs.length === 1
        ? `SELECT ${ASSOCIATION_COLUMNS} FROM associations WHERE portal_id = $1
           AND from_type = $2 AND from_id = $3 AND to_type = $4 AND to_id = $5`
        : `SELECT a.from_type, a.from_id, a.to_type, a.to_id, a.category, a.type_id
       FROM unnest($2::text[], $3::bigint[], $4::text[], $5::bigint[])
         AS p(from_type, from_id, to_type, to_id)
       CROSS JOIN LATERAL (
         SELECT * FROM associations a WHERE a.portal_id = $1 AND a.from_type = p.from_type
         AND a.from_id = p.from_id AND a.to_type = p.to_type AND a.to_id = p.to_id OFFSET 0
       ) a`,
      ...asked.map(({ fromIds }, index) => {
        const at = 6 + 5 * index;
        return `SELECT ${ASSOCIATION_COLUMNS} FROM associations
         WHERE portal_id = $1 AND from_type = $${at} AND ${idIn(fromIds, `$${at + 1}`, 'from_id')}
         AND to_type = $${at + 2} AND category = $${at + 3} AND type_id = $${at + 4}`;
      }),
    ];
    const params = [
      portalId,
      ...(pair && pairs.length === 1
        ? [pair.fromObjectTypeId, pair.fromId, pair.toObjectTypeId, pair.toId]
        : pairColumns(pairs)),
      ...asked.flatMap(({ fromObjectTypeId, fromIds, toObjectTypeId, spec }) => [
        fromObjectTypeId,
        oneOrAll(fromIds),
        toObjectTypeId,
        categoryCode(spec.category),
        spec.typeId,
      ]),
    ];
    if (this.#connection.guessing(portalId)) {
      // Guessed none, asserted so (after the hold, which the records check sent).
      this.#assume(portalId, assertion(selects.join(' UNION ALL '), 'count(*) = 0'), params);
      return [];
    }
    const rows = await this.#query<StoredAssociationRow>(
      portalId,
      selects.join(' UNION ALL '),
      params,
    );
    return rows.map(toAssociationRow);
  }

  /** Sends `statement` in a guessed transaction's round trip, with `params` written in. */
  #assume(portalId: number, statement: SessionStatement, params: readonly unknown[]): void {
    this.#connection.assume(portalId, statement, (literal) =>
      params.map((value) => valueLiteral(value, literal)),
    );
  }

  /** Sends a write after a guessed transaction's last statement, with `params` written in. */
  #writeAfter(portalId: number, statement: SessionStatement, params: readonly unknown[]): void {
    this.#connection.writeAfter(portalId, statement, (literal) =>
      params.map((value) => valueLiteral(value, literal)),
    );
  }

  async insertAssociations(portalId: number, rows: readonly AssociationRow[]): Promise<void> {
    if (rows.length > 0 && rows.length <= AT_COMMIT_ROWS && this.#connection.guessing(portalId)) {
      // Guessed: its pairs have no rows (asserted before it), so it inserts them all, which it
      // asserts too; they are its changes before it commits, for its events to go with COMMIT.
      await this.#withCommit(
        portalId,
        INSERT_ALL_AT_COMMIT,
        [...associationColumns(rows), rows.length],
        () => undefined,
      );
      this.changeSet.addRows(portalId, 'associationAdded', rows);
      return;
    }
    if (rows.length > 0 && (await this.#changesUnfollowed(portalId, rows.length))) {
      await this.#withCommit(
        portalId,
        INSERT_AT_COMMIT,
        [...associationColumns(rows), rows.length],
        (answer) => {
          const inserted = insertedRows(rows, answer as InsertedRow[]);
          this.changeSet.addRows(portalId, 'associationAdded', inserted);
        },
      );
      return;
    }
    const inserted = await this.#insertRows('associations', portalId, rows);
    this.changeSet.addRows(portalId, 'associationAdded', inserted);
  }

  /**
   * Whether no subscription follows this transaction's changes, so that nothing needs them
   * before it commits: a pair write whose opening read found none (the commit hook then writes
   * no events). Such a write's last statement goes with COMMIT, a round trip fewer, when it
   * names few rows (`AT_COMMIT_ROWS`).
   */
  async #changesUnfollowed(portalId: number, rows: number): Promise<boolean> {
    if (!this.holdsPairs || rows > AT_COMMIT_ROWS) return false;
    const row = (await this.#connection.openingRow(portalId)) as ActiveFollowersRow | undefined;
    return row?.webhooks.length === 0 && row.journal.length === 0;
  }

  /**
   * Runs `statement` with COMMIT, its parameters the portal and then `values` (integers, or texts
   * such as `pairColumns`' arrays), written in as literals; `onRows` takes what it answers.
   */
  #withCommit(
    portalId: number,
    statement: SessionStatement,
    values: readonly (number | string)[],
    onRows: (rows: readonly QueryResultRow[]) => void,
  ): Promise<void> {
    return this.#connection.runWithCommit(
      portalId,
      statement,
      (literal) => [portalId, ...values].map((value) => valueLiteral(value, literal)),
      onRows,
    );
  }

  /** Inserts the rows not already there; returns those it inserted. */
  async #insertRows(
    table: recordSql.AssociationTable,
    portalId: number,
    rows: readonly AssociationRow[],
  ): Promise<readonly AssociationRow[]> {
    if (rows.length === 0) return [];
    const answer = await this.#query<InsertedRow>(portalId, insertRowsSql(table), [
      portalId,
      ...associationColumns(rows),
      rows.length,
    ]);
    return insertedRows(rows, answer);
  }

  async deleteAssociations(portalId: number, rows: readonly AssociationRow[]): Promise<void> {
    if (rows.length === 0) return;
    const deleted = await this.#query<StoredAssociationRow>(
      portalId,
      `DELETE FROM associations WHERE portal_id = $1
       AND (${ASSOCIATION_COLUMNS}) IN (${ASSOCIATIONS_OF_INPUT})
       RETURNING ${ASSOCIATION_COLUMNS}`,
      [portalId, ...associationColumns(rows)],
    );
    this.changeSet.addRows(portalId, 'associationRemoved', deleted.map(toAssociationRow));
  }

  async deletePairs(portalId: number, pairs: readonly RecordPair[]): Promise<void> {
    if (pairs.length === 0) return;
    if (await this.#changesUnfollowed(portalId, pairs.length)) {
      await this.#withCommit(portalId, DELETE_PAIRS_AT_COMMIT, pairColumns(pairs), (answer) => {
        const deleted = (answer as StoredAssociationRow[]).map(toAssociationRow);
        this.changeSet.addRows(portalId, 'associationRemoved', deleted);
      });
      return;
    }
    const deleted = await this.#query<StoredAssociationRow>(portalId, DELETE_PAIRS, [
      portalId,
      ...pairColumns(pairs),
    ]);
    this.changeSet.addRows(portalId, 'associationRemoved', deleted.map(toAssociationRow));
  }

  /** Statements of the schema module, run on this transaction's connection. */
  #schemaQuery(portalId: number): Query {
    return (sql, params) => this.#query(portalId, sql, params);
  }

  async listLabels(portalId: number): Promise<LabelDefinition[]> {
    if (!this.holdsPairs) return schema.listLabels(this.#schemaQuery(portalId), portalId);
    return (await this.labelsAndLimits(portalId)).labels;
  }

  async listLimits(portalId: number): Promise<LimitConfig[]> {
    if (!this.holdsPairs) return schema.listLimits(this.#schemaQuery(portalId), portalId);
    return (await this.labelsAndLimits(portalId)).limits;
  }

  /**
   * A pair write's labels and limits came with the statement that opened it
   * (`PAIR_WRITE_OPENING_READ`).
   */
  async labelsAndLimits(portalId: number): Promise<LabelsAndLimits> {
    if (!this.holdsPairs) return schema.labelsAndLimits(this.#schemaQuery(portalId), portalId);
    const row = await this.#connection.openingRow(portalId);
    return schema.toLabelsAndLimits(row as schema.LabelsAndLimitsRow | undefined);
  }

  listPropertySchema(portalId: number, objectTypeId: string | null) {
    return schema.listPropertySchema(this.#schemaQuery(portalId), portalId, objectTypeId);
  }

  putPropertySchema(portalId: number, entries: readonly PropertySchemaEntry[]): Promise<void> {
    return schema.putPropertySchema(this.#schemaQuery(portalId), portalId, entries);
  }

  async insertLabel(portalId: number, label: NewLabel): Promise<LabelDefinition> {
    assertStorableTexts(labelTexts(label));
    return schema.insertLabel(this.#schemaQuery(portalId), portalId, label);
  }

  async updateLabel(
    portalId: number,
    typeId: number,
    label: string,
    inverse: string,
  ): Promise<void> {
    assertStorableTexts([label, inverse]);
    return schema.updateLabel(this.#schemaQuery(portalId), portalId, typeId, label, inverse);
  }

  async deleteLabel(portalId: number, label: LabelDefinition): Promise<void> {
    const removed = await schema.deleteLabel(this.#schemaQuery(portalId), portalId, label);
    this.changeSet.addRows(portalId, 'associationRemoved', removed);
  }

  putLimits(portalId: number, limits: readonly LimitConfig[]): Promise<void> {
    return schema.putLimits(this.#schemaQuery(portalId), portalId, limits);
  }

  deleteLimits(portalId: number, keys: readonly LimitKey[]): Promise<void> {
    return schema.deleteLimits(this.#schemaQuery(portalId), portalId, keys);
  }

  listObjectSchemas(portalId: number): Promise<CustomObjectSchema[]> {
    return schema.listObjectSchemas(this.#schemaQuery(portalId), portalId);
  }

  insertObjectSchema(portalId: number, egg: NewObjectSchema): Promise<CustomObjectSchema> {
    return schema.insertObjectSchema(this.#schemaQuery(portalId), portalId, egg);
  }

  updateObjectSchema(portalId: number, stored: CustomObjectSchema): Promise<void> {
    return schema.updateObjectSchema(this.#schemaQuery(portalId), portalId, stored);
  }

  hasLiveRecords(portalId: number, objectTypeId: string): Promise<boolean> {
    return schema.hasLiveRecords(this.#schemaQuery(portalId), portalId, objectTypeId);
  }

  purgeObjectSchema(portalId: number, schemaId: number): Promise<void> {
    return schema.purgeObjectSchema(this.#schemaQuery(portalId), portalId, schemaId);
  }

  async activeJournalSubscriptions(): Promise<ActiveJournalSubscription[]> {
    return (await this.#followers()).journal;
  }

  async activeSubscriptions(): Promise<StoredSubscription[]> {
    return (await this.#followers()).webhooks;
  }

  /**
   * Both kinds of subscription, read once per transaction in one statement (the commit hook asks
   * for both), on this transaction's connection: its portal must be known (it has written).
   */
  #followers(): Promise<ActiveFollowers> {
    if (this.#activeFollowers === null) {
      const portalId = this.changeSet.portalId;
      if (portalId === null) throw new Error('a transaction reads subscriptions after it writes');
      this.#activeFollowers = this.holdsPairs
        ? this.#connection
            .openingRow(portalId)
            .then((row) => toActiveFollowers(row as ActiveFollowersRow | undefined))
        : activeFollowers(this.#schemaQuery(portalId));
    }
    return this.#activeFollowers;
  }

  async appendWebhookEvents(
    portalId: number,
    events: readonly LoggedWebhookEvent[],
    now: Date,
  ): Promise<void> {
    if (events.length === 0) return;
    if (this.#connection.guessing(portalId)) {
      this.#writeAfter(
        portalId,
        APPEND_WEBHOOK_CHUNKS,
        appendWebhookChunksParams(portalId, events, now),
      );
      return;
    }
    const [sql, params] = appendWebhookEventsStatement(portalId, events, now);
    await this.#query(portalId, sql, params);
  }

  async appendJournalEntries(
    portalId: number,
    entries: readonly NewJournalEntry[],
    now: Date,
  ): Promise<void> {
    if (entries.length === 0) return;
    const params = appendJournalEntriesParams(portalId, entries, now);
    if (this.#connection.guessing(portalId)) {
      this.#writeAfter(portalId, APPEND_JOURNAL_ENTRIES, params);
      return;
    }
    await this.#query(portalId, APPEND_JOURNAL_ENTRIES.sql, params);
  }
}
