// A request for every operation the app serves, naming given records: the isolation and batch
// limit tests send each operation one. A new operation needs a rule here, or those tests fail.
import assert from 'node:assert/strict';
import type { OperationInfo } from '../../src/http/operations.js';

/** The records and label a request names. */
export interface Ids {
  readonly contact: string;
  readonly company: string;
  readonly labelTypeId: number;
}

/** The email batch upserts name: a test may give a record of its own this email. */
export const UPSERT_EMAIL = 'portal-a-secret@example.com';

/** The property and property group A defines: B's requests name them. */
export const SECRET_PROPERTY = 'a_secret_property';
export const SECRET_GROUP = 'a_secret_group';

/** Marks operations sent without a body. */
export const NO_BODY = Symbol('no body');

/**
 * The body each operation is sent with, by method and path: each names A's ids. An operation
 * with no rule fails the test, so a new operation must be given one here.
 */
export function bodyFor(operation: OperationInfo, ids: Ids): unknown {
  const key = `${operation.method} ${operation.path}`;
  const pair = { from: { id: ids.contact }, to: { id: ids.company } };
  const label = { associationCategory: 'USER_DEFINED', associationTypeId: ids.labelTypeId };
  const limit = { category: 'USER_DEFINED', typeId: ids.labelTypeId };
  const record = {
    properties: { name: 'created by B' },
    associations: [
      {
        to: { id: ids.company },
        types: [{ ...label, associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
      },
    ],
  };
  const legacy = {
    fromObjectId: ids.contact,
    toObjectId: ids.company,
    category: 'HUBSPOT_DEFINED',
    definitionId: 1,
  };
  const schema = {
    name: 'b_things',
    labels: { singular: 'B thing', plural: 'B things' },
    primaryDisplayProperty: 'title',
    properties: [{ name: 'title', label: 'Title', type: 'string', fieldType: 'text' }],
    associatedObjects: ['contacts'],
  };
  const property = {
    name: SECRET_PROPERTY,
    label: 'Made by B',
    type: 'string',
    fieldType: 'text',
    groupName: 'contactinformation',
  };
  const rules: [RegExp, unknown][] = [
    // The schemas API names A's custom type by id and name (A's first schema is 2-1).
    [/^POST .*\/schemas$/, schema],
    [/^POST .*\/schemas\/batch\/read$/, { inputs: ['2-1', 'secret_things'] }],
    [/^PATCH .*\/schemas\/\{objectType\}$/, { labels: { plural: 'Changed by B' } }],
    [
      /^POST .*\/schemas\/\{objectType\}\/associations$/,
      { fromObjectTypeId: '2-1', toObjectTypeId: 'companies' },
    ],
    // The Properties API: B names A's property and group (its own, in its portal).
    [/^POST \/crm\/v3\/properties\/\{objectType\}$/, property],
    [/^PATCH \/crm\/v3\/properties\/.*\/groups\//, { label: 'Changed by B' }],
    [/^PATCH \/crm\/v3\/properties\//, { label: 'Changed by B' }],
    [/^POST \/crm\/v3\/properties\/.*\/groups$/, { name: SECRET_GROUP, label: 'B group' }],
    [/^POST \/crm\/v3\/properties\/.*\/batch\/create$/, { inputs: [property] }],
    [
      /^POST \/crm\/v3\/properties\/.*\/batch\/(read|archive)$/,
      { inputs: [{ name: SECRET_PROPERTY }] },
    ],
    [/^PUT \/crm-associations\/v1\/associations(\/delete)?$/, legacy],
    [/^PUT \/crm-associations\/v1\/associations\/(create|delete)-batch$/, [legacy]],
    [/^PUT \/(deals|companies)\//, NO_BODY],
    [/^(GET|DELETE) /, NO_BODY],
    [/^PUT .*\/associations\/default\//, NO_BODY],
    [/^PUT .*\/\{toObjectId\}\/\{associationType\}$/, NO_BODY],
    [/^PUT .*\/associations\/\{toObjectType\}\/\{toObjectId\}$/, [label]],
    [/^POST .*\/high-usage-report\/\{userId\}$/, NO_BODY],
    [/^POST .*\/labels$/, { name: 'b_label', label: 'B label', inverseLabel: 'B inverse' }],
    [/^PUT .*\/labels$/, { associationTypeId: ids.labelTypeId, label: 'Renamed by B' }],
    [
      /^POST .*\/configurations\/.*\/batch\/(create|update)$/,
      { inputs: [{ ...limit, maxToObjectIds: 1 }] },
    ],
    [/^POST .*\/configurations\/.*\/batch\/purge$/, { inputs: [limit] }],
    [
      /^POST \/crm\/v3\/associations\/.*\/batch\/(create|archive)$/,
      { inputs: [{ ...pair, type: 'contact_to_company' }] },
    ],
    [/^POST .*\/associations\/.*\/batch\/read$/, { inputs: [{ id: ids.contact }] }],
    [/^POST .*\/associations\/.*\/batch\/create$/, { inputs: [{ ...pair, types: [label] }] }],
    [/^POST .*\/batch\/associate\/default$/, { inputs: [pair] }],
    [
      /^POST .*\/associations\/.*\/batch\/labels\/archive$/,
      { inputs: [{ ...pair, types: [label] }] },
    ],
    [
      /^POST .*\/associations\/.*\/batch\/archive$/,
      { inputs: [{ from: pair.from, to: [pair.to] }] },
    ],
    [/^POST .*\/\{objectType\}$/, record],
    [/^PATCH .*\/\{objectType\}\/\{objectId\}$/, { properties: { name: 'changed by B' } }],
    [/^POST .*\/\{objectType\}\/batch\/create$/, { inputs: [record] }],
    [
      /^POST .*\/\{objectType\}\/batch\/read$/,
      { inputs: [{ id: ids.contact }], properties: ['name'] },
    ],
    [/^POST .*\/\{objectType\}\/batch\/archive$/, { inputs: [{ id: ids.contact }] }],
    [
      /^POST .*\/\{objectType\}\/batch\/upsert$/,
      { inputs: [{ id: UPSERT_EMAIL, idProperty: 'email', properties: { lastname: 'B' } }] },
    ],
    [
      /^POST .*\/\{objectType\}\/merge$/,
      { primaryObjectId: ids.contact, objectIdToMerge: ids.company },
    ],
    [/^POST .*\/\{objectType\}\/gdpr-delete$/, { objectId: ids.contact }],
    [/^POST \/webhooks-journal\/.*\/batch\/read$/, { inputs: [JOURNAL_OFFSET] }],
    // A search that would find A's records by their marker, by id and by association.
    [
      /^POST .*\/\{objectType\}\/search$/,
      {
        filterGroups: [
          {
            filters: [
              { propertyName: 'hs_object_id', operator: 'IN', values: [ids.contact, ids.company] },
            ],
          },
          {
            filters: [{ propertyName: 'associations.company', operator: 'EQ', value: ids.company }],
          },
          {
            filters: [
              { propertyName: 'name', operator: 'CONTAINS_TOKEN', value: 'portal-a-secret*' },
            ],
          },
        ],
        properties: ['name'],
      },
    ],
    [
      /^POST .*\/\{objectType\}\/batch\/update$/,
      { inputs: [{ id: ids.contact, properties: { name: 'changed by B' } }] },
    ],
  ];
  const rule = rules.find(([pattern]) => pattern.test(key));
  assert.ok(rule, `no isolation request for ${key}: add a rule to bodyFor`);
  return rule[1];
}

/** An offset of app 1's webhooks journal (batch/read answers it as not found). */
const JOURNAL_OFFSET = '00000001-0000-4000-8000-000000000001';

/** The operation's path with A's ids in it; reads of records also ask for their associations. */
export function urlFor(operation: OperationInfo, ids: Ids): string {
  const values: Record<string, string> = {
    objectType: 'contacts',
    fromObjectType: 'contacts',
    toObjectType: 'companies',
    objectId: ids.contact,
    fromObjectId: ids.contact,
    toObjectId: ids.company,
    associationTypeId: String(ids.labelTypeId),
    // A's first association definition (its custom type's, to contacts) has type id 1.
    associationIdentifier: '1',
    associationType: 'contact_to_company',
    userId: '1',
    category: 'HUBSPOT_DEFINED',
    definitionId: '1',
    dealId: ids.contact,
    companyId: ids.company,
    contactId: ids.contact,
    propertyName: SECRET_PROPERTY,
    groupName: SECRET_GROUP,
  };
  // Deals v1 names the target type in upper case and the targets in `?id=`.
  const deals = operation.path.startsWith('/deals/');
  if (deals) values['objectType'] = 'CONTACT';
  const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = values[name];
    assert.ok(value, `no value for {${name}} in ${operation.path}`);
    return value;
  });
  if (deals) return `${path}?id=${ids.contact}`;
  return operation.method === 'GET' ? `${path}?associations=companies` : path;
}
