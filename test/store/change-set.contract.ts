// The store contract for change sets: every write says what it changed (rows actually added or
// removed, cascades included; records created, updated property by property, archived, purged),
// and the commit hook runs inside the write's transaction. Run by store.contract.ts on each engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Change } from '../../src/core/changes.js';
import type { AssociationRow } from '../../src/core/model.js';
import type { Store, StoreTransaction } from '../../src/core/ports.js';
import { NOW, PORTAL, insert, open, type Factory } from './contract-fixture.js';

function row(fromId: number, toId: number, typeId: number, from = '0-1', to = '0-2') {
  const stored: AssociationRow = {
    fromObjectTypeId: from,
    fromId,
    toObjectTypeId: to,
    toId,
    category: typeId < 1000 ? 'HUBSPOT_DEFINED' : 'USER_DEFINED',
    typeId: typeId % 1000,
  };
  return stored;
}

/** The changes of one transaction, in a form easy to compare. */
async function changesOf(store: Store, work: (tx: StoreTransaction) => Promise<unknown>) {
  return store.transaction(async (tx) => {
    await work(tx);
    return tx.changeSet.changes.map(describe);
  });
}

function describe(change: Change): string {
  switch (change.kind) {
    case 'associationAdded':
    case 'associationRemoved': {
      const { fromObjectTypeId, fromId, toObjectTypeId, toId, category, typeId } = change.row;
      const sign = change.kind === 'associationAdded' ? '+' : '-';
      return `${sign}${fromObjectTypeId}:${fromId}>${toObjectTypeId}:${toId}/${category[0]}${typeId}`;
    }
    case 'updated':
      return `updated ${change.objectTypeId}:${change.id} ${JSON.stringify(change.properties)}`;
    case 'merged':
      return `merged ${change.objectTypeId}:${change.newId}`;
    default:
      return `${change.kind} ${change.objectTypeId}:${change.id}`;
  }
}

