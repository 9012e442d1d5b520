// The store contract for what merges, upserts and GDPR deletes need: creation times, lookups by
// property, merged ids, every row touching a record, and purges. Run by store.contract.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AssociationRow, RecordId } from '../../src/core/model.js';
import type { PortalStateChunk, Store } from '../../src/core/ports.js';
import { NOW, PORTAL, insert, open, type Factory } from './contract-fixture.js';

const EARLIER = new Date('2024-05-06T07:08:09.000Z');

/** Both directions of a HubSpot-defined type between two records. */
function pair(
  from: [string, RecordId],
  to: [string, RecordId],
  typeId: number,
  inverseTypeId: number,
): AssociationRow[] {
  const one = (a: [string, RecordId], b: [string, RecordId], id: number): AssociationRow => ({
    fromObjectTypeId: a[0],
    fromId: a[1],
    toObjectTypeId: b[0],
    toId: b[1],
    category: 'HUBSPOT_DEFINED',
    typeId: id,
  });
  return [one(from, to, typeId), one(to, from, inverseTypeId)];
}

/** Rows in a stable order, to compare sets of rows. */
function sorted(rows: readonly AssociationRow[]): string[] {
  return rows
    .map(
      (row) =>
        `${row.fromObjectTypeId}/${row.fromId}>${row.toObjectTypeId}/${row.toId}:${row.typeId}`,
    )
    .sort();
}

async function exported(store: Store, portalId = PORTAL): Promise<PortalStateChunk[]> {
  const chunks: PortalStateChunk[] = [];
  for await (const chunk of store.exportPortal(portalId, 100)) chunks.push(chunk);
  return chunks;
}

async function* fromArray<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

