// Scopes in strict mode: each operation needs the scopes of the object types it names; a missing
// one answers 403 MISSING_SCOPES with the scopes in the error's context, and changes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const ADMIN_TOKEN = 'admin-token-for-tests';

async function setUp(t: Parameters<typeof buildTestApp>[0]) {
  const app = await buildTestApp(t, { auth: 'strict', adminToken: ADMIN_TOKEN });
  const tokenWith = async (...scopes: string[]) =>
    (await app.core.tokens.create(1, { scopes })).token;
  const everything = await tokenWith(
    'crm.objects.contacts.write',
    'crm.objects.companies.write',
    'crm.objects.deals.write',
  );
  const [contact] = await app.createRecords('contacts', 1, { token: everything });
  const [company] = await app.createRecords('companies', 1, { token: everything });
  return { app, tokenWith, contact: contact!, company: company! };
}

function assertMissingScopes(response: Awaited<ReturnType<TestApp['request']>>, missing: string[]) {
  assert.equal(response.status, 403, response.text);
  assert.deepEqual(response.body, {
    status: 'error',
    message:
      "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
    correlationId: response.headers['x-hubspot-correlation-id'],
    category: 'MISSING_SCOPES',
    context: { missingScopes: missing },
    errors: [
      {
        message: 'One or more of the following scopes are required.',
        context: { requiredGranularScopes: missing },
      },
    ],
    links: { scopes: 'https://developers.hubspot.com/scopes' },
  });
}

test('a read needs a read (or write) scope of both object types', async (t) => {
  const { app, tokenWith, contact } = await setUp(t);
  const path = `/crm/v4/objects/contacts/${contact}/associations/companies`;
  const contactsOnly = await tokenWith('crm.objects.contacts.read');
  assertMissingScopes(await app.request('GET', path, undefined, { token: contactsOnly }), [
    'crm.objects.companies.read',
  ]);
  assertMissingScopes(await app.request('GET', path, undefined, { token: await tokenWith() }), [
    'crm.objects.contacts.read',
    'crm.objects.companies.read',
  ]);
  const readAndWrite = await tokenWith('crm.objects.contacts.read', 'crm.objects.companies.write');
  assert.equal((await app.request('GET', path, undefined, { token: readAndWrite })).status, 200);
});

test('a write needs the write scope of both object types, and a 403 writes nothing', async (t) => {
  const { app, tokenWith, contact, company } = await setUp(t);
  const readOnly = await tokenWith('crm.objects.contacts.read', 'crm.objects.companies.write');
  const body = { inputs: [{ from: { id: contact }, to: { id: company } }] };
  const path = '/crm/v4/associations/contacts/companies/batch/associate/default';
  assertMissingScopes(await app.request('POST', path, body, { token: readOnly }), [
    'crm.objects.contacts.write',
  ]);
  const both = await tokenWith('crm.objects.contacts.write', 'crm.objects.companies.write');
  const list = await app.request(
    'GET',
    `/crm/v4/objects/contacts/${contact}/associations/companies`,
    undefined,
    { token: both },
  );
  assert.deepEqual(list.body.results, []);
  assert.equal((await app.request('POST', path, body, { token: both })).status, 200);
});

test('record reads with ?associations= need the read scope of the types listed', async (t) => {
  const { app, tokenWith, contact } = await setUp(t);
  const token = await tokenWith('crm.objects.contacts.read');
  assert.equal(
    (await app.request('GET', `/crm/v3/objects/contacts/${contact}`, undefined, { token })).status,
    200,
  );
  assertMissingScopes(
    await app.request(
      'GET',
      `/crm/v3/objects/contacts/${contact}?associations=companies,deals`,
      undefined,
      { token },
    ),
    ['crm.objects.companies.read', 'crm.objects.deals.read'],
  );
});

test('tickets need the legacy tickets scope; operations naming no type need only a token', async (t) => {
  const { app, tokenWith } = await setUp(t);
  const token = await tokenWith('crm.objects.contacts.read');
  assertMissingScopes(await app.request('GET', '/crm/v3/objects/tickets', undefined, { token }), [
    'tickets',
  ]);
  const all = await app.request(
    'GET',
    '/crm/associations/v4/definitions/configurations/all',
    undefined,
    { token },
  );
  assert.equal(all.status, 200);
});

test('open mode checks no scopes', async (t) => {
  const app = await buildTestApp(t);
  const { token } = await app.core.tokens.create(1, { scopes: [] });
  assert.equal(
    (await app.request('GET', '/crm/v3/objects/deals', undefined, { token })).status,
    200,
  );
});
