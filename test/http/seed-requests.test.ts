// The example requests of HubSpot's reference pages the project started from, sent as documented
// (placeholders replaced by existing records and a valid type id), answer the documented shapes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../helpers/test-app.js';

function assertBatchEnvelope(body: any): void {
  assert.equal(body.status, 'COMPLETE');
  assert.ok(Array.isArray(body.results));
  for (const field of ['startedAt', 'completedAt']) {
    assert.match(body[field], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  }
}

test('v3 batch create with "type": "contact_to_company"', async (t) => {
  const app = await buildTestApp(t);
  const [contact] = await app.createRecords('contacts', 1);
  const [company] = await app.createRecords('companies', 1);
  const response = await app.request(
    'POST',
    '/crm/v3/associations/contacts/companies/batch/create',
    {
      inputs: [{ from: { id: contact }, to: { id: company }, type: 'contact_to_company' }],
    },
  );
  assert.equal(response.status, 201);
  assertBatchEnvelope(response.body);
  assert.deepEqual(response.body.results[0], {
    from: { id: contact },
    to: { id: company },
    type: 'contact_to_company',
  });
});

test('v4 batch associate default', async (t) => {
  const app = await buildTestApp(t);
  const [contact] = await app.createRecords('contacts', 1);
  const [company] = await app.createRecords('companies', 1);
  const response = await app.request(
    'POST',
    '/crm/v4/associations/contacts/companies/batch/associate/default',
    { inputs: [{ from: { id: contact }, to: { id: company } }] },
  );
  assert.equal(response.status, 200);
  assertBatchEnvelope(response.body);
  assert.deepEqual(response.body.results, [
    {
      from: { id: contact },
      to: { id: company },
      associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
    },
    {
      from: { id: company },
      to: { id: contact },
      associationSpec: { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 },
    },
  ]);
});

test('2025-09 batch create with types', async (t) => {
  const app = await buildTestApp(t);
  const [contact] = await app.createRecords('contacts', 1);
  const [company] = await app.createRecords('companies', 1);
  const response = await app.request(
    'POST',
    '/crm/associations/2025-09/contacts/companies/batch/create',
    {
      inputs: [
        {
          from: { id: contact },
          to: { id: company },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 }],
        },
      ],
    },
  );
  assert.equal(response.status, 201);
  assertBatchEnvelope(response.body);
  assert.deepEqual(response.body.results, [
    {
      fromObjectTypeId: '0-1',
      fromObjectId: Number(contact),
      toObjectTypeId: '0-2',
      toObjectId: Number(company),
      labels: [],
    },
  ]);
});

test('2026-03 batch read with after', async (t) => {
  const app = await buildTestApp(t);
  const [company] = await app.createRecords('companies', 1);
  // One more contact than a batch read page holds, so the first page hands out a cursor.
  const contacts = await app.createRecords('contacts', 1001);
  const created = await app.request(
    'POST',
    '/crm/associations/2026-03/companies/contacts/batch/associate/default',
    { inputs: contacts.map((contact) => ({ from: { id: company }, to: { id: contact } })) },
  );
  assert.equal(created.status, 200);
  const read = '/crm/associations/2026-03/companies/contacts/batch/read';
  const first = await app.request('POST', read, { inputs: [{ id: company }] });
  assert.equal(first.status, 200);
  const after: string = first.body.results[0].paging.next.after;
  assert.equal(first.body.results[0].to.length, 1000);
  const next = await app.request('POST', read, { inputs: [{ id: company, after }] });
  assert.equal(next.status, 200);
  assertBatchEnvelope(next.body);
  assert.deepEqual(next.body.results, [
    {
      from: { id: company },
      to: [
        {
          toObjectId: Number(contacts.at(-1)),
          associationTypes: [
            {
              category: 'HUBSPOT_DEFINED',
              typeId: 280,
              label: null,
              fromObjectTypeId: '0-2',
              toObjectTypeId: '0-1',
            },
          ],
        },
      ],
    },
  ]);
});

test('association-limit batch create', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.request(
    'POST',
    '/crm/associations/v4/definitions/configurations/deals/contacts/batch/create',
    { inputs: [{ category: 'HUBSPOT_DEFINED', maxToObjectIds: 5, typeId: 3 }] },
  );
  assert.equal(response.status, 201);
  assertBatchEnvelope(response.body);
  assert.deepEqual(response.body.results, [
    { category: 'HUBSPOT_DEFINED', typeId: 3, label: null, userEnforcedMaxToObjectIds: 5 },
  ]);
});
