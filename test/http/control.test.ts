// The control API: health, portals, tokens, reset, export and import (an exact round trip), and
// the log of recent requests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const ADMIN_TOKEN = 'admin-token-for-tests';
const admin = { token: ADMIN_TOKEN };
const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

async function strictApp(t: Parameters<typeof buildTestApp>[0]) {
  return buildTestApp(t, {
    auth: 'strict',
    adminToken: ADMIN_TOKEN,
    storeDescription: 'test store',
  });
}

/** Some of everything in a portal: records (one archived), a label, associations, a limit. */
async function populate(app: TestApp, token: string) {
  const [contact, other] = await app.createRecords('contacts', 2, { token });
  const [company] = await app.createRecords('companies', 1, { token });
  const label = await app.request(
    'POST',
    '/crm/associations/v4/contacts/companies/labels',
    { name: 'manager', label: 'Manager', inverseLabel: 'Employer' },
    { token },
  );
  const typeId = label.body.results.find((type: any) => type.label === 'Manager').typeId;
  await app.request(
    'PUT',
    `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
    [{ associationCategory: 'USER_DEFINED', associationTypeId: typeId }],
    { token },
  );
  await app.request(
    'PUT',
    `/crm/v4/objects/contacts/${other}/associations/default/companies/${company}`,
    undefined,
    { token },
  );
  await app.request('DELETE', `/crm/v3/objects/contacts/${other}`, undefined, { token });
  await app.request(
    'POST',
    '/crm/associations/v4/definitions/configurations/contacts/companies/batch/create',
    { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 5 }] },
    { token },
  );
  return { contact: contact!, company: company! };
}

test('health names the version and the store', async (t) => {
  const app = await strictApp(t);
  const response = await app.request('GET', '/_emulator/health', undefined, admin);
  assert.equal(response.status, 200);
  assert.deepEqual(response.body, { status: 'ok', version, store: 'test store' });
});

test('health answers without the admin token, with liveness only', async (t) => {
  const app = await strictApp(t);
  for (const options of [{}, { token: 'not-the-admin-token' }]) {
    const response = await app.request('GET', '/_emulator/health', undefined, options);
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(response.body, { status: 'ok' });
    assert.ok(!response.text.includes('test store'), 'the store is not named to strangers');
  }
  const portals = await app.request('GET', '/_emulator/portals');
  assert.equal(portals.status, 401, 'the rest of the control API still needs the admin token');
  const log = await app.request('GET', '/_emulator/requests', undefined, admin);
  assert.deepEqual(log.body.results, [], 'health polls are not logged');
});

test('whoami names the portal a token acts on, needs a portal credential, and is logged', async (t) => {
  const app = await strictApp(t);
  await app.request('POST', '/_emulator/portals', { portalId: 42 }, admin);
  const { token } = await app.core.tokens.create(42, { scopes: [] });
  const answer = await app.request('GET', '/_emulator/whoami', undefined, { token });
  assert.equal(answer.status, 200, answer.text);
  assert.deepEqual(answer.body, { portalId: 42 });
  const stranger = await app.request('GET', '/_emulator/whoami', undefined, { token: 'nope' });
  assert.equal(stranger.status, 401);
  const log = await app.request('GET', '/_emulator/requests', undefined, admin);
  assert.deepEqual(
    log.body.results.map((entry: any) => [entry.path, entry.status, entry.portalId]),
    [
      ['/_emulator/whoami', 401, null],
      ['/_emulator/whoami', 200, 42],
    ],
  );
});

test('portals are created, listed, read and deleted', async (t) => {
  const app = await strictApp(t);
  const created = await app.request(
    'POST',
    '/_emulator/portals',
    { portalId: 42, name: 'Acme' },
    admin,
  );
  assert.equal(created.status, 201, created.text);
  assert.deepEqual(Object.keys(created.body), ['portalId', 'name', 'createdAt']);
  assert.equal(created.body.name, 'Acme');
  const next = await app.request('POST', '/_emulator/portals', {}, admin);
  assert.equal(next.status, 201);
  assert.equal(next.body.portalId, 43);
  assert.equal(next.body.name, 'portal 43');
  const again = await app.request('POST', '/_emulator/portals', { portalId: 42 }, admin);
  assert.equal(again.status, 409);
  assert.equal(again.body.status, 'error');
  const list = await app.request('GET', '/_emulator/portals', undefined, admin);
  assert.deepEqual(
    list.body.results.map((portal: any) => portal.portalId),
    [1, 42, 43],
  );
  assert.equal(
    (await app.request('GET', '/_emulator/portals/42', undefined, admin)).body.name,
    'Acme',
  );
  assert.equal(
    (await app.request('DELETE', '/_emulator/portals/42', undefined, admin)).status,
    204,
  );
  const gone = await app.request('GET', '/_emulator/portals/42', undefined, admin);
  assert.equal(gone.status, 404);
  assert.equal(gone.body.status, 'error');
});

test('a token is shown once; lists show its hash; it acts on its portal with its scopes', async (t) => {
  const app = await strictApp(t);
  await app.request('POST', '/_emulator/portals', { portalId: 5 }, admin);
  const created = await app.request(
    'POST',
    '/_emulator/portals/5/tokens',
    { scopes: ['crm.objects.contacts.read'] },
    admin,
  );
  assert.equal(created.status, 201, created.text);
  const { token } = created.body;
  assert.match(token, /^pat-local-/);
  assert.deepEqual(created.body.scopes, ['crm.objects.contacts.read']);
  const listed = await app.request('GET', '/_emulator/portals/5/tokens', undefined, admin);
  assert.equal(listed.body.results.length, 1);
  assert.ok(!listed.text.includes(token), 'the token itself is never listed');
  assert.match(listed.body.results[0].tokenHash, /^[0-9a-f]{64}$/);
  assert.equal(
    (await app.request('GET', '/crm/v3/objects/contacts', undefined, { token })).status,
    200,
  );
  assert.equal(
    (await app.request('GET', '/crm/v3/objects/deals', undefined, { token })).status,
    403,
  );
  const unknown = await app.request(
    'DELETE',
    '/_emulator/tokens',
    { token: 'pat-never-made' },
    admin,
  );
  assert.equal(unknown.status, 404);
  const missing = await app.request('POST', '/_emulator/portals/77/tokens', {}, admin);
  assert.equal(missing.status, 404);
});

test("reset empties a portal's data and keeps its tokens; reset-all empties every portal", async (t) => {
  const app = await strictApp(t);
  const { token } = await app.core.tokens.create(1, {
    scopes: ['crm.objects.contacts.write', 'crm.objects.companies.write'],
  });
  await populate(app, token);
  assert.equal(
    (await app.request('POST', '/_emulator/portals/1/reset', undefined, admin)).status,
    204,
  );
  const contacts = await app.request('GET', '/crm/v3/objects/contacts', undefined, { token });
  assert.equal(contacts.status, 200, 'the token still works');
  assert.deepEqual(contacts.body.results, []);
  // Sequences restart: the next record gets the first id again.
  const [first] = await app.createRecords('contacts', 1, { token });
  assert.equal(first, '10000000001');
  assert.equal((await app.request('POST', '/_emulator/reset-all', undefined, admin)).status, 204);
  assert.deepEqual(
    (await app.request('GET', '/crm/v3/objects/contacts', undefined, { token })).body.results,
    [],
  );
});

test('reset and reset-all take a JSON content type with an empty body', async (t) => {
  const app = await strictApp(t);
  const { token } = await app.core.tokens.create(1, {
    scopes: ['crm.objects.contacts.write', 'crm.objects.companies.write'],
  });
  const json = { ...admin, headers: { 'content-type': 'application/json' } };
  for (const path of ['/_emulator/portals/1/reset', '/_emulator/reset-all']) {
    await populate(app, token);
    for (const payload of ['', '  \n']) {
      const response = await app.app.inject({
        method: 'POST',
        url: path,
        headers: { ...json.headers, authorization: `Bearer ${ADMIN_TOKEN}` },
        payload,
      });
      assert.equal(response.statusCode, 204, `${path} with ${JSON.stringify(payload)}`);
    }
    const contacts = await app.request('GET', '/crm/v3/objects/contacts', undefined, { token });
    assert.deepEqual(contacts.body.results, [], `${path} emptied the portal`);
  }
  const headerOnly = await app.request('POST', '/_emulator/reset-all', undefined, json);
  assert.equal(headerOnly.status, 204, 'the content type and no body at all');
  const hubspot = await app.app.inject({
    method: 'DELETE',
    url: '/crm/v3/objects/contacts/1',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    payload: '',
  });
  assert.equal(hubspot.statusCode, 400, "HubSpot's operations still refuse an empty JSON body");
  const invalid = await app.app.inject({
    method: 'POST',
    url: '/_emulator/reset-all',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    payload: '{',
  });
  assert.equal(invalid.statusCode, 400, 'a body that is there must still be JSON');
});

test('export then import reproduces a portal exactly, in another portal or over changes', async (t) => {
  const app = await strictApp(t);
  const { token } = await app.core.tokens.create(1, {
    scopes: ['crm.objects.contacts.write', 'crm.objects.companies.write'],
  });
  const { contact } = await populate(app, token);
  const exported = await app.request('GET', '/_emulator/portals/1/export', undefined, admin);
  assert.equal(exported.status, 200);
  assert.equal(exported.body.format, 1);
  assert.equal(exported.body.records.length, 3);

  const imported = await app.request('POST', '/_emulator/portals/9/import', exported.body, admin);
  assert.equal(imported.status, 200, imported.text);
  assert.equal(imported.body.records, 3);
  const copy = await app.request('GET', '/_emulator/portals/9/export', undefined, admin);
  assert.deepEqual(copy.body, exported.body);

  // Changes after the export are undone by importing it again.
  await app.request('DELETE', `/crm/v3/objects/contacts/${contact}`, undefined, { token });
  await app.createRecords('deals', 2, {
    token: (await app.core.tokens.create(1, { scopes: ['crm.objects.deals.write'] })).token,
  });
  assert.equal(
    (await app.request('POST', '/_emulator/portals/1/import', exported.body, admin)).status,
    200,
  );
  const restored = await app.request('GET', '/_emulator/portals/1/export', undefined, admin);
  assert.equal(restored.text, exported.text);
});

test('an invalid document is refused with the path of the bad item, and changes nothing', async (t) => {
  const app = await strictApp(t);
  const { token } = await app.core.tokens.create(1, {
    scopes: ['crm.objects.contacts.write', 'crm.objects.companies.write'],
  });
  await populate(app, token);
  const before = await app.request('GET', '/_emulator/portals/1/export', undefined, admin);
  const broken = {
    ...before.body,
    records: [...before.body.records, { objectTypeId: '0-1', id: 'x' }],
  };
  const response = await app.request('POST', '/_emulator/portals/1/import', broken, admin);
  assert.equal(response.status, 400);
  assert.equal(response.body.category, 'VALIDATION_ERROR');
  const after = await app.request('GET', '/_emulator/portals/1/export', undefined, admin);
  assert.equal(after.text, before.text);
});

test('the request log lists the last requests, newest first, with status, timing and bodies', async (t) => {
  const app = await strictApp(t);
  const { token } = await app.core.tokens.create(1, { scopes: ['crm.objects.contacts.write'] });
  const created = await app.request(
    'POST',
    '/crm/v3/objects/contacts',
    { properties: {} },
    { token },
  );
  await app.request('GET', '/crm/v3/objects/contacts?limit=5&hapikey=secret-key', undefined, {
    token,
  });
  await app.request('GET', '/crm/v3/objects/contacts');
  const log = await app.request('GET', '/_emulator/requests?limit=3', undefined, admin);
  assert.equal(log.status, 200);
  const entries = log.body.results;
  assert.deepEqual(
    entries.map((entry: any) => [entry.method, entry.path, entry.status, entry.portalId]),
    [
      ['GET', '/crm/v3/objects/contacts', 401, null],
      ['GET', '/crm/v3/objects/contacts?limit=5&hapikey=REDACTED', 200, 1],
      ['POST', '/crm/v3/objects/contacts', 201, 1],
    ],
  );
  assert.equal(entries[2].correlationId, created.headers['x-hubspot-correlation-id']);
  for (const entry of entries) {
    assert.equal(typeof entry.durationMs, 'number');
    assert.ok(!Number.isNaN(Date.parse(entry.time)));
  }
  assert.ok(!log.text.includes(token), 'no token in the log');
  // With the bodies as sent and answered.
  assert.equal(entries[2].requestBody, '{"properties":{}}');
  assert.equal(JSON.parse(entries[2].responseBody).id, created.body.id);
  assert.equal(entries[1].requestBody, undefined);
  assert.equal(JSON.parse(entries[1].responseBody).results.length, 1);
  assert.equal(JSON.parse(entries[0].responseBody).category, 'INVALID_AUTHENTICATION');
  // A body is kept as the client wrote it, spacing and all.
  const sent = '{\n  "properties": { "email": "spaced@example.com" }\n}';
  await app.app.inject({
    method: 'POST',
    url: '/crm/v3/objects/contacts',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    payload: sent,
  });
  const [spaced] = (await app.request('GET', '/_emulator/requests?limit=1', undefined, admin)).body
    .results;
  assert.equal(spaced.requestBody, sent);
  // Token introspection's bodies hold a token: its entry keeps none.
  await app.request('POST', '/oauth/v2/private-apps/get/access-token-info', { tokenKey: token });
  const [introspection] = (
    await app.request('GET', '/_emulator/requests?limit=1', undefined, admin)
  ).body.results;
  assert.equal(introspection.path, '/oauth/v2/private-apps/get/access-token-info');
  assert.equal(introspection.requestBody, undefined);
  assert.equal(introspection.responseBody, undefined);
  const one = await app.request('GET', '/_emulator/requests?limit=1', undefined, admin);
  assert.equal(one.body.results[0].path, introspection.path, 'control requests are not logged');
  assert.equal(
    (await app.request('GET', '/_emulator/requests?limit=0', undefined, admin)).status,
    400,
  );
});
