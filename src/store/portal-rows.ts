// Portals, access tokens and whole-portal import as every store adapter handles them: row
// mapping, the sequences an import leaves behind, and the check on records imported twice.
import { DomainError } from '../core/errors.js';
import type { CrmRecord, LabelDefinition } from '../core/model.js';
import type { PortalStateChunk } from '../core/ports.js';
import { FIRST_RECORD_ID } from './record-ids.js';

/** Keyset pages of an export's records and associations hold about this many rows by default. */
export const EXPORT_PAGE_SIZE = 5000;

/** The name a portal gets when nobody named it (created by a write, or by an import). */
export function defaultPortalName(portalId: number): string {
  return `portal ${portalId}`;
}

/** The portal's own columns an export starts with. */
export interface PortalHeaderRow {
  name: string;
  next_record_id: number;
  next_label_type_id: number;
  next_schema_id: number;
}

/** The SELECT list of those columns. */
export const PORTAL_HEADER_COLUMNS = 'name, next_record_id, next_label_type_id, next_schema_id';

/** An export's first chunk: the portal's name and where its sequences stand. */
export function portalChunk(row: PortalHeaderRow): Extract<PortalStateChunk, { kind: 'portal' }> {
  return {
    kind: 'portal',
    name: row.name,
    nextRecordId: row.next_record_id,
    nextLabelTypeId: row.next_label_type_id,
    nextSchemaId: row.next_schema_id,
  };
}

/** What an import has seen so far, to set the portal's sequences and name at the end. */
export class ImportTally {
  records = 0;
  associations = 0;
  labels = 0;
  limits = 0;
  properties = 0;
  portal: Extract<PortalStateChunk, { kind: 'portal' }> | null = null;
  #maxRecordId = 0;
  #maxLabelTypeId = 0;
  #maxSchemaId = 0;

  sawRecords(records: readonly CrmRecord[]): void {
    for (const record of records) this.#maxRecordId = Math.max(this.#maxRecordId, record.id);
  }

  sawSchemaIds(ids: readonly number[]): void {
    for (const id of ids) this.#maxSchemaId = Math.max(this.#maxSchemaId, id);
  }

  sawLabelTypeIds(typeIds: readonly number[]): void {
    for (const typeId of typeIds) this.#maxLabelTypeId = Math.max(this.#maxLabelTypeId, typeId);
  }

  /**
   * The next ids: the portal chunk's, but never at or below an imported id, so a file whose
   * header lags its rows cannot make the portal hand out an id twice.
   */
  nextRecordId(): number {
    return Math.max(this.portal?.nextRecordId ?? FIRST_RECORD_ID, this.#maxRecordId + 1);
  }

  nextLabelTypeId(): number {
    return Math.max(this.portal?.nextLabelTypeId ?? 1, this.#maxLabelTypeId + 1);
  }

  nextSchemaId(): number {
    return Math.max(this.portal?.nextSchemaId ?? 1, this.#maxSchemaId + 1);
  }

  summary() {
    return {
      records: this.records,
      associations: this.associations,
      labels: this.labels,
      limits: this.limits,
      properties: this.properties,
    };
  }
}

/** The record as a comparable string: two imports of one id must carry the same content. */
export function recordContent(record: CrmRecord): string {
  return JSON.stringify([
    record.properties,
    record.createdAt.getTime(),
    record.updatedAt.getTime(),
    record.archivedAt?.getTime() ?? null,
  ]);
}

/**
 * Throws when a record of the import that was not inserted (its key was taken) differs from the
 * one stored under its key: duplicates are ignored, conflicting duplicates are refused.
 */
export function assertSameRecords(
  skipped: readonly CrmRecord[],
  stored: ReadonlyMap<string, CrmRecord>,
): void {
  for (const record of skipped) {
    const key = `${record.objectTypeId}/${record.id}`;
    const existing = stored.get(key);
    if (!existing || recordContent(existing) !== recordContent(record)) {
      throw new DomainError(
        'INVALID_INPUT',
        `record ${key} is imported twice with different content`,
      );
    }
  }
}

/** Records of a chunk not in the set of inserted keys, counting repeats within the chunk. */
export function notInserted(
  records: readonly CrmRecord[],
  inserted: readonly { object_type_id: string; id: number }[],
): CrmRecord[] {
  const pending = new Set(inserted.map((row) => `${row.object_type_id}/${row.id}`));
  return records.filter((record) => !pending.delete(`${record.objectTypeId}/${record.id}`));
}

/**
 * Every table holding a portal's data (not the portal row, not its tokens). The webhook events
 * its writes owe go too, with their delivery attempts: a reset or deleted portal owes its
 * subscribers nothing.
 */
export const DATA_TABLES = [
  'records',
  'associations',
  'archived_associations',
  'association_labels',
  'association_limits',
  'object_schemas',
  'merged_record_ids',
  'record_values',
  'property_definitions',
  'webhook_event_chunks',
  'webhook_attempts',
] as const;

/** A label's stored fields in column order: type ids, object types, name, label, inverse label. */
export function labelTuple(label: LabelDefinition): (string | number | null)[] {
  return [
    label.typeId,
    label.inverseTypeId,
    label.fromObjectTypeId,
    label.toObjectTypeId,
    label.name,
    label.label,
    label.inverseLabel,
  ];
}

/** The label as a comparable string, whatever the order of its fields. */
export function labelContent(label: LabelDefinition): string {
  return JSON.stringify(labelTuple(label));
}
