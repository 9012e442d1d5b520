import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { Signature } from '@hubspot/api-client';
import {
  MAX_RETRIES,
  PRUNE_INTERVAL_MS,
  WebhookDeliverer,
  type DeliveryAttempt,
  type DeliveryQueue,
  type DeliveryTarget,
  type OwedChunk,
} from './delivery.js';

const SECRET = 'client-secret-of-the-app';

/** What the receiver saw: each request's events and whether its signatures held. */
interface Received {
  readonly events: Record<string, unknown>[];
  readonly v1Valid: boolean;
  readonly v3Valid: boolean;
}

/** A real HTTP receiver; `answer` decides each request's status (null: never answer). */
async function receiver(answer: (index: number) => number | null = () => 204) {
  const received: Received[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const held: ServerResponse[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const url = `http://${request.headers.host}${request.url}`;
      const common = { clientSecret: SECRET, requestBody: body, url };
      received.push({
        events: JSON.parse(body) as Record<string, unknown>[],
        v1Valid: Signature.isValid({
          ...common,
          signature: String(request.headers['x-hubspot-signature']),
        }),
        v3Valid: Signature.isValid({
          ...common,
          signature: String(request.headers['x-hubspot-signature-v3']),
          signatureVersion: 'v3',
          timestamp: Number(request.headers['x-hubspot-request-timestamp']),
        }),
      });
      const status = answer(received.length - 1);
      if (status === null) {
        held.push(response);
        return;
      }
      setTimeout(() => {
        inFlight--;
        response.writeHead(status).end();
      }, 20);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks?app=7`;
  after(() => {
    for (const response of held) response.destroy();
    server.close();
  });
  return { url, received, maxInFlight: () => maxInFlight };
}

/**
 * A queue in memory, with a clock the test moves: `events` chunks of one event each, or chunks of
 * the sizes given; event ids count up from 0 across chunks, a chunk's id is its first event's.
 */
class TestQueue implements DeliveryQueue {
  readonly attempts: DeliveryAttempt[] = [];
  readonly #owed = new Map<string, { event: OwedChunk; dueAt: number }>();
  constructor(
    private readonly target: DeliveryTarget,
    events: number | readonly number[],
  ) {
    const sizes = typeof events === 'number' ? Array.from({ length: events }, () => 1) : events;
    let eventId = 0;
    for (const size of sizes) {
      // The log's compact form: events with no fields but their eventId.
      const events = JSON.stringify({
        heads: [{}],
        keys: [[]],
        n: size,
        columns: [{ v: 1 }, { v: '0-1' }, { v: 1 }, { v: 0 }, { v: 0 }],
      });
      const event = { id: `${eventId}`, appId: 7, attemptNumber: 0, eventCount: size, events };
      this.#owed.set(event.id, { event, dueAt: 0 });
      eventId += size;
    }
  }
  due(now: Date, limit: number, leaseUntil: Date): Promise<OwedChunk[]> {
    const due = [...this.#owed.values()].filter((owed) => owed.dueAt <= now.getTime());
    for (const owed of due.slice(0, limit)) owed.dueAt = leaseUntil.getTime();
    return Promise.resolve(due.slice(0, limit).map((owed) => owed.event));
  }
  targetOf(): Promise<DeliveryTarget> {
    return Promise.resolve(this.target);
  }
  settle(attempts: readonly DeliveryAttempt[]): Promise<void> {
    for (const attempt of attempts) {
      this.attempts.push(attempt);
      for (const [id, retryAt] of attempt.retryAt) {
        const owed = this.#owed.get(id)!;
        if (retryAt === null) this.#owed.delete(id);
        else {
          owed.event = { ...owed.event, attemptNumber: owed.event.attemptNumber + 1 };
          owed.dueAt = retryAt.getTime();
        }
      }
    }
    return Promise.resolve();
  }
  /** Each `extendLease` call's new end. */
  readonly extensions: Date[] = [];
  extendLease(chunkIds: readonly string[], leasedUntil: Date, until: Date): Promise<number> {
    this.extensions.push(until);
    let extended = 0;
    for (const id of chunkIds) {
      const owed = this.#owed.get(id);
      if (owed?.dueAt === leasedUntil.getTime()) {
        owed.dueAt = until.getTime();
        extended++;
      }
    }
    return Promise.resolve(extended);
  }
  /** Each `prune` call's cut-off; each answers the next of `pruneAnswers` (then 0). */
  readonly prunes: Date[] = [];
  pruneAnswers: number[] = [];
  prune(settledBefore: Date): Promise<number> {
    this.prunes.push(settledBefore);
    return Promise.resolve(this.pruneAnswers.shift() ?? 0);
  }
  get owed(): number {
    return this.#owed.size;
  }
}

test('owed events arrive in signed batches of at most 100, in order, each with its attempt number', async () => {
  const { url, received } = await receiver();
  const queue = new TestQueue(
    { targetUrl: url, clientSecret: SECRET, maxConcurrentRequests: 10 },
    250,
  );
  // 250 one-event chunks in one pass (a pass leases 100 unless told): they share POSTs.
  const delivered = await new WebhookDeliverer(queue).deliverDue(1000);
  assert.equal(delivered, 250);
  assert.deepEqual(
    received.map((request) => request.events.length),
    [100, 100, 50],
  );
  assert.ok(received.every((request) => request.v1Valid && request.v3Valid));
  const ids = received.flatMap((request) => request.events.map((event) => event['eventId']));
  assert.deepEqual(
    ids,
    Array.from({ length: 250 }, (_, index) => index),
  );
  assert.ok(
    received.every((request) => request.events.every((event) => event['attemptNumber'] === 0)),
  );
  assert.equal(queue.owed, 0);
});

test('chunks share a POST up to 100 events and are never split; each is settled as one', async () => {
  const { url, received } = await receiver((index) => (index === 0 ? 503 : 204));
  const queue = new TestQueue(
    { targetUrl: url, clientSecret: SECRET, maxConcurrentRequests: 1 },
    [60, 30, 30, 50, 100],
  );
  assert.equal(await new WebhookDeliverer(queue).deliverDue(), 180);
  assert.deepEqual(
    received.map((request) => request.events.length),
    [90, 80, 100],
  );
  assert.deepEqual(
    received.flatMap((request) => request.events.map((event) => event['eventId'])),
    Array.from({ length: 270 }, (_, index) => index),
  );
  assert.deepEqual(
    queue.attempts.map((attempt) => [attempt.chunkIds, attempt.delivered]),
    [
      [['0', '60'], false],
      [['90', '120'], true],
      [['170'], true],
    ],
  );
  assert.equal(queue.owed, 2, "the failed POST's two chunks wait for their retry");
});

test('a loop whose pass leased all it may runs the next pass at once, draining a backlog', async () => {
  const { url, received } = await receiver();
  const queue = new TestQueue(
    { targetUrl: url, clientSecret: SECRET, maxConcurrentRequests: 10 },
    250,
  );
  const deliverer = new WebhookDeliverer(queue);
  // One tick a second: passes of 100 chunks one per tick would take three seconds.
  deliverer.start(1000);
  const started = Date.now();
  while (queue.owed > 0 && Date.now() - started < 1900) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await deliverer.stop();
  assert.equal(queue.owed, 0, 'all 250 delivered after the first tick');
  assert.equal(received.flatMap((request) => request.events).length, 250);
});

test('no more than maxConcurrentRequests POSTs are in flight at once', async () => {
  const { url, maxInFlight } = await receiver();
  const queue = new TestQueue(
    { targetUrl: url, clientSecret: SECRET, maxConcurrentRequests: 2 },
    700,
  );
  assert.equal(await new WebhookDeliverer(queue).deliverDue(1000), 700);
  assert.equal(maxInFlight(), 2);
});

test('a receiver that fails twice gets the events again, later, with attempt numbers 1 and 2', async () => {
  const { url, received } = await receiver((index) => (index < 2 ? 503 : 200));
  let now = 1_000_000;
  const queue = new TestQueue(
    { targetUrl: url, clientSecret: SECRET, maxConcurrentRequests: 1 },
    3,
  );
  const deliverer = new WebhookDeliverer(queue, { now: () => new Date(now), random: () => 0.5 });
  assert.equal(await deliverer.deliverDue(), 0);
  assert.equal(await deliverer.deliverDue(), 0, 'not due again before the first retry delay');
  now += 60_000; // the first retry waits a minute
  assert.equal(await deliverer.deliverDue(), 0);
  now += 60_000; // the second waits two
  assert.equal(await deliverer.deliverDue(), 0, 'the second retry is not due yet');
  now += 60_000;
  assert.equal(await deliverer.deliverDue(), 3);
  assert.deepEqual(
    received.map((request) => request.events.map((event) => event['attemptNumber'])),
    [
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2],
    ],
  );
  assert.deepEqual(
    queue.attempts.map((attempt) => [attempt.status, attempt.delivered, attempt.error]),
    [
      [503, false, 'the receiver answered 503'],
      [503, false, 'the receiver answered 503'],
      [200, true, null],
    ],
  );
});

test('a receiver that does not answer in time fails the attempt, and retries stop after ten', async () => {
  const { url, received } = await receiver(() => null);
  let now = 0;
  const queue = new TestQueue(
    { targetUrl: url, clientSecret: SECRET, maxConcurrentRequests: 1 },
    1,
  );
  const deliverer = new WebhookDeliverer(queue, {
    now: () => new Date(now),
    timeoutMs: 50,
    retryTimeScale: 0.001,
  });
  for (let pass = 0; pass <= MAX_RETRIES + 2; pass++) {
    await deliverer.deliverDue();
    now += 24 * 3600_000;
  }
  assert.equal(received.length, MAX_RETRIES + 1, 'the first attempt and ten retries');
  assert.equal(queue.attempts[0]!.status, null);
  assert.equal(queue.attempts[0]!.error, 'no answer within 50 ms');
  assert.equal(queue.attempts.at(-1)!.retryAt.get('0'), null, 'given up after the tenth retry');
  assert.equal(queue.owed, 0);
});

test('a receiver that is down costs one connection a pass: the POSTs after it fail unsent, to be retried', async () => {
  // A port nothing listens on: take one, then close it.
  const closed = createServer();
  closed.listen(0, '127.0.0.1');
  await new Promise((resolve) => closed.once('listening', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  let now = 0;
  const queue = new TestQueue(
    { targetUrl: `http://127.0.0.1:${port}/hooks`, clientSecret: SECRET, maxConcurrentRequests: 1 },
    [100, 100, 100],
  );
  const deliverer = new WebhookDeliverer(queue, { now: () => new Date(now), random: () => 0.5 });
  assert.equal(await deliverer.deliverDue(), 0);
  const [first, ...unsent] = queue.attempts;
  assert.match(first!.error ?? '', /ECONNREFUSED/);
  assert.ok(first!.durationMs > 0);
  assert.deepEqual(
    unsent.map((attempt) => [attempt.chunkIds, attempt.status, attempt.durationMs]),
    [
      [['100'], null, 0],
      [['200'], null, 0],
    ],
  );
  assert.ok(unsent.every((attempt) => attempt.error?.startsWith('not sent: an earlier POST')));
  assert.equal(queue.owed, 3, 'all three chunks wait for their retry');
  now += 30_000;
  assert.equal(await deliverer.deliverDue(), 0);
  assert.equal(queue.attempts.length, 3, 'nothing is tried before the first retry is due');
  now += 30_000; // the first retry waits a minute
  assert.equal(await deliverer.deliverDue(), 0);
  assert.deepEqual(
    queue.attempts.slice(3).map((attempt) => [attempt.chunkIds, attempt.durationMs > 0]),
    [
      [['0'], true],
      [['100'], false],
      [['200'], false],
    ],
    'the retry tries one connection again, for the first POST',
  );
});

