// Webhook delivery across processes on the engine under test: an event committed with its write,
// never sent or refused by its receiver when the server is SIGKILLed, is delivered once the
// server restarts on the same database; workers sharing a database send each event once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { call, serversForTest, type ServerProcess } from '../helpers/server-process.js';
import { createServerDatabase } from '../helpers/test-store.js';
import { startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const APP = 70;
const SECRET = 'client-secret-of-70';

/** A database, a receiver, and a config file naming the app with quick retries. */
async function world(t: TestContext) {
  const database = await createServerDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'has-webhooks-'));
  const config = join(dir, 'server.json');
  writeFileSync(
    config,
    JSON.stringify({
      apps: [{ appId: APP, clientSecret: SECRET }],
      // A killed POST's lease ends within 2 s.
      webhooks: { timeoutMs: 1000 },
    }),
  );
  const start = serversForTest(t, async () => {
    await database.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  const receiver = await startReceiver(SECRET);
  t.after(() => receiver.close());
  // Retries 30 ms, 60 ms, … apart: at HubSpot's scale the first would wait a minute.
  const serve = (...flags: string[]) =>
    start([
      ...database.args,
      ...['--config', config, '--webhook-retry-time-scale', '0.0005'],
      ...flags,
    ]);
  return { serve, receiver };
}

/** Points the app at the receiver, subscribes it to contact creations, and creates a contact. */
async function subscribeAndWrite(server: ServerProcess, receiver: WebhookReceiver) {
  const settings = await call(`${server.url}/webhooks/v3/${APP}/settings`, 'PUT', {
    targetUrl: receiver.url,
    throttling: { maxConcurrentRequests: 5 },
  });
  assert.equal(settings.status, 200);
  const subscription = await call(`${server.url}/webhooks/v3/${APP}/subscriptions`, 'POST', {
    eventType: 'contact.creation',
    active: true,
  });
  assert.equal(subscription.status, 201);
  const contact = await call(`${server.url}/crm/v3/objects/contacts`, 'POST', { properties: {} });
  assert.equal(contact.status, 201, 'the write is acknowledged');
  return Number(contact.body.id);
}

async function listed(server: ServerProcess) {
  const answer = await call(`${server.url}/_emulator/webhooks/deliveries?appId=${APP}`, 'GET');
  assert.equal(answer.status, 200);
  return answer.body.results as any[];
}

async function kill(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  assert.equal(await server.exited, 'SIGKILL');
}

test('an event committed but not yet sent when the server is killed is sent after the restart', async (t) => {
  const { serve, receiver } = await world(t);
  const first = await serve('--webhook-delivery', 'off');
  const contact = await subscribeAndWrite(first, receiver);
  assert.deepEqual(
    (await listed(first)).map((delivery) => [delivery.objectId, delivery.status]),
    [[contact, 'pending']],
  );
  await kill(first);

  const second = await serve();
  const [event] = await receiver.waitForEvents(1);
  assert.equal(event?.['objectId'], contact);
  assert.equal(event['subscriptionType'], 'contact.creation');
  assert.equal(event['attemptNumber'], 0);
  const [delivery] = receiver.received;
  assert.ok(delivery?.v1Valid && delivery.v3Valid, 'signed with the app’s secret');
  for (let wait = 0; (await listed(second))[0]?.status !== 'delivered' && wait < 100; wait++) {
    await delay(20);
  }
  assert.equal((await listed(second))[0]?.status, 'delivered');
});

test('an event its receiver refused before the server was killed is retried after the restart', async (t) => {
  const { serve, receiver } = await world(t);
  receiver.refusing = true;
  const first = await serve();
  const contact = await subscribeAndWrite(first, receiver);
  // Killed once the refusal is on record: the event is owed a retry.
  let attempts: any[] = [];
  for (let wait = 0; attempts.length === 0 && wait < 250; wait++) {
    await delay(20);
    attempts = (await listed(first))[0]?.attempts ?? [];
  }
  assert.ok(attempts.length > 0, 'the first attempt was made and refused');
  assert.equal(attempts[0].statusCode, null);
  assert.equal(typeof attempts[0].error, 'string');
  await kill(first);
  assert.equal(receiver.received.length, 0);

  receiver.refusing = false;
  const second = await serve();
  const [event] = await receiver.waitForEvents(1, 15_000);
  assert.equal(event?.['objectId'], contact);
  assert.ok(
    Number(event['attemptNumber']) >= attempts.length,
    `attempt ${String(event['attemptNumber'])} after ${attempts.length} refused`,
  );
  assert.ok(receiver.received.every((delivery) => delivery.v1Valid && delivery.v3Valid));
  for (let wait = 0; (await listed(second))[0]?.status !== 'delivered' && wait < 100; wait++) {
    await delay(20);
  }
  const [delivery] = await listed(second);
  assert.equal(delivery.status, 'delivered');
  assert.ok(delivery.attempts.length >= 2);
  assert.equal(delivery.attempts.at(-1).statusCode, 204);
});

test('workers sharing a database send each event once', async (t) => {
  const { serve, receiver } = await world(t);
  const server = await serve('--workers', '2');
  await subscribeAndWrite(server, receiver);
  const created = await call(`${server.url}/crm/v3/objects/contacts/batch/create`, 'POST', {
    inputs: Array.from({ length: 60 }, () => ({ properties: {} })),
  });
  assert.equal(created.status, 201);
  const events = await receiver.waitForEvents(61);
  // Both workers poll every 200 ms: give a second one the time to send anything twice.
  await delay(1000);
  assert.equal(receiver.events().length, 61);
  assert.equal(new Set(events.map((event) => event['eventId'])).size, 61);
  assert.ok(events.every((event) => event['attemptNumber'] === 0));
});
