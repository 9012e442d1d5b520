// The CRM objects API's reads: one record, a page of records, a batch of records by id.
import { DomainError, type BatchOutcome } from '../errors.js';
import type { CrmRecord, RecordId } from '../model.js';
import type { StandardObjectType } from '../object-types.js';
import { BATCH_LIMITS, assertBatchSize } from '../rules/batch-limits.js';
import { parseRecordId } from '../rules/record-ids.js';
import { asciiLowerCase } from '../rules/unique-properties.js';
import { targetViewer, type TargetView } from './association-reads.js';
import { forPortal, type CoreDeps } from './deps.js';
import { objectsNotFound, recordNotFound, recordsByIdOrMergedId } from './record-checks.js';
import { byPropertyValue, recordIdsByUniqueValue } from './unique-values.js';

/** Objects list: default and maximum page size. */
export const RECORD_PAGE_DEFAULT = 10;
export const RECORD_PAGE_MAX = 100;

/** A record with the associations a read asked for, by target object type. */
export interface RecordView {
  readonly record: CrmRecord;
  readonly associations: readonly { type: StandardObjectType; targets: TargetView[] }[];
}

/** What a record read returns besides the record. */
export interface ReadOptions {
  readonly archived: boolean;
  readonly associations: readonly StandardObjectType[];
}

/**
 * How the ids of a read name records: by record id, or (`idProperty`) by values of a unique
 * property, looked up among live records.
 */
async function idResolver(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  rawIds: readonly (string | number)[],
  idProperty: string | undefined,
): Promise<(raw: string | number) => RecordId | null> {
  if (!byPropertyValue(idProperty)) return parseRecordId;
  const found = await deps.store.transaction((tx) =>
    recordIdsByUniqueValue(tx, portalId, type, idProperty, rawIds.map(String), 'read'),
  );
  return (raw) => found.get(asciiLowerCase(String(raw))) ?? null;
}

/** The records with their targets of each asked-for type. */
async function withAssociations(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  records: CrmRecord[],
  associationTypes: readonly StandardObjectType[],
): Promise<RecordView[]> {
  const scoped = await forPortal(deps, deps.store, portalId);
  const perType = await Promise.all(
    associationTypes.map(async (to) => ({
      to,
      view: targetViewer(scoped, { from: type, to }),
      byRecord: await deps.store.targetsOfRecords(
        portalId,
        type.id,
        records.map((record) => record.id),
        to.id,
      ),
    })),
  );
  return records.map((record) => ({
    record,
    associations: perType.flatMap(({ to, view, byRecord }) => {
      const targets = byRecord.get(record.id) ?? [];
      if (targets.length === 0) return [];
      return [{ type: to, targets: view(targets) }];
    }),
  }));
}

/** One record with the requested associations; 404 when absent. */
export async function getRecord(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  rawId: string,
  options: ReadOptions & { readonly idProperty?: string | undefined },
): Promise<RecordView> {
  const id = (await idResolver(deps, portalId, type, [rawId], options.idProperty))(rawId);
  const record =
    id === null
      ? undefined
      : (await recordsByIdOrMergedId(deps.store, portalId, type, [id], options.archived)).get(id);
  if (record?.archived !== options.archived) throw recordNotFound(type, rawId);
  const [view] = await withAssociations(deps, portalId, type, [record], options.associations);
  if (!view) throw recordNotFound(type, rawId);
  return view;
}

/** A page of records in id order; the cursor is the last id returned. */
export async function listRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  options: ReadOptions & { readonly after?: string | undefined; readonly limit: number },
): Promise<{ views: RecordView[]; nextAfter?: string }> {
  const afterId = options.after === undefined ? null : parseRecordId(options.after);
  if (options.after !== undefined && afterId === null) {
    throw new DomainError('INVALID_PAGING', `Invalid paging cursor: ${options.after}`, {
      after: [options.after],
    });
  }
  const page = await deps.store.listRecords(
    portalId,
    type.id,
    afterId,
    options.limit + 1,
    options.archived,
  );
  const records = page.slice(0, options.limit);
  const views = await withAssociations(deps, portalId, type, records, options.associations);
  const last = records.at(-1);
  return page.length > options.limit && last ? { views, nextAfter: String(last.id) } : { views };
}

/**
 * Reads records by id; an id merged into another record reads that record (once, however many
 * of its ids are asked for). Ids that name nothing are reported in one OBJECT_NOT_FOUND error.
 */
export async function batchReadRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  rawIds: readonly (string | number)[],
  archived: boolean,
  idProperty?: string,
): Promise<BatchOutcome<CrmRecord>> {
  assertBatchSize(rawIds.length, BATCH_LIMITS.objects);
  const idOf = await idResolver(deps, portalId, type, rawIds, idProperty);
  const ids = rawIds.map(idOf).filter((id): id is RecordId => id !== null);
  const found = await recordsByIdOrMergedId(deps.store, portalId, type, ids, archived);
  const byId = new Map([...found].filter(([, record]) => record.archived === archived));
  const results = new Map([...byId.values()].map((record) => [record.id, record]));
  const outcome: BatchOutcome<CrmRecord> = { results: [...results.values()], errors: [] };
  const missing = rawIds.filter((raw) => !byId.has(idOf(raw) ?? 0));
  if (missing.length > 0) outcome.errors.push(objectsNotFound(type, missing));
  return outcome;
}
