// The store contract for webhook delivery over the event log: a write's events logged in chunks
// (up to 100 of one app), leasing due chunks oldest first, settling attempts (delivered, retried
// later, given up) and listing deliveries event by event. Run by store.contract.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  DeliveryAttempt,
  LoggedWebhookEvent,
  OwedChunk,
  Store,
} from '../../src/core/ports.js';
import { chunkEvents } from '../../src/core/event-chunks.js';
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

/** The payload fields of `event(objectId, appId)`, as a receiver gets them (but for ids). */
function fields(objectId: number, appId = APP): Record<string, unknown> {
  return {
    subscriptionId: 5,
    portalId: PORTAL,
    appId,
    occurredAt: NOW.getTime(),
    subscriptionType: 'contact.creation',
    objectId,
    changeFlag: 'NEW',
  };
}

const HEADS = new Map<number, Record<string, unknown>>();
const KEYS = ['objectId', 'changeFlag'];

function event(objectId: number, appId = APP): LoggedWebhookEvent {
  // One head per app, shared by its events, as a write shares one per subscription.
  let head = HEADS.get(appId);
  if (!head) {
    head = {
      subscriptionId: 5,
      portalId: PORTAL,
      appId,
      occurredAt: NOW.getTime(),
      subscriptionType: 'contact.creation',
    };
    HEADS.set(appId, head);
  }
  return {
    appId,
    subscriptionId: 5,
    objectTypeId: '0-1',
    objectId,
    head,
    keys: KEYS,
    values: [objectId, 'NEW'],
  };
}

/** The events of leased chunks, in order, each with its chunk. */
function eventsOf(chunks: readonly OwedChunk[]) {
  return chunks.flatMap((chunk) =>
    chunkEvents(Number(chunk.id), chunk.events).map((one) => ({ chunk, payload: one.payload })),
  );
}

/** The objectIds of the events of leased chunks, in order. */
const objectIdsOf = (chunks: readonly OwedChunk[]) =>
  eventsOf(chunks).map((one) => one.payload['objectId']);

async function append(store: Store, events: LoggedWebhookEvent[], portalId = PORTAL) {
  await store.transaction((tx) => tx.appendWebhookEvents(portalId, events, NOW));
}

/**
 * An attempt at chunks `ids` (as `settle` takes it, in a list): delivered, or failed with each
 * one's next due time (null: given up).
 */
function attempt(
  ids: readonly string[],
  outcome: { delivered: true } | { delivered: false; retryAt: (Date | null)[] },
  startedAt = NOW,
): DeliveryAttempt[] {
  return [
    {
      appId: APP,
      chunkIds: ids,
      startedAt,
      durationMs: 12.5,
      status: outcome.delivered ? 204 : 500,
      error: outcome.delivered ? null : 'the receiver answered 500',
      delivered: outcome.delivered,
      retryAt: new Map(
        ids.map((id, index) => [id, outcome.delivered ? null : (outcome.retryAt[index] ?? null)]),
      ),
    },
  ];
}

