// Portals, their tokens, whole-portal reset, export and import, and shared request counts in
// PostgreSQL.
import { DomainError } from '../../core/errors.js';
import type pg from 'pg';
import type { AssociationRow, CrmRecord, LabelDefinition, LimitConfig } from '../../core/model.js';
import type {
  AccessToken,
  Portal,
  PortalStateChunk,
  RateWindowHit,
  RequestCounter,
} from '../../core/ports.js';
import { toAssociationRow, type StoredAssociationRow } from '../association-rows.js';
import { ASSOCIATION_COLUMNS, RECORD_COLUMNS } from '../columns.js';
import {
  assertSameRecords,
  DATA_TABLES,
  labelContent,
  notInserted,
  PORTAL_HEADER_COLUMNS,
  portalChunk,
  type ImportTally,
  type PortalHeaderRow,
} from '../portal-rows.js';
import { FIRST_RECORD_ID } from '../record-ids.js';
import { indexNewRecords } from './record-values.js';
import { mergedIdsOfRecords } from '../record-lookups.js';
import { LABEL_COLUMNS, limitKeyTuple, toLabel, type LabelRow } from '../schema-rows.js';
import { archivedColumn, schemaDocument } from '../object-schema-rows.js';
import { insertMergedIds } from './postgres-records.js';
import type { Query } from './postgres-schema.js';
import * as schema from './postgres-schema.js';
import { associationColumns, toRecord, type RecordRow } from './rows.js';

interface PortalRow {
  id: number;
  name: string;
  created_at: Date;
}

interface TokenRow {
  token_hash: string;
  portal_id: number;
  scopes: string[];
  created_at: Date;
}

const PORTAL_COLUMNS = 'id, name, created_at';
const TOKEN_COLUMNS = 'token_hash, portal_id, scopes, created_at';

function toPortal(row: PortalRow): Portal {
  return { portalId: row.id, name: row.name, createdAt: row.created_at };
}

function toToken(row: TokenRow): AccessToken {
  return {
    tokenHash: row.token_hash,
    portalId: row.portal_id,
    scopes: row.scopes,
    createdAt: row.created_at,
  };
}

export async function listPortals(query: Query): Promise<Portal[]> {
  return (await query<PortalRow>(`SELECT ${PORTAL_COLUMNS} FROM portals ORDER BY id`, [])).map(
    toPortal,
  );
}

export async function getPortal(query: Query, portalId: number): Promise<Portal | null> {
  const [row] = await query<PortalRow>(`SELECT ${PORTAL_COLUMNS} FROM portals WHERE id = $1`, [
    portalId,
  ]);
  return row ? toPortal(row) : null;
}

export async function createPortal(
  query: Query,
  portalId: number,
  name: string,
  now: Date,
): Promise<Portal | null> {
  const [row] = await query<PortalRow>(
    `INSERT INTO portals (id, next_record_id, name, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO NOTHING RETURNING ${PORTAL_COLUMNS}`,
    [portalId, FIRST_RECORD_ID, name, now],
  );
  return row ? toPortal(row) : null;
}

export async function maxPortalId(query: Query): Promise<number> {
  const [row] = await query<{ max: number }>(
    'SELECT coalesce(max(id), 0)::bigint AS max FROM portals',
    [],
  );
  return row?.max ?? 0;
}

/** Deletes the portal's records, associations, labels and limits. */
export async function deleteData(query: Query, portalId: number): Promise<void> {
  for (const table of DATA_TABLES) {
    await query(`DELETE FROM ${table} WHERE portal_id = $1`, [portalId]);
  }
}

export async function resetPortal(query: Query, portalId: number): Promise<void> {
  await deleteData(query, portalId);
  await query(
    'UPDATE portals SET next_record_id = $2, next_label_type_id = 1, next_schema_id = 1 WHERE id = $1',
    [portalId, FIRST_RECORD_ID],
  );
}

export async function deletePortal(query: Query, portalId: number): Promise<boolean> {
  await deleteData(query, portalId);
  await query('DELETE FROM access_tokens WHERE portal_id = $1', [portalId]);
  const deleted = await query('DELETE FROM portals WHERE id = $1 RETURNING id', [portalId]);
  return deleted.length > 0;
}

export async function putToken(query: Query, token: AccessToken): Promise<void> {
  await query(
    `INSERT INTO access_tokens (token_hash, portal_id, scopes, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (token_hash) DO UPDATE SET portal_id = EXCLUDED.portal_id,
     scopes = EXCLUDED.scopes, created_at = EXCLUDED.created_at`,
    [token.tokenHash, token.portalId, token.scopes, token.createdAt],
  );
}