test('the loop drops settled chunks older than the retention period, a batch at a time, once a minute', async () => {
  const queue = new TestQueue(
    { targetUrl: 'http://127.0.0.1:9/', clientSecret: SECRET, maxConcurrentRequests: 1 },
    0,
  );
  queue.pruneAnswers = [1000, 1000, 7];
  let now = 10 * 86_400_000;
  const retentionMs = 7 * 86_400_000;
  const deliverer = new WebhookDeliverer(queue, { now: () => new Date(now), retentionMs });
  const ticks = async (count: number) => {
    for (let tick = 0; tick < count; tick++)
      await new Promise((resolve) => setTimeout(resolve, 10));
  };
  deliverer.start(5);
  await ticks(10);
  assert.deepEqual(
    queue.prunes.map((before) => before.getTime()),
    Array.from({ length: 3 }, () => now - retentionMs),
    'a full batch is followed by another at once, until one comes back short',
  );
  now += PRUNE_INTERVAL_MS - 1;
  await ticks(10);
  assert.equal(queue.prunes.length, 3, 'not again within the interval');
  now += 1;
  await ticks(10);
  await deliverer.stop();
  assert.deepEqual(
    queue.prunes.slice(3).map((before) => before.getTime()),
    [now - retentionMs],
  );
  // Without a retention period nothing is ever dropped.
  const keeping = new TestQueue(
    { targetUrl: 'http://127.0.0.1:9/', clientSecret: SECRET, maxConcurrentRequests: 1 },
    0,
  );
  const keeper = new WebhookDeliverer(keeping, { now: () => new Date(now) });
  keeper.start(5);
  await ticks(10);
  await keeper.stop();
  assert.deepEqual(keeping.prunes, []);
});

