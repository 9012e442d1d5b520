// Reads associations: one record's page (GET), many records at once (batch read).
import { compareTypes } from '../association-types.js';
import { batchItemError, type BatchOutcome } from '../errors.js';
import type { AssociatedTarget, AssociationSpec, AssociationType, RecordId } from '../model.js';
import { singularName } from '../object-types.js';
import type { StoredTargetPage, TargetPageQuery } from '../ports.js';
import { BATCH_LIMITS, assertBatchSize } from '../rules/batch-limits.js';
import { decodeCursor, encodeCursor, readLimit } from '../rules/paging.js';
import { parseRecordId } from '../rules/record-ids.js';
import type { PathTypes } from './association-writes.js';
import { forPortal, type CoreDeps } from './deps.js';

/** GET list: default and maximum page size (HubSpot: "Limit 500 per call"). */
export const LIST_PAGE_SIZE = 500;
/** Batch read: targets per input per page. HubSpot does not document it; see docs/fidelity.md. */
export const BATCH_READ_PAGE_SIZE = 1000;

/** A type as reads show it: the stored spec with its label and v3 name in this direction. */
export interface TypeView extends Pick<AssociationType, 'category' | 'typeId' | 'label'> {
  readonly name: string;
}

/** One associated record with its types, in display order. */
export interface TargetView {
  readonly toId: RecordId;
  readonly types: readonly TypeView[];
}

/** A page of targets and the cursor of the next page, if any. */
export interface TargetPageView {
  readonly targets: TargetView[];
  readonly nextAfter?: string;
}

/** Turns stored targets into views; see `targetViewer`. */
export type TargetViewer = (targets: readonly AssociatedTarget[]) => TargetView[];

/**
 * Labels the stored specs and orders them: unlabeled first, then by category and type id.
 * Targets mostly carry one of a few combinations of types (often just the unlabeled one): each
 * combination is looked up and ordered once per viewer, and its view shared by every such target
 * of every page the viewer makes, so one viewer should serve a whole request.
 */
export function targetViewer(deps: CoreDeps, path: PathTypes): TargetViewer {
  // Single types, the common case, are found without building a key string per target.
  const singles = new Map<string, Map<number, readonly TypeView[]>>();
  const combinations = new Map<string, readonly TypeView[]>();
  const single = (spec: AssociationSpec): readonly TypeView[] => {
    let byTypeId = singles.get(spec.category);
    if (!byTypeId) {
      byTypeId = new Map<number, readonly TypeView[]>();
      singles.set(spec.category, byTypeId);
    }
    let view = byTypeId.get(spec.typeId);
    if (!view) byTypeId.set(spec.typeId, (view = [typeView(deps, path, spec)]));
    return view;
  };
  const viewOf = (specs: readonly AssociationSpec[]): readonly TypeView[] => {
    const [only] = specs;
    if (only && specs.length === 1) return single(only);
    const key = specs.map((spec) => `${spec.category}:${spec.typeId}`).join(',');
    let view = combinations.get(key);
    if (!view) {
      view = specs.map((spec) => typeView(deps, path, spec)).sort(compareTypes);
      combinations.set(key, view);
    }
    return view;
  };
  return (targets) => targets.map(({ toId, types }) => ({ toId, types: viewOf(types) }));
}

function typeView(deps: CoreDeps, path: PathTypes, spec: AssociationSpec): TypeView {
  const type = deps.catalog.find(path.from.id, path.to.id, spec);
  return {
    category: spec.category,
    typeId: spec.typeId,
    label: type?.label ?? null,
    name: type?.v3Name ?? String(spec.typeId),
  };
}

function pageView(view: TargetViewer, page: StoredTargetPage): TargetPageView {
  const targets = view(page.targets);
  const last = targets.at(-1);
  return page.hasMore && last ? { targets, nextAfter: encodeCursor(last.toId) } : { targets };
}

/** Paging options of a record's associations to one object type. */
export interface PageOptions {
  readonly after?: string | undefined;
  readonly limit?: number | undefined;
}

/**
 * The stored page a GET list answers, with the portal's types scoped to read it by; null when
 * the record id cannot name a record.
 */
async function readPage(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  rawFromId: string,
  options: PageOptions,
): Promise<{ scoped: CoreDeps; fromId: RecordId; page: StoredTargetPage } | null> {
  const limit = readLimit(options.limit, LIST_PAGE_SIZE, LIST_PAGE_SIZE);
  const afterToId = options.after === undefined ? null : decodeCursor(options.after);
  const fromId = parseRecordId(rawFromId);
  if (fromId === null) return null;
  const [scoped, page] = await Promise.all([
    forPortal(deps, deps.store, portalId),
    deps.store.pageTargets(portalId, {
      fromObjectTypeId: path.from.id,
      fromId,
      toObjectTypeId: path.to.id,
      afterToId,
      limit,
    }),
  ]);
  return { scoped, fromId, page };
}

