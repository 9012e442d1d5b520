// The legacy association calls that integrations and older wrappers still make: crm-associations
// v1 (by definition id), deals v1 and companies v2. Same engine and rules as every other door.
import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core/create-core.js';
import { DomainError } from '../../core/errors.js';
import type { Category } from '../../core/model.js';
import { objectTypeById } from '../../core/object-types.js';
import { BATCH_LIMITS } from '../../core/rules/batch-limits.js';
import type { LegacyAssociation } from '../../core/use-cases/legacy-associations.js';
import type { LegacyDealTarget } from '../../core/use-cases/legacy-objects.js';
import { answers, operation, type Operation, type ScopeTypes } from '../operation.js';
import {
  CompanyContactPathSchema,
  CompanyPathSchema,
  CompanyVidsQuerySchema,
  CompanyVidsReplySchema,
  DealAssociationsPathSchema,
  DealAssociationsQuerySchema,
  LegacyAssociationBatchSchema,
  LegacyAssociationSchema,
  LegacyCompanyReplySchema,
  LegacyPageReplySchema,
  LegacyReadPathSchema,
  LegacyReadQuerySchema,
} from '../schemas/legacy.js';
import { legacyCompanyToWire } from '../wire/legacy.js';

/** The legacy calls' rows in docs/operations.md: a family of their own. */
const family = { name: 'legacy' } as const;

const V1 = '/crm-associations/v1/associations';
const CONTACTS = objectTypeById('0-1');
const COMPANIES = objectTypeById('0-2');
const DEALS = objectTypeById('0-3');

/** Definitions named in a request, read before the body is validated: anything else is skipped. */
function definitionsIn(value: unknown): { category: Category; definitionId: number }[] {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    if (typeof item !== 'object' || item === null) return [];
    const { category, definitionId } = item as Record<string, unknown>;
    const id = Number(definitionId);
    if (typeof category !== 'string' || !Number.isSafeInteger(id)) return [];
    return [{ category: category as Category, definitionId: id }];
  });
}

async function typesOfDefinitions(core: Core, request: FastifyRequest, value: unknown) {
  const definitions = definitionsIn(value);
  const types = await Promise.all(
    definitions.map((definition) =>
      core.legacy.definitionObjectTypes(request.portalId, definition),
    ),
  );
  return types.flat();
}

const DEFINITIONS_IN_BODY: ScopeTypes = {
  of: (request, core) => typesOfDefinitions(core, request, request.body),
  described: 'the object types of each `definitionId`',
};
const DEFINITION_IN_PATH: ScopeTypes = {
  of: (request, core) => typesOfDefinitions(core, request, request.params),
  described: 'the object types of `{definitionId}`',
};
const DEAL_AND_TARGET: ScopeTypes = {
  of: (request) => {
    const { objectType } = request.params as { objectType?: string };
    const target = objectType?.toUpperCase();
    return target === 'CONTACT'
      ? [DEALS, CONTACTS]
      : target === 'COMPANY'
        ? [DEALS, COMPANIES]
        : [DEALS];
  },
  described: 'deals and `{objectType}`',
};
const COMPANY_AND_CONTACTS: ScopeTypes = {
  of: () => [COMPANIES, CONTACTS],
  described: 'companies and contacts',
};

/** `CONTACT` or `COMPANY`, in any case; deals v1 associates nothing else. */
function dealTarget(objectType: string): LegacyDealTarget {
  const target = objectType.toUpperCase();
  if (target === 'CONTACT' || target === 'COMPANY') return target;
  throw new DomainError(
    'INVALID_INPUT',
    `Unsupported object type for deal associations: ${objectType}`,
    {
      objectType: [objectType],
    },
  );
}

function ids(value: string | string[]): string[] {
  return Array.isArray(value) ? value : [value];
}

/** Every legacy association operation. */
export function legacyOperations(): Operation[] {
  return [...crmAssociationsV1(), ...dealsV1(), ...companiesV2()];
}

