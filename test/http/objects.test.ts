// The CRM objects API: records with HubSpot's system properties, paging, archive, associations.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../helpers/test-app.js';

test('create answers 201 with the properties as strings and the system properties', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.request('POST', '/crm/v3/objects/contacts', {
    properties: { email: 'ada@example.com', age: 36, vip: true, hs_object_id: '1' },
  });
  assert.equal(response.status, 201);
  const { id, properties, createdAt, updatedAt, archived } = response.body;
  assert.match(id, /^\d{11}$/);
  assert.equal(archived, false);
  assert.equal(createdAt, updatedAt);
  assert.deepEqual(properties, {
    email: 'ada@example.com',
    age: '36',
    vip: 'true',
    hs_object_id: id,
    createdate: createdAt,
    lastmodifieddate: updatedAt,
  });
});

test('read returns the named properties, null for unset ones, and 404 for unknown ids', async (t) => {
  const app = await buildTestApp(t);
  const created = await app.request('POST', '/crm/v3/objects/companies', {
    properties: { name: 'Acme', domain: 'acme.test' },
  });
  const read = await app.request(
    'GET',
    `/crm/v3/objects/companies/${created.body.id}?properties=name,phone`,
  );
  assert.equal(read.status, 200);
  assert.equal(read.body.properties.name, 'Acme');
  assert.equal(read.body.properties.phone, null);
  assert.ok(!('domain' in read.body.properties));
  assert.equal(read.body.properties.hs_object_id, created.body.id);
  const all = await app.request('GET', `/crm/v3/objects/companies/${created.body.id}`);
  assert.equal(all.body.properties.domain, 'acme.test');
  const missing = await app.request('GET', '/crm/v3/objects/companies/12345');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.category, 'OBJECT_NOT_FOUND');
});

test('update merges properties and moves lastmodifieddate; an unknown id answers 404', async (t) => {
  const app = await buildTestApp(t);
  const created = await app.request('POST', '/crm/v3/objects/deals', {
    properties: { dealname: 'Big', amount: '10' },
  });
  const updated = await app.request('PATCH', `/crm/v3/objects/deals/${created.body.id}`, {
    properties: { amount: '20' },
  });
  assert.equal(updated.status, 200);
  assert.equal(updated.body.properties.dealname, 'Big');
  assert.equal(updated.body.properties.amount, '20');
  assert.ok(updated.body.updatedAt >= created.body.updatedAt);
  const missing = await app.request('PATCH', '/crm/v3/objects/deals/999', {
    properties: { amount: '1' },
  });
  assert.equal(missing.status, 404);
});

test('list pages in id order with after, and stops without paging on the last page', async (t) => {
  const app = await buildTestApp(t);
  const ids = await app.createRecords('tickets', 5);
  const first = await app.request('GET', '/crm/v3/objects/tickets?limit=3');
  assert.deepEqual(
    first.body.results.map((r: any) => r.id),
    ids.slice(0, 3),
  );
  const second = await app.request(
    'GET',
    `/crm/v3/objects/tickets?limit=3&after=${first.body.paging.next.after}`,
  );
  assert.deepEqual(
    second.body.results.map((r: any) => r.id),
    ids.slice(3),
  );
  assert.equal(second.body.paging, undefined);
});

test('archive answers 204; the record is then only readable with archived=true', async (t) => {
  const app = await buildTestApp(t);
  const [id] = await app.createRecords('contacts', 1);
  assert.equal((await app.request('DELETE', `/crm/v3/objects/contacts/${id}`)).status, 204);
  assert.equal((await app.request('GET', `/crm/v3/objects/contacts/${id}`)).status, 404);
  const archived = await app.request('GET', `/crm/v3/objects/contacts/${id}?archived=true`);
  assert.equal(archived.body.archived, true);
  assert.ok(archived.body.archivedAt);
  const list = await app.request('GET', '/crm/v3/objects/contacts');
  assert.deepEqual(list.body.results, []);
  assert.equal((await app.request('DELETE', `/crm/v3/objects/contacts/${id}`)).status, 204);
});

test('create with associations links the new record, visible from both sides', async (t) => {
  const app = await buildTestApp(t);
  const [company] = await app.createRecords('companies', 1);
  const created = await app.request('POST', '/crm/v3/objects/contacts', {
    properties: { email: 'c@example.com' },
    associations: [
      {
        to: { id: company },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }],
      },
    ],
  });
  assert.equal(created.status, 201);
  const read = await app.request(
    'GET',
    `/crm/v3/objects/contacts/${created.body.id}?associations=companies`,
  );
  // v3 names; a primary company appears once per type, as on HubSpot.
  assert.deepEqual(read.body.associations, {
    companies: {
      results: [
        { id: company, type: 'contact_to_company_unlabeled' },
        { id: company, type: 'contact_to_company' },
      ],
    },
  });
  const back = await app.request(
    'GET',
    `/crm/v4/objects/companies/${company}/associations/contacts`,
  );
  assert.equal(String(back.body.results[0].toObjectId), created.body.id);
});