export async function findToken(query: Query, tokenHash: string): Promise<AccessToken | null> {
  const [row] = await query<TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM access_tokens WHERE token_hash = $1`,
    [tokenHash],
  );
  return row ? toToken(row) : null;
}

export async function listTokens(query: Query, portalId: number): Promise<AccessToken[]> {
  const rows = await query<TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM access_tokens WHERE portal_id = $1 ORDER BY position`,
    [portalId],
  );
  return rows.map(toToken);
}

export async function deleteToken(query: Query, tokenHash: string): Promise<boolean> {
  const rows = await query('DELETE FROM access_tokens WHERE token_hash = $1 RETURNING 1', [
    tokenHash,
  ]);
  return rows.length > 0;
}

/**
 * The portal's state in chunks, read in each table's primary key order. The caller runs it in one
 * transaction, which makes the pages one snapshot.
 */
export async function* exportChunks(
  query: Query,
  portalId: number,
  pageSize: number,
): AsyncGenerator<PortalStateChunk> {
  const [portal] = await query<PortalHeaderRow>(
    `SELECT ${PORTAL_HEADER_COLUMNS} FROM portals WHERE id = $1`,
    [portalId],
  );
  if (portal) yield portalChunk(portal);
  const schemas = await schema.listObjectSchemas(query, portalId);
  if (schemas.length > 0) yield { kind: 'schemas', schemas };
  const entries = await schema.listPropertySchema(query, portalId, null);
  if (entries.length > 0) yield { kind: 'propertySchema', entries };
  const labels = await schema.listLabels(query, portalId);
  if (labels.length > 0) yield { kind: 'labels', labels };
  const limits = await schema.listLimits(query, portalId);
  if (limits.length > 0) yield { kind: 'limits', limits };
  for await (const rows of cursorPages<RecordRow>(
    query,
    `SELECT ${RECORD_COLUMNS} FROM records WHERE portal_id = $1 ORDER BY object_type_id, id`,
    portalId,
    pageSize,
  )) {
    yield { kind: 'records', records: rows.map(toRecord) };
  }
  for (const table of ['associations', 'archived_associations']) {
    for await (const rows of cursorPages<StoredAssociationRow>(
      query,
      `SELECT ${ASSOCIATION_COLUMNS} FROM ${table} WHERE portal_id = $1 ORDER BY ${ASSOCIATION_COLUMNS}`,
      portalId,
      pageSize,
    )) {
      yield {
        kind: 'associations',
        archived: table !== 'associations',
        rows: rows.map(toAssociationRow),
      };
    }
  }
}

/**
 * The rows of one query over the portal, in pages, through a cursor: one plan for the whole
 * table. Keyset pages (`WHERE key > $last ORDER BY key LIMIT n`) were planned page by page, and
 * right after a large import, before the table's statistics catch up, the planner sorted every
 * remaining row for each page: an export of a million rows took minutes instead of seconds.
 */
async function* cursorPages<R extends pg.QueryResultRow>(
  query: Query,
  sql: string,
  portalId: number,
  pageSize: number,
): AsyncGenerator<R[]> {
  // The caller's transaction ends with the export, and closes the cursor of an abandoned one.
  await query(`DECLARE export_pages NO SCROLL CURSOR FOR ${sql}`, [portalId]);
  for (;;) {
    const page = await query<R>(`FETCH ${Math.trunc(pageSize)} FROM export_pages`, []);
    if (page.length > 0) yield page;
    if (page.length < pageSize) break;
  }
  await query('CLOSE export_pages', []);
}

/** Adds one chunk to the portal being imported (its old state is already deleted). */
export async function importChunk(
  query: Query,
  portalId: number,
  chunk: PortalStateChunk,
  tally: ImportTally,
): Promise<void> {
  switch (chunk.kind) {
    case 'portal':
      tally.portal = chunk;
      return;
    case 'schemas':
      for (const stored of chunk.schemas) {
        await query(
          `INSERT INTO object_schemas (portal_id, id, name, archived_at, definition)
           VALUES ($1, $2, $3, $4, $5)`,
          [portalId, stored.id, stored.name, archivedColumn(stored), schemaDocument(stored)],
        );
      }
      tally.sawSchemaIds(chunk.schemas.map((stored) => stored.id));
      return;
    case 'propertySchema':
      await schema.putPropertySchema(query, portalId, chunk.entries);
      tally.properties += chunk.entries.length;
      return;
    case 'labels':
      await importLabels(query, portalId, chunk.labels, tally);
      return;
    case 'limits':
      tally.limits += await insertLimits(query, portalId, chunk.limits);
      return;
    case 'records':
      await importRecords(query, portalId, chunk.records, tally);
      return;
    case 'associations':
      tally.associations += await insertRows(
        query,
        chunk.archived ? 'archived_associations' : 'associations',
        portalId,
        chunk.rows,
      );
      return;
  }
}

