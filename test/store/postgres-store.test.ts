// Runs the store contract on PostgreSQL, plus what only a shared database can show: stores of
// several processes (here, several pools) migrating, allocating ids and locking portals together.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { createCore } from '../../src/core/create-core.js';
import type { RecordPair } from '../../src/core/model.js';
import { reversed } from '../../src/core/rules/label-writes.js';
import { resolveObjectType } from '../../src/core/object-types.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { chunkEvents } from '../../src/core/event-chunks.js';
import { MIGRATIONS } from '../../src/store/postgres/migrations.js';
import { literalLookup } from '../../src/store/postgres/postgres-records.js';
import { createTestSchema, postgresSkip } from '../helpers/postgres.js';
import { createSharedTestStores, createTestStore } from '../helpers/test-store.js';
import { row, runStoreContract } from './store.contract.js';

const skip = await postgresSkip();
const PORTAL = 7;

runStoreContract({
  name: 'postgres',
  open: () => createTestStore('postgres'),
  openShared: (count) => createSharedTestStores(count, 'postgres'),
  skip,
});

/** `count` stores opened at once on one fresh schema, each with its own pool, as processes would. */
async function sharedStores(t: TestContext, count: number) {
  const schema = await createTestSchema();
  const opened = await Promise.allSettled(
    Array.from({ length: count }, () => PostgresStore.open({ connectionString: schema.url })),
  );
  const stores = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  t.after(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await schema.drop();
  });
  assert.deepEqual(
    opened.filter((result) => result.status === 'rejected'),
    [],
  );
  return { stores, url: schema.url };
}

function insertOne(store: PostgresStore, portalId: number) {
  return store.transaction((tx) =>
    tx.insertRecords(portalId, '0-1', [{ properties: {} }, { properties: {} }], new Date()),
  );
}

/** A transaction that calls `held` once it holds its locks, and ends when `held` returns. */
type Holder = (held: () => Promise<void>) => Promise<unknown>;

/**
 * Runs `first`, then the others 100 ms into it; each keeps its locks for a second once it has
 * them, long enough that a loaded machine opens the others well inside the first. Answers, for
 * each other one, whether it got its locks before the first let go of its own.
 */
async function startedDuringFirst(
  first: Holder,
  others: Record<string, Holder>,
): Promise<Record<string, boolean>> {
  let firstEnded = false;
  const during: Record<string, boolean> = {};
  const holding = first(async () => {
    await delay(1000);
    firstEnded = true;
  });
  await delay(100);
  await Promise.all([
    holding,
    ...Object.entries(others).map(([name, other]) =>
      other(async () => {
        during[name] = !firstEnded;
        await delay(1000);
      }),
    ),
  ]);
  return during;
}

