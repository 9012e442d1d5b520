// The legacy v1 associations API (/crm-associations/v1): pairs named by a definition id, which is
// a type id whose object types the id alone decides, written and removed in all-or-nothing
// batches, and one record's targets read by offset.
import { DomainError, type BatchItemError } from '../errors.js';
import type { AssociationType, Category, RecordId, RecordPair } from '../model.js';
import { objectTypeById, type StandardObjectType } from '../object-types.js';
import { BATCH_LIMITS, assertBatchSize } from '../rules/batch-limits.js';
import { reversed } from '../rules/label-writes.js';
import { readLimit } from '../rules/paging.js';
import { parseRecordId } from '../rules/record-ids.js';
import { planWrites, storeChanges } from './apply-label-writes.js';
import type { PathTypes } from './association-writes.js';
import { forPortal, type CoreDeps } from './deps.js';
import { idToCheck, invalidObjectIds, liveIds } from './record-checks.js';

/** One v1 association: `{fromObjectId, toObjectId, category, definitionId}`. */
export interface LegacyAssociation {
  readonly fromObjectId: string | number;
  readonly toObjectId: string | number;
  readonly category: Category;
  readonly definitionId: number;
}

/** v1 reads: default and largest page. */
export const LEGACY_PAGE_DEFAULT = 10;
export const LEGACY_PAGE_MAX = 100;

/** A page of a record's targets as v1 answers it: ids, whether more follow, the next offset. */
export interface LegacyPage {
  readonly ids: RecordId[];
  readonly hasMore: boolean;
  readonly offset: number;
}

function invalidDefinition(category: Category, definitionId: number, why: string): DomainError {
  return new DomainError('INVALID_ASSOCIATION_TYPE', `${category} ${definitionId} ${why}`, {
    category: [category],
    definitionId: [String(definitionId)],
  });
}

/**
 * The one type a definition names: a HubSpot-defined type id names one direction between two
 * object types; a label id (USER_DEFINED) names one direction of one of the portal's labels.
 * Writes take HubSpot-defined definitions only, as the legacy API documents.
 */
function definitionType(
  deps: CoreDeps,
  category: Category,
  definitionId: number,
  access: 'read' | 'write',
): AssociationType {
  if (access === 'write' && category !== 'HUBSPOT_DEFINED') {
    throw invalidDefinition(
      category,
      definitionId,
      'is not valid here: category must be HUBSPOT_DEFINED',
    );
  }
  const [type, ...others] = deps.catalog.withSpec({ category, typeId: definitionId });
  if (!type || others.length > 0) {
    throw invalidDefinition(category, definitionId, 'is not a valid association definition');
  }
  return type;
}

function pathOf(type: AssociationType): PathTypes {
  return { from: objectTypeById(type.fromObjectTypeId), to: objectTypeById(type.toObjectTypeId) };
}

/** The inputs grouped by the definition they name, each with its type, in first-seen order. */
function byDefinition(deps: CoreDeps, inputs: readonly LegacyAssociation[]) {
  const groups = new Map<string, { type: AssociationType; inputs: LegacyAssociation[] }>();
  for (const input of inputs) {
    const key = `${input.category}:${input.definitionId}`;
    const group = groups.get(key);
    if (group) group.inputs.push(input);
    else {
      const type = definitionType(deps, input.category, input.definitionId, 'write');
      groups.set(key, { type, inputs: [input] });
    }
  }
  return [...groups.values()];
}

/**
 * Creates the associations, all or nothing, in input order: one input naming a missing record or
 * breaking a limit fails the whole call. A definition adds its type to the pair (other types
 * stay); where the id is today's Primary type (1, 2, 5, 6, 25, 26), the pair becomes Primary.
 */
export async function createLegacy(
  deps: CoreDeps,
  portalId: number,
  inputs: readonly LegacyAssociation[],
): Promise<void> {
  assertBatchSize(inputs.length, BATCH_LIMITS.legacyAssociations);
  await deps.store.transaction(async (tx) => {
    const scoped = await forPortal(deps, tx, portalId);
    const typed = inputs.map((input) => {
      const type = definitionType(scoped, input.category, input.definitionId, 'write');
      const path = pathOf(type);
      return {
        type,
        ids: [idToCheck(path.from, input.fromObjectId), idToCheck(path.to, input.toObjectId)],
      };
    });
    const live = await liveIds(
      tx,
      portalId,
      typed.flatMap(({ ids }) => ids),
    );
    const writes = typed.map(({ type, ids }) => {
      const [fromId, toId] = ids.map(live);
      if (fromId == null || toId == null)
        throw thrown(invalidObjectIds(ids.filter((id) => live(id) === null)));
      const pair = {
        fromObjectTypeId: type.fromObjectTypeId,
        fromId,
        toObjectTypeId: type.toObjectTypeId,
        toId,
      };
      return { pair, types: [type], mode: 'add' as const };
    });
    const plan = await planWrites(scoped.catalog, tx, portalId, writes);
    for (const written of plan.outcomes) if (!written.applied) throw thrown(written.error);
    await storeChanges(tx, portalId, plan.changes);
  });
}

