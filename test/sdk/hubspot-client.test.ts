// HubSpot's official Node SDK against a listening server: what an integration sees, call by call.
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as its model classes but serializes them field by field; integrations, and HubSpot's own
   examples, pass object literals. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '@hubspot/api-client';
import {
  ApiException,
  AssociationSpecAssociationCategoryEnum,
  BatchResponseLabelsBetweenObjectPair,
  BatchResponsePublicAssociationMultiWithLabelWithErrors,
  type AssociationSpec,
  type BatchResponsePublicDefaultAssociation,
  type MultiAssociatedObjectWithLabel,
} from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import { AssociationSpecAssociationCategoryEnum as ObjectsAssociationCategory } from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import { createCore } from '../../src/core/create-core.js';
import { buildApp } from '../../src/http/build-app.js';
import { createTestStore } from '../helpers/test-store.js';

/** HubSpot-defined type ids, each with its inverse: unlabeled 279/280, Primary 1/2. */
const CONTACT_TO_COMPANY = 279;
const COMPANY_TO_CONTACT = 280;
const CONTACT_TO_PRIMARY_COMPANY = 1;
const COMPANY_TO_PRIMARY_CONTACT = 2;

const { store, dispose } = await createTestStore();
const app = buildApp({ core: createCore({ store }) });
let client: Client;

before(async () => {
  // `http://127.0.0.1:<port>`, without a trailing slash: the SDK appends paths that start with `/`.
  const basePath = await app.listen({ port: 0, host: '127.0.0.1' });
  client = new Client({ accessToken: 'test-token', basePath });
});

after(async () => {
  await app.close();
  await dispose();
});

const v4 = () => client.crm.associations.v4;

function spec(associationTypeId: number): AssociationSpec {
  return {
    associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined,
    associationTypeId,
  };
}

/** The SDK types ids as strings; HubSpot, and this server, send some of them as JSON numbers. */
function wireId(id: string | number): string {
  return String(id);
}

async function createContact(): Promise<string> {
  return (await client.crm.contacts.basicApi.create({ properties: { firstname: 'Grace' } })).id;
}

async function createCompanies(count: number): Promise<string[]> {
  const inputs = Array.from({ length: count }, (_, index) => ({
    properties: { name: `Company ${index}` },
  }));
  const response = await client.crm.companies.batchApi.create({ inputs });
  return response.results.map((company) => company.id);
}

/** Associates one contact with each company, through v4 batch create. */
async function associate(contactId: string, companyIds: string[], typeIds = [CONTACT_TO_COMPANY]) {
  return v4().batchApi.create('contacts', 'companies', {
    inputs: companyIds.map((companyId) => ({
      _from: { id: contactId },
      to: { id: companyId },
      types: typeIds.map(spec),
    })),
  });
}

/** `[id, [[typeId, label], ...]]` per target: what a reader of associations looks at. */
function summarize(targets: MultiAssociatedObjectWithLabel[]) {
  return targets.map((target) => [
    wireId(target.toObjectId),
    target.associationTypes.map((type) => [type.typeId, type.label]),
  ]);
}

async function targetsOf(objectType: string, objectId: string, toObjectType: string) {
  const page = await v4().basicApi.getPage(objectType, objectId, toObjectType);
  return summarize(page.results);
}

test('contacts and companies created through the SDK read back with their properties and associations', async () => {
  const contact = await client.crm.contacts.basicApi.create({
    properties: { firstname: 'Ada', lastname: 'Lovelace', email: 'ada@example.com' },
  });
  const company = await client.crm.companies.basicApi.create({
    properties: { name: 'Analytical Engines', domain: 'engines.example' },
  });

  const readContact = await client.crm.contacts.basicApi.getById(contact.id, [
    'firstname',
    'lastname',
    'email',
  ]);
  assert.equal(readContact.id, contact.id);
  assert.equal(readContact.properties['firstname'], 'Ada');
  assert.equal(readContact.properties['lastname'], 'Lovelace');
  assert.equal(readContact.properties['email'], 'ada@example.com');
  assert.equal(readContact.properties['hs_object_id'], contact.id);
  assert.ok(readContact.createdAt instanceof Date);
  assert.equal(readContact.associations, undefined);

  const readCompany = await client.crm.companies.basicApi.getById(company.id, ['name', 'domain']);
  assert.equal(readCompany.properties['name'], 'Analytical Engines');
  assert.equal(readCompany.properties['domain'], 'engines.example');
  assert.equal(readCompany.properties['hs_object_id'], company.id);

  const employee = await client.crm.contacts.basicApi.create({
    properties: { firstname: 'Charles' },
    associations: [
      {
        to: { id: company.id },
        types: [
          {
            associationCategory: ObjectsAssociationCategory.HubspotDefined,
            associationTypeId: CONTACT_TO_COMPANY,
          },
        ],
      },
    ],
  });
  const withCompanies = await client.crm.contacts.basicApi.getById(
    employee.id,
    undefined,
    undefined,
    ['companies'],
  );
  assert.deepEqual(
    withCompanies.associations?.['companies']?.results.map((associated) => associated.id),
    [company.id],
  );
});