test('create with an association to a missing record answers 400 and creates nothing', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.request('POST', '/crm/v3/objects/contacts', {
    properties: { email: 'c@example.com' },
    associations: [
      {
        to: { id: '4242' },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
      },
    ],
  });
  assert.equal(response.status, 400);
  assert.deepEqual(response.body.context.INVALID_OBJECT_IDS, ['COMPANY=4242 is not valid']);
  const list = await app.request('GET', '/crm/v3/objects/contacts');
  assert.deepEqual(list.body.results, []);
});

test('archiving a record hides its associations; they are not listed on reads', async (t) => {
  const app = await buildTestApp(t);
  const [company] = await app.createRecords('companies', 1);
  const [contact] = await app.createRecords('contacts', 1);
  await app.request(
    'PUT',
    `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`,
  );
  await app.request('DELETE', `/crm/v3/objects/contacts/${contact}`);
  const read = await app.request(
    'GET',
    `/crm/v3/objects/companies/${company}?associations=contacts`,
  );
  assert.equal(read.body.associations, undefined);
});

test('batch create answers 201 in input order; batch read reports missing ids with 207', async (t) => {
  const app = await buildTestApp(t);
  const created = await app.request('POST', '/crm/v3/objects/contacts/batch/create', {
    inputs: [
      { properties: { email: 'one@example.com' } },
      { properties: { email: 'two@example.com' } },
    ],
  });
  assert.equal(created.status, 201);
  assert.deepEqual(
    created.body.results.map((r: any) => r.properties.email),
    ['one@example.com', 'two@example.com'],
  );
  const ids = created.body.results.map((r: any) => r.id);
  const read = await app.request('POST', '/crm/v3/objects/contacts/batch/read', {
    inputs: [{ id: ids[1] }, { id: '31337' }],
    properties: ['email'],
  });
  assert.equal(read.status, 207);
  assert.deepEqual(
    read.body.results.map((r: any) => r.properties.email),
    ['two@example.com'],
  );
  assert.equal(read.body.numErrors, 1);
  assert.equal(read.body.errors[0].category, 'OBJECT_NOT_FOUND');
  assert.deepEqual(read.body.errors[0].context, { ids: ['31337'] });
  const full = await app.request('POST', '/crm/v3/objects/contacts/batch/read', {
    inputs: ids.map((id: string) => ({ id })),
  });
  assert.equal(full.status, 200);
});

test('batch archive answers 204; more than 100 inputs are refused', async (t) => {
  const app = await buildTestApp(t);
  const ids = await app.createRecords('contacts', 2);
  const archived = await app.request('POST', '/crm/v3/objects/contacts/batch/archive', {
    inputs: ids.map((id) => ({ id })),
  });
  assert.equal(archived.status, 204);
  assert.deepEqual((await app.request('GET', '/crm/v3/objects/contacts')).body.results, []);
  const tooMany = await app.request('POST', '/crm/v3/objects/contacts/batch/create', {
    inputs: Array.from({ length: 101 }, () => ({ properties: {} })),
  });
  assert.equal(tooMany.status, 400);
  assert.equal(tooMany.body.category, 'VALIDATION_ERROR');
  assert.deepEqual((await app.request('GET', '/crm/v3/objects/contacts')).body.results, []);
});

test('a fixed clock and fixed correlation ids make answers reproducible', async (t) => {
  const fixed = new Date('2030-01-01T00:00:00.000Z');
  const app = await buildTestApp(t, {
    clock: { now: () => fixed },
    correlationIds: () => 'fixed-id',
  });
  const created = await app.request('POST', '/crm/v3/objects/contacts', { properties: {} });
  assert.equal(created.body.createdAt, '2030-01-01T00:00:00.000Z');
  assert.equal(created.body.properties.createdate, '2030-01-01T00:00:00.000Z');
  assert.equal(created.body.id, '10000000001');
  const failed = await app.request('GET', '/crm/v3/objects/contacts/1');
  assert.equal(failed.body.correlationId, 'fixed-id');
  assert.equal(failed.headers['x-hubspot-correlation-id'], 'fixed-id');
});
