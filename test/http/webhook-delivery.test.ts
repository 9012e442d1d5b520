// Webhook delivery by a running server: logged events reach a real HTTP receiver signed, failed
// attempts are retried on a scaled-down schedule, and the control API lists every delivery with
// its attempts and runs due ones at once. The store is of the engine under test (TEST_STORE).
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { LoggedWebhookEvent, Store } from '../../src/core/ports.js';
import { startServer, type RunningServer } from '../../src/index.js';
import type { WebhookDeliveryChoices } from '../../src/server/start-server.js';
import { call } from '../helpers/server-process.js';
import { createTestStore } from '../helpers/test-store.js';
import { startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const APP = 70;
const SECRET = 'client-secret-of-70';

interface Setup {
  readonly server: RunningServer;
  readonly store: Store;
  readonly receiver: WebhookReceiver;
  readonly subscriptionId: number;
}

/** A server over a fresh store, app 70 sending to a receiver, subscribed to `eventTypes`. */
async function setUp(
  t: TestContext,
  webhooks: WebhookDeliveryChoices = {},
  eventTypes: readonly string[] = ['contact.creation'],
): Promise<Setup> {
  const { store, dispose } = await createTestStore();
  const receiver = await startReceiver(SECRET);
  const server = await startServer({ store, webhooks });
  t.after(async () => {
    await server.close();
    await receiver.close();
    await dispose();
  });
  const put = await call(`${server.url}/_emulator/apps/${APP}`, 'PUT', { clientSecret: SECRET });
  assert.equal(put.status, 200);
  const settings = await call(`${server.url}/webhooks/v3/${APP}/settings`, 'PUT', {
    targetUrl: receiver.url,
    throttling: { maxConcurrentRequests: 5 },
  });
  assert.equal(settings.status, 200);
  const subscriptionIds: number[] = [];
  for (const eventType of eventTypes) {
    const subscription = await call(`${server.url}/webhooks/v3/${APP}/subscriptions`, 'POST', {
      eventType,
      active: true,
    });
    assert.equal(subscription.status, 201);
    subscriptionIds.push(Number(subscription.body.id));
  }
  return { server, store, receiver, subscriptionId: subscriptionIds[0]! };
}

/** Logs `contact.creation` events as a write would, in one transaction of portal 1. */
async function logEvents(setup: Setup, objectIds: number[]): Promise<void> {
  const events = objectIds.map((objectId): LoggedWebhookEvent => ({
    appId: APP,
    subscriptionId: setup.subscriptionId,
    objectTypeId: '0-1',
    objectId,
    head: {
      subscriptionId: setup.subscriptionId,
      portalId: 1,
      appId: APP,
      occurredAt: 1_767_225_600_000,
      subscriptionType: 'contact.creation',
    },
    keys: ['objectId', 'changeFlag', 'changeSource'],
    values: [objectId, 'NEW', 'CRM'],
  }));
  await setup.store.transaction((tx) => tx.appendWebhookEvents(1, events, new Date()));
}

async function deliveries(server: RunningServer, query = '') {
  const answer = await call(`${server.url}/_emulator/webhooks/deliveries${query}`, 'GET');
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as { results: any[]; paging?: { next: { after: string } } };
}

/**
 * The listing once no event is pending: the deliverer records an attempt after the receiver's
 * answer, so the receiver can have an event a moment before the listing shows it delivered.
 */
async function settledDeliveries(server: RunningServer, query = '') {
  for (let wait = 0; wait < 100; wait++) {
    const listed = await deliveries(server, query);
    if (listed.results.every((delivery) => delivery.status !== 'pending')) return listed;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail('events are still pending after 2 s');
}

test('a logged event reaches the receiver within a second, signed v1 and v3, and is listed delivered', async (t) => {
  const setup = await setUp(t);
  const started = Date.now();
  await logEvents(setup, [10000000001]);
  const [event] = await setup.receiver.waitForEvents(1);
  assert.ok(Date.now() - started < 1000, `arrived after ${Date.now() - started} ms`);
  const [delivery] = setup.receiver.received;
  assert.equal(delivery?.v1Valid, true, 'X-HubSpot-Signature (v1) holds');
  assert.equal(delivery.v3Valid, true, 'X-HubSpot-Signature-v3 holds');
  assert.equal(delivery.headers['content-type'], 'application/json');
  const { results } = await settledDeliveries(setup.server);
  assert.deepEqual(event, {
    eventId: results[0].eventId,
    subscriptionId: setup.subscriptionId,
    portalId: 1,
    appId: APP,
    occurredAt: 1_767_225_600_000,
    subscriptionType: 'contact.creation',
    objectId: 10000000001,
    changeFlag: 'NEW',
    changeSource: 'CRM',
    attemptNumber: 0,
  });
  assert.equal(results.length, 1);
  const { attempts, event: listed, ...rest } = results[0];
  assert.deepEqual(rest, {
    eventId: event.eventId,
    appId: APP,
    subscriptionId: setup.subscriptionId,
    portalId: 1,
    objectTypeId: '0-1',
    objectId: 10000000001,
    subscriptionType: 'contact.creation',
    status: 'delivered',
    createdAt: rest.createdAt,
    nextAttemptAt: null,
  });
  const { attemptNumber, ...sent } = event as Record<string, unknown>;
  assert.equal(attemptNumber, 0);
  assert.deepEqual(listed, sent, 'the listing shows the event as sent, but for attemptNumber');
  assert.equal(attempts.length, 1);
  assert.equal(attempts[0].attemptNumber, 0);
  assert.equal(attempts[0].statusCode, 204);
  assert.equal(attempts[0].error, null);
  assert.ok(attempts[0].durationMs >= 0);
  assert.ok(!Number.isNaN(Date.parse(attempts[0].startedAt)));
});

test('a receiver that answers 500 twice gets the retries, then the event with attemptNumber 2', async (t) => {
  const setup = await setUp(t, { retryTimeScale: 0.0005, pollIntervalMs: 50 });
  setup.receiver.answer = (index) => (index < 2 ? 500 : 204);
  await logEvents(setup, [10000000002]);
  const events = await setup.receiver.waitForEvents(3);
  assert.deepEqual(
    events.map((event) => [event['objectId'], event['attemptNumber']]),
    [
      [10000000002, 0],
      [10000000002, 1],
      [10000000002, 2],
    ],
  );
  assert.ok(setup.receiver.received.every((delivery) => delivery.v1Valid && delivery.v3Valid));
  assert.equal(new Set(events.map((event) => event['eventId'])).size, 1, 'one eventId throughout');
  const [listed] = (await settledDeliveries(setup.server)).results;
  assert.equal(listed.status, 'delivered');
  assert.deepEqual(
    listed.attempts.map((attempt: any) => [
      attempt.attemptNumber,
      attempt.statusCode,
      attempt.error,
    ]),
    [
      [0, 500, 'the receiver answered 500'],
      [1, 500, 'the receiver answered 500'],
      [2, 204, null],
    ],
  );
  const [first, second, third] = listed.attempts.map((attempt: any) =>
    Date.parse(attempt.startedAt),
  );
  assert.ok(first <= second && second <= third);
});

test('with the loop off, the control API lists pending events, runs them at once, and pages the list', async (t) => {
  const setup = await setUp(t, { deliver: false });
  await logEvents(setup, [1, 2, 3]);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(setup.receiver.received.length, 0, 'nothing is sent without the loop');
  const pending = await deliveries(setup.server, '?status=pending');
  assert.deepEqual(
    pending.results.map((delivery) => [delivery.objectId, delivery.status, delivery.attempts]),
    [
      [3, 'pending', []],
      [2, 'pending', []],
      [1, 'pending', []],
    ],
  );
  assert.ok(pending.results.every((delivery) => typeof delivery.nextAttemptAt === 'string'));

  const run = await call(`${setup.server.url}/_emulator/webhooks/deliveries/run`, 'POST');
  assert.deepEqual([run.status, run.body], [200, { delivered: 3 }]);
  assert.deepEqual(
    setup.receiver.events().map((event) => event['objectId']),
    [1, 2, 3],
    'one POST, oldest first',
  );
  assert.equal(setup.receiver.received.length, 1);
  assert.deepEqual((await deliveries(setup.server, '?status=pending')).results, []);

  const page = await deliveries(setup.server, `?appId=${APP}&portalId=1&status=delivered&limit=2`);
  assert.deepEqual(
    page.results.map((delivery) => delivery.objectId),
    [3, 2],
  );
  assert.ok(page.paging);
  const next = await deliveries(setup.server, `?limit=2&after=${page.paging.next.after}`);
  assert.deepEqual(
    next.results.map((delivery) => delivery.objectId),
    [1],
  );
  assert.equal(next.paging, undefined);
  assert.deepEqual((await deliveries(setup.server, '?appId=71')).results, []);
  assert.deepEqual((await deliveries(setup.server, '?portalId=2')).results, []);
});

test('bad filters of the deliveries list answer 400 in HubSpot’s envelope', async (t) => {
  const setup = await setUp(t, { deliver: false });
  for (const query of [
    '?status=lost',
    '?limit=0',
    '?limit=1001',
    '?appId=x',
    '?after=-1',
    '?colour=red',
  ]) {
    const answer = await call(`${setup.server.url}/_emulator/webhooks/deliveries${query}`, 'GET');
    assert.equal(answer.status, 400, query);
    assert.equal(answer.body.status, 'error', query);
    assert.equal(answer.body.category, 'VALIDATION_ERROR', query);
    assert.equal(typeof answer.body.message, 'string', query);
    assert.equal(typeof answer.body.correlationId, 'string', query);
  }
});

test('closing the server does not wait for a receiver that never answers; the event stays owed', async (t) => {
  const setup = await setUp(t);
  setup.receiver.answer = () => null;
  await logEvents(setup, [5]);
  await setup.receiver.waitForEvents(1);
  const started = Date.now();
  await setup.server.close();
  assert.ok(Date.now() - started < 1000, `close took ${Date.now() - started} ms`);
  const [owed] = await setup.store.listDeliveries({ limit: 10 });
  assert.equal(owed?.status, 'pending', 'an attempt cut short is not recorded: it goes again');
  assert.deepEqual(owed.attempts, []);
});

/** Creates a record through the objects API; returns its id. */
async function createRecord(server: RunningServer, type: string): Promise<number> {
  const created = await call(`${server.url}/crm/v3/objects/${type}`, 'POST', { properties: {} });
  assert.equal(created.status, 201);
  return Number(created.body.id);
}

test('an association created and removed over HTTP reaches the receiver signed, from both sides', async (t) => {
  const setup = await setUp(t, {}, ['contact.associationChange', 'company.associationChange']);
  const { server, receiver } = setup;
  const contact = await createRecord(server, 'contacts');
  const company = await createRecord(server, 'companies');
  const path = `/crm/v4/objects/contacts/${contact}/associations`;
  const created = await call(`${server.url}${path}/default/companies/${company}`, 'PUT');
  assert.equal(created.status, 200);
  await receiver.waitForEvents(2);
  const added = receiver.events();
  assert.ok(receiver.received.every((delivery) => delivery.v1Valid && delivery.v3Valid));
  const sides = (events: Record<string, unknown>[]) =>
    events.map((event) => [
      event['subscriptionType'],
      event['associationType'],
      event['fromObjectId'],
      event['toObjectId'],
      event['associationRemoved'],
      event['portalId'],
      event['appId'],
      event['attemptNumber'],
    ]);
  const expected = (removed: boolean) => [
    ['contact.associationChange', 'CONTACT_TO_COMPANY', contact, company, removed, 1, APP, 0],
    ['company.associationChange', 'COMPANY_TO_CONTACT', company, contact, removed, 1, APP, 0],
  ];
  for (const side of expected(false)) {
    assert.ok(
      sides(added).some((event) => JSON.stringify(event) === JSON.stringify(side)),
      `${JSON.stringify(side)} in ${JSON.stringify(sides(added))}`,
    );
  }

  const removed = await call(`${server.url}${path}/companies/${company}`, 'DELETE');
  assert.equal(removed.status, 204);
  const all = await receiver.waitForEvents(added.length + 2);
  for (const side of expected(true)) {
    assert.ok(
      sides(all).some((event) => JSON.stringify(event) === JSON.stringify(side)),
      `${JSON.stringify(side)} in ${JSON.stringify(sides(all))}`,
    );
  }
  const listed = await settledDeliveries(server, `?appId=${APP}`);
  assert.ok(listed.results.every((delivery) => delivery.status === 'delivered'));
  assert.deepEqual(
    new Set(listed.results.map((delivery) => delivery.eventId)),
    new Set(receiver.events().map((event) => event['eventId'])),
    'every event sent is listed, under the eventId it was sent with',
  );
});

test('in strict mode the deliveries answer to the admin token only', async (t) => {
  const server = await startServer({
    auth: 'strict',
    adminToken: 'admin-token-for-deliveries',
    webhooks: { deliver: false },
  });
  t.after(() => server.close());
  const url = `${server.url}/_emulator/webhooks/deliveries`;
  for (const token of [undefined, server.token]) {
    assert.equal((await call(url, 'GET', undefined, token)).status, 401);
    assert.equal((await call(`${url}/run`, 'POST', undefined, token)).status, 401);
  }
  const listed = await call(url, 'GET', undefined, 'admin-token-for-deliveries');
  assert.deepEqual([listed.status, listed.body], [200, { results: [] }]);
  const run = await call(`${url}/run`, 'POST', undefined, 'admin-token-for-deliveries');
  assert.deepEqual([run.status, run.body], [200, { delivered: 0 }]);
});

test('delivered events leave the log once the retention period has passed', async (t) => {
  // A retention period of about 170 ms: the loop prunes that often.
  const setup = await setUp(t, { retentionDays: 0.000002, pollIntervalMs: 20 });
  await logEvents(setup, [10000000002]);
  await setup.receiver.waitForEvents(1);
  const { results } = await settledDeliveries(setup.server);
  assert.deepEqual(
    results.map((delivery) => delivery.status),
    ['delivered'],
  );
  for (let wait = 0; wait < 100; wait++) {
    if ((await deliveries(setup.server)).results.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail('the delivered event is still listed 2 s after its delivery');
});
