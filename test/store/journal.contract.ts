// The store contract for apps' webhooks journals: subscriptions upserted by their key, filters,
// entries appended in a write's transaction with per-app ascending sequences that rollback does
// not take, reads by position and portal, expiry, file tokens and snapshots. Run by
// store.contract.ts on each engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  JOURNAL_RETENTION_MS,
  type NewJournalSubscription,
  type Store,
} from '../../src/core/ports.js';
import { NOW, PORTAL, open, type Factory } from './contract-fixture.js';

const APP = 41;
const OTHER_APP = 42;

function objectSubscription(extra: Partial<NewJournalSubscription> = {}): NewJournalSubscription {
  return {
    appId: APP,
    portalId: PORTAL,
    subscriptionType: 'OBJECT',
    objectTypeId: '0-1',
    actions: ['CREATE'],
    objectIds: [],
    properties: ['email'],
    associatedObjectTypeIds: [],
    listIds: [],
    ...extra,
  };
}

/** Appends one entry per app named, in one transaction of `portalId`. */
async function append(store: Store, portalId: number, apps: number[], at = NOW) {
  await store.transaction(async (tx) => {
    // A write's transaction reads first, so the portal is named before the append.
    await tx.listLabels(portalId);
    await tx.appendJournalEntries(
      portalId,
      apps.map((appId, index) => ({ appId, events: [{ n: index, portalId }] })),
      at,
    );
  });
}

const sequences = (entries: { sequence: number }[]) => entries.map((entry) => entry.sequence);

