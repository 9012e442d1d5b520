// The behaviour every store adapter must have; each engine's test file runs it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createCore } from '../../src/core/create-core.js';
import type { AssociationRow, Category } from '../../src/core/model.js';
import { resolveObjectType } from '../../src/core/object-types.js';
import type {
  PairWriteHold,
  PortalStateChunk,
  Store,
  StoredTargetPage,
  StoreTransaction,
} from '../../src/core/ports.js';
import { reversed } from '../../src/core/rules/label-writes.js';
import { DomainError } from '../../src/core/errors.js';
import { eventLogWriter } from '../../src/events/event-writer.js';
import { FIRST_RECORD_ID } from '../../src/store/record-ids.js';
import type { SharedTestStores, TestStore } from '../helpers/test-store.js';
import { runRecordLifecycleContract } from './record-lifecycle.contract.js';
import { runJournalContract } from './journal.contract.js';
import { runPropertySchemaContract } from './property-schema.contract.js';
import { runRecordSearchContract } from './record-search.contract.js';
import { runWebhookDeliveryContract } from './webhook-delivery.contract.js';
import { runChangeSetContract } from './change-set.contract.js';

export interface StoreFactory {
  readonly name: string;
  /** A new, empty store. */
  open(): Promise<TestStore>;
  /** `count` stores on one new, empty database, as the processes of one server share it. */
  openShared(count: number): Promise<SharedTestStores>;
  /** Why the suite cannot run here, when it cannot. */
  readonly skip?: string | false;
}

const PORTAL = 7;
const NOW = new Date('2026-01-02T03:04:05.678Z');

/** The first page (of up to 10) of the companies contact 1 of PORTAL is associated with. */
function firstPageOfContactOne(store: Store): Promise<StoredTargetPage> {
  return store.pageTargets(PORTAL, {
    fromObjectTypeId: '0-1',
    fromId: 1,
    toObjectTypeId: '0-2',
    afterToId: null,
    limit: 10,
  });
}

/** The company ids of `firstPageOfContactOne`. */
async function targetsOfContactOne(store: Store): Promise<number[]> {
  return (await firstPageOfContactOne(store)).targets.map((target) => target.toId);
}

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

/** A page query of a contact's companies. */
function contactPage(fromId: number, afterToId: number | null, limit: number) {
  return { fromObjectTypeId: '0-1', fromId, toObjectTypeId: '0-2', afterToId, limit };
}

async function withStore(factory: StoreFactory, t: { after: (fn: () => Promise<void>) => void }) {
  const { store, dispose } = await factory.open();
  t.after(dispose);
  return store;
}