/** A per-input failure raised as the whole call's: legacy batches are all or nothing. */
function thrown(error: BatchItemError): DomainError {
  return new DomainError(error.code, error.message, error.context);
}

/**
 * Removes the associations. v1 knew one association per definition between two records, so a
 * definition removes everything between the pair, both directions; ids that name nothing are
 * ignored.
 */
export async function deleteLegacy(
  deps: CoreDeps,
  portalId: number,
  inputs: readonly LegacyAssociation[],
): Promise<void> {
  assertBatchSize(inputs.length, BATCH_LIMITS.legacyAssociations);
  await deps.store.transaction(async (tx) => {
    const scoped = await forPortal(deps, tx, portalId);
    const pairs: RecordPair[] = [];
    for (const { type, inputs: group } of byDefinition(scoped, inputs)) {
      for (const input of group) {
        const fromId = parseRecordId(input.fromObjectId);
        const toId = parseRecordId(input.toObjectId);
        if (fromId === null || toId === null) continue;
        const pair = {
          fromObjectTypeId: type.fromObjectTypeId,
          fromId,
          toObjectTypeId: type.toObjectTypeId,
          toId,
        };
        pairs.push(pair, reversed(pair));
      }
    }
    await tx.deletePairs(portalId, pairs);
  });
}

/**
 * The object types a definition joins (for the scopes a call needs), or none when it names no
 * type; the call itself then answers why.
 */
export async function definitionObjectTypes(
  deps: CoreDeps,
  portalId: number,
  definition: { readonly category: Category; readonly definitionId: number },
): Promise<StandardObjectType[]> {
  const scoped =
    definition.category === 'HUBSPOT_DEFINED' ? deps : await forPortal(deps, deps.store, portalId);
  const [type, ...others] = scoped.catalog.withSpec({
    category: definition.category,
    typeId: definition.definitionId,
  });
  if (!type || others.length > 0) return [];
  const path = pathOf(type);
  return [path.from, path.to];
}

/** The query of a v1 read: how many, and the id after which to start. */
export interface LegacyReadQuery {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

/**
 * One page of a record's targets through a definition, in id order after `offset`. A
 * HubSpot-defined definition lists every target of its object type (v1's one association per
 * pair); a label lists the targets that carry it.
 */
export async function readLegacy(
  deps: CoreDeps,
  portalId: number,
  rawObjectId: string,
  definition: { readonly category: Category; readonly definitionId: number },
  query: LegacyReadQuery,
): Promise<LegacyPage> {
  const limit = readLimit(query.limit, LEGACY_PAGE_DEFAULT, LEGACY_PAGE_MAX);
  const scoped = await forPortal(deps, deps.store, portalId);
  const type = definitionType(scoped, definition.category, definition.definitionId, 'read');
  const fromId = parseRecordId(rawObjectId);
  const start = query.offset ?? 0;
  if (fromId === null) return { ids: [], hasMore: false, offset: start };
  const carries = (types: readonly { category: Category; typeId: number }[]) =>
    type.category === 'HUBSPOT_DEFINED' ||
    types.some((spec) => spec.category === type.category && spec.typeId === type.typeId);
  const ids: RecordId[] = [];
  let afterToId: number | null = start > 0 ? start : null;
  for (;;) {
    const page = await deps.store.pageTargets(portalId, {
      fromObjectTypeId: type.fromObjectTypeId,
      fromId,
      toObjectTypeId: type.toObjectTypeId,
      afterToId,
      limit: LEGACY_SCAN_PAGE,
    });
    for (const target of page.targets) if (carries(target.types)) ids.push(target.toId);
    const last = page.targets.at(-1);
    if (ids.length > limit || !page.hasMore || !last) break;
    afterToId = last.toId;
  }
  const shown = ids.slice(0, limit);
  return { ids: shown, hasMore: ids.length > limit, offset: shown.at(-1) ?? start };
}

/** Targets read per store page while a label's targets are picked out of a record's. */
const LEGACY_SCAN_PAGE = 500;