export function runRecordLifecycleContract(factory: Factory): void {
  test('records keep a creation time given on insert or update; others take the write time', async (t) => {
    const store = await open(factory, t);
    const [given, plain] = await store.transaction((tx) =>
      tx.insertRecords(
        PORTAL,
        '0-3',
        [{ properties: {}, createdAt: EARLIER }, { properties: {} }],
        NOW,
      ),
    );
    assert.deepEqual([given?.createdAt, given?.updatedAt, plain?.createdAt], [EARLIER, NOW, NOW]);
    const later = new Date(NOW.getTime() + 1000);
    const updated = await store.transaction((tx) =>
      tx.updateRecords(
        PORTAL,
        '0-3',
        [
          { id: plain!.id, properties: { a: 'b' }, createdAt: EARLIER },
          { id: given!.id, properties: { c: 'd' } },
        ],
        later,
      ),
    );
    const read = await store.getRecords(PORTAL, '0-3', [given!.id, plain!.id], false);
    assert.deepEqual(
      read.map((record) => [record.id, record.createdAt, record.updatedAt]),
      [
        [given!.id, EARLIER, later],
        [plain!.id, EARLIER, later],
      ],
    );
    assert.deepEqual(
      updated.map((record) => record.createdAt),
      [EARLIER, EARLIER],
    );
  });

  test('records are found by a property, ASCII letters ignoring case, live ones unless asked', async (t) => {
    const store = await open(factory, t);
    const [mixed, lower, other, accented, archived, byName] = await insert(
      store,
      '0-1',
      { email: 'Ann@Example.com' },
      { email: 'ann@example.com', name: 'x' },
      { email: 'bob@example.com' },
      { email: 'ÉVE@example.com' },
      { email: 'ann@example.com' },
      { name: 'ann@example.com' },
    );
    const [company] = await insert(store, '0-2', { email: 'ann@example.com' });
    await store.transaction((tx) => tx.archiveRecords(PORTAL, '0-1', [archived!], NOW));
    const find = (type: string, property: string, values: string[], archivedToo = false) =>
      store.transaction(async (tx) =>
        (await tx.findRecordsByProperty(PORTAL, type, property, values, archivedToo)).map(
          (record) => record.id,
        ),
      );
    assert.deepEqual(await find('0-1', 'email', ['ANN@example.COM']), [mixed, lower]);
    assert.deepEqual(await find('0-1', 'email', ['ann@example.com'], true), [
      mixed,
      lower,
      archived,
    ]);
    assert.deepEqual(await find('0-1', 'email', ['bob@EXAMPLE.com', 'nobody@example.com']), [
      other,
    ]);
    assert.deepEqual(await find('0-1', 'email', ['Éve@EXAMPLE.com']), [accented]);
    assert.deepEqual(await find('0-1', 'email', ['éve@example.com']), []);
    assert.deepEqual(await find('0-1', 'name', ['ANN@EXAMPLE.COM']), [byName]);
    assert.deepEqual(await find('0-2', 'email', ['ann@example.com']), [company]);
    assert.deepEqual(await find('0-1', 'email', []), []);
    const [found] = await store.transaction((tx) =>
      tx.findRecordsByProperty(PORTAL, '0-1', 'email', ['bob@example.com'], false),
    );
    assert.deepEqual(found?.properties, { email: 'bob@example.com' });
  });

  test('lookups of live records by other properties follow updates, archives and long values', async (t) => {
    const store = await open(factory, t);
    const prefix = 'x'.repeat(400);
    const [plate, renamed, longA, longB, gone] = await insert(
      store,
      '2-1',
      { plate: 'AB-12' },
      { plate: 'old' },
      { plate: `${prefix}A` },
      { plate: `${prefix}B` },
      { plate: 'ab-12' },
    );
    await insert(store, '2-2', { plate: 'AB-12' });
    await store.transaction(async (tx) => {
      await tx.updateRecords(PORTAL, '2-1', [{ id: renamed!, properties: { plate: 'NEW' } }], NOW);
      await tx.archiveRecords(PORTAL, '2-1', [gone!], NOW);
    });
    const find = (values: string[]) =>
      store.transaction(async (tx) =>
        (await tx.findRecordsByProperty(PORTAL, '2-1', 'plate', values, false)).map(
          (record) => record.id,
        ),
      );
    assert.deepEqual(await find(['ab-12']), [plate]);
    assert.deepEqual(await find(['old']), []);
    assert.deepEqual(await find(['new', 'AB-12', 'ab-12']), [plate, renamed]);
    assert.deepEqual(await find([`${prefix}b`]), [longB]);
    assert.deepEqual(await find([`${prefix}A`, prefix]), [longA]);
    assert.deepEqual(await find([]), []);
  });

  test('merged ids resolve to the record they were merged into, and follow it when it merges', async (t) => {
    const store = await open(factory, t);
    const [first, second] = await insert(store, '0-1', {}, {});
    await store.transaction((tx) => tx.insertMergedIds(PORTAL, '0-1', first!, [100, 101]));
    assert.deepEqual(
      await store.resolveMergedIds(PORTAL, '0-1', [100, 101, 102, first!]),
      new Map([
        [100, first],
        [101, first],
      ]),
    );
    assert.deepEqual(await store.resolveMergedIds(PORTAL, '0-2', [100]), new Map());
    assert.deepEqual(await store.resolveMergedIds(PORTAL + 1, '0-1', [100]), new Map());
    await store.transaction(async (tx) => {
      assert.deepEqual(
        await tx.idsMergedInto(PORTAL, '0-1', [first!, second!]),
        new Map([[first, [100, 101]]]),
      );
      await tx.insertMergedIds(PORTAL, '0-1', second!, [101, first!]);
      assert.deepEqual(
        await tx.resolveMergedIds(PORTAL, '0-1', [100, 101, first!]),
        new Map([
          [100, first],
          [101, second],
          [first!, second],
        ]),
      );
      assert.deepEqual(
        await tx.idsMergedInto(PORTAL, '0-1', [first!, second!]),
        new Map([
          [first, [100]],
          [second, [101, first]],
        ]),
      );
    });
  });

  test('every row from or to records is read and deleted, live and set aside, and set aside again', async (t) => {
    const store = await open(factory, t);
    const [a, b] = await insert(store, '0-1', {}, {});
    const [kept, archived] = await insert(store, '0-2', {}, {});
    const [deal] = await insert(store, '0-3', {});
    const contact = (id: RecordId | undefined): [string, RecordId] => ['0-1', id!];
    const liveRows = [
      ...pair(contact(a), ['0-2', kept!], 279, 280),
      ...pair(contact(a), ['0-2', kept!], 1, 2),
      ...pair(contact(a), contact(b), 449, 449),
      ...pair(['0-3', deal!], contact(a), 3, 4),
    ];
    const asideRows = pair(contact(b), ['0-2', archived!], 279, 280);
    const unrelated = pair(['0-3', deal!], ['0-2', kept!], 341, 342);
    await store.transaction(async (tx) => {
      await tx.insertAssociations(PORTAL, [...liveRows, ...asideRows, ...unrelated]);
      await tx.archiveRecords(PORTAL, '0-2', [archived!], NOW);
    });
    await store.transaction(async (tx) => {
      const both = await tx.rowsTouchingRecords(PORTAL, '0-1', [a!, b!]);
      assert.deepEqual(sorted(both.live), sorted(liveRows));
      assert.deepEqual(sorted(both.setAside), sorted(asideRows));
      const ofB = await tx.rowsTouchingRecords(PORTAL, '0-1', [b!]);
      assert.deepEqual(sorted(ofB.live), sorted(pair(contact(a), contact(b), 449, 449)));
      await tx.deleteRowsTouchingRecords(PORTAL, '0-1', [b!]);
      assert.deepEqual(await tx.rowsTouchingRecords(PORTAL, '0-1', [b!]), {
        live: [],
        setAside: [],
      });
      const ofA = await tx.rowsTouchingRecords(PORTAL, '0-1', [a!]);
      assert.deepEqual(sorted(ofA.live), sorted(liveRows.slice(0, 4).concat(liveRows.slice(6))));
      await tx.insertSetAsideAssociations(PORTAL, asideRows);
      assert.deepEqual(sorted((await tx.rowsTouchingRecords(PORTAL, '0-1', [b!])).setAside), [
        ...sorted(asideRows),
      ]);
    });
    const archivedChunks = (await exported(store)).flatMap((chunk) =>
      chunk.kind === 'associations' && chunk.archived ? chunk.rows : [],
    );
    assert.deepEqual(sorted(archivedChunks), sorted(asideRows));
  });

  test('a purge deletes records, archived or not, every row from or to them, and their merged ids', async (t) => {
    const store = await open(factory, t);
    const [live, archived, bystander] = await insert(store, '0-1', { a: '1' }, {}, {});
    const [company, other] = await insert(store, '0-2', {}, {});
    await store.transaction(async (tx) => {
      await tx.insertAssociations(PORTAL, [
        ...pair(['0-1', live!], ['0-2', company!], 279, 280),
        ...pair(['0-1', live!], ['0-2', other!], 279, 280),
        ...pair(['0-1', archived!], ['0-2', company!], 279, 280),
        ...pair(['0-1', bystander!], ['0-2', company!], 279, 280),
      ]);
      await tx.archiveRecords(PORTAL, '0-1', [archived!], NOW);
      await tx.insertMergedIds(PORTAL, '0-1', live!, [100]);
      await tx.insertMergedIds(PORTAL, '0-1', bystander!, [200]);
    });
    const purged = await store.transaction((tx) =>
      tx.purgeRecords(PORTAL, '0-1', [archived!, live!, 999]),
    );
    assert.deepEqual(purged, [live, archived]);
    assert.deepEqual(await store.getRecords(PORTAL, '0-1', [live!, archived!], true), []);
    assert.deepEqual(
      (await store.listRecords(PORTAL, '0-1', null, 10, true)).map((record) => record.id),
      [],
    );
    const page = (from: RecordId) =>
      store.pageTargets(PORTAL, {
        fromObjectTypeId: '0-2',
        fromId: from,
        toObjectTypeId: '0-1',
        afterToId: null,
        limit: 10,
      });
    assert.deepEqual(
      (await page(company!)).targets.map((target) => target.toId),
      [bystander],
    );
    assert.deepEqual((await page(other!)).targets, []);
    assert.deepEqual(
      await store.resolveMergedIds(PORTAL, '0-1', [100, 200]),
      new Map([[200, bystander]]),
    );
    const rows = (await exported(store)).flatMap((chunk) =>
      chunk.kind === 'associations' ? chunk.rows : [],
    );
    assert.deepEqual(sorted(rows), sorted(pair(['0-1', bystander!], ['0-2', company!], 279, 280)));
    assert.deepEqual(await store.transaction((tx) => tx.purgeRecords(PORTAL, '0-1', [live!])), []);
  });

  test('an import rebuilds merged ids from hs_merged_object_ids; a reset forgets them', async (t) => {
    const store = await open(factory, t);
    const [merged] = await insert(store, '0-1', { hs_merged_object_ids: '100;101;x' });
    await store.transaction((tx) => tx.insertMergedIds(PORTAL, '0-1', merged!, [100, 101]));
    await store.importPortal(PORTAL + 5, fromArray(await exported(store)));
    const expected = new Map([
      [100, merged],
      [101, merged],
    ]);
    assert.deepEqual(await store.resolveMergedIds(PORTAL + 5, '0-1', [100, 101]), expected);
    await store.resetPortal(PORTAL);
    assert.deepEqual(await store.resolveMergedIds(PORTAL, '0-1', [100, 101]), new Map());
    assert.deepEqual(await store.resolveMergedIds(PORTAL + 5, '0-1', [100, 101]), expected);
  });
}