/** Two stores on one database, each with a core over it, closed when the test ends. */
async function withSharingStores(
  factory: StoreFactory,
  t: { after: (fn: () => Promise<void>) => void },
) {
  const { stores, dispose } = await factory.openShared(2);
  t.after(dispose);
  const [mine, theirs] = stores as [Store, Store];
  return { mine, theirs, here: createCore({ store: mine }), there: createCore({ store: theirs }) };
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

/** Contacts to companies: the path the pair-write tests below write through the core. */
const CONTACT_COMPANY = {
  from: resolveObjectType('contacts'),
  to: resolveObjectType('companies'),
};

/** A PUT labelled of one contact–company pair through `core`, its types all of `category`. */
function putPair(
  core: ReturnType<typeof createCore>,
  fromId: number,
  toId: number,
  typeIds: readonly number[],
  category: Category = 'HUBSPOT_DEFINED',
) {
  return core.associations.createLabelled(PORTAL, CONTACT_COMPANY, [
    { fromId, toId, types: typeIds.map((typeId) => ({ category, typeId })) },
  ]);
}

/** App 70, with a target URL and an active `contact.associationChange` subscription. */
async function followAssociationChanges(store: Store) {
  await store.putApp({ appId: 70, clientSecret: 's70', developerKeyHash: null, createdAt: NOW });
  await store.putWebhookSettings(70, {
    targetUrl: 'https://receiver.test/hooks',
    maxConcurrentRequests: 1,
    period: null,
    createdAt: NOW,
    updatedAt: NOW,
  });
  return store.insertSubscription({
    appId: 70,
    eventType: 'contact.associationChange',
    propertyName: null,
    objectTypeId: null,
    active: true,
    createdAt: NOW,
  });
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
      assert.deepEqual(await firstPageOfContactOne(store), {
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
      const pages = await store.pageTargetsMany(PORTAL, [
        contactPage(2, null, 10),
        contactPage(1, null, 2),
        contactPage(1, 20, 2),
        contactPage(9, null, 5),
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

    test('a batch of 1,001 pages comes back per query, in query order', async (t) => {
      const store = await withStore(factory, t);
      const ids = Array.from({ length: 1001 }, (_, index) => index + 1);
      await store.transaction((tx) =>
        tx.insertAssociations(
          PORTAL,
          ids.flatMap((id) => [row(id, id * 10 + 1), row(id, id * 10 + 2)]),
        ),
      );
      // Records in reverse order; every third resumes after its first target, every seventh
      // other one asks for one target only.
      const queries = ids.map((_, index) => {
        const id = 1001 - index;
        const after = index % 3 === 0 ? id * 10 + 1 : null;
        return contactPage(id, after, index % 7 === 1 ? 1 : 5);
      });
      const pages = await store.pageTargetsMany(PORTAL, queries);
      assert.deepEqual(
        pages.map((page) => [page.targets.map((target) => target.toId), page.hasMore]),
        queries.map(({ fromId, afterToId, limit }) => {
          if (afterToId !== null) return [[fromId * 10 + 2], false];
          return limit === 1
            ? [[fromId * 10 + 1], true]
            : [[fromId * 10 + 1, fromId * 10 + 2], false];
        }),
      );
    });

    test('a batch of pages keeps each row exact: every category, 32-bit type ids, ids up to 2^53', async (t) => {
      const store = await withStore(factory, t);
      const categories = ['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED'] as const;
      const typeIds = [1, 279, 2_147_483_647, -2_147_483_648, -1];
      const largest = Number.MAX_SAFE_INTEGER;
      // 600 records: a full chunk of inputs and some after it, each with two targets of its own
      // (the last record's are the largest ids there are), the first of them through two types.
      const fromIds = Array.from({ length: 600 }, (_, index) => largest - 2_000 + index);
      const typesOf = (index: number) => {
        const first = {
          category: categories[index % 3]!,
          typeId: typeIds[index % typeIds.length]!,
        };
        const second = {
          category: categories[(index + 1) % 3]!,
          typeId: typeIds[(index + 2) % 5]!,
        };
        return [first, second];
      };
      const targetsOf = (index: number) =>
        index === 599 ? [largest - 1, largest] : [index * 2 + 1, index * 2 + 2];
      await store.transaction((tx) =>
        tx.insertAssociations(
          PORTAL,
          fromIds.flatMap((fromId, index) => {
            const [near, far] = targetsOf(index) as [number, number];
            return [
              ...typesOf(index).map((spec) => ({ ...row(fromId, near), ...spec })),
              { ...row(fromId, far), ...typesOf(index)[1]! },
            ];
          }),
        ),
      );
      const pages = await store.pageTargetsMany(
        PORTAL,
        fromIds.map((fromId) => contactPage(fromId, null, 5)),
      );
      const bySpec = (a: { category: string; typeId: number }, b: typeof a) =>
        a.category.localeCompare(b.category) || a.typeId - b.typeId;
      assert.deepEqual(
        pages.map((page) =>
          page.targets.map((target) => [target.toId, [...target.types].sort(bySpec)]),
        ),
        fromIds.map((_, index) => {
          const [near, far] = targetsOf(index) as [number, number];
          return [
            [near, [...typesOf(index)].sort(bySpec)],
            [far, [typesOf(index)[1]]],
          ];
        }),
      );
    });

    test('pageTargetsMany counts targets: a page keeps every type of its last target', async (t) => {
      const store = await withStore(factory, t);
      // Record 1 reaches each company through two types, record 2 through one.
      await store.transaction((tx) =>
        tx.insertAssociations(PORTAL, [
          ...[10, 20, 30].flatMap((toId) => [row(1, toId), row(1, toId, 1)]),
          ...[10, 20, 30].map((toId) => row(2, toId)),
        ]),
      );
      const queries = [
        contactPage(1, null, 2),
        contactPage(2, null, 2),
        contactPage(1, null, 1),
        contactPage(1, 10, 2),
        contactPage(1, null, 3),
      ];
      const pages = await store.pageTargetsMany(PORTAL, queries);
      const shown = (page: StoredTargetPage) => [
        page.targets.map((target) => [
          target.toId,
          target.types.map((type) => type.typeId).sort((a, b) => a - b),
        ]),
        page.hasMore,
      ];
      // Each query alone (a GET list) reads the same page.
      for (const [index, query] of queries.entries()) {
        assert.deepEqual(shown(await store.pageTargets(PORTAL, query)), shown(pages[index]!));
      }
      assert.deepEqual(pages.map(shown), [
        [
          [
            [10, [1, 279]],
            [20, [1, 279]],
          ],
          true,
        ],
        [
          [
            [10, [279]],
            [20, [279]],
          ],
          true,
        ],
        [[[10, [1, 279]]], true],
        [
          [
            [20, [1, 279]],
            [30, [1, 279]],
          ],
          false,
        ],
        [
          [
            [10, [1, 279]],
            [20, [1, 279]],
            [30, [1, 279]],
          ],
          false,
        ],
      ]);
    });

    test('rowsOfPairs and rowsFromRecordsOfType read exactly the asked rows', async (t) => {
      const store = await withStore(factory, t);
      await store.transaction(async (tx) => {
        await tx.insertAssociations(PORTAL, [row(1, 2), row(1, 2, 1), row(1, 3), row(4, 2, 1)]);
        const pair = { fromObjectTypeId: '0-1', fromId: 1, toObjectTypeId: '0-2', toId: 2 };
        const rows = await tx.rowsOfPairs(PORTAL, [pair]);
        assert.deepEqual(rows.map((found) => [found.fromId, found.toId, found.typeId]).sort(), [
          [1, 2, 1],
          [1, 2, 279],
        ]);
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

    test('rowsTouchedByWrites reads the pairs whole and each record through each type asked', async (t) => {
      const store = await withStore(factory, t);
      await store.transaction(async (tx) => {
        await tx.insertAssociations(PORTAL, [
          row(1, 2),
          row(1, 2, 1),
          row(1, 3),
          row(4, 2, 1),
          row(4, 5),
          row(2, 1, 280, '0-2', '0-1'),
        ]);
        const pair = { fromObjectTypeId: '0-1', fromId: 1, toObjectTypeId: '0-2', toId: 2 };
        const primary = { category: 'HUBSPOT_DEFINED', typeId: 1 } as const;
        const unlabeled = { category: 'HUBSPOT_DEFINED', typeId: 279 } as const;
        const rows = await tx.rowsTouchedByWrites(
          PORTAL,
          [pair],
          [
            { fromObjectTypeId: '0-1', fromIds: [1, 4, 9], toObjectTypeId: '0-2', spec: primary },
            { fromObjectTypeId: '0-1', fromIds: [4], toObjectTypeId: '0-2', spec: unlabeled },
          ],
        );
        assert.deepEqual(
          rows.map((found) => [found.fromId, found.toId, found.typeId]).sort(),
          [
            [1, 2, 1],
            [1, 2, 1],
            [1, 2, 279],
            [4, 2, 1],
            [4, 5, 279],
          ],
          "the pair's two rows, the Primary rows of 1 and 4 (1's again), 4's unlabeled row",
        );
        assert.deepEqual(await tx.rowsTouchedByWrites(PORTAL, [], []), []);
      });
    });

    test('liveRecordIds answers for several types at once, leaving out archived and absent ids', async (t) => {
      const store = await withStore(factory, t);
      const [contact, archivedContact] = await insertRecords(store, '0-1', 2);
      const [company] = await insertRecords(store, '0-2', 1);
      await store.transaction((tx) => tx.archiveRecords(PORTAL, '0-1', [archivedContact!], NOW));
      const live = await store.transaction((tx) =>
        tx.liveRecordIds(PORTAL, [
          { objectTypeId: '0-1', ids: [contact!, archivedContact!, company!] },
          { objectTypeId: '0-2', ids: [company!, 999_999] },
          { objectTypeId: '0-3', ids: [] },
        ]),
      );
      assert.deepEqual(
        [...live].map(([type, ids]) => [type, [...ids]]),
        [
          ['0-1', [contact]],
          ['0-2', [company]],
          ['0-3', []],
        ],
      );
    });

    test('one id and a few pairs read as a longer list does (single-pair writes)', async (t) => {
      const store = await withStore(factory, t);
      const [contact, archivedContact] = await insertRecords(store, '0-1', 2);
      await store.transaction((tx) => tx.archiveRecords(PORTAL, '0-1', [archivedContact!], NOW));
      const one = async (objectTypeId: string, id: number) =>
        store.transaction(async (tx) => [
          ...(await tx.existingRecordIds(PORTAL, objectTypeId, [id])),
        ]);
      assert.deepEqual(await one('0-1', contact!), [contact]);
      assert.deepEqual(await one('0-1', archivedContact!), [], 'archived');
      assert.deepEqual(await one('0-2', contact!), [], 'another type');
      assert.deepEqual(await one('0-1', 999_999), [], 'absent');
      const liveOne = async (objectTypeId: string, id: number) =>
        store.transaction(async (tx) => {
          const live = await tx.liveRecordIds(PORTAL, [
            { objectTypeId, ids: [id] },
            { objectTypeId: '0-1', ids: [contact!, 999_998] },
          ]);
          return [...(live.get(objectTypeId) ?? [])];
        });
      assert.deepEqual(await liveOne('0-1', contact!), [contact]);
      assert.deepEqual(await liveOne('0-2', archivedContact!), [], 'one id of another type');
      assert.deepEqual(await liveOne('0-3', contact!), [], 'one id of a third type');
      await store.transaction(async (tx) => {
        await tx.insertAssociations(PORTAL, [
          row(1, 2),
          row(1, 2, 1),
          row(2, 1, 280, '0-2', '0-1'),
          row(1, 3),
          row(4, 2, 1),
          row(5, 2),
        ]);
        const pair = (fromId: number, toId: number, from = '0-1', to = '0-2') => ({
          fromObjectTypeId: from,
          fromId,
          toObjectTypeId: to,
          toId,
        });
        const asked = [pair(1, 2), pair(2, 1, '0-2', '0-1'), pair(1, 3), pair(4, 2), pair(9, 9)];
        const all = await tx.rowsOfPairs(PORTAL, asked);
        for (let count = 1; count <= asked.length; count++) {
          const some = await tx.rowsOfPairs(PORTAL, asked.slice(0, count));
          assert.deepEqual(
            some.map((found) => `${found.fromId}>${found.toId}/${found.typeId}`).sort(),
            (await Promise.all(asked.slice(0, count).map((p) => tx.rowsOfPairs(PORTAL, [p]))))
              .flat()
              .map((found) => `${found.fromId}>${found.toId}/${found.typeId}`)
              .sort(),
            `${count} pairs`,
          );
        }
        assert.equal(all.length, 5);
        const primary = { category: 'HUBSPOT_DEFINED', typeId: 1 } as const;
        const touched = async (pairs: ReturnType<typeof pair>[], fromIds: number[]) =>
          (
            await tx.rowsTouchedByWrites(PORTAL, pairs, [
              { fromObjectTypeId: '0-1', fromIds, toObjectTypeId: '0-2', spec: primary },
            ])
          )
            .map((found) => `${found.fromId}>${found.toId}/${found.typeId}`)
            .sort();
        assert.deepEqual(await touched([pair(1, 2)], [4]), ['1>2/1', '1>2/279', '4>2/1']);
        assert.deepEqual(await touched([], [1]), ['1>2/1']);
        assert.deepEqual(await touched([pair(1, 3), pair(5, 2)], [1, 4]), [
          '1>2/1',
          '1>3/279',
          '4>2/1',
          '5>2/279',
        ]);
        const primaryOf4 = await tx.rowsFromRecordsOfType(PORTAL, '0-1', [4], '0-2', {
          category: 'HUBSPOT_DEFINED',
          typeId: 1,
        });
        assert.deepEqual(
          primaryOf4.map((r) => [r.fromId, r.toId, r.typeId]),
          [[4, 2, 1]],
        );
        await tx.deletePairs(PORTAL, [pair(1, 2), pair(2, 1, '0-2', '0-1')]);
        assert.deepEqual(await tx.rowsOfPairs(PORTAL, [pair(1, 2), pair(2, 1, '0-2', '0-1')]), []);
        assert.equal(
          (await tx.rowsOfPairs(PORTAL, [pair(1, 3), pair(4, 2), pair(5, 2)])).length,
          3,
        );
      });
    });

    test('a page of one record reads as the same page among others does', async (t) => {
      const store = await withStore(factory, t);
      await store.transaction((tx) =>
        tx.insertAssociations(PORTAL, [
          row(1, 2),
          row(1, 2, 1),
          row(1, 3),
          row(1, 5),
          row(1, 5, 1),
          row(1, 7),
          row(4, 6),
          row(1, 8, 279, '0-1', '0-3'),
        ]),
      );
      const query = (afterToId: number | null, limit: number) => ({
        fromObjectTypeId: '0-1',
        fromId: 1,
        toObjectTypeId: '0-2',
        afterToId,
        limit,
      });
      const shape = (page: StoredTargetPage) => [
        page.targets.map((target) => [target.toId, target.types.map((type) => type.typeId)]),
        page.hasMore,
      ];
      const first = await store.pageTargets(PORTAL, query(null, 2));
      const second = await store.pageTargets(PORTAL, query(3, 2));
      assert.deepEqual(shape(first), [
        [
          [2, [1, 279]],
          [3, [279]],
        ],
        true,
      ]);
      assert.deepEqual(shape(second), [
        [
          [5, [1, 279]],
          [7, [279]],
        ],
        false,
      ]);
      const [among, amongSecond] = await store.pageTargetsMany(PORTAL, [
        query(null, 2),
        query(3, 2),
      ]);
      assert.deepEqual(shape(among!), shape(first));
      assert.deepEqual(shape(amongSecond!), shape(second));
    });

    test('deleteAssociations removes exact rows; deletePairs removes every type of a pair', async (t) => {
      const store = await withStore(factory, t);
      await store.transaction(async (tx) => {
        await tx.insertAssociations(PORTAL, [row(1, 2), row(1, 2, 1), row(1, 3)]);
        await tx.deleteAssociations(PORTAL, [row(1, 2, 1), row(8, 9)]);
      });
      assert.deepEqual(
        (await firstPageOfContactOne(store)).targets.map((target) => [
          target.toId,
          target.types.length,
        ]),
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
      assert.deepEqual(await targetsOfContactOne(store), [3]);
    });

    test('a type id names one type per category: rows, deletes and limits key by both', async (t) => {
      const store = await withStore(factory, t);
      const user = (r: AssociationRow): AssociationRow => ({ ...r, category: 'USER_DEFINED' });
      const limit = (category: 'HUBSPOT_DEFINED' | 'USER_DEFINED') => ({
        fromObjectTypeId: '0-1',
        toObjectTypeId: '0-2',
        category,
        typeId: 1,
        maxToObjectIds: 4,
      });
      const label = await store.transaction(async (tx) => {
        // A portal's first label takes ids 1 and 2, HubSpot's contact/company Primary ids.
        const created = await tx.insertLabel(PORTAL, {
          fromObjectTypeId: '0-1',
          toObjectTypeId: '0-2',
          name: 'colliding',
          label: 'Colliding',
          inverseLabel: 'Collided',
        });
        assert.deepEqual([created.typeId, created.inverseTypeId], [1, 2]);
        const hubspot = [row(1, 2, 1), row(2, 1, 2, '0-2', '0-1'), row(1, 3, 1)];
        await tx.insertAssociations(PORTAL, [...hubspot, user(row(1, 2, 1)), user(row(1, 4, 1))]);
        await tx.insertAssociations(PORTAL, [user(row(2, 1, 2, '0-2', '0-1'))]);
        await tx.putLimits(PORTAL, [limit('USER_DEFINED'), limit('HUBSPOT_DEFINED')]);
        // Read together, in the order each is read alone, with this transaction's own writes.
        assert.deepEqual(await tx.labelsAndLimits(PORTAL), {
          labels: await tx.listLabels(PORTAL),
          limits: await tx.listLimits(PORTAL),
        });
        assert.deepEqual(
          (await tx.labelsAndLimits(PORTAL)).limits.map((one) => one.category),
          ['HUBSPOT_DEFINED', 'USER_DEFINED'],
        );
        const pair = { fromObjectTypeId: '0-1', fromId: 1, toObjectTypeId: '0-2', toId: 2 };
        const both = await tx.rowsOfPairs(PORTAL, [pair]);
        assert.deepEqual(both.map((spec) => spec.category).sort(), [
          'HUBSPOT_DEFINED',
          'USER_DEFINED',
        ]);
        for (const category of ['HUBSPOT_DEFINED', 'USER_DEFINED'] as const) {
          const rows = await tx.rowsFromRecordsOfType(PORTAL, '0-1', [1], '0-2', {
            category,
            typeId: 1,
          });
          const expected = category === 'USER_DEFINED' ? [2, 4] : [2, 3];
          assert.deepEqual(
            rows.map((r) => [r.category, r.toId]).sort(),
            expected.map((id) => [category, id]),
          );
        }
        await tx.deleteAssociations(PORTAL, [user(row(1, 4, 1)), row(1, 3, 1)]);
        return created;
      });
      const targets = async (fromId: number, from = '0-1', to = '0-2') =>
        (
          await store.pageTargets(PORTAL, {
            fromObjectTypeId: from,
            fromId,
            toObjectTypeId: to,
            afterToId: null,
            limit: 10,
          })
        ).targets;
      assert.deepEqual(await targets(1), [
        {
          toId: 2,
          types: [
            { category: 'HUBSPOT_DEFINED', typeId: 1 },
            { category: 'USER_DEFINED', typeId: 1 },
          ],
        },
      ]);
      await store.transaction((tx) => tx.deleteLimits(PORTAL, [limit('USER_DEFINED')]));
      assert.deepEqual(await store.listLimits(PORTAL), [limit('HUBSPOT_DEFINED')]);
      await store.transaction(async (tx) => {
        await tx.putLimits(PORTAL, [limit('USER_DEFINED')]);
        await tx.deleteLabel(PORTAL, label);
      });
      assert.deepEqual(await targets(1), [
        { toId: 2, types: [{ category: 'HUBSPOT_DEFINED', typeId: 1 }] },
      ]);
      assert.deepEqual(await targets(2, '0-2', '0-1'), [
        { toId: 1, types: [{ category: 'HUBSPOT_DEFINED', typeId: 2 }] },
      ]);
      assert.deepEqual(await store.listLimits(PORTAL), [limit('HUBSPOT_DEFINED')]);
    });

    test('putLimits replaces a key\u2019s limit; of two limits for one key in one call, the later wins', async (t) => {
      const store = await withStore(factory, t);
      const limit = (maxToObjectIds: number) => ({
        fromObjectTypeId: '0-1',
        toObjectTypeId: '0-2',
        category: 'HUBSPOT_DEFINED' as const,
        typeId: 279,
        maxToObjectIds,
      });
      await store.transaction((tx) => tx.putLimits(PORTAL, [limit(5)]));
      await store.transaction((tx) => tx.putLimits(PORTAL, [limit(2), limit(3)]));
      assert.deepEqual(await store.listLimits(PORTAL), [limit(3)]);
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
      assert.deepEqual(await targetsOfContactOne(store), []);
    });

    test('of transactions started together, one that fails leaves no trace and the others commit', async (t) => {
      const store = await withStore(factory, t);
      // SQLite commits writes queued together as one transaction, each in a savepoint.
      const results = await Promise.allSettled([
        store.transaction((tx) => tx.insertAssociations(PORTAL, [row(1, 2)])),
        store.transaction(async (tx) => {
          await tx.insertAssociations(PORTAL, [row(1, 3)]);
          throw new Error('boom');
        }),
        store.transaction((tx) => tx.insertAssociations(PORTAL, [row(1, 4)])),
      ]);
      assert.deepEqual(
        results.map((result) => result.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      assert.deepEqual(await targetsOfContactOne(store), [2, 4]);
    });

    test('a pair write reads its own writes, and one that fails leaves nothing', async (t) => {
      const store = await withStore(factory, t);
      // why: PostgreSQL may send a pair write's last statement with its COMMIT; a statement after
      // it must still see it, and a rollback must drop it.
      const pairWrite = <T>(work: (tx: StoreTransaction) => Promise<T>) =>
        store.transaction(work, { pairWrites: { pairs: () => [2, 3, 4].map(pairOf) } });
      const pairOf = (toId: number) => ({
        fromObjectTypeId: '0-1',
        fromId: 1,
        toObjectTypeId: '0-2',
        toId,
      });
      const read = await pairWrite(async (tx) => {
        await tx.insertAssociations(PORTAL, [row(1, 2), row(1, 3)]);
        await tx.deletePairs(PORTAL, [pairOf(3)]);
        return (await tx.rowsOfPairs(PORTAL, [pairOf(2), pairOf(3)])).map((stored) => stored.toId);
      });
      assert.deepEqual(read, [2]);
      assert.deepEqual(await targetsOfContactOne(store), [2]);
      const failing = [
        (tx: StoreTransaction) => tx.insertAssociations(PORTAL, [row(1, 4)]),
        (tx: StoreTransaction) => tx.deletePairs(PORTAL, [pairOf(2)]),
      ];
      for (const last of failing) {
        await assert.rejects(
          pairWrite(async (tx) => {
            await last(tx);
            throw new Error('boom');
          }),
          /boom/,
        );
      }
      assert.deepEqual(await targetsOfContactOne(store), [2]);
      await pairWrite((tx) => tx.deletePairs(PORTAL, [pairOf(2)]));
      assert.deepEqual(await targetsOfContactOne(store), []);
    });

    test('reads never see a transaction that has not committed', async (t) => {
      const store = await withStore(factory, t);
      const pending = store.transaction(async (tx) => {
        await tx.insertAssociations(PORTAL, [row(1, 2)]);
        await delay(50);
        throw new Error('rolled back');
      });
      assert.deepEqual(await targetsOfContactOne(store), []);
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

    test("a store's pair writes follow the labels, limits and records another store changed since its last write", async (t) => {
      const { mine, here, there } = await withSharingStores(factory, t);
      const path = CONTACT_COMPANY;
      const [contact = 0, another = 0] = await insertRecords(mine, '0-1', 2);
      const [first = 0, second = 0, third = 0] = await insertRecords(mine, '0-2', 3);
      const put = (fromId: number, toId: number, typeId: number) =>
        putPair(here, fromId, toId, [typeId]);
      // Its first write reads the portal's settings; the next ones may be planned on them.
      await put(contact, first, 279);
      const [label] = await there.labels.create(PORTAL, path, { name: 'buyer', label: 'Buyer' });
      const labelled = await putPair(here, contact, second, [label?.typeId ?? 0], 'USER_DEFINED');
      assert.deepEqual(labelled.results[0]?.labels, ['Buyer']);
      await there.limits.put(
        PORTAL,
        path,
        [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 }],
        'create',
      );
      await assert.rejects(put(contact, third, 279), { code: 'ASSOCIATION_LIMIT_EXCEEDED' });
      await there.records.archive(PORTAL, path.to, [third]);
      await assert.rejects(put(another, third, 279), { code: 'INVALID_OBJECT_IDS' });
      const page = await here.associations.getPage(PORTAL, path, String(contact), {});
      assert.deepEqual(
        page.targets.map((target) => target.toId),
        [first, second],
      );
    });

    test("a store's reads of labels and limits show what another store changed since its last read", async (t) => {
      const { here, there } = await withSharingStores(factory, t);
      const path = CONTACT_COMPANY;
      const labelNames = async () =>
        (await here.labels.list(PORTAL, path)).flatMap((type) =>
          type.category === 'USER_DEFINED' && type.label ? [type.label] : [],
        );
      const limitTypes = async () =>
        (await here.limits.list(PORTAL, path)).map((limit) => limit.typeId);
      // Read once, so a store that keeps what it read has something to keep.
      assert.deepEqual(await labelNames(), []);
      assert.deepEqual(await limitTypes(), []);
      await there.labels.create(PORTAL, path, { name: 'buyer', label: 'Buyer' });
      await there.limits.put(
        PORTAL,
        path,
        [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 }],
        'create',
      );
      assert.deepEqual(await labelNames(), ['Buyer']);
      assert.deepEqual(await limitTypes(), [279]);
    });

    test('pair writes that a subscription follows log the events of what each changed, once, one by one or side by side', async (t) => {
      const store = await withStore(factory, t);
      const core = createCore({ store });
      core.deliveries.logEventsWith(eventLogWriter(core.clock));
      await followAssociationChanges(store);
      const contacts = await insertRecords(store, '0-1', 7);
      const [company = 0] = await insertRecords(store, '0-2', 1);
      const [c0 = 0, c1 = 0, c2 = 0, c3 = 0] = contacts;
      // The first write reads the portal's settings; a store may plan the later ones on them.
      await putPair(core, c0, company, [279]);
      await putPair(core, c1, company, [279]);
      await Promise.all(contacts.slice(2).map((contact) => putPair(core, contact, company, [279])));
      // Again: nothing changes. Then a label added to a pair that has rows, and a pair removed.
      await putPair(core, c1, company, [279]);
      await putPair(core, c2, company, [279, 1]);
      await core.associations.archivePairs(PORTAL, CONTACT_COMPANY, [
        { fromId: String(c3), toIds: [String(company)] },
      ]);
      const logged = await store.listDeliveries({ appId: 70, limit: 100 });
      const describe = ({ payload }: (typeof logged)[number]) =>
        `${String(payload['fromObjectId'])}>${String(payload['toObjectId'])}/` +
        `${String(payload['associationTypeId'])}${payload['associationRemoved'] ? '-' : '+'}`;
      assert.deepEqual(
        logged.map(describe).sort(),
        [
          ...contacts.map((contact) => `${contact}>${company}/279+`),
          `${c2}>${company}/1+`,
          `${c3}>${company}/279-`,
        ].sort(),
      );
    });

    test("a store's writes log events for the subscriptions another store turned on or off since its last write", async (t) => {
      const { mine, theirs, here } = await withSharingStores(factory, t);
      here.deliveries.logEventsWith(eventLogWriter(here.clock));
      const [contact = 0] = await insertRecords(mine, '0-1', 1);
      const [first = 0, second = 0, third = 0] = await insertRecords(mine, '0-2', 3);
      // Its first write reads who follows changes: nobody yet.
      await putPair(here, contact, first, [279]);
      const subscription = await followAssociationChanges(theirs);
      await putPair(here, contact, second, [279]);
      await theirs.setSubscriptionsActive(70, [{ id: subscription.id, active: false }], NOW);
      await putPair(here, contact, third, [279]);
      const logged = await mine.listDeliveries({ appId: 70, limit: 10 });
      assert.deepEqual(
        logged.map(({ payload }) => [payload['fromObjectId'], payload['toObjectId']]),
        [[contact, second]],
      );
    });

    test('a label a rolled-back transaction created and read is never seen by a later write, whatever is created after it', async (t) => {
      const { mine, here, there } = await withSharingStores(factory, t);
      const [contact = 0] = await insertRecords(mine, '0-1', 1);
      const [first = 0, second = 0] = await insertRecords(mine, '0-2', 2);
      await putPair(here, contact, first, [279]);
      const undone = new Error('undone');
      await assert.rejects(
        mine.transaction(async (tx) => {
          await tx.insertLabel(PORTAL, {
            fromObjectTypeId: '0-1',
            toObjectTypeId: '0-2',
            name: 'buyer',
            label: 'Buyer',
            inverseLabel: 'Bought from',
          });
          await tx.labelsAndLimits(PORTAL);
          throw undone;
        }),
        undone,
      );
      // The next label takes the type id the undone one had.
      const [seller] = await there.labels.create(PORTAL, CONTACT_COMPANY, {
        name: 'seller',
        label: 'Seller',
      });
      const written = await putPair(here, contact, second, [seller?.typeId ?? 0], 'USER_DEFINED');
      assert.deepEqual(written.results[0]?.labels, ['Seller']);
    });

    test('pair writes sent together answer each as if alone: one that fails, or that meets a pair another of them wrote, leaves the rest written', async (t) => {
      const store = await withStore(factory, t);
      const core = createCore({ store });
      const path = CONTACT_COMPANY;
      const [c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0] = await insertRecords(store, '0-1', 5);
      const [k1 = 0, k2 = 0] = await insertRecords(store, '0-2', 2);
      await core.records.archive(PORTAL, path.from, [c4]);
      const put = (fromId: number, toId: number, typeIds: number[]) =>
        putPair(core, fromId, toId, typeIds);
      // The portal's settings read once: the writes below may be planned on them.
      await put(c1, k1, [279]);
      const answersOf = (settled: PromiseSettledResult<Awaited<ReturnType<typeof put>>>[]) =>
        settled.map((outcome) =>
          outcome.status === 'fulfilled'
            ? outcome.value.results.map((result) => [result.fromId, result.toId, result.labels])
            : (outcome.reason as { code?: string }).code,
        );
      // Each burst's first write goes at once; the others may go together behind it.
      const moves = await Promise.allSettled([
        put(c5, k2, [279]),
        put(c2, k1, [279, 1]),
        put(c3, k1, [279]),
        // The same contact's Primary to another company, planned as if the write before had not run.
        put(c2, k2, [279, 1]),
      ]);
      assert.deepEqual(answersOf(moves), [
        [[c5, k2, []]],
        [[c2, k1, ['Primary']]],
        [[c3, k1, []]],
        [[c2, k2, ['Primary']]],
      ]);
      const failing = await Promise.allSettled([
        put(c5, k1, [279]),
        put(c4, k1, [279]),
        put(c1, k1, [279]),
        put(c3, k2, [279]),
      ]);
      assert.deepEqual(answersOf(failing), [
        [[c5, k1, []]],
        'INVALID_OBJECT_IDS',
        [[c1, k1, []]],
        [[c3, k2, []]],
      ]);
      const typesOf = async (contact: number) =>
        (await core.associations.getPage(PORTAL, path, String(contact), {})).targets.map(
          (target) => [target.toId, target.types.map((type) => type.typeId)],
        );
      assert.deepEqual(await typesOf(c1), [[k1, [279]]]);
      // Either order of the two Primaries is a serial one; two Primaries would be none.
      const c2Targets = await typesOf(c2);
      assert.deepEqual(
        c2Targets.map(([toId, types]) => [toId, (types as number[]).filter((id) => id !== 1)]),
        [
          [k1, [279]],
          [k2, [279]],
        ],
      );
      assert.equal(
        c2Targets.filter(([, types]) => (types as number[]).includes(1)).length,
        1,
        'one Primary company',
      );
      assert.deepEqual(await typesOf(c3), [
        [k1, [279]],
        [k2, [279]],
      ]);
      assert.deepEqual(await typesOf(c4), []);
      assert.deepEqual(await typesOf(c5), [
        [k1, [279]],
        [k2, [279]],
      ]);
    });

    test('pair writes racing from stores on one database leave each contact one Primary and every pair the same both ways', async (t) => {
      const { stores, dispose } = await factory.openShared(3);
      t.after(dispose);
      const cores = stores.map((store) => createCore({ store }));
      const [first] = stores as [Store];
      const path = CONTACT_COMPANY;
      const contactIds = await insertRecords(first, '0-1', 24);
      const companyIds = await insertRecords(first, '0-2', 3);
      // Each store's first write reads the portal's settings; the race below may be guessed.
      for (const core of cores) await putPair(core, contactIds[0] ?? 0, companyIds[2] ?? 0, [279]);
      // Every contact's Primary set to two companies from two stores at once, a plain pair from
      // the third, and one in three of the Primary pairs removed from the third as well.
      await Promise.all(
        contactIds.flatMap((contact, index) => {
          const [one, two, three] = cores.map((_, at) => cores[(index + at) % cores.length]!) as [
            (typeof cores)[number],
            (typeof cores)[number],
            (typeof cores)[number],
          ];
          return [
            putPair(one, contact, companyIds[0] ?? 0, [279, 1]),
            putPair(two, contact, companyIds[1] ?? 0, [279, 1]),
            putPair(three, contact, companyIds[2] ?? 0, [279]),
            ...(index % 3 === 0
              ? [
                  three.associations.archivePairs(PORTAL, path, [
                    { fromId: String(contact), toIds: [String(companyIds[index % 2])] },
                  ]),
                ]
              : []),
          ];
        }),
      );
      const [reader] = cores as [(typeof cores)[number]];
      const forward = new Map<string, number[]>();
      for (const [index, contact] of contactIds.entries()) {
        const page = await reader.associations.getPage(PORTAL, path, String(contact), {});
        const primaries = page.targets.filter((target) =>
          target.types.some((type) => type.typeId === 1),
        ).length;
        // A removal may have taken the Primary pair off after both writes, or before either.
        const expected = index % 3 === 0 ? [0, 1] : [1];
        assert.ok(expected.includes(primaries), `contact ${contact} has ${primaries} Primaries`);
        for (const target of page.targets) {
          forward.set(`${contact}/${target.toId}`, target.types.map((type) => type.typeId).sort());
        }
      }
      const inverse = new Map<string, number[]>();
      const back = { from: path.to, to: path.from };
      for (const company of companyIds) {
        const page = await reader.associations.getPage(PORTAL, back, String(company), {});
        for (const target of page.targets) {
          // A contact's Primary company (1) is the company's contact with 2; 279's inverse is 280.
          const mirrored = target.types.map((type) => ({ 2: 1, 280: 279 })[type.typeId] ?? -1);
          inverse.set(`${target.toId}/${company}`, mirrored.sort());
        }
      }
      assert.deepEqual(inverse, forward);
    });

    test('pair writes holding a common pair or record (one pair or a batch of them), and any other write, never overlap', async (t) => {
      const store = await withStore(factory, t);
      const spans = new Map<string, [number, number]>();
      let clock = 0;
      // Half of them hold through the records check, as single writes do.
      const pairWrite = (name: string, hold: PairWriteHold, withCheck = false) =>
        store.transaction(
          async (tx) => {
            await tx.existingRecordIds(PORTAL, '0-1', [1]);
            if (withCheck)
              await tx.liveRecordIds(PORTAL, [{ objectTypeId: '0-1', ids: [1] }], hold);
            else await tx.holdForPairWrites(PORTAL, hold);
            const start = ++clock;
            await delay(5);
            spans.set(name, [start, ++clock]);
          },
          { pairWrites: { pairs: () => hold.pairs } },
        );
      const pairOf = (fromId: number, toId: number) => ({
        fromObjectTypeId: '0-1',
        fromId,
        toObjectTypeId: '0-2',
        toId,
      });
      const pair = pairOf(1, 2);
      const counted = { pairs: [], records: [{ objectTypeId: '0-1', ids: [5] }] };
      // Batches: a hundred pairs of one contact, and a hundred pairs of a hundred contacts; a
      // write counting rows from a hundred contacts.
      const hundred = Array.from({ length: 100 }, (_, index) => 100 + index);
      const batch = { pairs: hundred.map((company) => pairOf(3, company)), records: [] };
      const wide = { pairs: hundred.map((contact) => pairOf(contact, 4)), records: [] };
      const wideCount = { pairs: [pairOf(6, 7)], records: [{ objectTypeId: '0-1', ids: hundred }] };
      await Promise.all([
        pairWrite('pair', { pairs: [pair], records: [] }),
        pairWrite('pair reversed', { pairs: [reversed(pair)], records: [] }, true),
        pairWrite('record', counted, true),
        pairWrite('record again', counted),
        pairWrite('batch', batch, true),
        pairWrite('one of its pairs', { pairs: [reversed(pairOf(3, 150))], records: [] }),
        pairWrite('wide batch', wide),
        pairWrite('one of its pairs too', { pairs: [pairOf(150, 4)], records: [] }, true),
        pairWrite('wide count', wideCount, true),
        pairWrite('a pair of another record', { pairs: [pairOf(8, 9)], records: [] }),
        store.transaction(async (tx) => {
          await tx.existingRecordIds(PORTAL, '0-1', [1]);
          const start = ++clock;
          await delay(5);
          spans.set('other write', [start, ++clock]);
        }),
      ]);
      const apart = (a: string, b: string) => {
        const [[aStart, aEnd], [bStart, bEnd]] = [spans.get(a)!, spans.get(b)!];
        assert.ok(aEnd < bStart || bEnd < aStart, `${a} overlapped ${b}`);
      };
      apart('pair', 'pair reversed');
      apart('record', 'record again');
      apart('batch', 'one of its pairs');
      apart('wide batch', 'one of its pairs too');
      // Holds too large to share run alone, even beside writes they share no key with.
      apart('wide batch', 'a pair of another record');
      apart('wide count', 'a pair of another record');
      for (const name of spans.keys()) if (name !== 'other write') apart(name, 'other write');
    });

    test('closing waits for the transactions that begin while it waits, then closes', async (t) => {
      const store = await withStore(factory, t);
      const [contact] = await insertRecords(store, '0-1', 1);
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = store.transaction(async (tx) => {
        await held;
        return tx.existingRecordIds(PORTAL, '0-1', [contact!]);
      });
      const closed = store.close();
      // A request whose client has gone, or a write run again once its first try has ended, can
      // begin after a shutdown has asked the store to close: it runs rather than meet a closed
      // database.
      const again = () =>
        store.transaction((tx) => tx.existingRecordIds(PORTAL, '0-1', [contact!]));
      const second = first.then(again);
      release();
      assert.deepEqual([...(await first)], [contact]);
      assert.deepEqual([...(await second)], [contact]);
      await closed;
      await assert.rejects(store.getRecords(PORTAL, '0-1', [contact!], false));
    });

    runPortalAdminContract(factory);
    runTextContract(factory);
    runRecordLifecycleContract(factory);
    runRecordSearchContract(factory);
    runPropertySchemaContract(factory);
    runWebhookDeliveryContract(factory);
    runJournalContract(factory);
    runChangeSetContract(factory);
  });
}

/** Every portal chunk of an export, in order. */
async function exported(store: Store, portalId: number, pageSize = 2) {
  const chunks: PortalStateChunk[] = [];
  for await (const chunk of store.exportPortal(portalId, pageSize)) chunks.push(chunk);
  return chunks;
}

async function* fromArray<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

/**
 * A portal with a bit of everything: records of two types (one archived, with its rows set
 * aside), a label with labelled rows, a limit, and ids past the first few of each sequence.
 */
async function populate(store: Store, portal: number) {
  return store.transaction(async (tx) => {
    const contacts = await tx.insertRecords(
      portal,
      '0-1',
      [{ properties: { email: 'a@b.c', name: 'Ann' } }, { properties: {} }, { properties: {} }],
      NOW,
    );
    const companies = await tx.insertRecords(portal, '0-2', [{ properties: { n: '1' } }], NOW);
    const [c1, c2, c3] = contacts.map((record) => record.id) as [number, number, number];
    const co = companies[0]!.id;
    const label = await tx.insertLabel(portal, {
      fromObjectTypeId: '0-1',
      toObjectTypeId: '0-2',
      name: 'manager',
      label: 'Manager',
      inverseLabel: 'Managed',
    });
    await tx.insertAssociations(portal, [
      row(c1, co),
      row(co, c1, 280, '0-2', '0-1'),
      { ...row(c1, co), category: 'USER_DEFINED', typeId: label.typeId },
      { ...row(co, c1, 0, '0-2', '0-1'), category: 'USER_DEFINED', typeId: label.inverseTypeId },
      row(c3, co),
      row(co, c3, 280, '0-2', '0-1'),
    ]);
    await tx.putLimits(portal, [
      {
        fromObjectTypeId: '0-1',
        toObjectTypeId: '0-2',
        category: 'USER_DEFINED',
        typeId: label.typeId,
        maxToObjectIds: 3,
      },
    ]);
    await tx.archiveRecords(portal, '0-1', [c3], NOW);
    return { contacts: [c1, c2, c3], company: co, label };
  });
}

function runPortalAdminContract(factory: StoreFactory): void {
  test('portals are created once, listed in id order, and named by default when written first', async (t) => {
    const store = await withStore(factory, t);
    assert.deepEqual(await store.listPortals(), []);
    assert.equal(await store.maxPortalId(), 0);
    const created = await store.createPortal(9, 'Sales', NOW);
    assert.deepEqual(created, { portalId: 9, name: 'Sales', createdAt: NOW });
    assert.equal(await store.createPortal(9, 'Other', NOW), null);
    await insertRecords(store, '0-1', 1, 3);
    const portals = await store.listPortals();
    assert.deepEqual(
      portals.map((portal) => [portal.portalId, portal.name]),
      [
        [3, 'portal 3'],
        [9, 'Sales'],
      ],
    );
    assert.ok(portals[0]!.createdAt instanceof Date);
    assert.deepEqual(await store.getPortal(9), created);
    assert.equal(await store.getPortal(4), null);
    assert.equal(await store.maxPortalId(), 9);
  });

  test('a portal counts its live and archived records per object type and its live association rows', async (t) => {
    const store = await withStore(factory, t);
    assert.deepEqual(await store.countPortal(PORTAL), { objectTypes: [], associationRows: 0 });
    const { contacts } = await populate(store, PORTAL);
    await populate(store, PORTAL + 1);
    // A custom object type with archived records only, and one whose id sorts after 0-2 by text.
    const custom = await insertRecords(store, '2-9001', 2);
    await insertRecords(store, '0-10', 1);
    await store.transaction((tx) => tx.archiveRecords(PORTAL, '2-9001', custom, NOW));
    assert.deepEqual(await store.countPortal(PORTAL), {
      objectTypes: [
        { objectTypeId: '0-1', live: 2, archived: 1 },
        { objectTypeId: '0-10', live: 1, archived: 0 },
        { objectTypeId: '0-2', live: 1, archived: 0 },
        { objectTypeId: '2-9001', live: 0, archived: 2 },
      ],
      // c1 and the company both ways, unlabeled and labelled; c3's rows were set aside with it.
      associationRows: 4,
    });
    // Archiving c1 sets its rows aside: none are left live.
    await store.transaction((tx) => tx.archiveRecords(PORTAL, '0-1', [contacts[0]!], NOW));
    const after = await store.countPortal(PORTAL);
    assert.deepEqual(after.objectTypes[0], { objectTypeId: '0-1', live: 1, archived: 2 });
    assert.equal(after.associationRows, 0);
    // The other portal's counts are its own.
    assert.deepEqual(await store.countPortal(PORTAL + 1), {
      objectTypes: [
        { objectTypeId: '0-1', live: 2, archived: 1 },
        { objectTypeId: '0-2', live: 1, archived: 0 },
      ],
      associationRows: 4,
    });
  });

  test('resetting a portal empties it and restarts its sequences; other portals keep theirs', async (t) => {
    const store = await withStore(factory, t);
    await store.createPortal(PORTAL, 'Kept', NOW);
    await populate(store, PORTAL);
    await populate(store, PORTAL + 1);
    const otherBefore = await exported(store, PORTAL + 1);
    await store.putToken({
      tokenHash: 'a'.repeat(64),
      portalId: PORTAL,
      scopes: ['x'],
      createdAt: NOW,
    });
    await store.resetPortal(PORTAL);
    assert.deepEqual(await exported(store, PORTAL), [
      {
        kind: 'portal',
        name: 'Kept',
        nextRecordId: FIRST_RECORD_ID,
        nextLabelTypeId: 1,
        nextSchemaId: 1,
      },
    ]);
    assert.equal((await store.listTokens(PORTAL)).length, 1);
    assert.deepEqual(await exported(store, PORTAL + 1), otherBefore);
    const [first] = await insertRecords(store, '0-1', 1);
    assert.equal(first, FIRST_RECORD_ID);
    const label = await store.transaction((tx) =>
      tx.insertLabel(PORTAL, {
        fromObjectTypeId: '0-1',
        toObjectTypeId: '0-2',
        name: 'again',
        label: 'Again',
        inverseLabel: 'Again',
      }),
    );
    assert.equal(label.typeId, 1);
  });

  test('deleting a portal removes its data and tokens, and only its own', async (t) => {
    const store = await withStore(factory, t);
    await populate(store, PORTAL);
    await populate(store, PORTAL + 1);
    const otherBefore = await exported(store, PORTAL + 1);
    const token = (hash: string, portalId: number) => ({
      tokenHash: hash.repeat(64),
      portalId,
      scopes: ['crm.objects.contacts.read'],
      createdAt: NOW,
    });
    await store.putToken(token('a', PORTAL));
    await store.putToken(token('b', PORTAL + 1));
    assert.equal(await store.deletePortal(PORTAL), true);
    assert.equal(await store.deletePortal(PORTAL), false);
    assert.equal(await store.getPortal(PORTAL), null);
    assert.deepEqual(await exported(store, PORTAL), []);
    assert.equal(await store.findToken('a'.repeat(64)), null);
    assert.deepEqual(await store.findToken('b'.repeat(64)), token('b', PORTAL + 1));
    assert.deepEqual(await exported(store, PORTAL + 1), otherBefore);
  });

  test('tokens are found by hash, listed per portal in creation order, replaced and deleted', async (t) => {
    const store = await withStore(factory, t);
    const token = (hash: string, portalId: number, scopes: string[]) => ({
      tokenHash: hash.repeat(64),
      portalId,
      scopes,
      createdAt: NOW,
    });
    await store.putToken(token('c', PORTAL, ['one']));
    await store.putToken(token('a', PORTAL, ['two', 'three']));
    await store.putToken(token('b', PORTAL + 1, []));
    assert.deepEqual(await store.findToken('a'.repeat(64)), token('a', PORTAL, ['two', 'three']));
    assert.equal(await store.findToken('d'.repeat(64)), null);
    assert.deepEqual(
      (await store.listTokens(PORTAL)).map((stored) => stored.tokenHash[0]),
      ['c', 'a'],
    );
    await store.putToken(token('a', PORTAL, ['four']));
    assert.deepEqual((await store.findToken('a'.repeat(64)))?.scopes, ['four']);
    assert.equal(await store.deleteToken('c'.repeat(64)), true);
    assert.equal(await store.deleteToken('c'.repeat(64)), false);
    assert.deepEqual(
      (await store.listTokens(PORTAL)).map((stored) => stored.tokenHash[0]),
      ['a'],
    );
    assert.deepEqual(await store.listTokens(PORTAL + 1), [token('b', PORTAL + 1, [])]);
  });

  test('webhook apps keep their settings and subscriptions; subscription ids are never reused', async (t) => {
    const store = await withStore(factory, t);
    const app = {
      appId: 77,
      clientSecret: 'secret',
      developerKeyHash: 'k'.repeat(64),
      createdAt: NOW,
    };
    await store.putApp(app);
    await store.putApp({ ...app, appId: 78, developerKeyHash: null });
    assert.deepEqual(await store.getApp(77), { ...app, settings: null });
    assert.equal(await store.getApp(79), null);
    const settings = {
      targetUrl: 'https://receiver.test/hooks',
      maxConcurrentRequests: 10,
      period: 'SECONDLY',
      createdAt: NOW,
      updatedAt: NOW,
    };
    assert.equal(await store.putWebhookSettings(77, settings), true);
    assert.equal(await store.putWebhookSettings(79, settings), false);
    await store.putApp({ ...app, clientSecret: 'rotated' });
    assert.deepEqual(await store.getApp(77), { ...app, clientSecret: 'rotated', settings });

    const subscribe = (appId: number, eventType: string) =>
      store.insertSubscription({
        appId,
        eventType,
        propertyName: eventType.endsWith('propertyChange') ? 'email' : null,
        objectTypeId: null,
        active: false,
        createdAt: NOW,
      });
    const first = await subscribe(77, 'contact.propertyChange');
    const second = await subscribe(77, 'company.associationChange');
    const other = await subscribe(78, 'deal.creation');
    assert.deepEqual(first, {
      id: first.id,
      appId: 77,
      eventType: 'contact.propertyChange',
      propertyName: 'email',
      objectTypeId: null,
      active: false,
      createdAt: NOW,
      updatedAt: NOW,
    });
    assert.ok(first.id < second.id && second.id < other.id);
    const later = new Date(NOW.getTime() + 1000);
    const updated = await store.setSubscriptionsActive(
      77,
      [
        { id: second.id, active: true },
        { id: other.id, active: true },
        { id: first.id, active: true },
      ],
      later,
    );
    assert.deepEqual(
      updated.map((subscription) => [subscription.id, subscription.active, subscription.updatedAt]),
      [
        [second.id, true, later],
        [first.id, true, later],
      ],
      "another app's subscription is neither changed nor returned",
    );
    assert.equal((await store.listSubscriptions(78))[0]?.active, false);
    assert.equal(await store.deleteSubscription(78, second.id), false);
    assert.equal(await store.deleteSubscription(77, second.id), true);
    assert.deepEqual(
      (await store.listSubscriptions(77)).map((subscription) => subscription.id),
      [first.id],
    );
    const next = await subscribe(77, 'contact.creation');
    assert.ok(next.id > other.id, 'a deleted id is not given again');

    assert.equal(await store.deleteApp(77), true);
    assert.equal(await store.deleteApp(77), false);
    assert.deepEqual(await store.listSubscriptions(77), []);
    assert.deepEqual(
      (await store.listApps()).map((listed) => listed.appId),
      [78],
    );
  });

  test('request counters count per portal and per window, and start again in a new window', async (t) => {
    const store = await withStore(factory, t);
    const windows = (start: number) => [
      { name: 'SECONDLY', windowStart: start, windowMs: 1000 },
      { name: 'DAILY', windowStart: 0, windowMs: 86_400_000 },
    ];
    assert.deepEqual(await store.requestCounter.hit(PORTAL, windows(1000)), [1, 1]);
    assert.deepEqual(await store.requestCounter.hit(PORTAL, windows(1000)), [2, 2]);
    assert.deepEqual(await store.requestCounter.hit(PORTAL + 1, windows(1000)), [1, 1]);
    assert.deepEqual(await store.requestCounter.hit(PORTAL, windows(2000)), [1, 3]);
    const parallel = await Promise.all(
      Array.from({ length: 10 }, () => store.requestCounter.hit(PORTAL, windows(3000))),
    );
    assert.deepEqual(
      parallel.map(([secondly]) => secondly).sort((a, b) => a! - b!),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
  });

  test('an export imported into another portal exports the same again', async (t) => {
    const store = await withStore(factory, t);
    await store.createPortal(PORTAL, 'Source', NOW);
    await populate(store, PORTAL);
    const chunks = await exported(store, PORTAL);
    assert.deepEqual(
      chunks.map((chunk) => chunk.kind),
      [
        'portal',
        'labels',
        'limits',
        'records',
        'records',
        'associations',
        'associations',
        'associations',
      ],
    );
    assert.deepEqual(
      chunks.flatMap((chunk) => (chunk.kind === 'associations' ? [chunk.archived] : [])),
      [false, false, true],
    );
    const summary = await store.importPortal(PORTAL + 5, fromArray(chunks));
    assert.deepEqual(summary, { records: 4, associations: 6, labels: 1, limits: 1, properties: 0 });
    assert.deepEqual(await exported(store, PORTAL + 5, 3), await exported(store, PORTAL, 3));
    const [next] = await insertRecords(store, '0-1', 1, PORTAL + 5);
    const [expected] = await insertRecords(store, '0-1', 1, PORTAL);
    assert.equal(next, expected);
  });

  test('an import replaces what the portal held, ignores repeated rows and sets the sequences past its ids', async (t) => {
    const store = await withStore(factory, t);
    await populate(store, PORTAL);
    const record = {
      objectTypeId: '0-1',
      id: 12_000_000_000,
      properties: { a: 'b' },
      createdAt: NOW,
      updatedAt: NOW,
      archived: false,
      archivedAt: null,
    };
    const summary = await store.importPortal(
      PORTAL,
      fromArray<PortalStateChunk>([
        { kind: 'records', records: [record, record] },
        { kind: 'records', records: [record] },
        { kind: 'associations', archived: false, rows: [row(1, 2), row(1, 2)] },
      ]),
    );
    assert.deepEqual(summary, { records: 1, associations: 1, labels: 0, limits: 0, properties: 0 });
    assert.deepEqual(await store.getRecords(PORTAL, '0-1', [record.id], true), [record]);
    assert.deepEqual(await store.listLabels(PORTAL), []);
    const [next] = await insertRecords(store, '0-1', 1);
    assert.equal(next, record.id + 1);
    assert.equal((await store.getPortal(PORTAL))?.name, `portal ${PORTAL}`);
  });

  test('an import that fails midway or repeats a record differently changes nothing', async (t) => {
    const store = await withStore(factory, t);
    await populate(store, PORTAL);
    const before = await exported(store, PORTAL);
    async function* failing(): AsyncIterable<PortalStateChunk> {
      yield* fromArray(before.slice(0, 4));
      throw new Error('the file ended early');
    }
    await assert.rejects(store.importPortal(PORTAL, failing()), /ended early/);
    assert.deepEqual(await exported(store, PORTAL), before);
    const record = before.find((chunk) => chunk.kind === 'records')!.records[0]!;
    await assert.rejects(
      store.importPortal(
        PORTAL,
        fromArray<PortalStateChunk>([
          { kind: 'records', records: [record] },
          { kind: 'records', records: [{ ...record, properties: { other: 'x' } }] },
        ]),
      ),
      /imported twice with different content/,
    );
    assert.deepEqual(await exported(store, PORTAL), before);
    await assert.rejects(store.importPortal(PORTAL + 1, failing()));
    assert.equal(await store.getPortal(PORTAL + 1), null);
  });

  test('an export is one snapshot: a write that commits while it runs is not in it', async (t) => {
    const store = await withStore(factory, t);
    await populate(store, PORTAL);
    const chunks: PortalStateChunk[] = [];
    let write: Promise<unknown> | undefined;
    for await (const chunk of store.exportPortal(PORTAL, 1)) {
      chunks.push(chunk);
      write ??= insertRecords(store, '0-1', 5);
      await delay(5);
    }
    await write;
    const records = chunks.flatMap((chunk) => (chunk.kind === 'records' ? chunk.records : []));
    assert.equal(records.length, 4);
    const after = (await exported(store, PORTAL, 100)).flatMap((chunk) =>
      chunk.kind === 'records' ? chunk.records : [],
    );
    assert.equal(after.length, 9);
  });
}

/** A refusal of text holding U+0000 or half a surrogate pair: the same error from either engine. */
function isUnstorableRefusal(error: unknown): boolean {
  return (
    error instanceof DomainError &&
    error.code === 'INVALID_INPUT' &&
    /U\+0000|unpaired surrogate/.test(error.message)
  );
}

/** Texts every engine keeps as written: control characters, separators, astral characters. */
const AWKWARD_TEXTS = [
  '\u0001\u0008\u001f\u007f',
  'tab\tnewline\ncr\r',
  '\u2028\u2029\ufeff',
  '\ud83d\ude00 𝓗𝓾𝓫',
  'quote\' "double" back\\slash',
  '%00 \\u0000',
];

function runTextContract(factory: StoreFactory): void {
  test('text holding U+0000 or half a surrogate pair is refused whole by every write that stores text, and nothing is written', async (t) => {
    const store = await withStore(factory, t);
    await store.createPortal(PORTAL, 'Kept', NOW);
    const { contacts, label } = await populate(store, PORTAL);
    const before = await exported(store, PORTAL);
    const nul = 'a\u0000b';
    const writes: Record<string, () => Promise<unknown>> = {
      'a new record\u2019s value': () =>
        store.transaction((tx) =>
          tx.insertRecords(PORTAL, '0-1', [{ properties: {} }, { properties: { n: nul } }], NOW),
        ),
      'a new record\u2019s property name': () =>
        store.transaction((tx) =>
          tx.insertRecords(PORTAL, '0-1', [{ properties: { [nul]: 'x' } }], NOW),
        ),
      'an updated value': () =>
        store.transaction((tx) =>
          tx.updateRecords(PORTAL, '0-1', [{ id: contacts[0]!, properties: { email: nul } }], NOW),
        ),
      'a label name': () =>
        store.transaction((tx) =>
          tx.insertLabel(PORTAL, {
            fromObjectTypeId: '0-1',
            toObjectTypeId: '0-2',
            name: nul,
            label: 'L',
            inverseLabel: 'L',
          }),
        ),
      'a label text': () =>
        store.transaction((tx) =>
          tx.insertLabel(PORTAL, {
            fromObjectTypeId: '0-1',
            toObjectTypeId: '0-2',
            name: 'n',
            label: 'L',
            inverseLabel: nul,
          }),
        ),
      'a renamed label': () =>
        store.transaction((tx) => tx.updateLabel(PORTAL, label.typeId, nul, 'x')),
      'an imported record': () =>
        store.importPortal(
          PORTAL,
          fromArray<PortalStateChunk>([
            { kind: 'portal', name: 'ok', nextRecordId: FIRST_RECORD_ID, nextLabelTypeId: 3 },
            {
              kind: 'records',
              records: [
                {
                  objectTypeId: '0-1',
                  id: 12_000_000_000,
                  properties: { name: nul },
                  createdAt: NOW,
                  updatedAt: NOW,
                  archived: false,
                  archivedAt: null,
                },
              ],
            },
          ]),
        ),
      'an imported portal name': () =>
        store.importPortal(
          PORTAL,
          fromArray<PortalStateChunk>([
            { kind: 'portal', name: nul, nextRecordId: FIRST_RECORD_ID, nextLabelTypeId: 3 },
          ]),
        ),
    };
    writes['a value with half a surrogate pair'] = () =>
      store.transaction((tx) =>
        tx.insertRecords(PORTAL, '0-1', [{ properties: { n: 'x\ud83d' } }], NOW),
      );
    writes['a label with half a surrogate pair'] = () =>
      store.transaction((tx) => tx.updateLabel(PORTAL, label.typeId, '\ude00', 'x'));
    for (const [what, write] of Object.entries(writes)) {
      await assert.rejects(write, isUnstorableRefusal, what);
      assert.deepEqual(await exported(store, PORTAL), before, `${what} changed the portal`);
    }
    await assert.rejects(() => store.createPortal(PORTAL + 1, nul, NOW), isUnstorableRefusal);
    assert.equal(await store.getPortal(PORTAL + 1), null);
  });

  test('control characters, separators and astral characters read back as written', async (t) => {
    const store = await withStore(factory, t);
    const properties = Object.fromEntries(
      AWKWARD_TEXTS.map((text, index) => [`p${index}${text}`, text]),
    );
    const [created] = await store.transaction((tx) =>
      tx.insertRecords(PORTAL, '0-1', [{ properties }], NOW),
    );
    const [read] = await store.getRecords(PORTAL, '0-1', [created!.id], false);
    assert.deepEqual(read?.properties, properties);
    for (const text of AWKWARD_TEXTS) {
      await store.transaction((tx) =>
        tx.insertLabel(PORTAL, {
          fromObjectTypeId: '0-1',
          toObjectTypeId: '0-2',
          name: `n${text}`,
          label: text,
          inverseLabel: `${text}!`,
        }),
      );
    }
    const labels = await store.listLabels(PORTAL);
    assert.deepEqual(
      labels.map((label) => [label.name, label.label, label.inverseLabel]),
      AWKWARD_TEXTS.map((text) => [`n${text}`, text, `${text}!`]),
    );
    assert.ok(await store.createPortal(PORTAL + 1, AWKWARD_TEXTS.join(''), NOW));
    assert.equal((await store.getPortal(PORTAL + 1))?.name, AWKWARD_TEXTS.join(''));
  });
}
