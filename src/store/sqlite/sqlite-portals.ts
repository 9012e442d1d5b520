// Portals, their tokens, and whole-portal reset, export and import in SQLite.
import { DomainError } from '../../core/errors.js';
import type { CrmRecord, LabelDefinition, LimitConfig } from '../../core/model.js';
import type { AccessToken, Portal, PortalStateChunk } from '../../core/ports.js';
import { toAssociationRow, type StoredAssociationRow } from '../association-rows.js';
import { ASSOCIATION_COLUMNS, RECORD_COLUMNS } from '../columns.js';
import {
  assertSameRecords,
  DATA_TABLES,
  labelContent,
  labelTuple,
  notInserted,
  PORTAL_HEADER_COLUMNS,
  portalChunk,
  type ImportTally,
  type PortalHeaderRow,
} from '../portal-rows.js';
import { FIRST_RECORD_ID } from '../record-ids.js';
import { mergedIdsOfRecords } from '../record-lookups.js';
import { LABEL_COLUMNS, limitKeyTuple, toLabel, type LabelRow } from '../schema-rows.js';
import { archivedColumn, schemaDocument } from '../object-schema-rows.js';
import { associationTuple, insertAssociationRows, toRecord, type RecordRow } from './rows.js';
import { indexNewRecords } from './record-values.js';
import { insertMergedIds } from './sqlite-records.js';
import * as schema from './sqlite-schema.js';
import type { Prepare } from './sqlite-schema.js';
import { BOUND_COUNT } from './bound-count.js';

interface PortalRow {
  id: number;
  name: string;
  created_at: number;
}

interface TokenRow {
  token_hash: string;
  portal_id: number;
  scopes: string;
  created_at: number;
}

function toPortal(row: PortalRow): Portal {
  return { portalId: row.id, name: row.name, createdAt: new Date(row.created_at) };
}

function toToken(row: TokenRow): AccessToken {
  return {
    tokenHash: row.token_hash,
    portalId: row.portal_id,
    scopes: JSON.parse(row.scopes) as string[],
    createdAt: new Date(row.created_at),
  };
}

export function listPortals(prepare: Prepare): Portal[] {
  const rows = prepare('SELECT id, name, created_at FROM portals ORDER BY id').all();
  return (rows as PortalRow[]).map(toPortal);
}

export function getPortal(prepare: Prepare, portalId: number): Portal | null {
  const row = prepare('SELECT id, name, created_at FROM portals WHERE id = ?').get(portalId);
  return row ? toPortal(row as PortalRow) : null;
}

export function createPortal(
  prepare: Prepare,
  portalId: number,
  name: string,
  now: Date,
): Portal | null {
  const row = prepare(
    `INSERT INTO portals (id, next_record_id, name, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING RETURNING id, name, created_at`,
  ).get(portalId, FIRST_RECORD_ID, name, now.getTime());
  return row ? toPortal(row as PortalRow) : null;
}

export function maxPortalId(prepare: Prepare): number {
  return prepare('SELECT coalesce(max(id), 0) FROM portals').pluck().get() as number;
}

/** Deletes the portal's records, associations, labels and limits. */
export function deleteData(prepare: Prepare, portalId: number): void {
  for (const table of DATA_TABLES) {
    prepare(`DELETE FROM ${table} WHERE portal_id = ?`).run(portalId);
  }
}

export function resetPortal(prepare: Prepare, portalId: number): void {
  deleteData(prepare, portalId);
  prepare(
    'UPDATE portals SET next_record_id = ?, next_label_type_id = 1, next_schema_id = 1 WHERE id = ?',
  ).run(FIRST_RECORD_ID, portalId);
}

export function deletePortal(prepare: Prepare, portalId: number): boolean {
  deleteData(prepare, portalId);
  prepare('DELETE FROM access_tokens WHERE portal_id = ?').run(portalId);
  return prepare('DELETE FROM portals WHERE id = ?').run(portalId).changes > 0;
}

export function putToken(prepare: Prepare, token: AccessToken): void {
  prepare(
    `INSERT OR REPLACE INTO access_tokens (token_hash, portal_id, scopes, created_at)
     VALUES (?, ?, ?, ?)`,
  ).run(token.tokenHash, token.portalId, JSON.stringify(token.scopes), token.createdAt.getTime());
}

export function findToken(prepare: Prepare, tokenHash: string): AccessToken | null {
  const row = prepare(
    'SELECT token_hash, portal_id, scopes, created_at FROM access_tokens WHERE token_hash = ?',
  ).get(tokenHash);
  return row ? toToken(row as TokenRow) : null;
}

export function listTokens(prepare: Prepare, portalId: number): AccessToken[] {
  const rows = prepare(
    `SELECT token_hash, portal_id, scopes, created_at FROM access_tokens WHERE portal_id = ?
     ORDER BY rowid`,
  ).all(portalId);
  return (rows as TokenRow[]).map(toToken);
}

