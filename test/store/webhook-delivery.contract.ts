// The store contract for webhook delivery over the event log: leasing due events oldest first,
// settling attempts (delivered, retried later, given up) and listing deliveries. Run by
// store.contract.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeliveryAttempt, LoggedWebhookEvent, Store } from '../../src/core/ports.js';
import { NOW, PORTAL, open, type Factory } from './contract-fixture.js';

const APP = 70;
const SECRET = 'secret-of-70';
const TARGET = 'https://receiver.test/hooks?app=70';
const at = (ms: number) => new Date(NOW.getTime() + ms);

/** Apps 70 (with a target URL, 8 requests at once) and 71 (without settings). */
async function apps(store: Store): Promise<void> {
  await store.putApp({ appId: APP, clientSecret: SECRET, developerKeyHash: null, createdAt: NOW });
  await store.putApp({ appId: 71, clientSecret: 's71', developerKeyHash: null, createdAt: NOW });
  await store.putWebhookSettings(APP, {
    targetUrl: TARGET,
    maxConcurrentRequests: 8,
    period: null,
    createdAt: NOW,
    updatedAt: NOW,
  });
}

function event(objectId: number, appId = APP): LoggedWebhookEvent {
  return {
    appId,
    subscriptionId: 5,
    objectTypeId: '0-1',
    objectId,
    fields: {
      subscriptionId: 5,
      portalId: PORTAL,
      appId,
      occurredAt: NOW.getTime(),
      subscriptionType: 'contact.creation',
      objectId,
    },
  };
}

async function append(store: Store, events: LoggedWebhookEvent[], portalId = PORTAL) {
  await store.transaction((tx) => tx.appendWebhookEvents(portalId, events, NOW));
}

/** An attempt at `ids`: delivered, or failed with each event's next due time (null: given up). */
function attempt(
  ids: readonly string[],
  outcome: { delivered: true } | { delivered: false; retryAt: (Date | null)[] },
  startedAt = NOW,
): DeliveryAttempt {
  return {
    appId: APP,
    eventIds: ids,
    startedAt,
    durationMs: 12.5,
    status: outcome.delivered ? 204 : 500,
    error: outcome.delivered ? null : 'the receiver answered 500',
    delivered: outcome.delivered,
    retryAt: new Map(
      ids.map((id, index) => [id, outcome.delivered ? null : (outcome.retryAt[index] ?? null)]),
    ),
  };
}