export function runJournalContract(factory: Factory): void {
  test('journal subscriptions are upserted by app, type, portal and object type', async (t) => {
    const store = await open(factory, t);
    const first = await store.upsertJournalSubscription(objectSubscription(), NOW);
    assert.deepEqual(first, {
      ...objectSubscription(),
      id: first.id,
      createdAt: NOW,
      updatedAt: NOW,
    });
    const later = new Date(NOW.getTime() + 1000);
    const replaced = await store.upsertJournalSubscription(
      objectSubscription({ actions: ['CREATE', 'UPDATE'], properties: [] }),
      later,
    );
    assert.equal(replaced.id, first.id, 'the same key keeps its id');
    assert.deepEqual(replaced.actions, ['CREATE', 'UPDATE']);
    assert.deepEqual([replaced.createdAt, replaced.updatedAt], [NOW, later]);
    const companies = await store.upsertJournalSubscription(
      objectSubscription({ objectTypeId: '0-2' }),
      NOW,
    );
    const lifecycle = await store.upsertJournalSubscription(
      objectSubscription({
        subscriptionType: 'APP_LIFECYCLE_EVENT',
        portalId: 0,
        objectTypeId: '4-1909196',
        actions: [],
      }),
      NOW,
    );
    const elsewhere = await store.upsertJournalSubscription(
      objectSubscription({ portalId: PORTAL + 1 }),
      NOW,
    );
    await store.upsertJournalSubscription(objectSubscription({ appId: OTHER_APP }), NOW);
    assert.deepEqual(
      (await store.listJournalSubscriptions(APP)).map((s) => s.id),
      [first.id, companies.id, lifecycle.id, elsewhere.id],
    );

    const filter = await store.insertJournalFilter(
      APP,
      first.id,
      [{ filterType: 'CRM_OBJECT_PROPERTY', property: 'email', operator: 'IS_NOT_EMPTY' }],
      NOW,
    );
    assert.ok(filter);
    assert.equal(
      await store.insertJournalFilter(OTHER_APP, first.id, [], NOW),
      null,
      "another app's subscription takes no filter",
    );
    assert.deepEqual(await store.listJournalFilters(APP, { filterId: filter.id }), [filter]);
    assert.deepEqual(await store.listJournalFilters(OTHER_APP, { filterId: filter.id }), []);
    assert.deepEqual(await store.listJournalFilters(APP, { subscriptionId: first.id }), [filter]);

    const active = await store.activeJournalSubscriptions();
    assert.deepEqual(
      active.map((s) => [s.appId, s.id, s.filters.map((f) => f.id)]),
      [
        [APP, first.id, [filter.id]],
        [APP, companies.id, []],
        [APP, elsewhere.id, []],
        [OTHER_APP, active[3]?.id, []],
      ],
      'lifecycle subscriptions make no events, so the writer is not given them',
    );

    assert.equal(await store.deleteJournalSubscriptionsOfPortal(APP, PORTAL), 2);
    assert.deepEqual(await store.listJournalFilters(APP, { filterId: filter.id }), []);
    assert.equal(await store.deleteJournalSubscription(OTHER_APP, lifecycle.id), false);
    assert.equal(await store.deleteJournalSubscription(APP, lifecycle.id), true);
    assert.deepEqual(
      (await store.listJournalSubscriptions(APP)).map((s) => s.id),
      [elsewhere.id],
    );
    const again = await store.upsertJournalSubscription(objectSubscription(), NOW);
    assert.ok(again.id > elsewhere.id, 'a deleted id is not given again');
  });

  test('journal entries take per-app ascending sequences in the write, and rollback takes none', async (t) => {
    const store = await open(factory, t);
    await append(store, PORTAL, [APP, OTHER_APP, APP]);
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.listLabels(PORTAL);
        await tx.appendJournalEntries(PORTAL, [{ appId: APP, events: [] }], NOW);
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    await append(store, PORTAL + 1, [APP]);
    await append(store, PORTAL, [APP]);
    const all = await store.readJournal(APP, null, { kind: 'earliest' }, 10, NOW);
    assert.deepEqual(sequences(all), [1, 2, 3, 4]);
    assert.deepEqual(
      all.map((entry) => entry.portalId),
      [PORTAL, PORTAL, PORTAL + 1, PORTAL],
    );
    assert.deepEqual(
      all.map((entry) => entry.expiresAt.getTime()),
      all.map(() => NOW.getTime() + JOURNAL_RETENTION_MS),
    );
    assert.equal(new Set(all.map((entry) => entry.fileToken)).size, 4);
    assert.ok(all.every((entry) => entry.fileToken.length >= 20));
    assert.deepEqual(
      sequences(await store.readJournal(OTHER_APP, null, { kind: 'earliest' }, 10, NOW)),
      [1],
    );

    const read = (portalId: number | null, position: Parameters<Store['readJournal']>[2], n = 2) =>
      store.readJournal(APP, portalId, position, n, NOW).then(sequences);
    assert.deepEqual(await read(null, { kind: 'earliest' }), [1, 2]);
    assert.deepEqual(await read(null, { kind: 'latest' }), [3, 4]);
    assert.deepEqual(await read(null, { kind: 'after', sequence: 2 }), [3, 4]);
    assert.deepEqual(await read(null, { kind: 'after', sequence: 4 }), []);
    assert.deepEqual(await read(PORTAL, { kind: 'after', sequence: 2 }), [4]);
    assert.deepEqual(await read(PORTAL + 1, { kind: 'latest' }), [3]);
    assert.deepEqual(sequences(await store.journalEntriesAt(APP, null, [4, 9, 1], NOW)), [1, 4]);
    assert.deepEqual(sequences(await store.journalEntriesAt(APP, PORTAL + 1, [3, 4], NOW)), [3]);

    const file = await store.journalFile(all[1]!.fileToken, NOW);
    assert.deepEqual(file, { entry: all[1], events: [{ n: 2, portalId: PORTAL }] });
    assert.equal(await store.journalFile('not-a-token', NOW), null);
  });

  test("concurrent writes of several portals share an app's sequence without gaps or repeats", async (t) => {
    const store = await open(factory, t);
    await Promise.all(
      Array.from({ length: 12 }, (_, index) => append(store, PORTAL + (index % 3), [APP, APP])),
    );
    const all = await store.readJournal(APP, null, { kind: 'earliest' }, 100, NOW);
    assert.deepEqual(
      sequences(all),
      Array.from({ length: 24 }, (_, index) => index + 1),
    );
    for (let index = 0; index < all.length; index += 2) {
      assert.equal(all[index]?.portalId, all[index + 1]?.portalId, "one write's entries adjoin");
    }
  });

  test('journal entries expire after three days; deleting the app deletes its journal', async (t) => {
    const store = await open(factory, t);
    await store.putApp({ appId: APP, clientSecret: 's', developerKeyHash: null, createdAt: NOW });
    await append(store, PORTAL, [APP]);
    const later = new Date(NOW.getTime() + 1000);
    await append(store, PORTAL, [APP], later);
    const [first] = await store.readJournal(APP, null, { kind: 'earliest' }, 1, NOW);
    const expired = new Date(NOW.getTime() + JOURNAL_RETENTION_MS);
    assert.deepEqual(
      sequences(await store.readJournal(APP, null, { kind: 'earliest' }, 5, expired)),
      [2],
    );
    assert.deepEqual(await store.journalEntriesAt(APP, null, [1], expired), []);
    assert.equal(await store.journalFile(first!.fileToken, expired), null);
    await append(store, PORTAL + 1, [APP], expired);
    assert.deepEqual(
      sequences(await store.readJournal(APP, null, { kind: 'earliest' }, 5, NOW)),
      [2, 3],
      'an append drops the entries expired by its time (1), whatever time reads',
    );

    const snapshot = {
      id: '3f1a6f3e-0000-4000-8000-000000000001',
      appId: APP,
      status: 'SUCCESS',
      errorCode: null,
      message: null,
      initiatedAt: NOW,
      completedAt: later,
    };
    await store.putJournalSnapshot(snapshot);
    assert.deepEqual(await store.getJournalSnapshot(APP, snapshot.id), snapshot);
    assert.equal(await store.getJournalSnapshot(OTHER_APP, snapshot.id), null);

    await store.upsertJournalSubscription(objectSubscription(), NOW);
    assert.equal(await store.deleteApp(APP), true);
    assert.deepEqual(await store.listJournalSubscriptions(APP), []);
    assert.deepEqual(await store.readJournal(APP, null, { kind: 'earliest' }, 5, NOW), []);
    assert.equal(await store.getJournalSnapshot(APP, snapshot.id), null);
    await append(store, PORTAL, [APP]);
    assert.deepEqual(
      sequences(await store.readJournal(APP, null, { kind: 'earliest' }, 5, NOW)),
      [1],
      'a new app of the same id starts a new journal',
    );
  });
}
