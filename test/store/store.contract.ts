// The behaviour every store adapter must have; each engine's test file runs it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import type { AssociationRow } from '../../src/core/model.js';
import type { Store } from '../../src/core/ports.js';
import type { TestStore } from '../helpers/test-store.js';

export interface StoreFactory {
  readonly name: string;
  /** A new, empty store. */
  open(): Promise<TestStore>;
  /** Why the suite cannot run here, when it cannot. */
  readonly skip?: string | false;
}

const PORTAL = 7;
const NOW = new Date('2026-01-02T03:04:05.678Z');

/** An association row of HubSpot-defined type `typeId`, contact to company unless told. */
export function row(
  fromId: number,
  toId: number,
  typeId = 279,
  from = '0-1',
  to = '0-2',
): AssociationRow {
  return {
    fromObjectTypeId: from,
    fromId,
    toObjectTypeId: to,
    toId,
    category: 'HUBSPOT_DEFINED',
    typeId,
  };
}

async function withStore(factory: StoreFactory, t: { after: (fn: () => Promise<void>) => void }) {
  const { store, dispose } = await factory.open();
  t.after(dispose);
  return store;
}

async function insertRecords(store: Store, type: string, count: number, portal = PORTAL) {
  const records = await store.transaction((tx) =>
    tx.insertRecords(
      portal,
      type,
      Array.from({ length: count }, () => ({ properties: {} })),
      NOW,
    ),
  );
  return records.map((record) => record.id);
}

