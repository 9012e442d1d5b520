// The legacy per-object association calls: deals v1 (`/deals/v1/deal/{id}/associations/…`) and
// companies v2 (`/companies/v2/companies/{id}/contacts/…`, `/vids`). Same engine, same rules.
import { DomainError } from '../errors.js';
import type { AssociationType, CrmRecord, RecordId } from '../model.js';
import { objectTypeById, type StandardObjectType } from '../object-types.js';
import type { StoreTransaction } from '../ports.js';
import { reversed } from '../rules/label-writes.js';
import { readLimit } from '../rules/paging.js';
import { parseRecordId } from '../rules/record-ids.js';
import { writeTypedIn, type PathTypes } from './association-writes.js';
import { forPortal, type CoreDeps } from './deps.js';
import { idToCheck, liveIds } from './record-checks.js';

const CONTACTS = objectTypeById('0-1');
const COMPANIES = objectTypeById('0-2');
const DEALS = objectTypeById('0-3');

/** What a deal is associated with through deals v1: `CONTACT` or `COMPANY`. */
export type LegacyDealTarget = 'CONTACT' | 'COMPANY';

/** Companies v2 `/vids`: default and largest page. */
export const LEGACY_VIDS_PAGE = 100;

/** The 404 the legacy per-object calls answer, naming the record that does not exist. */
function legacyNotFound(type: StandardObjectType, raw: string | number): DomainError {
  const name = type.v3Name.charAt(0).toUpperCase() + type.v3Name.slice(1);
  return new DomainError('OBJECT_NOT_FOUND', `${name} ${raw} does not exist`, {
    id: [String(raw)],
    objectType: [type.errorName],
  });
}

/** The ids as live records of their types, or the 404 of the first that is not. */
async function liveOrNotFound(
  tx: StoreTransaction,
  portalId: number,
  named: readonly [StandardObjectType, string | number][],
): Promise<RecordId[]> {
  const checks = named.map(([type, raw]) => idToCheck(type, raw));
  const live = await liveIds(tx, portalId, checks);
  return checks.map((check) => {
    const id = live(check);
    if (id === null) throw legacyNotFound(check.type, check.raw);
    return id;
  });
}

function hubSpotType(deps: CoreDeps, path: PathTypes, typeId: number): AssociationType {
  const type = deps.catalog.find(path.from.id, path.to.id, { category: 'HUBSPOT_DEFINED', typeId });
  if (!type)
    throw new Error(`no HubSpot-defined type ${typeId} from ${path.from.id} to ${path.to.id}`);
  return type;
}

/** Adds one type from `from` to each of `toIds`, in the caller's transaction. */
async function addTypes(
  deps: CoreDeps,
  tx: StoreTransaction,
  portalId: number,
  path: PathTypes,
  pairs: readonly { fromId: RecordId; toId: RecordId; typeId: number }[],
): Promise<void> {
  const scoped = await forPortal(deps, tx, portalId);
  const resolve = (_catalog: unknown, pair: { typeId: number }) => [
    hubSpotType(scoped, path, pair.typeId),
  ];
  const outcome = await writeTypedIn(scoped, tx, portalId, path, pairs, resolve, 'add');
  const [failed] = outcome.errors;
  if (failed) throw new DomainError(failed.code, failed.message, failed.context);
}

function dealPath(target: LegacyDealTarget): PathTypes {
  return { from: DEALS, to: target === 'CONTACT' ? CONTACTS : COMPANIES };
}

/**
 * Associates a deal with contacts (deal to contact, 3) or companies (deal to company, 341; the
 * first company also becomes the deal's Primary company, 5, when the deal has none).
 */
export async function associateDeal(
  deps: CoreDeps,
  portalId: number,
  rawDealId: string,
  target: LegacyDealTarget,
  rawIds: readonly string[],
): Promise<void> {
  const path = dealPath(target);
  await deps.store.transaction(async (tx) => {
    const [dealId = 0, ...toIds] = await liveOrNotFound(tx, portalId, [
      [DEALS, rawDealId],
      ...rawIds.map((raw): [StandardObjectType, string] => [path.to, raw]),
    ]);
    const primary = { category: 'HUBSPOT_DEFINED', typeId: 5 } as const;
    const needsPrimary =
      target === 'COMPANY' &&
      (await tx.rowsFromRecordsOfType(portalId, DEALS.id, [dealId], COMPANIES.id, primary))
        .length === 0;
    const pairs = toIds.map((toId, index) => ({
      fromId: dealId,
      toId,
      typeId: target === 'CONTACT' ? 3 : needsPrimary && index === 0 ? 5 : 341,
    }));
    await addTypes(deps, tx, portalId, path, pairs);
  });
}

