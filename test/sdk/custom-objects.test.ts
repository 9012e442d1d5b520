// Custom objects through the official Node SDK: its schemas API (crm.schemas.coreApi) and its
// generic objects API with a custom objectType, associated through its v4 associations API.
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as its model classes but serializes them field by field; integrations pass literals. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@hubspot/api-client';
import { AssociationSpecAssociationCategoryEnum as Category } from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import type { ApiException } from '@hubspot/api-client/lib/codegen/crm/schemas/index.js';
import { CONFORMANCE_TOKEN, serveForConformance } from '../helpers/sdk-conformance.js';

let client: Client;
serveForConformance((basePath) => {
  client = new Client({ accessToken: CONFORMANCE_TOKEN, basePath });
});

/** The SDK types `toObjectId` as a string; HubSpot, and this server, send a JSON number. */
function wireId(id: string | number): string {
  return String(id);
}

async function rejection(call: Promise<unknown>): Promise<ApiException<unknown>> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof Error);
    return error as ApiException<unknown>;
  }
  assert.fail('the call succeeded');
}

test('a schema created, read, updated and deleted through coreApi; records through basicApi', async () => {
  const schemas = client.crm.schemas.coreApi;
  const created = await schemas.create({
    name: 'pets',
    labels: { singular: 'Pet', plural: 'Pets' },
    primaryDisplayProperty: 'pet_name',
    requiredProperties: ['pet_name'],
    properties: [{ name: 'pet_name', label: 'Name', type: 'string', fieldType: 'text' }],
    associatedObjects: ['CONTACT'],
  } as never);
  assert.match(created.objectTypeId ?? '', /^2-\d+$/);
  // The associated object, then the activity types HubSpot associates every custom type with.
  assert.deepEqual(
    created.associations.map((association) => association.toObjectTypeId),
    ['0-1', '0-46', '0-27', '0-48', '0-49', '0-47', '0-18'],
  );
  const objectType = created.objectTypeId!;
  const listed = await schemas.getAll();
  assert.deepEqual(
    listed.results.map((schema) => schema.name),
    ['pets'],
  );
  assert.equal((await schemas.getById(created.fullyQualifiedName!)).id, created.id);
  const updated = await schemas.update(objectType, { labels: { singular: 'Animal' } });
  assert.equal(updated.labels.singular, 'Animal');

  const objects = client.crm.objects;
  const pet = await objects.basicApi.create(objectType, {
    properties: { pet_name: 'Rex' },
    associations: [],
  });
  assert.equal(
    (await objects.basicApi.getById('pets', pet.id, ['pet_name'])).properties['pet_name'],
    'Rex',
  );
  const renamed = await objects.basicApi.update(objectType, pet.id, {
    properties: { pet_name: 'Max' },
  });
  assert.equal(renamed.properties['pet_name'], 'Max');
  const refused = await rejection(
    objects.basicApi.create(objectType, { properties: { weight: '3' }, associations: [] }),
  );
  assert.equal(refused.code, 400);

  const [contact] = (
    await client.crm.contacts.batchApi.create({
      inputs: [{ properties: { email: 'o@example.com' }, associations: [] }],
    })
  ).results.map((record) => record.id);
  const definition = created.associations[0]!;
  await client.crm.associations.v4.basicApi.create(objectType, pet.id, 'contacts', contact!, [
    { associationCategory: Category.UserDefined, associationTypeId: Number(definition.id) },
  ]);
  const page = await client.crm.associations.v4.basicApi.getPage('contacts', contact!, objectType);
  assert.deepEqual(
    page.results.map((target) => wireId(target.toObjectId)),
    [pet.id],
  );
  const batch = await objects.batchApi.read(objectType, {
    inputs: [{ id: pet.id }],
    properties: ['pet_name'],
    propertiesWithHistory: [],
  });
  assert.equal(batch.results[0]?.properties['pet_name'], 'Max');

  const blocked = await rejection(schemas.archive(objectType));
  assert.equal(blocked.code, 400);
  await objects.basicApi.archive(objectType, pet.id);
  await schemas.archive(objectType);
  await schemas.archive(objectType, true);
  assert.deepEqual((await schemas.getAll()).results, []);
});

test('association definitions through coreApi: create between custom types, then delete', async () => {
  const schemas = client.crm.schemas.coreApi;
  const egg = (name: string) =>
    ({
      name,
      labels: { singular: name, plural: `${name}s` },
      primaryDisplayProperty: 'title',
      requiredProperties: [],
      properties: [{ name: 'title', label: 'Title', type: 'string', fieldType: 'text' }],
      associatedObjects: [],
    }) as never;
  const shelf = await schemas.create(egg('shelf'));
  const book = await schemas.create(egg('book'));
  const definition = await schemas.createAssociation(shelf.objectTypeId!, {
    fromObjectTypeId: shelf.objectTypeId!,
    toObjectTypeId: book.objectTypeId!,
    name: 'shelf_holds_book',
  });
  assert.equal(definition.name, 'shelf_holds_book');
  const read = await schemas.getById(book.objectTypeId!);
  const custom = (associations: typeof read.associations) =>
    associations.filter((association) => association.toObjectTypeId.startsWith('2-'));
  assert.deepEqual(
    custom(read.associations).map((association) => [
      association.fromObjectTypeId,
      association.toObjectTypeId,
    ]),
    [[book.objectTypeId, shelf.objectTypeId]],
  );
  await schemas.archiveAssociation(shelf.objectTypeId!, definition.id);
  assert.deepEqual(custom((await schemas.getById(shelf.objectTypeId!)).associations), []);
});
