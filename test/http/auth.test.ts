// Authentication: open mode takes any token (or none), strict mode only known ones; 401s in
// HubSpot's shape; tokens map to their portal; the control API answers to the admin token.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCore } from '../../src/core/create-core.js';
import { ALL_SCOPES } from '../../src/core/scopes.js';
import { buildApp } from '../../src/http/build-app.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestStore } from '../helpers/test-store.js';

const ADMIN_TOKEN = 'admin-token-for-tests';
const UNAUTHENTICATED_MESSAGE =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

async function contactNames(app: TestApp, token?: string): Promise<string[]> {
  const response = await app.request('GET', '/crm/v3/objects/contacts?properties=name', undefined, {
    ...(token ? { token } : {}),
  });
  assert.equal(response.status, 200, response.text);
  return response.body.results.map((record: any) => record.properties.name);
}

async function createContact(app: TestApp, name: string, token?: string) {
  return app.request(
    'POST',
    '/crm/v3/objects/contacts',
    { properties: { name } },
    {
      ...(token ? { token } : {}),
    },
  );
}

describe('open mode', () => {
  test('requests without a token, or with an unknown one, act on the default portal', async (t) => {
    const app = await buildTestApp(t);
    assert.equal((await createContact(app, 'no token')).status, 201);
    assert.equal((await createContact(app, 'unknown token', 'pat-nobody-knows')).status, 201);
    assert.deepEqual(await contactNames(app), ['no token', 'unknown token']);
    assert.deepEqual(await contactNames(app, 'another-unknown'), ['no token', 'unknown token']);
  });

  test('a known token acts on its own portal, whatever its scopes', async (t) => {
    const app = await buildTestApp(t);
    await app.core.portals.create({ portalId: 2 });
    const { token } = await app.core.tokens.create(2, { scopes: [] });
    assert.equal((await createContact(app, 'in portal 2', token)).status, 201);
    assert.deepEqual(await contactNames(app, token), ['in portal 2']);
    assert.deepEqual(await contactNames(app), []);
  });

  test('the control API needs no token', async (t) => {
    const app = await buildTestApp(t);
    assert.equal((await app.request('GET', '/_emulator/portals')).status, 200);
  });
});

describe('strict mode', () => {
  async function strictApp(t: Parameters<typeof buildTestApp>[0]) {
    return buildTestApp(t, { auth: 'strict', adminToken: ADMIN_TOKEN });
  }

  test("a missing, unknown or malformed token answers 401 in HubSpot's shape, and writes nothing", async (t) => {
    const app = await strictApp(t);
    const attempts = [
      {},
      { token: 'pat-unknown-token' },
      { headers: { authorization: 'Basic dXNlcjpwYXNz' } },
      { headers: { authorization: 'Bearer' } },
    ];
    for (const options of attempts) {
      const response = await app.request(
        'POST',
        '/crm/v3/objects/contacts',
        { properties: {} },
        options,
      );
      assert.equal(response.status, 401);
      assert.deepEqual(response.body, {
        status: 'error',
        message: UNAUTHENTICATED_MESSAGE,
        correlationId: response.headers['x-hubspot-correlation-id'],
        category: 'INVALID_AUTHENTICATION',
      });
    }
    // Unknown paths too: authentication comes before routing's answer.
    assert.equal((await app.request('GET', '/crm/v3/nothing-here')).status, 401);
    const { token } = await app.core.tokens.create(1, { scopes: ALL_SCOPES });
    assert.deepEqual(await contactNames(app, token), []);
  });

  test('a known token is accepted; the token scheme is case-insensitive', async (t) => {
    const app = await strictApp(t);
    const { token } = await app.core.tokens.create(1, { scopes: ALL_SCOPES });
    assert.equal((await createContact(app, 'ada', token)).status, 201);
    const lower = await app.request('GET', '/crm/v3/objects/contacts', undefined, {
      headers: { authorization: `bearer ${token}` },
    });
    assert.equal(lower.status, 200);
  });

  test('tokens made or deleted through the control API apply at once in this process', async (t) => {
    const app = await strictApp(t);
    const admin = { token: ADMIN_TOKEN };
    const unknown = 'pat-made-later-0001';
    assert.equal(
      (await app.request('GET', '/crm/v3/objects/contacts', undefined, { token: unknown })).status,
      401,
    );
    const created = await app.request(
      'POST',
      '/_emulator/portals/1/tokens',
      { token: unknown },
      admin,
    );
    assert.equal(created.status, 201, created.text);
    assert.equal(
      (await app.request('GET', '/crm/v3/objects/contacts', undefined, { token: unknown })).status,
      200,
    );
    const deleted = await app.request('DELETE', '/_emulator/tokens', { token: unknown }, admin);
    assert.equal(deleted.status, 204, deleted.text);
    assert.equal(
      (await app.request('GET', '/crm/v3/objects/contacts', undefined, { token: unknown })).status,
      401,
    );
  });

  test('the control API answers to the admin token only', async (t) => {
    const app = await strictApp(t);
    const { token } = await app.core.tokens.create(1, { scopes: ALL_SCOPES });
    for (const options of [{}, { token }, { token: `${ADMIN_TOKEN}x` }]) {
      const response = await app.request('GET', '/_emulator/portals', undefined, options);
      assert.equal(response.status, 401);
      assert.equal(response.body.category, 'INVALID_AUTHENTICATION');
    }
    assert.equal(
      (await app.request('GET', '/_emulator/portals', undefined, { token: ADMIN_TOKEN })).status,
      200,
    );
    // The admin token is not a portal's token.
    assert.equal(
      (await app.request('GET', '/crm/v3/objects/contacts', undefined, { token: ADMIN_TOKEN }))
        .status,
      401,
    );
  });

  test('strict mode without an admin token refuses to start', async (t) => {
    const { store, dispose } = await createTestStore();
    t.after(dispose);
    assert.throws(
      () => buildApp({ core: createCore({ store }), auth: 'strict' }),
      /strict mode needs an admin token/,
    );
  });
});