export function runStoreContract(factory: StoreFactory): void {
  describe(`store contract: ${factory.name}`, { skip: factory.skip ?? false }, () => {
    test('record ids are 11-digit, increasing, and unique across object types', async (t) => {
      const store = await withStore(factory, t);
      const contacts = await insertRecords(store, '0-1', 3);
      const companies = await insertRecords(store, '0-2', 2);
      const all = [...contacts, ...companies];
      assert.equal(new Set(all).size, 5);
      assert.deepEqual(
        all,
        [...all].sort((a, b) => a - b),
      );
      assert.ok(all.every((id) => String(id).length === 11));
    });

    test('records round-trip their properties and timestamps', async (t) => {
      const store = await withStore(factory, t);
      const [created] = await store.transaction((tx) =>
        tx.insertRecords(
          PORTAL,
          '0-1',
          [{ properties: { email: 'a@b.c', 'quote"s': 'x\ny' } }],
          NOW,
        ),
      );
      const [read] = await store.getRecords(PORTAL, '0-1', [created!.id], false);
      assert.deepEqual(read, created);
      assert.deepEqual(read!.createdAt, NOW);
    });

    test('portals never see each other\u2019s records or associations', async (t) => {
      const store = await withStore(factory, t);
      const [contact] = await insertRecords(store, '0-1', 1);
      await store.transaction((tx) => tx.insertAssociations(PORTAL, [row(contact!, 5)]));
      assert.deepEqual(await store.getRecords(PORTAL + 1, '0-1', [contact!], true), []);
      const page = await store.pageTargets(PORTAL + 1, {
        fromObjectTypeId: '0-1',
        fromId: contact!,
        toObjectTypeId: '0-2',
        afterToId: null,
        limit: 10,
      });
      assert.deepEqual(page.targets, []);
    });

    test('inserting an association twice stores it once', async (t) => {
      const store = await withStore(factory, t);
      await store.transaction(async (tx) => {
        await tx.insertAssociations(PORTAL, [row(1, 2), row(1, 2, 1)]);
        await tx.insertAssociations(PORTAL, [row(1, 2)]);
      });
      const page = await store.pageTargets(PORTAL, {
        fromObjectTypeId: '0-1',
        fromId: 1,
        toObjectTypeId: '0-2',
        afterToId: null,
        limit: 10,
      });
      assert.deepEqual(page, {
        targets: [
          {
            toId: 2,
            types: [
              { category: 'HUBSPOT_DEFINED', typeId: 1 },
              { category: 'HUBSPOT_DEFINED', typeId: 279 },
            ],
          },
        ],
        hasMore: false,
      });
    });

    test('pages of many records come back per query, in target order, limited and resumable', async (t) => {
      const store = await withStore(factory, t);
      await store.transaction((tx) =>
        tx.insertAssociations(PORTAL, [
          row(1, 30),
          row(2, 25),
          row(1, 10),
          row(2, 5),
          row(1, 20),
          row(3, 1, 280, '0-2', '0-1'),
        ]),
      );
      const query = (fromId: number, afterToId: number | null, limit: number) => ({
        fromObjectTypeId: '0-1',
        fromId,
        toObjectTypeId: '0-2',
        afterToId,
        limit,
      });
      const pages = await store.pageTargetsMany(PORTAL, [
        query(2, null, 10),
        query(1, null, 2),
        query(1, 20, 2),
        query(9, null, 5),
      ]);
      assert.deepEqual(
        pages.map((page) => [page.targets.map((target) => target.toId), page.hasMore]),
        [
          [[5, 25], false],
          [[10, 20], true],
          [[30], false],
          [[], false],
        ],
      );
    });

    test('typesOfPairs and rowsFromRecordsOfType read exactly the asked rows', async (t) => {
      const store = await withStore(factory, t);
      await store.transaction(async (tx) => {
        await tx.insertAssociations(PORTAL, [row(1, 2), row(1, 2, 1), row(1, 3), row(4, 2, 1)]);
        const pair = { fromObjectTypeId: '0-1', fromId: 1, toObjectTypeId: '0-2', toId: 2 };
        const types = await tx.typesOfPairs(PORTAL, [pair]);
        assert.deepEqual([...types.keys()], ['0-1/1/0-2/2']);
        assert.deepEqual(
          types
            .get('0-1/1/0-2/2')
            ?.map((spec) => spec.typeId)
            .sort((a, b) => a - b),
          [1, 279],
        );
        const primary = await tx.rowsFromRecordsOfType(PORTAL, '0-1', [1, 4], '0-2', {
          category: 'HUBSPOT_DEFINED',
          typeId: 1,
        });
        assert.deepEqual(primary.map((r) => [r.fromId, r.toId]).sort(), [
          [1, 2],
          [4, 2],
        ]);
      });
    });

    test('deleteAssociations removes exact rows; deletePairs removes every type of a pair', async (t) => {
      const store = await withStore(factory, t);
      await store.transaction(async (tx) => {
        await tx.insertAssociations(PORTAL, [row(1, 2), row(1, 2, 1), row(1, 3)]);
        await tx.deleteAssociations(PORTAL, [row(1, 2, 1), row(8, 9)]);
      });
      const read = () =>
        store.pageTargets(PORTAL, {
          fromObjectTypeId: '0-1',
          fromId: 1,
          toObjectTypeId: '0-2',
          afterToId: null,
          limit: 10,
        });
      assert.deepEqual(
        (await read()).targets.map((target) => [target.toId, target.types.length]),
        [
          [2, 1],
          [3, 1],
        ],
      );
      await store.transaction((tx) =>
        tx.deletePairs(PORTAL, [
          { fromObjectTypeId: '0-1', fromId: 1, toObjectTypeId: '0-2', toId: 2 },
        ]),
      );
      assert.deepEqual(
        (await read()).targets.map((target) => target.toId),
        [3],
      );
    });

    test('archiving a record hides it and sets its associations aside, both directions', async (t) => {
      const store = await withStore(factory, t);
      const [contact] = await insertRecords(store, '0-1', 1);
      const [company, other] = await insertRecords(store, '0-2', 2);
      await store.transaction((tx) =>
        tx.insertAssociations(PORTAL, [
          row(contact!, company!),
          row(company!, contact!, 280, '0-2', '0-1'),
          row(contact!, other!),
          row(other!, contact!, 280, '0-2', '0-1'),
        ]),
      );
      const archived = await store.transaction((tx) =>
        tx.archiveRecords(PORTAL, '0-2', [company!, 12345], NOW),
      );
      assert.deepEqual(archived, [company]);
      const live = await store.transaction((tx) =>
        tx.existingRecordIds(PORTAL, '0-2', [company!, other!]),
      );
      assert.deepEqual([...live], [other]);
      const fromContact = await store.pageTargets(PORTAL, {
        fromObjectTypeId: '0-1',
        fromId: contact!,
        toObjectTypeId: '0-2',
        afterToId: null,
        limit: 10,
      });
      assert.deepEqual(
        fromContact.targets.map((target) => target.toId),
        [other],
      );
      const [record] = await store.getRecords(PORTAL, '0-2', [company!], true);
      assert.equal(record?.archived, true);
    });

    test('a failed transaction writes nothing', async (t) => {
      const store = await withStore(factory, t);
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.insertAssociations(PORTAL, [row(1, 2)]);
          throw new Error('boom');
        }),
        /boom/,
      );
      const page = await store.pageTargets(PORTAL, {
        fromObjectTypeId: '0-1',
        fromId: 1,
        toObjectTypeId: '0-2',
        afterToId: null,
        limit: 10,
      });
      assert.deepEqual(page.targets, []);
    });

    test('reads never see a transaction that has not committed', async (t) => {
      const store = await withStore(factory, t);
      const pending = store.transaction(async (tx) => {
        await tx.insertAssociations(PORTAL, [row(1, 2)]);
        await delay(50);
        throw new Error('rolled back');
      });
      const page = await store.pageTargets(PORTAL, {
        fromObjectTypeId: '0-1',
        fromId: 1,
        toObjectTypeId: '0-2',
        afterToId: null,
        limit: 10,
      });
      assert.deepEqual(page.targets, []);
      await assert.rejects(pending, /rolled back/);
    });

    test('concurrent transactions of a portal run one after the other, never interleaved', async (t) => {
      const store = await withStore(factory, t);
      const order: string[] = [];
      await Promise.all(
        ['a', 'b', 'c'].map((name) =>
          store.transaction(async (tx) => {
            // A transaction is serialised from its first statement, which names the portal.
            await tx.existingRecordIds(PORTAL, '0-1', [1]);
            order.push(`${name} start`);
            await delay(5);
            order.push(`${name} end`);
          }),
        ),
      );
      assert.deepEqual(order, ['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    });
  });
}