describe('postgres: stores sharing one database', { skip }, () => {
  test('stores that start together apply each migration once', async (t) => {
    const { url } = await sharedStores(t, 4);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    t.after(() => client.end());
    const applied = await client.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    assert.deepEqual(
      applied.rows.map((row) => row.version),
      MIGRATIONS.map((migration) => migration.version),
    );
  });

  test('record ids of a portal are never handed out twice, whichever store allocates them', async (t) => {
    const { stores } = await sharedStores(t, 3);
    const batches = await Promise.all(
      Array.from({ length: 30 }, (_, index) => insertOne(stores[index % 3]!, 7)),
    );
    const ids = batches.flat().map((record) => record.id);
    assert.equal(new Set(ids).size, 60);
    const sorted = [...ids].sort((a, b) => a - b);
    assert.equal(sorted.at(-1)! - sorted[0]!, 59, 'ids stay contiguous');
  });

  test('schema creates racing through two stores get distinct ids, never handed out again after a purge', async (t) => {
    const { stores } = await sharedStores(t, 2);
    const cores = stores.map((store) => createCore({ store }));
    await cores[0]!.portals.ensure(7, 'race');
    const egg = (name: string) => ({
      name,
      labels: { singular: name, plural: `${name}s` },
      primaryDisplayProperty: 'title',
      properties: [{ name: 'title', label: 'Title', type: 'string', fieldType: 'text' }],
      associatedObjects: ['contacts'],
    });
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        cores[index % 2]!.schemas.create(7, egg(`racer_${index}`)),
      ),
    );
    const ids = created.map((view) => view.schema.id).sort((a, b) => a - b);
    assert.deepEqual(ids, [1, 2, 3, 4, 5, 6, 7, 8]);
    const typeIds = created.flatMap((view) => view.associations.map((definition) => definition.id));
    assert.equal(new Set(typeIds).size, typeIds.length, 'definitions got distinct type ids');
    // One name raced from both stores: one schema, one refusal.
    const same = await Promise.allSettled(cores.map((core) => core.schemas.create(7, egg('twin'))));
    assert.deepEqual(same.map((result) => result.status).sort(), ['fulfilled', 'rejected']);
    const refused = same.find((result) => result.status === 'rejected');
    assert.equal((refused?.reason as { code?: string }).code, 'SCHEMA_ALREADY_EXISTS');
    for (const view of created) {
      await cores[0]!.schemas.delete(7, view.objectTypeId, false);
      await cores[1]!.schemas.delete(7, view.objectTypeId, true);
    }
    const again = await Promise.all(
      cores.map((core, index) => core.schemas.create(7, egg(`racer_${index}`))),
    );
    assert.deepEqual(
      again.map((view) => view.schema.id).sort((a, b) => a - b),
      [10, 11],
      'a purged id is never handed out again',
    );
  });

  test('creates of one email racing through two stores leave one contact', async (t) => {
    const { stores } = await sharedStores(t, 2);
    const cores = stores.map((store) => createCore({ store }));
    await cores[0]!.portals.ensure(7, 'race');
    const contacts = resolveObjectType('contacts');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        cores[index % 2]!.records.create(7, contacts, [
          {
            properties: { email: index % 3 ? 'race@example.com' : 'RACE@example.com' },
            associations: [],
          },
        ]),
      ),
    );
    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        assert.equal((outcome.reason as { code?: string }).code, 'UNIQUE_VALUE_EXISTS');
      }
    }
  });

  test('a portal’s transactions wait for each other across stores; other portals do not', async (t) => {
    const { stores } = await sharedStores(t, 2);
    const [first, second] = stores as [PostgresStore, PostgresStore];
    const onPortal = (store: PostgresStore, portal: number) => (held: () => Promise<void>) =>
      store.transaction(async (tx) => {
        await tx.existingRecordIds(portal, '0-1', [1]);
        await held();
      });
    const during = await startedDuringFirst(onPortal(first, 1), {
      'same portal': onPortal(second, 1),
      other: onPortal(second, 2),
    });
    assert.deepEqual(during, { 'same portal': false, other: true });
  });

  test('pair writes of other pairs run side by side across stores; one of the same pair waits', async (t) => {
    const { stores } = await sharedStores(t, 2);
    const [first, second] = stores as [PostgresStore, PostgresStore];
    const pair = (toId: number) => ({
      fromObjectTypeId: '0-1',
      fromId: 1,
      toObjectTypeId: '0-2',
      toId,
    });
    const onPair = (store: PostgresStore, toId: number) => (held: () => Promise<void>) =>
      store.transaction(
        async (tx) => {
          await tx.holdForPairWrites(7, { pairs: [pair(toId)], records: [] });
          await held();
        },
        { pairWrites: { pairs: () => [pair(toId)] } },
      );
    const during = await startedDuringFirst(onPair(first, 2), {
      'same pair': onPair(second, 2),
      'other pair': onPair(second, 3),
      'other pair, same store': onPair(first, 4),
    });
    assert.deepEqual(during, {
      'same pair': false,
      'other pair': true,
      'other pair, same store': true,
    });
  });

  test("a batch of one record's pairs holds that record: other records' batches run beside it, its own pairs wait", async (t) => {
    const { stores } = await sharedStores(t, 2);
    const [first, second] = stores as [PostgresStore, PostgresStore];
    const companies = Array.from({ length: 100 }, (_, index) => 100 + index);
    const pairOf = (contact: number, company: number) => ({
      fromObjectTypeId: '0-1',
      fromId: contact,
      toObjectTypeId: '0-2',
      toId: company,
    });
    const holding =
      (store: PostgresStore, pairs: RecordPair[], counted: number[] = []) =>
      (held: () => Promise<void>) =>
        store.transaction(
          async (tx) => {
            // As a write opens: its first statement takes the portal's lock, in its mode.
            await tx.existingRecordIds(7, '0-1', [1]);
            await tx.holdForPairWrites(7, {
              pairs,
              records: [{ objectTypeId: '0-1', ids: counted }],
            });
            await held();
          },
          { pairWrites: { pairs: () => pairs } },
        );
    const batchOf = (contact: number) => companies.map((company) => pairOf(contact, company));
    const during = await startedDuringFirst(holding(first, batchOf(1)), {
      "another record's batch": holding(second, batchOf(2)),
      'a single write of another record': holding(second, [pairOf(3, 150)]),
      'one of its pairs, from the other end': holding(second, [reversed(pairOf(1, 150))]),
      // A hundred records' keys are too many to share the portal: these run alone, after the
      // rest (the second finds out only when it holds what it counts).
      'a batch of a hundred records': holding(
        first,
        companies.map((company) => pairOf(company, 1)),
      ),
      'a write counting a hundred records': holding(second, [pairOf(4, 150)], companies),
    });
    assert.deepEqual(during, {
      "another record's batch": true,
      'a single write of another record': true,
      'one of its pairs, from the other end': false,
      'a batch of a hundred records': false,
      'a write counting a hundred records': false,
    });
  });

  test("one portal's pair writes leave the pool's connections to reads and other portals", async (t) => {
    const schema = await createTestSchema();
    const store = await PostgresStore.open({ connectionString: schema.url, maxConnections: 4 });
    t.after(async () => {
      await store.close();
      await schema.drop();
    });
    const pairOf = (toId: number) => ({
      fromObjectTypeId: '0-1',
      fromId: toId,
      toObjectTypeId: '0-2',
      toId,
    });
    // As many long pair writes of one portal as the pool has connections, on pairs of their own.
    let aWriteEnded = false;
    const writes = Promise.all(
      [2, 3, 4, 5].map((toId) =>
        store.transaction(
          async (tx) => {
            await tx.holdForPairWrites(7, { pairs: [pairOf(toId)], records: [] });
            await delay(1000);
            aWriteEnded = true;
          },
          { pairWrites: { pairs: () => [pairOf(toId)] } },
        ),
      ),
    );
    await delay(100);
    await store.getRecords(7, '0-1', [1], false);
    await insertOne(store, 8);
    assert.equal(aWriteEnded, false, 'the read and the other portal waited for a pair write');
    await writes;
  });

  // On SQLite, a second store of the same process waiting on the file lock blocks the event loop.
  test("a guessed pair write waits for another store's transaction holding its pair, and keeps no other write of its portal waiting", async (t) => {
    const { stores } = await sharedStores(t, 2);
    const [holder, writer] = stores as [PostgresStore, PostgresStore];
    const core = createCore({ store: writer });
    const path = { from: resolveObjectType('contacts'), to: resolveObjectType('companies') };
    const [held = 0, other = 0, free = 0] = (
      await holder.transaction((tx) =>
        tx.insertRecords(
          PORTAL,
          '0-1',
          [{ properties: {} }, { properties: {} }, { properties: {} }],
          new Date(),
        ),
      )
    ).map((record) => record.id);
    const [company = 0] = (
      await holder.transaction((tx) =>
        tx.insertRecords(PORTAL, '0-2', [{ properties: {} }], new Date()),
      )
    ).map((record) => record.id);
    const put = (fromId: number) =>
      core.associations.createLabelled(PORTAL, path, [
        { fromId, toId: company, types: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }] },
      ]);
    // The writer's first write reads the portal's settings; the next may be planned on them.
    await put(other);
    const pair = { fromObjectTypeId: '0-1', fromId: held, toObjectTypeId: '0-2', toId: company };
    // The holder has read no settings: its hold is taken, not guessed.
    let holding: () => void = () => undefined;
    const taken = new Promise<void>((resolve) => (holding = resolve));
    let holderEnded = false;
    const holderRuns = holder.transaction(
      async (tx) => {
        await tx.holdForPairWrites(PORTAL, { pairs: [pair], records: [] });
        holding();
        await delay(500);
        holderEnded = true;
      },
      { pairWrites: { pairs: () => [pair] } },
    );
    await taken;
    // The first goes at once and meets the held pair; the second goes while it is in flight.
    const waiting = put(held);
    await put(free);
    assert.equal(holderEnded, false, 'a write of another pair waited for the held one');
    await waiting;
    assert.equal(holderEnded, true, 'the write of the held pair went on while it was held');
    await holderRuns;
  });

  test('request counts are shared by the stores on one database', async (t) => {
    const { stores } = await sharedStores(t, 2);
    const [first, second] = stores as [PostgresStore, PostgresStore];
    const window = [{ name: 'TEN_SECONDLY_ROLLING', windowStart: 10_000, windowMs: 10_000 }];
    const counts = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 ? first : second).requestCounter.hit(7, window),
      ),
    );
    assert.deepEqual(
      counts.map(([count]) => count).sort((a, b) => a! - b!),
      Array.from({ length: 20 }, (_, index) => index + 1),
    );
    assert.deepEqual(await first.requestCounter.hit(8, window), [1]);
  });

  test('stores leasing due webhook events at the same moment never hand out one event twice', async (t) => {
    const { stores } = await sharedStores(t, 3);
    const now = new Date();
    const store = stores[0]!;
    await store.putApp({ appId: 70, clientSecret: 's', developerKeyHash: null, createdAt: now });
    await store.putWebhookSettings(70, {
      targetUrl: 'http://receiver.test/',
      maxConcurrentRequests: 5,
      period: null,
      createdAt: now,
      updatedAt: now,
    });
    const event = (objectId: number) => ({
      appId: 70,
      subscriptionId: 1,
      objectTypeId: '0-1',
      objectId,
      head: {},
      keys: ['objectId'],
      values: [objectId],
    });
    // 60 writes of 5 events: 60 chunks, for 30 leases of up to 10.
    for (let write = 0; write < 60; write++) {
      await store.transaction((tx) =>
        tx.appendWebhookEvents(
          7,
          Array.from({ length: 5 }, (_, index) => event(write * 5 + index)),
          now,
        ),
      );
    }
    const leaseUntil = new Date(now.getTime() + 60_000);
    const leased = await Promise.all(
      Array.from({ length: 30 }, (_, index) => stores[index % 3]!.due(now, 10, leaseUntil)),
    );
    const ids = leased
      .flat()
      .flatMap((chunk) => chunkEvents(Number(chunk.id), chunk.events).map((one) => one.eventId));
    assert.equal(ids.length, 300);
    assert.equal(new Set(ids).size, 300);
  });

  test('a transaction in which a statement failed commits nothing, even if the work went on', async (t) => {
    const { stores } = await sharedStores(t, 1);
    const store = stores[0]!;
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.insertAssociations(7, [row(1, 2)]);
        // Out of BIGINT's range: PostgreSQL refuses the statement and aborts the transaction.
        await tx.existingRecordIds(7, '0-1', [1e19]).catch(() => new Set());
      }),
      /rolled back/,
    );
    const page = await store.pageTargets(7, {
      fromObjectTypeId: '0-1',
      fromId: 1,
      toObjectTypeId: '0-2',
      afterToId: null,
      limit: 10,
    });
    assert.deepEqual(page.targets, []);
  });
});

describe('postgres: plans', { skip }, () => {
  test('a batch of emails is looked up through the email index, not by reading every contact', async (t) => {
    const { stores, url } = await sharedStores(t, 1);
    const store = stores[0]!;
    const contacts = Array.from({ length: 20_000 }, (_, k) => ({
      properties: { email: `c${k}@example.com` },
    }));
    await store.transaction((tx) => tx.insertRecords(1, '0-1', contacts, new Date()));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    t.after(() => client.end());
    // As autovacuum does once a table has grown.
    await client.query('ANALYZE records');
    // A contacts batch create checks its 100 emails in one lookup.
    const emails = Array.from({ length: 100 }, (_, k) => `C${k * 7}@example.com`);
    const [sql, params] = literalLookup(1, '0-1', 'email', emails, false);
    const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      params,
    );
    const plan = JSON.stringify(rows[0]?.['QUERY PLAN']);
    assert.match(plan, /"Index Name":"records_contact_email"/);
    assert.doesNotMatch(plan, /Seq Scan/);
    const found = await store.transaction((tx) =>
      tx.findRecordsByProperty(1, '0-1', 'email', emails, false),
    );
    assert.equal(found.length, 100);
  });
});