/** One page of the records associated with a record (GET .../associations/{toObjectType}). */
export async function getPage(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  rawFromId: string,
  options: PageOptions,
): Promise<TargetPageView> {
  const read = await readPage(deps, portalId, path, rawFromId, options);
  if (!read) return { targets: [] };
  return pageView(targetViewer(read.scoped, path), read.page);
}

/** One batch read input: a record id as sent, and where to resume. */
export interface BatchReadInput {
  readonly id: string | number;
  readonly after?: string | undefined;
}

/** One batch read result. */
export interface BatchReadResult extends TargetPageView {
  readonly fromId: string;
}

/**
 * Reads the targets of many records in one store round trip. An input with no associations
 * (or naming no record) is reported as HubSpot does: NO_ASSOCIATIONS_FOUND, absent from results.
 */
export async function batchRead(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  inputs: readonly BatchReadInput[],
): Promise<BatchOutcome<BatchReadResult>> {
  assertBatchSize(inputs.length, BATCH_LIMITS.associationRead);
  const queries: (TargetPageQuery | null)[] = inputs.map((input) => {
    const fromId = parseRecordId(input.id);
    if (fromId === null) return null;
    const afterToId = input.after === undefined ? null : decodeCursor(input.after);
    return {
      fromObjectTypeId: path.from.id,
      fromId,
      toObjectTypeId: path.to.id,
      afterToId,
      limit: BATCH_READ_PAGE_SIZE,
    };
  });
  const [scoped, pages] = await Promise.all([
    forPortal(deps, deps.store, portalId),
    deps.store.pageTargetsMany(
      portalId,
      queries.filter((query) => query !== null),
    ),
  ]);
  const outcome: BatchOutcome<BatchReadResult> = { results: [], errors: [] };
  const view = targetViewer(scoped, path);
  let pageIndex = 0;
  for (const [index, input] of inputs.entries()) {
    const page = queries[index] ? pages[pageIndex++] : undefined;
    if (page && (page.targets.length > 0 || input.after !== undefined)) {
      outcome.results.push({ fromId: String(input.id), ...pageView(view, page) });
      continue;
    }
    outcome.errors.push(noAssociationsFound(path, String(input.id)));
  }
  return outcome;
}

/** HubSpot's error for a batch read input with nothing to show. */
export function noAssociationsFound(path: PathTypes, fromId: string) {
  const from = singularName(path.from);
  const to = singularName(path.to);
  return batchItemError('NO_ASSOCIATIONS_FOUND', `No ${to} is associated with ${from} ${fromId}.`, {
    fromObjectId: [fromId],
    fromObjectType: [from],
    toObjectType: [to],
  });
}

/** One associated record seen both ways: the types stored from the record and back to it. */
export interface TwoWayTargetView {
  readonly toId: RecordId;
  /** Types of the rows from the record to this target. */
  readonly types: readonly TypeView[];
  /** Types of the rows from this target back to the record (HubSpot stores both directions). */
  readonly inverseTypes: readonly TypeView[];
}

/** A page of two-way targets and the cursor of the next page, if any. */
export interface TwoWayPageView {
  readonly targets: TwoWayTargetView[];
  readonly nextAfter?: string;
}

/**
 * One page of a record's associations to one object type, each with the rows stored the other
 * way, for the web page's record view. The rows back are read in one round trip: for each target,
 * its own rows to this record alone (a key range of one record), whatever else it is associated
 * with.
 */
export async function getTwoWayPage(
  deps: CoreDeps,
  portalId: number,
  path: PathTypes,
  rawFromId: string,
  options: PageOptions,
): Promise<TwoWayPageView> {
  const read = await readPage(deps, portalId, path, rawFromId, options);
  if (!read) return { targets: [] };
  const { scoped, fromId, page } = read;
  const back =
    page.targets.length === 0
      ? []
      : await deps.store.pageTargetsMany(
          portalId,
          page.targets.map((target) => ({
            fromObjectTypeId: path.to.id,
            fromId: target.toId,
            toObjectTypeId: path.from.id,
            afterToId: fromId - 1,
            limit: 1,
          })),
        );
  const forward = pageView(targetViewer(scoped, path), page);
  const backward = targetViewer(scoped, { from: path.to, to: path.from });
  const targets = forward.targets.map((target, index) => {
    const [row] = back[index]?.targets ?? [];
    return {
      ...target,
      inverseTypes: row?.toId === fromId ? (backward([row])[0]?.types ?? []) : [],
    };
  });
  return forward.nextAfter === undefined ? { targets } : { targets, nextAfter: forward.nextAfter };
}
