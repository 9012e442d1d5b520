// HubSpot's official Node SDK (13.5) on the Properties API: coreApi, batchApi and groupsApi
// against this server, and a search on the property it defined, compared as a number.
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as its model classes but serializes them field by field; integrations pass literals. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { createCore } from '../../src/core/create-core.js';
import { buildApp } from '../../src/http/build-app.js';
import { createTestStore } from '../helpers/test-store.js';

const { store, dispose } = await createTestStore();
const app = buildApp({ core: createCore({ store, settings: { undeclaredProperties: 'refuse' } }) });
let client: Client;

before(async () => {
  const basePath = await app.listen({ port: 0, host: '127.0.0.1' });
  client = new Client({ accessToken: 'test-token', basePath });
});

after(async () => {
  await app.close();
  await dispose();
});

/** The status of the SDK's ApiException, or of a call that did not fail (as a failure). */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    return (error as { code: number }).code;
  }
  assert.fail('the call did not fail');
}

test('coreApi and groupsApi create, read, update and archive a group and a property', async () => {
  const group = await client.crm.properties.groupsApi.create('contacts', {
    name: 'loyalty',
    label: 'Loyalty',
  });
  assert.deepEqual(
    [group.name, group.label, group.displayOrder, group.archived],
    ['loyalty', 'Loyalty', -1, false],
  );
  const groups = await client.crm.properties.groupsApi.getAll('contacts');
  assert.deepEqual(
    groups.results.map((g) => g.name),
    ['contactinformation', 'loyalty'],
  );
  const renamed = await client.crm.properties.groupsApi.update('contacts', 'loyalty', {
    label: 'Loyalty programme',
  });
  assert.equal(renamed.label, 'Loyalty programme');
  assert.equal(
    (await client.crm.properties.groupsApi.getByName('contacts', 'loyalty')).label,
    'Loyalty programme',
  );

  const created = await client.crm.properties.coreApi.create('contacts', {
    name: 'points',
    label: 'Points',
    type: PropertyCreateTypeEnum.Number,
    fieldType: PropertyCreateFieldTypeEnum.Number,
    groupName: 'loyalty',
  });
  assert.equal(created.name, 'points');
  assert.equal(created.type, 'number');
  assert.ok(created.createdAt instanceof Date);
  assert.equal(created.modificationMetadata?.archivable, true);
  const read = await client.crm.properties.coreApi.getByName('contacts', 'points');
  assert.equal(read.groupName, 'loyalty');
  const all = await client.crm.properties.coreApi.getAll('contacts');
  assert.ok(all.results.some((property) => property.name === 'points'));
  assert.ok(all.results.some((property) => property.name === 'email' && property.hubspotDefined));
  const updated = await client.crm.properties.coreApi.update('contacts', 'points', {
    label: 'Loyalty points',
  });
  assert.equal(updated.label, 'Loyalty points');

  // Defined, the property is written and searched as a number.
  for (const points of ['9', '10', '100']) {
    await client.crm.contacts.basicApi.create({ properties: { points }, associations: [] });
  }
  const found = await client.crm.contacts.searchApi.doSearch({
    filterGroups: [
      { filters: [{ propertyName: 'points', operator: FilterOperatorEnum.Gte, value: '10' }] },
    ],
    properties: ['points'],
    sorts: ['points'],
    limit: 10,
    after: '0',
  });
  assert.deepEqual(
    found.results.map((result) => result.properties['points']),
    ['10', '100'],
  );

  // The group holds a live property: it cannot be archived yet.
  assert.equal(await statusOf(client.crm.properties.groupsApi.archive('contacts', 'loyalty')), 400);
  await client.crm.properties.coreApi.archive('contacts', 'points');
  assert.equal(await statusOf(client.crm.properties.coreApi.getByName('contacts', 'points')), 404);
  const archived = await client.crm.properties.coreApi.getByName('contacts', 'points', true);
  assert.equal(archived.archived, true);
  await client.crm.properties.groupsApi.archive('contacts', 'loyalty');
  assert.equal(
    await statusOf(client.crm.properties.groupsApi.getByName('contacts', 'loyalty')),
    404,
  );
  // Archived, the property is undeclared again: this server refuses writes naming it.
  assert.equal(
    await statusOf(
      client.crm.contacts.basicApi.create({ properties: { points: '1' }, associations: [] }),
    ),
    400,
  );
});

test('coreApi errors: a duplicate name is 409, a built-in property cannot be archived', async () => {
  const definition = {
    name: 'nickname',
    label: 'Nickname',
    type: PropertyCreateTypeEnum.String,
    fieldType: PropertyCreateFieldTypeEnum.Text,
    groupName: 'contactinformation',
  };
  await client.crm.properties.coreApi.create('contacts', definition);
  assert.equal(await statusOf(client.crm.properties.coreApi.create('contacts', definition)), 409);
  assert.equal(await statusOf(client.crm.properties.coreApi.archive('contacts', 'email')), 400);
  assert.equal(
    await statusOf(
      client.crm.properties.coreApi.create('contacts', {
        ...definition,
        name: 'age',
        type: PropertyCreateTypeEnum.Number,
      }),
    ),
    400,
  );
});

test('batchApi creates (207 with the failed input), reads and archives', async () => {
  const definition = (name: string) => ({
    name,
    label: name,
    type: PropertyCreateTypeEnum.String,
    fieldType: PropertyCreateFieldTypeEnum.Text,
    groupName: 'companyinformation',
  });
  const created = await client.crm.properties.batchApi.create('companies', {
    inputs: [definition('region'), definition('segment')],
  });
  assert.equal(created.status, 'COMPLETE');
  assert.deepEqual(
    created.results.map((property) => property.name),
    ['region', 'segment'],
  );
  const partial = await client.crm.properties.batchApi.create('companies', {
    inputs: [definition('region'), definition('tier')],
  });
  assert.deepEqual(
    partial.results.map((property) => property.name),
    ['tier'],
  );
  assert.equal('numErrors' in partial ? partial.numErrors : 0, 1);
  const read = await client.crm.properties.batchApi.read('companies', {
    inputs: [{ name: 'segment' }, { name: 'name' }],
    archived: false,
  });
  assert.deepEqual(
    read.results.map((property) => property.name),
    ['segment', 'name'],
  );
  await client.crm.properties.batchApi.archive('companies', {
    inputs: [{ name: 'region' }, { name: 'segment' }],
  });
  const left = await client.crm.properties.coreApi.getAll('companies', true);
  assert.deepEqual(
    left.results.map((property) => property.name),
    ['region', 'segment'],
  );
});
