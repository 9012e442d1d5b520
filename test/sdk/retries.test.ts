// HubSpot's official Node SDK, with its retries on, gets through this server's 429s and injected
// 5xx faults: the bodies carry what the SDK keys its retries on.
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as its model classes but serializes them field by field; integrations pass literals. */
import assert from 'node:assert/strict';
import { mock, test, type TestContext } from 'node:test';
import { Client } from '@hubspot/api-client';
import type { Clock } from '../../src/core/ports.js';
import { startServer, type StartServerOptions } from '../../src/server/start-server.js';
import { createTestStore } from '../helpers/test-store.js';

async function serverFor(t: TestContext, options: Partial<StartServerOptions> = {}) {
  const { store, dispose } = await createTestStore();
  const server = await startServer({ ...options, store });
  t.after(async () => {
    await server.close();
    await dispose();
  });
  return server;
}

/**
 * The SDK waits 10 s before retrying a ten-secondly 429 (and logs that it will). The wait is
 * skipped: when it announces the retry, its timer is mocked, run at once, and timers restored;
 * `onRetry` moves the server's clock past the window the SDK waits out.
 */
function skipRetryWaits(t: TestContext, onRetry: () => void): string[] {
  const announced: string[] = [];
  const printError = console.error.bind(console);
  t.mock.method(console, 'error', (message: unknown, ...rest: unknown[]) => {
    // Anything else printed meanwhile (enabling mock timers prints an ExperimentalWarning on
    // some Node versions) passes through untouched, with the timers left alone.
    if (typeof message !== 'string' || !message.startsWith('Request failed with status code')) {
      printError(message, ...rest);
      return;
    }
    announced.push(message);
    onRetry();
    mock.timers.enable({ apis: ['setTimeout'] });
    setImmediate(() => {
      mock.timers.tick(60_000);
      mock.timers.reset();
    });
  });
  return announced;
}

test('the SDK retries a ten-secondly 429 and succeeds in the next window', async (t) => {
  let now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const clock: Clock = { now: () => new Date(now) };
  const server = await serverFor(t, { clock, rateLimits: { tenSecondly: 1, daily: 1000 } });
  const announced = skipRetryWaits(t, () => (now += 10_000));
  const client = new Client({
    accessToken: server.token,
    basePath: server.url,
    numberOfApiCallRetries: 2,
  });
  await client.crm.contacts.basicApi.create({ properties: { firstname: 'Ada' }, associations: [] });
  const second = await client.crm.contacts.basicApi.create({
    properties: { firstname: 'Grace' },
    associations: [],
  });
  assert.equal(second.properties['firstname'], 'Grace');
  assert.equal(announced.length, 1);
  assert.match(announced[0]!, /status code \[429\]/);
});

test('the SDK retries a search 429 (its own secondly limit) and gets the results', async (t) => {
  let now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const clock: Clock = { now: () => new Date(now) };
  const server = await serverFor(t, {
    clock,
    rateLimits: { tenSecondly: 100, daily: 1000, searchSecondly: 1 },
  });
  const announced = skipRetryWaits(t, () => (now += 1_000));
  const client = new Client({
    accessToken: server.token,
    basePath: server.url,
    numberOfApiCallRetries: 2,
  });
  await client.crm.contacts.basicApi.create({ properties: { firstname: 'Ada' }, associations: [] });
  await client.crm.contacts.searchApi.doSearch({ query: 'ada' });
  const second = await client.crm.contacts.searchApi.doSearch({ query: 'ada' });
  assert.equal(second.total, 1);
  assert.equal(announced.length, 1);
  assert.match(announced[0]!, /status code \[429\]/);
});

test('without retries the SDK surfaces the 429 with its policy', async (t) => {
  const server = await serverFor(t, { rateLimits: { tenSecondly: 1, daily: 1000 } });
  const client = new Client({ accessToken: server.token, basePath: server.url });
  await client.crm.contacts.basicApi.getPage();
  await assert.rejects(client.crm.contacts.basicApi.getPage(), (error: any) => {
    assert.equal(error.code, 429);
    assert.equal(error.body.policyName, 'TEN_SECONDLY_ROLLING');
    return true;
  });
});

test('the SDK retries injected 429 and 503 faults and gets the answer', async (t) => {
  const server = await serverFor(t);
  const announced = skipRetryWaits(t, () => undefined);
  const faults = `${server.url}/_emulator/portals/${server.portalId}/faults`;
  for (const status of [429, 503]) {
    const response = await fetch(faults, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'GET', path: '/crm/v3/objects/contacts', status }),
    });
    assert.equal(response.status, 201);
  }
  const client = new Client({
    accessToken: server.token,
    basePath: server.url,
    numberOfApiCallRetries: 3,
  });
  const page = await client.crm.contacts.basicApi.getPage();
  assert.deepEqual(page.results, []);
  assert.equal(announced.length, 2);
});