function crmAssociationsV1(): Operation[] {
  const write = (suffix: string, summary: string, kind: 'create' | 'delete', batch: boolean) =>
    operation({
      family,
      method: 'PUT',
      paths: [`${V1}${suffix}`],
      summary,
      access: 'write',
      request: { body: batch ? LegacyAssociationBatchSchema : LegacyAssociationSchema },
      answer: answers.noContent(),
      ...(batch ? { batchLimit: BATCH_LIMITS.legacyAssociations } : {}),
      scopeTypes: DEFINITIONS_IN_BODY,
      handle: async ({ core, portalId, body }) => {
        const inputs: LegacyAssociation[] = Array.isArray(body) ? body : [body];
        await core.legacy[kind](portalId, inputs);
      },
    });
  return [
    write('', 'Associate two records through a definition (v1)', 'create', false),
    write('/create-batch', 'Associate many pairs, all or nothing (v1)', 'create', true),
    write('/delete', 'Remove the association between two records (v1)', 'delete', false),
    write('/delete-batch', 'Remove the associations between many pairs (v1)', 'delete', true),
    operation({
      family,
      method: 'GET',
      paths: [`${V1}/:objectId/:category/:definitionId`],
      summary: "List a record's associated ids through a definition, by offset (v1)",
      access: 'read',
      request: { params: LegacyReadPathSchema, querystring: LegacyReadQuerySchema },
      answer: answers.json(200, LegacyPageReplySchema),
      scopeTypes: DEFINITION_IN_PATH,
      handle: async ({ core, portalId, params, query }) => {
        const page = await core.legacy.read(portalId, params.objectId, params, query);
        return { results: page.ids, hasMore: page.hasMore, offset: page.offset };
      },
    }),
  ];
}

function dealsV1(): Operation[] {
  const paths = ['/deals/v1/deal/:dealId/associations/:objectType'];
  const request = { params: DealAssociationsPathSchema, querystring: DealAssociationsQuerySchema };
  return [
    operation({
      family,
      method: 'PUT',
      paths,
      summary: 'Associate a deal with contacts or companies (`?id=` repeated)',
      access: 'write',
      request,
      answer: answers.noContent(),
      scopeTypes: DEAL_AND_TARGET,
      handle: async ({ core, portalId, params, query }) => {
        const target = dealTarget(params.objectType);
        await core.legacy.associateDeal(portalId, params.dealId, target, ids(query.id));
      },
    }),
    operation({
      family,
      method: 'DELETE',
      paths,
      summary: 'Remove the associations of a deal with contacts or companies',
      access: 'write',
      request,
      answer: answers.noContent(),
      scopeTypes: DEAL_AND_TARGET,
      handle: async ({ core, portalId, params, query }) => {
        const target = dealTarget(params.objectType);
        await core.legacy.dissociateDeal(portalId, params.dealId, target, ids(query.id));
      },
    }),
  ];
}

function companiesV2(): Operation[] {
  const pair = ['/companies/v2/companies/:companyId/contacts/:contactId'];
  return [
    operation({
      family,
      method: 'PUT',
      paths: pair,
      summary: "Make a company a contact's (primary) company; answers the company",
      access: 'write',
      request: { params: CompanyContactPathSchema },
      answer: answers.json(200, LegacyCompanyReplySchema),
      scopeTypes: COMPANY_AND_CONTACTS,
      handle: async ({ core, portalId, params }) => {
        const company = await core.legacy.addContactToCompany(
          portalId,
          params.companyId,
          params.contactId,
        );
        return legacyCompanyToWire(portalId, company);
      },
    }),
    operation({
      family,
      method: 'DELETE',
      paths: pair,
      summary: 'Remove the association between a company and a contact',
      access: 'write',
      request: { params: CompanyContactPathSchema },
      answer: answers.noContent(),
      scopeTypes: COMPANY_AND_CONTACTS,
      handle: async ({ core, portalId, params }) => {
        await core.legacy.removeContactFromCompany(portalId, params.companyId, params.contactId);
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: ['/companies/v2/companies/:companyId/vids'],
      summary: "List a company's contact ids, by `vidOffset`",
      access: 'read',
      request: { params: CompanyPathSchema, querystring: CompanyVidsQuerySchema },
      answer: answers.json(200, CompanyVidsReplySchema),
      scopeTypes: COMPANY_AND_CONTACTS,
      handle: ({ core, portalId, params, query }) =>
        core.legacy.companyContactIds(portalId, params.companyId, query),
    }),
  ];
}
