// Every failure answers HubSpot's error envelope with a fresh correlation id, and writes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../helpers/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function assertEnvelope(response: { status: number; body: any; headers: any }, status: number) {
  assert.equal(response.status, status);
  assert.equal(response.body.status, 'error');
  assert.equal(typeof response.body.message, 'string');
  assert.match(response.body.correlationId, UUID);
  assert.equal(response.headers['x-hubspot-correlation-id'], response.body.correlationId);
  assert.equal(typeof response.body.category, 'string');
  assert.ok(!('stack' in response.body) && !('statusCode' in response.body), 'no framework fields');
}

test('malformed JSON answers 400 with the line and column, and writes nothing', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.app.inject({
    method: 'POST',
    url: '/crm/v3/objects/contacts',
    headers: { 'content-type': 'application/json' },
    payload: '{\n  "properties": {"email": "a@b.c",}\n}',
  });
  const parsed = { status: response.statusCode, body: response.json(), headers: response.headers };
  assertEnvelope(parsed, 400);
  assert.equal(parsed.body.category, 'VALIDATION_ERROR');
  assert.match(parsed.body.message, /^Invalid input JSON on line 2, column \d+: /);
  const list = await app.request('GET', '/crm/v3/objects/contacts');
  assert.deepEqual(list.body.results, []);
});

test('two errors carry two different correlation ids', async (t) => {
  const app = await buildTestApp(t);
  const first = await app.request('GET', '/crm/v4/objects/widgets/1/associations/contacts');
  const second = await app.request('GET', '/crm/v4/objects/widgets/1/associations/contacts');
  assertEnvelope(first, 400);
  assert.notEqual(first.body.correlationId, second.body.correlationId);
});

test('an unknown object type answers 400 naming it', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.request('POST', '/crm/v4/associations/widgets/companies/batch/read', {
    inputs: [{ id: '1' }],
  });
  assertEnvelope(response, 400);
  assert.equal(response.body.message, 'Unable to infer object type from: widgets');
});

test('a body of the wrong shape answers 400 naming the field, and writes nothing', async (t) => {
  const app = await buildTestApp(t);
  const [contact] = await app.createRecords('contacts', 1);
  const [company] = await app.createRecords('companies', 1);
  const cases: [unknown, RegExp][] = [
    [{ inputs: { from: { id: contact } } }, /inputs must be array/],
    [
      { inputs: [{ from: { id: contact }, to: { id: company } }] },
      /required fields were not set: \[types\]/,
    ],
    [
      {
        inputs: [
          {
            from: { id: contact },
            to: { id: company },
            types: [{ associationCategory: 'HUBSPOT_DEFINED' }],
          },
        ],
      },
      /required fields were not set: \[associationTypeId\]/,
    ],
    [
      {
        inputs: [
          {
            from: { id: contact },
            to: { id: company },
            types: [{ associationCategory: 'NOPE', associationTypeId: 1 }],
          },
        ],
      },
      /associationCategory/,
    ],
    [
      {
        inputs: [
          {
            from: { id: contact },
            to: { id: company },
            types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 'one' }],
          },
        ],
      },
      /associationTypeId must be integer/,
    ],
  ];
  for (const [body, message] of cases) {
    const response = await app.request(
      'POST',
      '/crm/v4/associations/contacts/companies/batch/create',
      body,
    );
    assertEnvelope(response, 400);
    assert.equal(response.body.category, 'VALIDATION_ERROR');
    assert.match(response.body.message, message);
  }
  const list = await app.request(
    'GET',
    `/crm/v4/objects/contacts/${contact}/associations/companies`,
  );
  assert.deepEqual(list.body.results, []);
});

test('PUT labelled without a body says a body was expected', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.request('PUT', '/crm/v4/objects/contacts/1/associations/companies/2');
  assertEnvelope(response, 400);
  assert.equal(
    response.body.message,
    'Invalid JSON input: a request body was expected, but none found',
  );
  const empty = await app.app.inject({
    method: 'PUT',
    url: '/crm/v4/objects/contacts/1/associations/companies/2',
    headers: { 'content-type': 'application/json' },
    payload: '',
  });
  assert.equal(empty.statusCode, 400);
  assert.equal(
    empty.json().message,
    'Invalid JSON input: a request body was expected, but none found',
  );
});

test('PUT labelled with a string instead of an array answers 400', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.request(
    'PUT',
    '/crm/v4/objects/contacts/1/associations/companies/2',
    'Primary',
  );
  assertEnvelope(response, 400);
  assert.match(response.body.message, /must be array/);
});

test('an over-size body answers 413 in the envelope', async (t) => {
  const app = await buildTestApp(t, { bodyLimit: 1024 });
  const response = await app.request('POST', '/crm/v3/objects/contacts', {
    properties: { notes: 'x'.repeat(2000) },
  });
  assertEnvelope(response, 413);
  assert.equal(response.body.category, 'VALIDATION_ERROR');
});

test('a body that is not JSON answers 415 in the envelope', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.app.inject({
    method: 'POST',
    url: '/crm/v3/objects/contacts',
    headers: { 'content-type': 'text/plain' },
    payload: 'hello',
  });
  assertEnvelope(
    { status: response.statusCode, body: response.json(), headers: response.headers },
    415,
  );
});

test('an unknown route answers 404 in the envelope', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.request('GET', '/crm/v9/nothing/here');
  assertEnvelope(response, 404);
  assert.match(response.body.message, /GET \/crm\/v9\/nothing\/here/);
});

test('an unexpected failure answers 500 "internal error" without details', async (t) => {
  const app = await buildTestApp(t);
  await app.store.close();
  const response = await app.request('GET', '/crm/v3/objects/contacts');
  assertEnvelope(response, 500);
  assert.equal(response.body.message, 'internal error');
  assert.ok(!response.text.includes('at '), 'no stack trace');
});
