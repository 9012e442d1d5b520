// HubSpot's official Node SDK (13.5) searching this server: doSearch on contacts, companies and
// the generic objects API, with property and association filters, a sort, and paging.
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as its model classes but serializes them field by field; integrations pass literals. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '@hubspot/api-client';
import {
  FilterOperatorEnum,
  AssociationSpecAssociationCategoryEnum,
} from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import { FilterOperatorEnum as CompanyOperator } from '@hubspot/api-client/lib/codegen/crm/companies/index.js';
import { createCore } from '../../src/core/create-core.js';
import { buildApp } from '../../src/http/build-app.js';
import { createTestStore } from '../helpers/test-store.js';

const { store, dispose } = await createTestStore();
const app = buildApp({ core: createCore({ store }) });
let client: Client;

before(async () => {
  const basePath = await app.listen({ port: 0, host: '127.0.0.1' });
  client = new Client({ accessToken: 'test-token', basePath });
});

after(async () => {
  await app.close();
  await dispose();
});

test('doSearch finds contacts by email, by company association, sorted, page by page', async () => {
  const company = await client.crm.companies.basicApi.create({
    properties: { name: 'Acme', domain: 'acme.test' },
    associations: [],
  });
  const emails = ['ann@acme.test', 'bob@acme.test', 'cyd@acme.test', 'dee@else.test'];
  const created = [];
  for (const email of emails) {
    const atAcme = email.endsWith('@acme.test');
    created.push(
      await client.crm.contacts.basicApi.create({
        properties: { email, firstname: email.slice(0, 3) },
        associations: atAcme
          ? [
              {
                to: { id: company.id },
                types: [
                  {
                    associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined,
                    associationTypeId: 279,
                  },
                ],
              },
            ]
          : [],
      }),
    );
  }
  const byEmail = await client.crm.contacts.searchApi.doSearch({
    filterGroups: [
      {
        filters: [
          { propertyName: 'email', operator: FilterOperatorEnum.Eq, value: 'BOB@acme.test' },
        ],
      },
    ],
  });
  assert.equal(byEmail.total, 1);
  assert.equal(byEmail.results[0]?.id, created[1]?.id);
  assert.equal(byEmail.results[0]?.properties['email'], 'bob@acme.test');
  assert.ok(byEmail.results.every((result) => result.createdAt instanceof Date));

  const request = {
    filterGroups: [
      {
        filters: [
          {
            propertyName: 'associations.company',
            operator: FilterOperatorEnum.Eq,
            value: company.id,
          },
        ],
      },
    ],
    sorts: [JSON.stringify({ propertyName: 'firstname', direction: 'DESCENDING' })],
    properties: ['firstname'],
    limit: 2,
  };
  // The SDK types sorts as strings; integrations send objects, which it passes through as JSON.
  const objectSorts = {
    ...request,
    sorts: [{ propertyName: 'firstname', direction: 'DESCENDING' }],
  };
  const first = await client.crm.contacts.searchApi.doSearch(objectSorts as never);
  assert.equal(first.total, 3);
  assert.deepEqual(
    first.results.map((result) => result.properties['firstname']),
    ['cyd', 'bob'],
  );
  const after = first.paging?.next?.after;
  assert.equal(after, '2');
  const second = await client.crm.contacts.searchApi.doSearch({ ...objectSorts, after } as never);
  assert.deepEqual(
    second.results.map((result) => result.properties['firstname']),
    ['ann'],
  );
  assert.equal(second.paging, undefined);

  const companies = await client.crm.companies.searchApi.doSearch({
    filterGroups: [
      {
        filters: [
          { propertyName: 'domain', operator: CompanyOperator.ContainsToken, value: '*.test' },
        ],
      },
    ],
  });
  assert.equal(companies.total, 1);
  assert.equal(companies.results[0]?.properties['name'], 'Acme');
  const generic = await client.crm.objects.searchApi.doSearch('contacts', { query: 'dee' });
  assert.equal(generic.total, 1);
});

test("a bad search surfaces as an ApiException with HubSpot's envelope", async () => {
  await assert.rejects(
    client.crm.contacts.searchApi.doSearch({
      filterGroups: [
        { filters: [{ propertyName: 'email', operator: FilterOperatorEnum.Between, value: 'a' }] },
      ],
    }),
    (error: any) => {
      assert.equal(error.code, 400);
      assert.equal(error.body.category, 'VALIDATION_ERROR');
      assert.match(error.body.message, /highValue/);
      return true;
    },
  );
});