export function deleteToken(prepare: Prepare, tokenHash: string): boolean {
  return prepare('DELETE FROM access_tokens WHERE token_hash = ?').run(tokenHash).changes > 0;
}

/**
 * The portal's state in chunks, read page by page along each table's primary key. The caller
 * keeps every write out until the generator is done, so the pages form one snapshot.
 */
export function* exportChunks(
  prepare: Prepare,
  portalId: number,
  pageSize: number,
): Generator<PortalStateChunk> {
  const portal = prepare(`SELECT ${PORTAL_HEADER_COLUMNS} FROM portals WHERE id = ?`).get(
    portalId,
  ) as PortalHeaderRow | undefined;
  if (portal) yield portalChunk(portal);
  const schemas = schema.listObjectSchemas(prepare, portalId);
  if (schemas.length > 0) yield { kind: 'schemas', schemas };
  const entries = schema.listPropertySchema(prepare, portalId, null);
  if (entries.length > 0) yield { kind: 'propertySchema', entries };
  const labels = schema.listLabels(prepare, portalId);
  if (labels.length > 0) yield { kind: 'labels', labels };
  const limits = schema.listLimits(prepare, portalId);
  if (limits.length > 0) yield { kind: 'limits', limits };
  const records = prepare(
    `SELECT ${RECORD_COLUMNS} FROM records WHERE portal_id = ? AND (object_type_id, id) > (?, ?)
     ORDER BY object_type_id, id LIMIT ${BOUND_COUNT}`,
  );
  let after: [string, number] = ['', 0];
  for (;;) {
    const page = (records.all(portalId, ...after, pageSize) as RecordRow[]).map(toRecord);
    if (page.length > 0) yield { kind: 'records', records: page };
    const last = page.at(-1);
    if (page.length < pageSize || !last) break;
    after = [last.objectTypeId, last.id];
  }
  for (const table of ['associations', 'archived_associations']) {
    const rows = prepare(
      `SELECT ${ASSOCIATION_COLUMNS} FROM ${table} WHERE portal_id = ?
       AND (${ASSOCIATION_COLUMNS}) > (?, ?, ?, ?, ?, ?) ORDER BY ${ASSOCIATION_COLUMNS} LIMIT ${BOUND_COUNT}`,
    );
    let afterRow: (string | number)[] = ['', 0, '', 0, -1, -1];
    for (;;) {
      const page = (rows.all(portalId, ...afterRow, pageSize) as StoredAssociationRow[]).map(
        toAssociationRow,
      );
      if (page.length > 0) {
        yield { kind: 'associations', archived: table !== 'associations', rows: page };
      }
      const last = page.at(-1);
      if (page.length < pageSize || !last) break;
      afterRow = associationTuple(last);
    }
  }
}

/** Adds one chunk to the portal being imported (its old state is already deleted). */
export function importChunk(
  prepare: Prepare,
  portalId: number,
  chunk: PortalStateChunk,
  tally: ImportTally,
): void {
  switch (chunk.kind) {
    case 'portal':
      tally.portal = chunk;
      return;
    case 'schemas':
      for (const stored of chunk.schemas) {
        prepare(
          `INSERT INTO object_schemas (portal_id, id, name, archived_at, definition)
           VALUES (?, ?, ?, ?, ?)`,
        ).run(portalId, stored.id, stored.name, archivedColumn(stored), schemaDocument(stored));
      }
      tally.sawSchemaIds(chunk.schemas.map((stored) => stored.id));
      return;
    case 'propertySchema':
      schema.putPropertySchema(prepare, portalId, chunk.entries);
      tally.properties += chunk.entries.length;
      return;
    case 'labels':
      importLabels(prepare, portalId, chunk.labels, tally);
      return;
    case 'limits': {
      tally.limits += insertLimits(prepare, portalId, chunk.limits);
      return;
    }
    case 'records':
      importRecords(prepare, portalId, chunk.records, tally);
      return;
    case 'associations':
      tally.associations += insertAssociationRows(
        prepare,
        chunk.archived ? 'archived_associations' : 'associations',
        portalId,
        chunk.rows,
      );
      return;
  }
}

/** Limits of the import: a key repeated with the same value is kept once, a new value refused. */
function insertLimits(prepare: Prepare, portalId: number, limits: readonly LimitConfig[]): number {
  const tuples = JSON.stringify(
    limits.map((limit) => [...limitKeyTuple(limit), limit.maxToObjectIds]),
  );
  const inserted = prepare(
    `INSERT INTO association_limits
     (portal_id, from_type, to_type, category, type_id, max_to_object_ids)
     SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?)
     WHERE true ON CONFLICT DO NOTHING`,
  ).run(portalId, tuples).changes;
  const conflicting = prepare(
    `SELECT count(*) FROM json_each(?) j JOIN association_limits l
     ON l.portal_id = ? AND l.from_type = j.value ->> 0 AND l.to_type = j.value ->> 1
     AND l.category = j.value ->> 2 AND l.type_id = j.value ->> 3
     WHERE l.max_to_object_ids <> j.value ->> 4`,
  )
    .pluck()
    .get(tuples, portalId) as number;
  if (conflicting > 0)
    throw new DomainError('INVALID_INPUT', 'a limit is imported twice with different values');
  return inserted;
}