export function runWebhookDeliveryContract(factory: Factory): void {
  test('due events are handed out oldest first with their eventId, each leased until the lease ends', async (t) => {
    const store = await open(factory, t);
    await apps(store);
    await append(store, [event(101), event(102), event(103, 71), event(104)]);
    assert.deepEqual(await store.due(at(-1), 10, at(10_000)), [], 'nothing is due before now');

    const first = await store.due(NOW, 2, at(10_000));
    assert.deepEqual(
      first.map((owed) => [owed.appId, owed.attemptNumber, owed.payload['objectId']]),
      [
        [APP, 0, 101],
        [APP, 0, 102],
      ],
    );
    const [one] = first;
    assert.deepEqual(one?.payload, { eventId: Number(one?.id), ...event(101).fields });
    assert.ok(Number(first[0]!.id) < Number(first[1]!.id));

    const rest = await store.due(at(1), 10, at(10_000));
    assert.deepEqual(
      rest.map((owed) => owed.payload['objectId']),
      [104],
      'leased events and the events of an app without a target URL are not handed out',
    );
    assert.deepEqual(await store.due(at(9_999), 10, at(20_000)), []);
    assert.deepEqual(
      (await store.due(at(10_000), 10, at(20_000))).map((owed) => owed.payload['objectId']),
      [101, 102, 104],
      'an event whose lease ran out (its deliverer died) is handed out again',
    );

    assert.deepEqual(await store.targetOf(APP), {
      targetUrl: TARGET,
      clientSecret: SECRET,
      maxConcurrentRequests: 8,
    });
    assert.equal(await store.targetOf(71), null);
    assert.equal(await store.targetOf(99), null);
    await store.putWebhookSettings(71, {
      targetUrl: 'http://other.test/',
      maxConcurrentRequests: 5,
      period: null,
      createdAt: NOW,
      updatedAt: NOW,
    });
    assert.deepEqual(
      (await store.due(at(10_000), 10, at(20_000))).map((owed) => owed.payload['objectId']),
      [103],
      'once its app has a target URL, the waiting event goes',
    );
  });

  test('leases taken at the same moment never share an event', async (t) => {
    const store = await open(factory, t);
    await apps(store);
    await append(
      store,
      Array.from({ length: 30 }, (_, index) => event(200 + index)),
    );
    const leased = await Promise.all(
      Array.from({ length: 8 }, () => store.due(NOW, 5, at(10_000))),
    );
    const ids = leased.flat().map((owed) => owed.id);
    assert.equal(ids.length, 30);
    assert.equal(new Set(ids).size, 30);
  });

  test('settling records the attempt: delivered, due again later with the next attempt number, or given up', async (t) => {
    const store = await open(factory, t);
    await apps(store);
    await append(store, [event(301), event(302), event(303)]);
    const [a, b, c] = (await store.due(NOW, 10, at(10_000))).map((owed) => owed.id);
    await store.settle(attempt([a!, b!], { delivered: false, retryAt: [at(60_000), null] }));
    await store.settle(attempt([c!], { delivered: true }));

    assert.deepEqual(await store.due(at(59_999), 10, at(70_000)), []);
    const again = await store.due(at(60_000), 10, at(70_000));
    assert.deepEqual(
      again.map((owed) => [owed.id, owed.attemptNumber]),
      [[a, 1]],
    );
    await store.settle(attempt([a!], { delivered: true }, at(60_000)));

    const listed = await store.listDeliveries({ limit: 10 });
    assert.deepEqual(
      listed.map((delivery) => [delivery.eventId, delivery.status, delivery.nextAttemptAt]),
      [
        [Number(c), 'delivered', null],
        [Number(b), 'failed', null],
        [Number(a), 'delivered', null],
      ],
      'newest first',
    );
    const [, failed, retried] = listed;
    assert.deepEqual(failed, {
      eventId: Number(b),
      portalId: PORTAL,
      appId: APP,
      subscriptionId: 5,
      objectTypeId: '0-1',
      objectId: 302,
      payload: { eventId: Number(b), ...event(302).fields },
      status: 'failed',
      createdAt: NOW,
      nextAttemptAt: null,
      attempts: [
        {
          attemptNumber: 0,
          startedAt: NOW,
          durationMs: 12.5,
          statusCode: 500,
          error: 'the receiver answered 500',
        },
      ],
    });
    assert.deepEqual(
      retried?.attempts.map((recorded) => [
        recorded.attemptNumber,
        recorded.startedAt,
        recorded.statusCode,
        recorded.error,
      ]),
      [
        [0, NOW, 500, 'the receiver answered 500'],
        [1, at(60_000), 204, null],
      ],
    );
    assert.deepEqual(await store.due(at(1_000_000), 10, at(2_000_000)), [], 'nothing is owed');
  });

  test('a pending event is listed with its next attempt; a late settle does not undo a delivery', async (t) => {
    const store = await open(factory, t);
    await apps(store);
    await append(store, [event(401)]);
    const [owed] = await store.due(NOW, 10, at(10_000));
    await store.settle(attempt([owed!.id], { delivered: false, retryAt: [at(120_000)] }));
    const [pending] = await store.listDeliveries({ limit: 10 });
    assert.equal(pending?.status, 'pending');
    assert.deepEqual(pending.nextAttemptAt, at(120_000));

    // Two deliverers held the event (the first one's lease ran out): the one that delivered wins.
    const [second] = await store.due(at(120_000), 10, at(130_000));
    await store.settle(attempt([second!.id], { delivered: true }, at(120_000)));
    await store.settle(attempt([second!.id], { delivered: false, retryAt: [at(500_000)] }));
    const [delivered] = await store.listDeliveries({ limit: 10 });
    assert.equal(delivered?.status, 'delivered');
    assert.equal(delivered.nextAttemptAt, null);
    assert.deepEqual(await store.due(at(500_000), 10, at(600_000)), []);
  });

  test('deliveries are listed by app, portal and status, newest first, a page at a time', async (t) => {
    const store = await open(factory, t);
    await apps(store);
    await append(store, [event(501), event(502), event(503, 71)]);
    await append(store, [event(504)], PORTAL + 1);
    const owed = await store.due(NOW, 10, at(10_000));
    const byObject = new Map(owed.map((one) => [one.payload['objectId'], one.id]));
    await store.settle(attempt([byObject.get(501)!], { delivered: true }));
    await store.settle(attempt([byObject.get(502)!], { delivered: false, retryAt: [null] }));

    const objects = async (query: Parameters<Store['listDeliveries']>[0]) =>
      (await store.listDeliveries(query)).map((delivery) => delivery.objectId);
    assert.deepEqual(await objects({ limit: 10 }), [504, 503, 502, 501]);
    assert.deepEqual(await objects({ limit: 10, appId: 71 }), [503]);
    assert.deepEqual(await objects({ limit: 10, portalId: PORTAL + 1 }), [504]);
    assert.deepEqual(await objects({ limit: 10, status: 'pending' }), [504, 503]);
    assert.deepEqual(await objects({ limit: 10, status: 'delivered' }), [501]);
    assert.deepEqual(await objects({ limit: 10, status: 'failed' }), [502]);
    assert.deepEqual(await objects({ limit: 10, appId: APP, status: 'pending' }), [504]);
    const [newest, next] = await store.listDeliveries({ limit: 2 });
    assert.deepEqual(await objects({ limit: 2, beforeEventId: next!.eventId }), [502, 501]);
    assert.equal(newest?.objectId, 504);
  });

  test("a portal's reset or deletion removes its logged events; other portals keep theirs", async (t) => {
    const store = await open(factory, t);
    await apps(store);
    await store.createPortal(PORTAL, 'kept', NOW);
    await store.createPortal(PORTAL + 1, 'reset', NOW);
    await store.createPortal(PORTAL + 2, 'deleted', NOW);
    await append(store, [event(601)]);
    await append(store, [event(602)], PORTAL + 1);
    await append(store, [event(603)], PORTAL + 2);
    const owed = await store.due(NOW, 10, at(10_000));
    await store.settle(
      attempt(
        owed.map((one) => one.id),
        { delivered: false, retryAt: [NOW, NOW, NOW] },
      ),
    );
    await store.resetPortal(PORTAL + 1);
    await store.deletePortal(PORTAL + 2);
    const listed = await store.listDeliveries({ limit: 10 });
    assert.deepEqual(
      listed.map((delivery) => [delivery.objectId, delivery.attempts.length]),
      [[601, 1]],
    );
    assert.deepEqual(
      (await store.due(NOW, 10, at(10_000))).map((one) => one.payload['objectId']),
      [601],
    );
  });
}