test('a v4 batch create with HubSpot-defined types is read from the company side with the inverse types', async () => {
  const unlabeledContact = await createContact();
  const primaryContact = await createContact();
  const [company] = await createCompanies(1);

  const created = await v4().batchApi.create('contacts', 'companies', {
    inputs: [
      { _from: { id: unlabeledContact }, to: { id: company! }, types: [spec(CONTACT_TO_COMPANY)] },
      {
        _from: { id: primaryContact },
        to: { id: company! },
        types: [spec(CONTACT_TO_COMPANY), spec(CONTACT_TO_PRIMARY_COMPANY)],
      },
    ],
  });
  assert.ok(created instanceof BatchResponseLabelsBetweenObjectPair);
  assert.equal(created.status, 'COMPLETE');
  assert.deepEqual(
    created.results.map((pair) => [
      wireId(pair.fromObjectId),
      wireId(pair.toObjectId),
      pair.labels,
    ]),
    [
      [unlabeledContact, company, []],
      [primaryContact, company, ['Primary']],
    ],
  );

  const read = await v4().batchApi.getPage('companies', 'contacts', { inputs: [{ id: company! }] });
  assert.equal(read.results.length, 1);
  assert.equal(read.results[0]!._from.id, company);
  assert.deepEqual(summarize(read.results[0]!.to), [
    [unlabeledContact, [[COMPANY_TO_CONTACT, null]]],
    [
      primaryContact,
      [
        [COMPANY_TO_CONTACT, null],
        [COMPANY_TO_PRIMARY_CONTACT, 'Primary'],
      ],
    ],
  ]);
});

test('v4 basic getPage pages through seven companies three at a time, each exactly once', async () => {
  const contact = await createContact();
  const companies = await createCompanies(7);
  await associate(contact, companies);

  const pages: string[][] = [];
  let after: string | undefined;
  do {
    const page = await v4().basicApi.getPage('contacts', contact, 'companies', after, 3);
    pages.push(page.results.map((target) => wireId(target.toObjectId)));
    after = page.paging?.next?.after;
  } while (after !== undefined && pages.length < 10);

  assert.deepEqual(
    pages.map((page) => page.length),
    [3, 3, 1],
  );
  const seen = pages.flat();
  assert.equal(new Set(seen).size, 7);
  assert.deepEqual([...seen].sort(), [...companies].sort());
});

test('v4 basic create returns the labels, and basic archive removes the association from both sides', async () => {
  const contact = await createContact();
  const [company] = await createCompanies(1);

  const labelled = await v4().basicApi.create('contacts', contact, 'companies', company!, [
    spec(CONTACT_TO_PRIMARY_COMPANY),
  ]);
  assert.equal(labelled.fromObjectTypeId, '0-1');
  assert.equal(wireId(labelled.fromObjectId), contact);
  assert.equal(labelled.toObjectTypeId, '0-2');
  assert.equal(wireId(labelled.toObjectId), company);
  assert.deepEqual(labelled.labels, ['Primary']);
  assert.deepEqual(await targetsOf('companies', company!, 'contacts'), [
    [
      contact,
      [
        [COMPANY_TO_CONTACT, null],
        [COMPANY_TO_PRIMARY_CONTACT, 'Primary'],
      ],
    ],
  ]);

  await v4().basicApi.archive('contacts', contact, 'companies', company!);
  assert.deepEqual(await targetsOf('contacts', contact, 'companies'), []);
  assert.deepEqual(await targetsOf('companies', company!, 'contacts'), []);
});