/** Labels of the import: a type id repeated with the same label is kept once, else refused. */
function importLabels(
  prepare: Prepare,
  portalId: number,
  labels: readonly LabelDefinition[],
  tally: ImportTally,
): void {
  const inserted = prepare(
    `INSERT INTO association_labels
     (portal_id, type_id, inverse_type_id, from_type, to_type, name, label, inverse_label)
     SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5,
     value ->> 6 FROM json_each(?) WHERE true ON CONFLICT (portal_id, type_id) DO NOTHING`,
  ).run(portalId, JSON.stringify(labels.map(labelTuple))).changes;
  tally.labels += inserted;
  tally.sawLabelTypeIds(labels.flatMap((label) => [label.typeId, label.inverseTypeId]));
  if (inserted === labels.length) return;
  const stored = new Map(
    (
      prepare(
        `SELECT ${LABEL_COLUMNS} FROM association_labels WHERE portal_id = ?
         AND type_id IN (SELECT value FROM json_each(?))`,
      ).all(portalId, JSON.stringify(labels.map((label) => label.typeId))) as LabelRow[]
    ).map((row) => [row.type_id, labelContent(toLabel(row))]),
  );
  for (const label of labels) {
    if (stored.get(label.typeId) !== labelContent(label))
      throw new DomainError(
        'INVALID_INPUT',
        `label ${label.typeId} is imported twice with different content`,
      );
  }
}

/** Records of the import, with their own ids and times. */
function importRecords(
  prepare: Prepare,
  portalId: number,
  records: readonly CrmRecord[],
  tally: ImportTally,
): void {
  const inserted = prepare(
    `INSERT INTO records (portal_id, ${RECORD_COLUMNS})
     SELECT ?, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
     FROM json_each(?) WHERE true ON CONFLICT DO NOTHING RETURNING object_type_id, id`,
  ).all(
    portalId,
    JSON.stringify(
      records.map((record) => [
        record.objectTypeId,
        record.id,
        JSON.stringify(record.properties),
        record.createdAt.getTime(),
        record.updatedAt.getTime(),
        record.archivedAt?.getTime() ?? null,
      ]),
    ),
  ) as { object_type_id: string; id: number }[];
  tally.records += inserted.length;
  tally.sawRecords(records);
  const insertedKeys = new Set(inserted.map((row) => `${row.object_type_id}/${row.id}`));
  indexNewRecords(
    prepare,
    portalId,
    // Live records only (search finds no others); a record repeated in the chunk once.
    records.filter(
      (record) => !record.archived && insertedKeys.delete(`${record.objectTypeId}/${record.id}`),
    ),
  );
  insertMergedIds(prepare, portalId, mergedIdsOfRecords(records), 'ignore');
  const skipped = notInserted(records, inserted);
  if (skipped.length === 0) return;
  const stored = prepare(
    `SELECT ${RECORD_COLUMNS.replaceAll(/(\w+)/g, 'r.$1')} FROM json_each(?) j JOIN records r
     ON r.portal_id = ? AND r.object_type_id = j.value ->> 0 AND r.id = j.value ->> 1`,
  ).all(
    JSON.stringify(skipped.map((record) => [record.objectTypeId, record.id])),
    portalId,
  ) as RecordRow[];
  assertSameRecords(
    skipped,
    new Map(stored.map((row) => [`${row.object_type_id}/${row.id}`, toRecord(row)])),
  );
}

/** Creates the portal if needed and sets its name and sequences once every chunk is in. */
export function finishImport(prepare: Prepare, portalId: number, tally: ImportTally): void {
  prepare(
    `INSERT INTO portals (id, next_record_id, next_label_type_id, next_schema_id, name, created_at)
     VALUES (@id, @record, @label, @schema, coalesce(@name, 'portal ' || CAST(@id AS INTEGER)),
       CAST(unixepoch('subsec') * 1000 AS INTEGER))
     ON CONFLICT (id) DO UPDATE SET next_record_id = @record, next_label_type_id = @label,
       next_schema_id = @schema, name = coalesce(@name, name)`,
  ).run({
    id: portalId,
    record: tally.nextRecordId(),
    label: tally.nextLabelTypeId(),
    schema: tally.nextSchemaId(),
    name: tally.portal?.name ?? null,
  });
}