export function runChangeSetContract(factory: Factory): void {
  test('inserting rows reports those that were not stored yet, once each', async (t) => {
    const store = await open(factory, t);
    const [contact] = await insert(store, '0-1', {});
    const [other] = await insert(store, '0-2', {});
    assert.ok(contact !== undefined && other !== undefined);
    await store.transaction((tx) => tx.insertAssociations(PORTAL, [row(contact, other, 279)]));
    const changes = await changesOf(store, (tx) =>
      tx.insertAssociations(PORTAL, [
        row(contact, other, 279),
        row(contact, other, 1),
        row(other, contact, 280, '0-2', '0-1'),
      ]),
    );
    assert.deepEqual(changes, [
      `+0-1:${contact}>0-2:${other}/H1`,
      `+0-2:${other}>0-1:${contact}/H280`,
    ]);
  });

  test('more rows than one statement holds are reported too (the chunked insert)', async (t) => {
    const store = await open(factory, t);
    const rows = Array.from({ length: 1201 }, (_, index) => row(1, 100 + index, 279));
    await store.transaction((tx) => tx.insertAssociations(PORTAL, rows.slice(0, 600)));
    const changes = await changesOf(store, (tx) => tx.insertAssociations(PORTAL, rows));
    assert.equal(changes.length, 601);
    assert.equal(new Set(changes).size, 601);
    assert.ok(changes.includes('+0-1:1>0-2:1300/H279'));
  });

  test('an insert of only new rows reports them all, in the order given, and stores them', async (t) => {
    const store = await open(factory, t);
    const rows = Array.from({ length: 1201 }, (_, index) => row(1, 2000 - index, 279));
    const changes = await changesOf(store, (tx) => tx.insertAssociations(PORTAL, rows));
    assert.deepEqual(
      changes,
      rows.map((stored) => `+0-1:1>0-2:${stored.toId}/H279`),
    );
    const pairs = rows.map(({ fromObjectTypeId, fromId, toObjectTypeId, toId }) => ({
      fromObjectTypeId,
      fromId,
      toObjectTypeId,
      toId,
    }));
    const stored = await store.transaction((tx) => tx.rowsOfPairs(PORTAL, pairs));
    assert.equal(stored.length, 1201);
  });

  test('a row named twice in one insert is reported and stored once', async (t) => {
    const store = await open(factory, t);
    const rows = Array.from({ length: 600 }, (_, index) => row(1, 100 + index, 279));
    const twice = [...rows.slice(0, 300), row(1, 100, 279), ...rows.slice(300)];
    const changes = await changesOf(store, (tx) => tx.insertAssociations(PORTAL, twice));
    assert.deepEqual(
      changes,
      rows.map((stored) => `+0-1:1>0-2:${stored.toId}/H279`),
    );
    const stored = await store.transaction((tx) =>
      tx.rowsOfPairs(PORTAL, [
        { fromObjectTypeId: '0-1', fromId: 1, toObjectTypeId: '0-2', toId: 100 },
      ]),
    );
    assert.equal(stored.length, 1);
  });

  test('deleting rows and pairs reports the rows that were there, nothing for the rest', async (t) => {
    const store = await open(factory, t);
    await store.transaction((tx) =>
      tx.insertAssociations(PORTAL, [row(1, 2, 279), row(1, 2, 1), row(1, 3, 279)]),
    );
    const deleted = await changesOf(store, (tx) =>
      tx.deleteAssociations(PORTAL, [row(1, 2, 1), row(1, 4, 279)]),
    );
    assert.deepEqual(deleted, ['-0-1:1>0-2:2/H1']);
    const pairs = await changesOf(store, (tx) =>
      tx.deletePairs(PORTAL, [
        { fromObjectTypeId: '0-1', fromId: 1, toObjectTypeId: '0-2', toId: 3 },
        { fromObjectTypeId: '0-1', fromId: 1, toObjectTypeId: '0-2', toId: 9 },
      ]),
    );
    assert.deepEqual(pairs, ['-0-1:1>0-2:3/H279']);
  });

  test('records: created, updated only where a value changed, archived with their rows', async (t) => {
    const store = await open(factory, t);
    const created = await changesOf(store, (tx) =>
      tx.insertRecords(PORTAL, '0-1', [{ properties: { email: 'a@b.c', city: 'Oslo' } }], NOW),
    );
    assert.equal(created.length, 1);
    const id = Number(/0-1:(\d+)/.exec(created[0]!)?.[1]);
    assert.deepEqual(created, [`created 0-1:${id}`]);
    const company = (await insert(store, '0-2', {}))[0]!;
    await store.transaction((tx) =>
      tx.insertAssociations(PORTAL, [row(id, company, 279), row(company, id, 280, '0-2', '0-1')]),
    );
    const updated = await changesOf(store, (tx) =>
      tx.updateRecords(
        PORTAL,
        '0-1',
        [{ id, properties: { email: 'a@b.c', city: 'Rome', phone: '1' } }],
        NOW,
      ),
    );
    assert.deepEqual(updated, [`updated 0-1:${id} {"city":"Rome","phone":"1"}`]);
    const unchanged = await changesOf(store, (tx) =>
      tx.updateRecords(PORTAL, '0-1', [{ id, properties: { city: 'Rome' } }], NOW),
    );
    assert.deepEqual(unchanged, []);
    const archived = await changesOf(store, (tx) =>
      tx.archiveRecords(PORTAL, '0-1', [id, 999], NOW),
    );
    assert.deepEqual(archived.sort(), [
      `-0-1:${id}>0-2:${company}/H279`,
      `-0-2:${company}>0-1:${id}/H280`,
      `archived 0-1:${id}`,
    ]);
    const again = await changesOf(store, (tx) => tx.archiveRecords(PORTAL, '0-1', [id], NOW));
    assert.deepEqual(again, [], 'archiving an archived record changes nothing');
  });

  test('a purge reports the records and their live rows; a label delete its rows', async (t) => {
    const store = await open(factory, t);
    const [contact] = await insert(store, '0-1', {});
    const [company] = await insert(store, '0-2', {});
    assert.ok(contact !== undefined && company !== undefined);
    const label = await store.transaction((tx) =>
      tx.insertLabel(PORTAL, {
        fromObjectTypeId: '0-1',
        toObjectTypeId: '0-2',
        name: 'manager',
        label: 'Manager',
        inverseLabel: 'Managed',
      }),
    );
    await store.transaction((tx) =>
      tx.insertAssociations(PORTAL, [
        row(contact, company, 279),
        row(contact, company, 1000 + label.typeId),
        row(company, contact, 280, '0-2', '0-1'),
        row(company, contact, 1000 + label.inverseTypeId, '0-2', '0-1'),
      ]),
    );
    const removed = await changesOf(store, (tx) => tx.deleteLabel(PORTAL, label));
    assert.deepEqual(removed.sort(), [
      `-0-1:${contact}>0-2:${company}/U${label.typeId}`,
      `-0-2:${company}>0-1:${contact}/U${label.inverseTypeId}`,
    ]);
    const purged = await changesOf(store, (tx) => tx.purgeRecords(PORTAL, '0-2', [company]));
    assert.deepEqual(purged.sort(), [
      `-0-1:${contact}>0-2:${company}/H279`,
      `-0-2:${company}>0-1:${contact}/H280`,
      `archived 0-2:${company}`,
    ]);
  });

  test('the commit hook runs in the transaction, only when it changed something', async (t) => {
    const store = await open(factory, t);
    let calls = 0;
    store.setCommitHook(async (tx) => {
      calls += 1;
      if (tx.changeSet.changes.length > 1) throw new Error('refused by the hook');
      await Promise.resolve();
    });
    t.after(() => {
      store.setCommitHook(null);
    });
    await store.transaction((tx) => tx.existingRecordIds(PORTAL, '0-1', [1]));
    assert.equal(calls, 0, 'a transaction without changes does not call it');
    await store.transaction((tx) => tx.insertAssociations(PORTAL, [row(1, 2, 279)]));
    assert.equal(calls, 1);
    await assert.rejects(
      store.transaction((tx) => tx.insertAssociations(PORTAL, [row(1, 3, 279), row(1, 4, 279)])),
      /refused by the hook/,
    );
    const stored = await store.transaction((tx) =>
      tx.rowsOfPairs(PORTAL, [
        { fromObjectTypeId: '0-1', fromId: 1, toObjectTypeId: '0-2', toId: 2 },
        { fromObjectTypeId: '0-1', fromId: 1, toObjectTypeId: '0-2', toId: 3 },
      ]),
    );
    assert.deepEqual(
      stored.map((found) => found.toId),
      [2],
      'a hook that fails rolls the write back',
    );
  });

  test('active subscriptions: active ones of apps that have a target URL', async (t) => {
    const store = await open(factory, t);
    const createdAt = NOW;
    for (const appId of [31, 32]) {
      await store.putApp({ appId, clientSecret: 's', developerKeyHash: null, createdAt });
    }
    await store.putWebhookSettings(31, {
      targetUrl: 'http://127.0.0.1:9/hook',
      maxConcurrentRequests: 10,
      period: null,
      createdAt,
      updatedAt: createdAt,
    });
    const subscribe = (appId: number, active: boolean) =>
      store.insertSubscription({
        appId,
        eventType: 'contact.associationChange',
        propertyName: null,
        objectTypeId: null,
        active,
        createdAt,
      });
    const wanted = await subscribe(31, true);
    await subscribe(31, false);
    await subscribe(32, true);
    const active = await store.transaction(async (tx) => {
      await tx.insertAssociations(PORTAL, [row(1, 2, 279)]);
      return tx.activeSubscriptions();
    });
    assert.deepEqual(
      active.map((subscription) => subscription.id),
      [wanted.id],
    );
  });
}
