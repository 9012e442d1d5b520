// HubSpot's webhooks API (an app's settings and subscriptions) in both spellings, with apps made
// through the control API, and the developer API key as the credential in strict mode.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const ADMIN = { token: 'admin-token-for-tests' };
const APP_ID = 4321;
const KEY = 'developer-key-of-4321';

async function appWithApp(t: Parameters<typeof buildTestApp>[0], strict = false): Promise<TestApp> {
  const app = await buildTestApp(
    t,
    strict ? { auth: 'strict', adminToken: ADMIN.token } : { adminToken: ADMIN.token },
  );
  const created = await app.request(
    'PUT',
    `/_emulator/apps/${APP_ID}`,
    { clientSecret: 'secret-of-4321', developerApiKey: KEY },
    ADMIN,
  );
  assert.equal(created.status, 200, created.text);
  assert.deepEqual(
    { ...created.body, createdAt: typeof created.body.createdAt },
    { appId: APP_ID, hasDeveloperApiKey: true, targetUrl: null, createdAt: 'string' },
  );
  return app;
}

for (const prefix of ['/webhooks/v3', '/webhooks/2026-03']) {
  test(`${prefix}: settings are set, read back, and cleared`, async (t) => {
    const app = await appWithApp(t);
    const settings = `${prefix}/${APP_ID}/settings`;
    assert.equal((await app.request('GET', settings)).status, 404, 'none before they are set');
    const body = {
      targetUrl: 'https://receiver.test/hooks',
      throttling: { maxConcurrentRequests: 10, period: 'SECONDLY' },
    };
    const put = await app.request('PUT', settings, body);
    assert.equal(put.status, 200, put.text);
    assert.deepEqual(put.body.throttling, body.throttling);
    assert.equal(put.body.targetUrl, body.targetUrl);
    const read = await app.request('GET', settings);
    assert.deepEqual(read.body, put.body);
    const listed = await app.request('GET', '/_emulator/apps', undefined, ADMIN);
    assert.equal(listed.body.results[0].targetUrl, body.targetUrl);
    assert.equal((await app.request('DELETE', settings)).status, 204);
    assert.equal((await app.request('GET', settings)).status, 404);
  });

  test(`${prefix}: subscriptions are created, listed, turned off one by one and in a batch, deleted`, async (t) => {
    const app = await appWithApp(t);
    const base = `${prefix}/${APP_ID}/subscriptions`;
    const create = (body: object) => app.request('POST', base, { active: true, ...body });
    const contacts = await create({ eventType: 'contact.associationChange' });
    assert.equal(contacts.status, 201, contacts.text);
    assert.deepEqual(
      { ...contacts.body, createdAt: typeof contacts.body.createdAt, updatedAt: undefined },
      {
        id: contacts.body.id,
        eventType: 'contact.associationChange',
        active: true,
        createdAt: 'string',
        updatedAt: undefined,
      },
    );
    assert.match(contacts.body.id, /^\d+$/);
    const email = await create({ eventType: 'contact.propertyChange', propertyName: 'email' });
    const notes = await create({ eventType: 'object.associationChange', objectTypeId: '0-46' });
    assert.equal(notes.body.objectTypeId, '0-46');
    assert.equal(email.body.propertyName, 'email');

    const listed = await app.request('GET', base);
    assert.deepEqual(
      listed.body.results.map((s: { id: string }) => s.id),
      [contacts.body.id, email.body.id, notes.body.id],
    );
    const patched = await app.request('PATCH', `${base}/${email.body.id}`, { active: false });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.active, false);

    const batch = await app.request('POST', `${base}/batch/update`, {
      inputs: [
        { id: Number(contacts.body.id), active: false },
        { id: 999_999, active: false },
      ],
    });
    assert.equal(batch.status, 207, batch.text);
    assert.deepEqual(
      batch.body.results.map((s: { id: string; active: boolean }) => [s.id, s.active]),
      [[contacts.body.id, false]],
    );
    assert.equal(batch.body.numErrors, 1);
    assert.equal(batch.body.errors[0].category, 'SUBSCRIPTION_ID_NOT_FOUND');
    assert.equal(batch.body.errors[0].message, 'Failed to find subscriptions by id `999999`.');

    assert.equal((await app.request('GET', `${base}/${contacts.body.id}`)).body.active, false);
    assert.equal((await app.request('DELETE', `${base}/${notes.body.id}`)).status, 204);
    const gone = await app.request('GET', `${base}/${notes.body.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.category, 'OBJECT_NOT_FOUND');
    const again = await create({ eventType: 'deal.creation' });
    assert.ok(
      Number(again.body.id) > Number(notes.body.id),
      "a deleted subscription's id is not reused",
    );
  });
}

test('2026-03 requires active on create; v3 defaults it to true', async (t) => {
  const app = await appWithApp(t);
  const dated = await app.request('POST', `/webhooks/2026-03/${APP_ID}/subscriptions`, {
    eventType: 'contact.creation',
  });
  assert.equal(dated.status, 400);
  assert.equal(dated.body.category, 'VALIDATION_ERROR');
  const v3 = await app.request('POST', `/webhooks/v3/${APP_ID}/subscriptions`, {
    eventType: 'contact.creation',
  });
  assert.equal(v3.status, 201);
  assert.equal(v3.body.active, true);
});

test('bad subscriptions and settings are refused in the envelope and change nothing', async (t) => {
  const app = await appWithApp(t);
  const base = `/webhooks/v3/${APP_ID}`;
  const refusals = [
    await app.request('POST', `${base}/subscriptions`, { eventType: 'contact.dance' }),
    await app.request('POST', `${base}/subscriptions`, { eventType: 'contact.propertyChange' }),
    await app.request('POST', `${base}/subscriptions`, {
      eventType: 'contact.creation',
      propertyName: 'email',
    }),
    await app.request('POST', `${base}/subscriptions`, { eventType: 'object.creation' }),
    await app.request('POST', `${base}/subscriptions`, {
      eventType: 'deal.creation',
      objectTypeId: '0-3',
    }),
    await app.request('PUT', `${base}/settings`, {
      targetUrl: 'ftp://receiver.test',
      throttling: { maxConcurrentRequests: 10 },
    }),
    await app.request('PUT', `${base}/settings`, {
      targetUrl: 'https://receiver.test',
      throttling: { maxConcurrentRequests: 4 },
    }),
  ];
  for (const refusal of refusals) {
    assert.equal(refusal.status, 400, refusal.text);
    assert.equal(refusal.body.status, 'error');
    assert.equal(refusal.body.category, 'VALIDATION_ERROR');
    assert.equal(typeof refusal.body.correlationId, 'string');
  }
  assert.deepEqual((await app.request('GET', `${base}/subscriptions`)).body.results, []);
  assert.equal((await app.request('GET', `${base}/settings`)).status, 404);
  const unknownApp = await app.request('GET', '/webhooks/v3/99/subscriptions');
  assert.equal(unknownApp.status, 404);
  assert.equal(unknownApp.body.category, 'OBJECT_NOT_FOUND');
});

test('an app may have 1,000 subscriptions and no more', async (t) => {
  const app = await appWithApp(t);
  for (let index = 0; index < 1000; index++) {
    await app.core.webhooks.createSubscription(APP_ID, { eventType: 'contact.creation' });
  }
  const over = await app.request('POST', `/webhooks/v3/${APP_ID}/subscriptions`, {
    eventType: 'contact.creation',
  });
  assert.equal(over.status, 400);
  assert.match(over.body.message, /at most 1000 subscriptions/);
});

test('strict mode: the app developer key or the admin token manage its webhooks; nothing else does', async (t) => {
  const app = await appWithApp(t, true);
  const url = `/webhooks/v3/${APP_ID}/subscriptions`;
  assert.equal((await app.request('GET', `${url}?hapikey=${KEY}`)).status, 200);
  assert.equal((await app.request('GET', url, undefined, ADMIN)).status, 200);
  const wrongKey = await app.request('GET', `${url}?hapikey=not-the-key`);
  assert.equal(wrongKey.status, 401);
  assert.equal(wrongKey.body.category, 'INVALID_AUTHENTICATION');
  assert.match(wrongKey.body.message, /API key provided is invalid/);
  assert.equal((await app.request('GET', url)).status, 401);
  const otherApp = await app.request('PUT', '/_emulator/apps/5', { clientSecret: 's' }, ADMIN);
  assert.equal(otherApp.status, 200);
  assert.equal(
    (await app.request('GET', `/webhooks/v3/5/subscriptions?hapikey=${KEY}`)).status,
    401,
    "one app's key does not manage another's webhooks",
  );
  assert.equal(
    (await app.request('GET', '/_emulator/apps', undefined, { token: KEY })).status,
    401,
  );
});

test('deleting an app through the control API deletes its settings and subscriptions', async (t) => {
  const app = await appWithApp(t);
  await app.request('POST', `/webhooks/v3/${APP_ID}/subscriptions`, { eventType: 'deal.creation' });
  assert.equal(
    (await app.request('DELETE', `/_emulator/apps/${APP_ID}`, undefined, ADMIN)).status,
    204,
  );
  assert.equal((await app.request('GET', `/webhooks/v3/${APP_ID}/subscriptions`)).status, 404);
  assert.equal(
    (await app.request('DELETE', `/_emulator/apps/${APP_ID}`, undefined, ADMIN)).status,
    404,
  );
  await app.request('PUT', `/_emulator/apps/${APP_ID}`, { clientSecret: 'again' }, ADMIN);
  assert.deepEqual(
    (await app.request('GET', `/webhooks/v3/${APP_ID}/subscriptions`)).body.results,
    [],
  );
});