/** Runs an INSERT … RETURNING 1 and answers how many rows it inserted. */
async function insertedCount(query: Query, insert: string, params: unknown[]): Promise<number> {
  const [row] = await query<{ n: number }>(
    `WITH inserted AS (${insert} RETURNING 1) SELECT count(*)::integer AS n FROM inserted`,
    params,
  );
  return row?.n ?? 0;
}

/** Limits of the import: a key repeated with the same value is kept once, a new value refused. */
async function insertLimits(
  query: Query,
  portalId: number,
  limits: readonly LimitConfig[],
): Promise<number> {
  const keys = limits.map(limitKeyTuple);
  const params = [
    portalId,
    keys.map((key) => key[0]),
    keys.map((key) => key[1]),
    keys.map((key) => key[2]),
    keys.map((key) => key[3]),
    limits.map((limit) => limit.maxToObjectIds),
  ];
  const input = `SELECT * FROM unnest($2::text[], $3::text[], $4::smallint[], $5::integer[],
    $6::integer[]) AS i(from_type, to_type, category, type_id, max_to_object_ids)`;
  const inserted = await insertedCount(
    query,
    `INSERT INTO association_limits
       (portal_id, from_type, to_type, category, type_id, max_to_object_ids)
     SELECT $1, * FROM (${input}) i ON CONFLICT DO NOTHING`,
    params,
  );
  const [conflicting] = await query<{ n: number }>(
    `SELECT count(*)::integer AS n FROM (${input}) i JOIN association_limits l
     ON l.portal_id = $1 AND l.from_type = i.from_type AND l.to_type = i.to_type
     AND l.category = i.category AND l.type_id = i.type_id
     WHERE l.max_to_object_ids <> i.max_to_object_ids`,
    params,
  );
  if ((conflicting?.n ?? 0) > 0)
    throw new DomainError('INVALID_INPUT', 'a limit is imported twice with different values');
  return inserted;
}

/** Labels of the import: a type id repeated with the same label is kept once, else refused. */
async function importLabels(
  query: Query,
  portalId: number,
  labels: readonly LabelDefinition[],
  tally: ImportTally,
): Promise<void> {
  const inserted = await insertedCount(
    query,
    `INSERT INTO association_labels
       (portal_id, type_id, inverse_type_id, from_type, to_type, name, label, inverse_label)
     SELECT $1, * FROM unnest($2::integer[], $3::integer[], $4::text[], $5::text[], $6::text[],
       $7::text[], $8::text[]) ON CONFLICT (portal_id, type_id) DO NOTHING`,
    [
      portalId,
      labels.map((label) => label.typeId),
      labels.map((label) => label.inverseTypeId),
      labels.map((label) => label.fromObjectTypeId),
      labels.map((label) => label.toObjectTypeId),
      labels.map((label) => label.name),
      labels.map((label) => label.label),
      labels.map((label) => label.inverseLabel),
    ],
  );
  tally.labels += inserted;
  tally.sawLabelTypeIds(labels.flatMap((label) => [label.typeId, label.inverseTypeId]));
  if (inserted === labels.length) return;
  const stored = new Map(
    (
      await query<LabelRow>(
        `SELECT ${LABEL_COLUMNS} FROM association_labels WHERE portal_id = $1
         AND type_id = ANY($2::integer[])`,
        [portalId, labels.map((label) => label.typeId)],
      )
    ).map((row) => [row.type_id, labelContent(toLabel(row))]),
  );
  for (const label of labels) {
    if (stored.get(label.typeId) !== labelContent(label)) {
      throw new DomainError(
        'INVALID_INPUT',
        `label ${label.typeId} is imported twice with different content`,
      );
    }
  }
}