test('v4 batch labels archive drops the Primary label and keeps the association', async () => {
  const contact = await createContact();
  const [company] = await createCompanies(1);
  await associate(contact, [company!], [CONTACT_TO_COMPANY, CONTACT_TO_PRIMARY_COMPANY]);

  await v4().batchApi.archiveLabels('contacts', 'companies', {
    inputs: [
      { _from: { id: contact }, to: { id: company! }, types: [spec(CONTACT_TO_PRIMARY_COMPANY)] },
    ],
  });
  assert.deepEqual(await targetsOf('contacts', contact, 'companies'), [
    [company, [[CONTACT_TO_COMPANY, null]]],
  ]);
});

/** `[from, to, category, typeId]` per result of an associate-default call. */
function defaultPairs(response: BatchResponsePublicDefaultAssociation) {
  return response.results.map((result) => [
    result._from.id,
    result.to.id,
    result.associationSpec.associationCategory,
    result.associationSpec.associationTypeId,
  ]);
}

test('v4 batch archive removes associations, and createDefault returns both directions', async () => {
  const contact = await createContact();
  const [first, second] = await createCompanies(2);
  await associate(contact, [first!, second!]);

  await v4().batchApi.archive('contacts', 'companies', {
    inputs: [{ _from: { id: contact }, to: [{ id: first! }, { id: second! }] }],
  });
  assert.deepEqual(await targetsOf('contacts', contact, 'companies'), []);

  const batch = await v4().batchApi.createDefault('contacts', 'companies', {
    inputs: [{ _from: { id: contact }, to: { id: first! } }],
  });
  assert.equal(batch.status, 'COMPLETE');
  assert.deepEqual(defaultPairs(batch), [
    [contact, first, 'HUBSPOT_DEFINED', CONTACT_TO_COMPANY],
    [first, contact, 'HUBSPOT_DEFINED', COMPANY_TO_CONTACT],
  ]);

  const basic = await v4().basicApi.createDefault('contacts', contact, 'companies', second!);
  assert.deepEqual(defaultPairs(basic), [
    [contact, second, 'HUBSPOT_DEFINED', CONTACT_TO_COMPANY],
    [second, contact, 'HUBSPOT_DEFINED', COMPANY_TO_CONTACT],
  ]);
  assert.deepEqual(await targetsOf('contacts', contact, 'companies'), [
    [first, [[CONTACT_TO_COMPANY, null]]],
    [second, [[CONTACT_TO_COMPANY, null]]],
  ]);
});

test('associating with a company that does not exist throws an ApiException 400 with INVALID_OBJECT_IDS', async () => {
  const contact = await createContact();
  await assert.rejects(
    v4().basicApi.create('contacts', contact, 'companies', '4242', [spec(CONTACT_TO_COMPANY)]),
    (error: unknown) => {
      assert.ok(error instanceof ApiException);
      assert.equal(error.code, 400);
      assert.equal(error.body.status, 'error');
      assert.equal(error.body.category, 'VALIDATION_ERROR');
      assert.equal(error.body.message, 'One or more associations are invalid');
      assert.deepEqual(error.body.context.INVALID_OBJECT_IDS, ['COMPANY=4242 is not valid']);
      return true;
    },
  );
  assert.deepEqual(await targetsOf('contacts', contact, 'companies'), []);
});

test('a v4 batch read of a contact without associations returns its error inside the 207 result', async () => {
  const lonelyContact = await createContact();
  const associatedContact = await createContact();
  const [company] = await createCompanies(1);
  await associate(associatedContact, [company!]);

  const { httpStatusCode, data: read } = await v4().batchApi.getPageWithHttpInfo(
    'contacts',
    'companies',
    { inputs: [{ id: lonelyContact }, { id: associatedContact }] },
  );
  assert.equal(httpStatusCode, 207);
  assert.ok(read instanceof BatchResponsePublicAssociationMultiWithLabelWithErrors);
  assert.equal(read.status, 'COMPLETE');
  assert.equal(read.numErrors, 1);
  assert.deepEqual(
    read.errors?.map(({ status, category, subCategory, message, context }) => ({
      status,
      category,
      subCategory,
      message,
      context,
    })),
    [
      {
        status: 'error',
        category: 'OBJECT_NOT_FOUND',
        subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
        message: `No company is associated with contact ${lonelyContact}.`,
        context: {
          fromObjectId: [lonelyContact],
          fromObjectType: ['contact'],
          toObjectType: ['company'],
        },
      },
    ],
  );
  assert.deepEqual(
    read.results.map((result) => [result._from.id, summarize(result.to)]),
    [[associatedContact, [[company, [[CONTACT_TO_COMPANY, null]]]]]],
  );
});
