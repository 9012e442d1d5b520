// Merge, batch upsert and GDPR delete through the official Node SDK: each call accepts the
// server's status and shape, and the result reads back through the SDK's other APIs.
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as its model classes but serializes them field by field; integrations pass literals. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@hubspot/api-client';
import { AssociationSpecAssociationCategoryEnum as Category } from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import { ApiException } from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import { CONFORMANCE_TOKEN, serveForConformance } from '../helpers/sdk-conformance.js';

let client: Client;
serveForConformance((basePath) => {
  client = new Client({ accessToken: CONFORMANCE_TOKEN, basePath });
});

/** The SDK types `toObjectId` as a string; HubSpot, and this server, send a JSON number. */
function wireId(id: string | number): string {
  return String(id);
}

async function create(objectType: 'contacts' | 'companies', properties: Record<string, string>) {
  return (await client.crm[objectType].basicApi.create({ properties, associations: [] })).id;
}

test('contacts merge: a new record with both records associations, found by either old id', async () => {
  const first = await create('contacts', { email: 'first@example.com', firstname: 'First' });
  const second = await create('contacts', { email: 'second@example.com', lastname: 'Second' });
  const company = await create('companies', { name: 'Acme' });
  await client.crm.associations.v4.basicApi.create('contacts', second, 'companies', company, [
    { associationCategory: Category.HubspotDefined, associationTypeId: 279 },
  ]);
  const merged = await client.crm.contacts.basicApi.merge({
    primaryObjectId: first,
    objectIdToMerge: second,
  });
  assert.ok(merged.id !== first && merged.id !== second);
  assert.equal(merged.properties['firstname'], 'First');
  assert.equal(merged.properties['lastname'], 'Second');
  const byOldId = await client.crm.contacts.basicApi.getById(second);
  assert.equal(byOldId.id, merged.id);
  const page = await client.crm.associations.v4.basicApi.getPage('companies', company, 'contacts');
  assert.deepEqual(
    page.results.map((target) => wireId(target.toObjectId)),
    [merged.id],
  );
});

test('companies merge: the primary values win, the other fills the gaps', async () => {
  const first = await create('companies', { name: 'One' });
  const second = await create('companies', { domain: 'two.example' });
  const merged = await client.crm.companies.basicApi.merge({
    primaryObjectId: first,
    objectIdToMerge: second,
  });
  assert.equal(merged.properties['name'], 'One');
  assert.equal(merged.properties['domain'], 'two.example');
});

test('contacts batch upsert by email: one updated, one created', async () => {
  const existing = await create('contacts', { email: 'known@example.com' });
  const response = await client.crm.contacts.batchApi.upsert({
    inputs: [
      { id: 'known@example.com', idProperty: 'email', properties: { firstname: 'Known' } },
      { id: 'new@example.com', idProperty: 'email', properties: { firstname: 'New' } },
    ],
  });
  assert.deepEqual(
    response.results.map((result) => [
      result.id === existing,
      result._new,
      result.properties['email'],
    ]),
    [
      [true, false, 'known@example.com'],
      [false, true, 'new@example.com'],
    ],
  );
});

test('contacts GDPR delete purges the record; a later read answers 404', async () => {
  const id = await create('contacts', { email: 'gone@example.com' });
  await client.crm.contacts.basicApi.purge({ objectId: 'gone@example.com', idProperty: 'email' });
  await assert.rejects(
    client.crm.contacts.basicApi.getById(id),
    (error) => error instanceof ApiException && error.code === 404,
  );
});