/** Records of the import, with their own ids and times. */
async function importRecords(
  query: Query,
  portalId: number,
  records: readonly CrmRecord[],
  tally: ImportTally,
): Promise<void> {
  const inserted = await query<{ object_type_id: string; id: number }>(
    `INSERT INTO records (portal_id, ${RECORD_COLUMNS})
     SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::json[], $5::timestamptz[],
       $6::timestamptz[], $7::timestamptz[])
     ON CONFLICT DO NOTHING RETURNING object_type_id, id`,
    [
      portalId,
      records.map((record) => record.objectTypeId),
      records.map((record) => record.id),
      records.map((record) => JSON.stringify(record.properties)),
      records.map((record) => record.createdAt),
      records.map((record) => record.updatedAt),
      records.map((record) => record.archivedAt),
    ],
  );
  tally.records += inserted.length;
  tally.sawRecords(records);
  const insertedKeys = new Set(inserted.map((row) => `${row.object_type_id}/${row.id}`));
  await indexNewRecords(
    query,
    portalId,
    // Live records only (search finds no others); a record repeated in the chunk once.
    records.filter(
      (record) => !record.archived && insertedKeys.delete(`${record.objectTypeId}/${record.id}`),
    ),
  );
  await insertMergedIds(query, portalId, mergedIdsOfRecords(records), 'ignore');
  const skipped = notInserted(records, inserted);
  if (skipped.length === 0) return;
  const stored = await query<RecordRow>(
    `SELECT ${RECORD_COLUMNS} FROM records WHERE portal_id = $1
     AND (object_type_id, id) IN (SELECT * FROM unnest($2::text[], $3::bigint[]))`,
    [portalId, skipped.map((record) => record.objectTypeId), skipped.map((record) => record.id)],
  );
  assertSameRecords(
    skipped,
    new Map(stored.map((row) => [`${row.object_type_id}/${row.id}`, toRecord(row)])),
  );
}

/** Inserts association rows in one statement; returns how many were new. */
function insertRows(
  query: Query,
  table: 'associations' | 'archived_associations',
  portalId: number,
  rows: readonly AssociationRow[],
): Promise<number> {
  return insertedCount(
    query,
    `INSERT INTO ${table} (portal_id, ${ASSOCIATION_COLUMNS})
     SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::smallint[],
       $7::integer[]) ON CONFLICT DO NOTHING`,
    [portalId, ...associationColumns(rows)],
  );
}

/** Creates the portal if needed and sets its name and sequences once every chunk is in. */
export async function finishImport(
  query: Query,
  portalId: number,
  tally: ImportTally,
): Promise<void> {
  await query(
    `INSERT INTO portals AS p (id, next_record_id, next_label_type_id, next_schema_id, name)
     VALUES ($1, $2, $3, $5, coalesce($4::text, 'portal ' || $1::bigint))
     ON CONFLICT (id) DO UPDATE SET next_record_id = $2, next_label_type_id = $3,
     next_schema_id = $5, name = coalesce($4::text, p.name)`,
    [
      portalId,
      tally.nextRecordId(),
      tally.nextLabelTypeId(),
      tally.portal?.name ?? null,
      tally.nextSchemaId(),
    ],
  );
}

/** Old windows are deleted on every this-many hits of a store. */
const SWEEP_EVERY = 1000;

/**
 * Request counts in the database, shared by every process on it. A hit is one upsert of every
 * window's row, outside any portal lock; counts of windows two lengths old are swept now and then.
 */
export class PostgresRequestCounter implements RequestCounter {
  readonly #pool: pg.Pool;
  #hits = 0;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async hit(portalId: number, windows: readonly RateWindowHit[]): Promise<number[]> {
    if (windows.length === 0) return [];
    this.#hits += 1;
    if (this.#hits % SWEEP_EVERY === 0) await this.#sweep(windows);
    const { rows } = await this.#pool.query<{
      window_name: string;
      window_start: number;
      count: number;
    }>(
      `INSERT INTO request_counts AS c (portal_id, window_name, window_start, count)
       SELECT $1, name, start, 1 FROM unnest($2::text[], $3::bigint[]) AS w(name, start)
       ON CONFLICT (portal_id, window_name, window_start) DO UPDATE SET count = c.count + 1
       RETURNING window_name, window_start, count`,
      [portalId, windows.map((window) => window.name), windows.map((window) => window.windowStart)],
    );
    const counts = new Map(
      rows.map((row) => [`${row.window_name}@${row.window_start}`, row.count]),
    );
    return windows.map((window) => counts.get(`${window.name}@${window.windowStart}`) ?? 0);
  }

  /** Deletes every portal's counts of these windows that began two window lengths ago. */
  async #sweep(windows: readonly RateWindowHit[]): Promise<void> {
    await this.#pool.query(
      `DELETE FROM request_counts c USING unnest($1::text[], $2::bigint[]) AS w(name, oldest)
       WHERE c.window_name = w.name AND c.window_start < w.oldest`,
      [
        windows.map((window) => window.name),
        windows.map((window) => window.windowStart - window.windowMs * 2),
      ],
    );
  }
}