export function runWebhookDeliveryContract(factory: Factory): void {
  test('a write logs its events in chunks of up to 100 per app; eventIds follow the chunk id, ascending', async (t) => {
    const store = await open(factory, t);
    await apps(store);
    await store.putWebhookSettings(71, {
      targetUrl: 'http://other.test/',
      maxConcurrentRequests: 1,
      period: null,
      createdAt: NOW,
      updatedAt: NOW,
    });
    const many = Array.from({ length: 250 }, (_, index) => event(1000 + index));
    await append(store, [...many.slice(0, 120), event(2000, 71), ...many.slice(120)]);
    await append(store, [event(3000)]);
    const chunks = await store.due(NOW, 10_000, at(10_000));
    assert.deepEqual(
      chunks.map((chunk) => [chunk.appId, chunk.eventCount, chunk.attemptNumber]),
      [
        [APP, 100, 0],
        [APP, 100, 0],
        [APP, 50, 0],
        [71, 1, 0],
        [APP, 1, 0],
      ],
    );
    const events = eventsOf(chunks);
    chunks.slice(1).forEach((chunk, index) => {
      const before = chunks[index]!;
      assert.ok(
        Number(chunk.id) >= Number(before.id) + before.eventCount,
        "a chunk's ids start after the events of the chunk before it",
      );
    });
    const ids = events.map((one) => one.payload['eventId'] as number);
    assert.deepEqual(
      [...ids].sort((a, b) => a - b),
      ids,
      'ascending',
    );
    assert.equal(new Set(ids).size, 252);
    assert.deepEqual(
      events.filter((one) => one.chunk.appId === APP).map((one) => one.payload['objectId']),
      [...many.map((one) => one.objectId), 3000],
      "an app's events keep the write's order",
    );
    assert.deepEqual(events[0]!.payload, { eventId: ids[0], ...fields(1000) });
    assert.deepEqual(Object.keys(events[0]!.payload), ['eventId', ...Object.keys(fields(1000))]);
  });

  test('due chunks are handed out oldest first, up to the limit, each leased until the lease ends', async (t) => {
    const store = await open(factory, t);
    await apps(store);
    await append(store, [event(101), event(102)]);
    await append(store, [event(103, 71)]);
    await append(store, [event(104)]);
    await append(store, [event(105)]);
    assert.deepEqual(await store.due(at(-1), 10, at(10_000)), [], 'nothing is due before now');

    const first = await store.due(NOW, 1, at(10_000));
    assert.deepEqual(
      eventsOf(first).map(({ chunk, payload }) => [
        chunk.appId,
        chunk.attemptNumber,
        payload['objectId'],
      ]),
      [
        [APP, 0, 101],
        [APP, 0, 102],
      ],
      'a chunk goes whole',
    );
    const [one] = eventsOf(first);
    assert.deepEqual(one?.payload, { eventId: Number(first[0]!.id), ...fields(101) });

    const rest = await store.due(at(1), 10, at(10_000));
    assert.deepEqual(
      objectIdsOf(rest),
      [104, 105],
      'leased chunks and the chunks of an app without a target URL are not handed out',
    );
    assert.deepEqual(await store.due(at(9_999), 10, at(20_000)), []);
    assert.deepEqual(
      objectIdsOf(await store.due(at(10_000), 2, at(20_000))),
      [101, 102, 104],
      'an expired lease (its deliverer died) hands the chunk out again',
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
      objectIdsOf(await store.due(at(10_000), 10, at(20_000))),
      [103, 105],
      'once its app has a target URL, the waiting chunk goes',
    );
  });

  test('leases taken at the same moment never share a chunk', async (t) => {
    const store = await open(factory, t);
    await apps(store);
    for (let write = 0; write < 30; write++) await append(store, [event(200 + write)]);
    const leased = await Promise.all(
      Array.from({ length: 8 }, () => store.due(NOW, 4, at(10_000))),
    );
    const ids = leased.flat().map((owed) => owed.id);
    assert.equal(ids.length, 30);
    assert.equal(new Set(ids).size, 30);
  });

  test('settling records the attempt per chunk: delivered, due again later with the next attempt number, or given up', async (t) => {
    const store = await open(factory, t);
    await apps(store);
    await append(store, [event(301), event(311)]);
    await append(store, [event(302)]);
    await append(store, [event(303)]);
    const [a, b, c] = (await store.due(NOW, 10, at(10_000))).map((owed) => owed.id);
    // Two POSTs that ended together, recorded in one go.
    await store.settle([
      ...attempt([a!, b!], { delivered: false, retryAt: [at(60_000), null] }),
      ...attempt([c!], { delivered: true }),
    ]);

    assert.deepEqual(await store.due(at(59_999), 10, at(70_000)), []);
    const again = await store.due(at(60_000), 10, at(70_000));
    assert.deepEqual(
      again.map((owed) => [owed.id, owed.attemptNumber, owed.eventCount]),
      [[a, 1, 2]],
    );
    await store.settle(attempt([a!], { delivered: true }, at(60_000)));

    const listed = await store.listDeliveries({ limit: 10 });
    assert.deepEqual(
      listed.map((delivery) => [delivery.eventId, delivery.status, delivery.nextAttemptAt]),
      [
        [Number(c), 'delivered', null],
        [Number(b), 'failed', null],
        [Number(a) + 1, 'delivered', null],
        [Number(a), 'delivered', null],
      ],
      'newest first, event by event',
    );
    const [, failed, retried, retriedFirst] = listed;
    assert.deepEqual(failed, {
      eventId: Number(b),
      portalId: PORTAL,
      appId: APP,
      subscriptionId: 5,
      objectTypeId: '0-1',
      objectId: 302,
      payload: { eventId: Number(b), ...fields(302) },
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
    for (const delivery of [retried, retriedFirst]) {
      assert.deepEqual(
        delivery?.attempts.map((recorded) => [
          recorded.attemptNumber,
          recorded.startedAt,
          recorded.statusCode,
          recorded.error,
        ]),
        [
          [0, NOW, 500, 'the receiver answered 500'],
          [1, at(60_000), 204, null],
        ],
        "each event of a chunk lists the chunk's attempts",
      );
    }
    assert.equal(retried?.objectId, 311);
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

    // Two deliverers held the chunk (the first one's lease ran out): the one that delivered wins.
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
    await append(store, [event(501)]);
    await append(store, [event(502), event(503, 71)]);
    await append(store, [event(504)], PORTAL + 1);
    await append(
      store,
      Array.from({ length: 12 }, (_, index) => event(510 + index)),
    );
    const owed = await store.due(NOW, 10, at(10_000));
    const byObject = new Map(eventsOf(owed).map((one) => [one.payload['objectId'], one.chunk.id]));
    await store.settle(attempt([byObject.get(501)!], { delivered: true }));
    await store.settle(attempt([byObject.get(502)!], { delivered: false, retryAt: [null] }));

    const objects = async (query: Parameters<Store['listDeliveries']>[0]) =>
      (await store.listDeliveries(query)).map((delivery) => delivery.objectId);
    const twelve = Array.from({ length: 12 }, (_, index) => 521 - index);
    assert.deepEqual(await objects({ limit: 20 }), [...twelve, 504, 503, 502, 501]);
    assert.deepEqual(await objects({ limit: 10, appId: 71 }), [503]);
    assert.deepEqual(await objects({ limit: 10, portalId: PORTAL + 1 }), [504]);
    assert.deepEqual(await objects({ limit: 20, status: 'pending' }), [...twelve, 504, 503]);
    assert.deepEqual(await objects({ limit: 10, status: 'delivered' }), [501]);
    assert.deepEqual(await objects({ limit: 10, status: 'failed' }), [502]);
    assert.deepEqual(await objects({ limit: 3, appId: APP, status: 'pending' }), [521, 520, 519]);
    const page = await store.listDeliveries({ limit: 5 });
    assert.deepEqual(
      page.map((delivery) => delivery.objectId),
      [521, 520, 519, 518, 517],
    );
    assert.deepEqual(
      await objects({ limit: 9, beforeEventId: page.at(-1)!.eventId }),
      [516, 515, 514, 513, 512, 511, 510, 504, 503],
      'a page may start inside a chunk',
    );
    const [, next] = await store.listDeliveries({
      limit: 2,
      portalId: PORTAL,
      appId: APP,
      status: 'pending',
    });
    assert.deepEqual(await objects({ limit: 2, beforeEventId: next!.eventId }), [519, 518]);
  });

  test('a long listing of one-event chunks reads as many chunks as it needs', async (t) => {
    const store = await open(factory, t);
    await apps(store);
    for (let write = 0; write < 40; write++) await append(store, [event(700 + write)]);
    const listed = await store.listDeliveries({ limit: 30 });
    assert.deepEqual(
      listed.map((delivery) => delivery.objectId),
      Array.from({ length: 30 }, (_, index) => 739 - index),
    );
    const rest = await store.listDeliveries({ limit: 30, beforeEventId: listed.at(-1)!.eventId });
    assert.deepEqual(
      rest.map((delivery) => delivery.objectId),
      Array.from({ length: 10 }, (_, index) => 709 - index),
    );
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
    assert.deepEqual(objectIdsOf(await store.due(NOW, 10, at(10_000))), [601]);
    await append(store, [event(604)]);
    const [newer] = await store.listDeliveries({ limit: 1 });
    assert.ok(newer!.eventId > listed[0]!.eventId, 'no eventId is given twice');
  });

  test('pruning drops chunks settled before the cut-off, oldest first, up to the limit; owed ones stay', async (t) => {
    const store = await open(factory, t);
    await apps(store);
    for (const objectId of [701, 702, 703, 704, 705]) await append(store, [event(objectId)]);
    const [a, b, c, d] = (await store.due(NOW, 10, at(10_000))).map((owed) => owed.id);
    await store.settle([
      // Delivered, and given up after its last retry, long ago.
      ...attempt([a!], { delivered: true }, at(1_000)),
      ...attempt([b!], { delivered: false, retryAt: [null] }, at(2_000)),
      // Still owed: retried later.
      ...attempt([c!], { delivered: false, retryAt: [at(60_000)] }, at(3_000)),
      // Delivered after the cut-off.
      ...attempt([d!], { delivered: true }, at(9_000)),
    ]);
    // The fifth is leased and not settled yet.
    const cutOff = at(5_000);
    assert.equal(await store.prune(cutOff, 1), 1, 'up to the limit');
    assert.deepEqual(
      (await store.listDeliveries({ limit: 10 })).map((delivery) => delivery.objectId),
      [705, 704, 703, 702],
      'the oldest settled first',
    );
    assert.equal(await store.prune(cutOff, 10), 1);
    assert.equal(await store.prune(cutOff, 10), 0, 'nothing older is left');
    const listed = await store.listDeliveries({ limit: 10 });
    assert.deepEqual(
      listed.map((delivery) => [delivery.objectId, delivery.status, delivery.attempts.length]),
      [
        [705, 'pending', 0],
        [704, 'delivered', 1],
        [703, 'pending', 1],
      ],
    );
    // Owed chunks go on as before, however old: pruning never loses an event still owed.
    assert.equal(await store.prune(at(10_000_000), 10), 1, 'only the late delivery goes');
    assert.deepEqual(objectIdsOf(await store.due(at(60_000), 10, at(70_000))), [703, 705]);
  });

  test("a lease is extended only while it is still the deliverer's own", async (t) => {
    const store = await open(factory, t);
    await apps(store);
    await append(store, [event(801)]);
    await append(store, [event(802)]);
    const ids = (await store.due(NOW, 10, at(10_000))).map((owed) => owed.id);
    assert.equal(await store.extendLease(ids, at(10_000), at(20_000)), 2);
    assert.deepEqual(await store.due(at(15_000), 10, at(30_000)), [], 'still leased at 15 s');
    // The lease ran out and another deliverer took the chunks: the first one's renewal is refused.
    const [first] = await store.due(at(20_000), 1, at(40_000));
    assert.equal(first?.id, ids[0]);
    assert.equal(await store.extendLease(ids, at(20_000), at(50_000)), 1, 'only its own');
    assert.deepEqual(
      (await store.due(at(40_000), 10, at(60_000))).map((owed) => owed.id),
      [ids[0]],
      "the other deliverer's lease ended at 40 s; the extended one holds until 50 s",
    );
  });
}
