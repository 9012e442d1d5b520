// The official Node SDK's webhooks methods (settings and subscriptions) with a developer API key,
// against a listening server; every answer is checked against its route's declared schema.
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as its model classes but serializes them field by field; integrations pass literals. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@hubspot/api-client';
import { serveForConformance } from '../helpers/sdk-conformance.js';

const APP_ID = 777;
const KEY = 'developer-key-of-777';
let client: Client;
const { raw } = serveForConformance((basePath) => {
  client = new Client({ developerApiKey: KEY, basePath });
});

test('settings are configured and read back through the SDK', async () => {
  assert.equal(
    (await raw('PUT', `/_emulator/apps/${APP_ID}`, { clientSecret: 's', developerApiKey: KEY }))
      .status,
    200,
  );
  const configured = await client.webhooks.settingsApi.configure(APP_ID, {
    targetUrl: 'https://receiver.test/hooks',
    throttling: { maxConcurrentRequests: 7 },
  });
  assert.equal(configured.targetUrl, 'https://receiver.test/hooks');
  assert.ok(configured.createdAt instanceof Date);
  const read = await client.webhooks.settingsApi.getAll(APP_ID);
  assert.equal(read.throttling.maxConcurrentRequests, 7);
  await client.webhooks.settingsApi.clear(APP_ID);
  await assert.rejects(client.webhooks.settingsApi.getAll(APP_ID), { code: 404 });
});

test('subscriptions are created, listed, updated one by one and in a batch, and archived', async () => {
  await raw('PUT', `/_emulator/apps/${APP_ID}`, { clientSecret: 's', developerApiKey: KEY });
  const api = client.webhooks.subscriptionsApi;
  const created = await api.create(APP_ID, {
    eventType: 'contact.associationChange' as never,
    active: true,
  });
  const property = await api.create(APP_ID, {
    eventType: 'company.propertyChange' as never,
    propertyName: 'name',
    active: true,
  });
  assert.equal(created.active, true);
  const listed = await api.getAll(APP_ID);
  assert.deepEqual(
    listed.results.map((subscription) => subscription.id),
    [created.id, property.id],
  );
  const updated = await api.update(Number(created.id), APP_ID, { active: false });
  assert.equal(updated.active, false);
  const batch = await api.updateBatch(APP_ID, {
    inputs: [{ id: Number(property.id), active: false }],
  });
  assert.deepEqual(
    batch.results.map((subscription) => [subscription.id, subscription.active]),
    [[property.id, false]],
  );
  assert.equal((await api.getById(Number(property.id), APP_ID)).propertyName, 'name');
  await api.archive(Number(created.id), APP_ID);
  assert.deepEqual(
    (await api.getAll(APP_ID)).results.map((subscription) => subscription.id),
    [property.id],
  );
});