test('a pass that outlasts its lease renews it every timeout, so no one else takes its chunks meanwhile', async () => {
  // Forty POSTs one at a time, each answered after 20 ms: the pass takes over 800 ms, its first
  // lease (two 200 ms timeouts, far above an answer's time even on a loaded machine) 400 ms.
  const { url, received } = await receiver(() => 204);
  const queue = new TestQueue(
    { targetUrl: url, clientSecret: SECRET, maxConcurrentRequests: 1 },
    Array.from({ length: 40 }, () => 100),
  );
  const deliverer = new WebhookDeliverer(queue, { timeoutMs: 200 });
  const pass = deliverer.deliverDue();
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.deepEqual(
    await queue.due(new Date(), 10, new Date(Date.now() + 1000)),
    [],
    'past the first lease, the chunks are still leased',
  );
  assert.equal(await pass, 4000);
  assert.equal(received.length, 40, 'each POST went once');
  assert.ok(queue.extensions.length >= 2, `renewed ${queue.extensions.length} times`);
  const ends = queue.extensions.map((until) => until.getTime());
  assert.deepEqual(
    ends,
    [...ends].sort((a, b) => a - b),
  );
  const renewals = queue.extensions.length;
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.equal(queue.extensions.length, renewals, 'no renewal once the pass has ended');
});