/** Removes every association between a deal and each of the records, both directions. */
export async function dissociateDeal(
  deps: CoreDeps,
  portalId: number,
  rawDealId: string,
  target: LegacyDealTarget,
  rawIds: readonly string[],
): Promise<void> {
  const path = dealPath(target);
  await deps.store.transaction(async (tx) => {
    const [dealId] = await liveOrNotFound(tx, portalId, [[DEALS, rawDealId]]);
    const pairs = rawIds.flatMap((raw) => {
      const toId = parseRecordId(raw);
      if (dealId === undefined || toId === null) return [];
      const pair = { fromObjectTypeId: DEALS.id, fromId: dealId, toObjectTypeId: path.to.id, toId };
      return [pair, reversed(pair)];
    });
    await tx.deletePairs(portalId, pairs);
  });
}

/**
 * Companies v2's "add contact to company": the company becomes the contact's Primary company (the
 * one company a contact had when this API was current); a previous primary stays associated.
 * Answers the company.
 */
export async function addContactToCompany(
  deps: CoreDeps,
  portalId: number,
  rawCompanyId: string,
  rawContactId: string,
): Promise<CrmRecord> {
  const path = { from: CONTACTS, to: COMPANIES };
  const companyId = await deps.store.transaction(async (tx) => {
    const [company = 0, contact = 0] = await liveOrNotFound(tx, portalId, [
      [COMPANIES, rawCompanyId],
      [CONTACTS, rawContactId],
    ]);
    await addTypes(deps, tx, portalId, path, [{ fromId: contact, toId: company, typeId: 1 }]);
    return company;
  });
  const [company] = await deps.store.getRecords(portalId, COMPANIES.id, [companyId], false);
  if (!company) throw legacyNotFound(COMPANIES, rawCompanyId);
  return company;
}

/** Removes every association between a company and a contact, both directions. */
export async function removeContactFromCompany(
  deps: CoreDeps,
  portalId: number,
  rawCompanyId: string,
  rawContactId: string,
): Promise<void> {
  await deps.store.transaction(async (tx) => {
    const [company = 0, contact = 0] = await liveOrNotFound(tx, portalId, [
      [COMPANIES, rawCompanyId],
      [CONTACTS, rawContactId],
    ]);
    const pair = {
      fromObjectTypeId: COMPANIES.id,
      fromId: company,
      toObjectTypeId: CONTACTS.id,
      toId: contact,
    };
    await tx.deletePairs(portalId, [pair, reversed(pair)]);
  });
}

/** A page of a company's contact ids (`vids`), in id order after `vidOffset`. */
export async function companyContactIds(
  deps: CoreDeps,
  portalId: number,
  rawCompanyId: string,
  query: { readonly count?: number | undefined; readonly vidOffset?: number | undefined },
): Promise<{ vids: RecordId[]; hasMore: boolean; vidOffset: number }> {
  const limit = readLimit(query.count, LEGACY_VIDS_PAGE, LEGACY_VIDS_PAGE);
  const companyId = parseRecordId(rawCompanyId);
  const [company] =
    companyId === null
      ? []
      : await deps.store.getRecords(portalId, COMPANIES.id, [companyId], false);
  if (!company) throw legacyNotFound(COMPANIES, rawCompanyId);
  const start = query.vidOffset ?? 0;
  const page = await deps.store.pageTargets(portalId, {
    fromObjectTypeId: COMPANIES.id,
    fromId: company.id,
    toObjectTypeId: CONTACTS.id,
    afterToId: start > 0 ? start : null,
    limit,
  });
  const vids = page.targets.map((target) => target.toId);
  return { vids, hasMore: page.hasMore, vidOffset: vids.at(-1) ?? start };
}
