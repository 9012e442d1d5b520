// Token introspection: the portal (hub) and scopes a token acts with, in HubSpot's two shapes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_SCOPES } from '../../src/core/scopes.js';
import { buildTestApp } from '../helpers/test-app.js';

const PRIVATE_APP_INFO = '/oauth/v2/private-apps/get/access-token-info';
const ADMIN_TOKEN = 'admin-token-introspection';

test("a known token's portal and scopes, without any other credential", async (t) => {
  const app = await buildTestApp(t, { auth: 'strict', adminToken: ADMIN_TOKEN });
  await app.core.portals.create({ portalId: 7, name: 'seven' });
  const scopes = ['crm.objects.contacts.read', 'tickets'];
  const { token } = await app.core.tokens.create(7, { scopes });
  const info = await app.request('POST', PRIVATE_APP_INFO, { tokenKey: token });
  assert.equal(info.status, 200, info.text);
  assert.equal(info.body.hubId, 7);
  assert.deepEqual(info.body.scopes, scopes);
  assert.ok(Number.isInteger(info.body.userId) && Number.isInteger(info.body.appId));
  const again = await app.request('POST', PRIVATE_APP_INFO, { tokenKey: token });
  assert.deepEqual(again.body, info.body, 'the same token is described the same way');

  // Tokens made without a value are private app tokens (`pat-…`); an OAuth token has its own.
  const oauthToken = 'CKXoauth-access-token-of-portal-seven';
  await app.core.tokens.create(7, { token: oauthToken, scopes });
  const oauth = await app.request('GET', `/oauth/v1/access-tokens/${oauthToken}`);
  assert.equal(oauth.status, 200, oauth.text);
  assert.equal(oauth.body.token, oauthToken);
  assert.equal(oauth.body.hub_id, 7);
  assert.deepEqual(oauth.body.scopes, scopes);
  assert.equal(oauth.body.token_type, 'access');
  assert.equal(oauth.body.signed_access_token.hubId, 7);
  assert.ok(oauth.body.expires_in > 0);
});

test('strict mode refuses an unknown token with 401; open mode describes the default portal', async (t) => {
  const strict = await buildTestApp(t, { auth: 'strict', adminToken: ADMIN_TOKEN });
  const refused = await strict.request('POST', PRIVATE_APP_INFO, { tokenKey: 'pat-na1-unknown' });
  assert.equal(refused.status, 401);
  assert.equal(refused.body.category, 'INVALID_AUTHENTICATION');
  const unknown = await strict.request('GET', '/oauth/v1/access-tokens/unknown-token');
  assert.equal(unknown.status, 401);

  const open = await buildTestApp(t);
  const info = await open.request('POST', PRIVATE_APP_INFO, { tokenKey: 'anything-at-all' });
  assert.equal(info.status, 200);
  assert.equal(info.body.hubId, 1);
  assert.deepEqual(info.body.scopes, [...ALL_SCOPES]);
});

test('a private app token is refused by the OAuth call, and a missing tokenKey answers 400', async (t) => {
  const app = await buildTestApp(t);
  const { token } = await app.core.tokens.create(1, { scopes: ['tickets'] });
  assert.match(token, /^pat-/);
  const pat = await app.request('GET', `/oauth/v1/access-tokens/${token}`);
  assert.equal(pat.status, 400);
  assert.equal(pat.body.message, 'The access token must have the correct format');
  const missing = await app.request('POST', PRIVATE_APP_INFO, {});
  assert.equal(missing.status, 400);
  assert.equal(missing.body.category, 'VALIDATION_ERROR');
});
