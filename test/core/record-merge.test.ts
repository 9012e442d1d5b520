// Record merge through the core, on each engine: identity, values, associations, merged ids.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  PORTAL,
  companies,
  contacts,
  deals,
  engines,
  failsWith,
  fixture,
  type Fixture,
} from './records-fixture.js';

const read = (f: Fixture, id: string) =>
  f.core.records.get(PORTAL, contacts, id, { archived: false, associations: [] });

for (const { engine, skip } of await engines()) {
  describe(`record merge (${engine})`, { skip }, () => {
    test('two contacts become a new contact with both associations, labels united, one Primary', async (t) => {
      const f = await fixture(t, engine);
      const older = await f.create(contacts, { email: 'b@x.com', firstname: 'Bea', phone: '555' });
      f.tick();
      const primary = await f.create(contacts, {
        email: 'a@x.com',
        firstname: '',
        lastname: 'Ames',
      });
      const [c1, c2, c3] = [
        await f.create(companies),
        await f.create(companies),
        await f.create(companies),
      ];
      const deal = await f.create(deals);
      const friend = await f.create(contacts);
      const path = { from: contacts, to: companies };
      const [manager] = await f.core.labels.create(PORTAL, path, {
        name: 'manager',
        label: 'Manager',
      });
      const [buyer] = await f.core.labels.create(PORTAL, path, { name: 'buyer', label: 'Buyer' });
      await f.link(contacts, primary, companies, c1, 1);
      await f.link(contacts, older, companies, c2, 1);
      await f.link(contacts, primary, companies, c3, manager!);
      await f.link(contacts, older, companies, c3, buyer!);
      await f.link(deals, deal, contacts, older, 3);
      await f.link(contacts, primary, contacts, older, 449);
      await f.link(contacts, friend, contacts, older, 449);
      const createdAt = async (raw: string) => (await read(f, raw)).record.createdAt;
      const [olderCreatedAt, primaryCreatedAt] = [await createdAt(older), await createdAt(primary)];
      assert.ok(olderCreatedAt < primaryCreatedAt);
      const mergedAt = f.tick();

      const merged = await f.core.records.merge(PORTAL, contacts, {
        primaryObjectId: primary,
        objectIdToMerge: older,
      });
      const id = String(merged.id);
      assert.ok(merged.id > Number(primary) && merged.id > Number(older), 'a new id');
      assert.deepEqual(merged.properties, {
        email: 'a@x.com',
        firstname: 'Bea',
        lastname: 'Ames',
        phone: '555',
        hs_merged_object_ids: `${older};${primary}`,
      });
      assert.deepEqual([merged.createdAt, merged.updatedAt], [olderCreatedAt, mergedAt]);

      assert.deepEqual(await f.targets(contacts, id, companies), [
        `${c1}: unlabeled, Primary`,
        `${c2}: unlabeled`,
        `${c3}: unlabeled, Manager, Buyer`,
      ]);
      assert.deepEqual(await f.targets(companies, c1, contacts), [`${id}: unlabeled, Primary`]);
      assert.deepEqual(await f.targets(companies, c2, contacts), [`${id}: unlabeled`]);
      assert.deepEqual(await f.targets(companies, c3, contacts), [
        `${id}: unlabeled, Manager, Buyer`,
      ]);
      assert.deepEqual(await f.targets(deals, deal, contacts), [`${id}: unlabeled`]);
      assert.deepEqual(await f.targets(contacts, id, deals), [`${deal}: unlabeled`]);
      assert.deepEqual(await f.targets(contacts, id, contacts), [`${friend}: unlabeled`]);
      assert.deepEqual(await f.targets(contacts, friend, contacts), [`${id}: unlabeled`]);
      for (const old of [primary, older]) {
        assert.deepEqual(await f.targets(contacts, old, companies), []);
      }
    });

    test('old ids read the merged record; lists show it once, under its own id', async (t) => {
      const f = await fixture(t, engine);
      const [a, b] = [await f.create(contacts), await f.create(contacts)];
      const merged = await f.core.records.merge(PORTAL, contacts, {
        primaryObjectId: a,
        objectIdToMerge: b,
      });
      for (const old of [a, b]) assert.equal((await read(f, old)).record.id, merged.id);
      const batch = await f.core.records.batchRead(
        PORTAL,
        contacts,
        [a, b, merged.id, '999'],
        false,
      );
      assert.deepEqual(
        batch.results.map((record) => record.id),
        [merged.id],
      );
      assert.deepEqual(
        batch.errors.map((error) => error.context),
        [{ ids: ['999'] }],
      );
      const list = await f.core.records.list(PORTAL, contacts, {
        archived: false,
        associations: [],
        limit: 10,
      });
      assert.deepEqual(
        list.views.map((view) => view.record.id),
        [merged.id],
      );
    });

    test('a deal merge keeps the primary deal and its id, and the older creation time', async (t) => {
      const f = await fixture(t, engine);
      const older = await f.create(deals, { dealname: 'Old', amount: '10' });
      f.tick();
      const primary = await f.create(deals, { dealname: 'New' });
      const company = await f.create(companies);
      await f.link(deals, older, companies, company, 5);
      const [olderCreatedAt] = (
        await f.core.records.batchRead(PORTAL, deals, [older], false)
      ).results.map((record) => record.createdAt);
      f.tick();
      const merged = await f.core.records.merge(PORTAL, deals, {
        primaryObjectId: primary,
        objectIdToMerge: older,
      });
      assert.equal(String(merged.id), primary);
      assert.deepEqual(merged.properties, {
        dealname: 'New',
        amount: '10',
        hs_merged_object_ids: older,
      });
      assert.deepEqual(merged.createdAt, olderCreatedAt);
      assert.notDeepEqual(merged.updatedAt, olderCreatedAt);
      assert.deepEqual(await f.targets(deals, primary, companies), [
        `${company}: unlabeled, Primary`,
      ]);
      const view = await f.core.records.get(PORTAL, deals, older, {
        archived: false,
        associations: [],
      });
      assert.equal(String(view.record.id), primary);
    });

    test('merges chain: the ids merged before follow the record into its next merge', async (t) => {
      const f = await fixture(t, engine);
      const [a, b, c] = [
        await f.create(contacts),
        await f.create(contacts),
        await f.create(contacts),
      ];
      const first = await f.core.records.merge(PORTAL, contacts, {
        primaryObjectId: a,
        objectIdToMerge: b,
      });
      const second = await f.core.records.merge(PORTAL, contacts, {
        primaryObjectId: c,
        objectIdToMerge: a,
      });
      const ids = [a, b, String(first.id), c].map(Number).sort((x, y) => x - y);
      assert.equal(second.properties['hs_merged_object_ids'], ids.join(';'));
      for (const old of [a, b, String(first.id), c]) {
        assert.equal((await read(f, old)).record.id, second.id);
      }
      await assert.rejects(
        f.core.records.merge(PORTAL, contacts, { primaryObjectId: b, objectIdToMerge: c }),
        failsWith(
          'INVALID_INPUT',
          `Cannot merge a contact with itself: ${b} and ${c} name the same record`,
        ),
      );
    });

    test('a merge past 250 identities answers MERGE_IDENTITY_LIMIT and changes nothing', async (t) => {
      const f = await fixture(t, engine);
      const created = await f.core.records.create(
        PORTAL,
        deals,
        Array.from({ length: 100 }, () => ({ properties: {}, associations: [] })),
      );
      const more = await f.core.records.create(
        PORTAL,
        deals,
        Array.from({ length: 100 }, () => ({ properties: {}, associations: [] })),
      );
      const rest = await f.core.records.create(
        PORTAL,
        deals,
        Array.from({ length: 51 }, () => ({ properties: {}, associations: [] })),
      );
      const [survivor, ...others] = [...created, ...more, ...rest].map((record) =>
        String(record.id),
      );
      // The survivor and 249 merged ids: 250 identities, the most a record may carry.
      for (const other of others.slice(0, 249)) {
        await f.core.records.merge(PORTAL, deals, {
          primaryObjectId: survivor!,
          objectIdToMerge: other,
        });
      }
      const before = await f.state();
      await assert.rejects(
        f.core.records.merge(PORTAL, deals, {
          primaryObjectId: survivor!,
          objectIdToMerge: others[249]!,
        }),
        failsWith('MERGE_IDENTITY_LIMIT', 'Cannot have more than 250 identities on a profile'),
      );
      assert.deepEqual(await f.state(), before);
    });

    test('unknown, archived and identical records are refused and nothing changes', async (t) => {
      const f = await fixture(t, engine);
      const [a, b] = [await f.create(contacts), await f.create(contacts)];
      const company = await f.create(companies);
      await f.link(contacts, a, companies, company, 1);
      await f.core.records.archive(PORTAL, contacts, [b]);
      const before = await f.state();
      const merge = (primaryObjectId: string, objectIdToMerge: string) =>
        f.core.records.merge(PORTAL, contacts, { primaryObjectId, objectIdToMerge });
      await assert.rejects(merge(a, b), (error) => {
        failsWith('OBJECT_NOT_FOUND')(error);
        assert.deepEqual((error as { context: unknown }).context, {
          id: [b],
          objectType: ['CONTACT'],
        });
        return true;
      });
      await assert.rejects(merge('999', a), failsWith('OBJECT_NOT_FOUND'));
      await assert.rejects(merge(a, 'abc'), failsWith('OBJECT_NOT_FOUND'));
      await assert.rejects(merge(company, a), failsWith('OBJECT_NOT_FOUND'));
      await assert.rejects(merge(a, a), failsWith('INVALID_INPUT', /with itself/));
      assert.deepEqual(await f.state(), before);
    });

    test('a merge may pass limits, and rows set aside with an archived record move too', async (t) => {
      const f = await fixture(t, engine);
      const [a, b] = [await f.create(contacts), await f.create(contacts)];
      const [c1, c2, c3] = [
        await f.create(companies),
        await f.create(companies),
        await f.create(companies),
      ];
      await f.core.limits.put(
        PORTAL,
        { from: contacts, to: companies },
        [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 }],
        'create',
      );
      await f.link(contacts, a, companies, c1, 279);
      await f.link(contacts, b, companies, c2, 279);
      await f.link(contacts, b, companies, c3, 279);
      await f.core.records.archive(PORTAL, companies, [c3]);
      const merged = String(
        (await f.core.records.merge(PORTAL, contacts, { primaryObjectId: a, objectIdToMerge: b }))
          .id,
      );
      assert.deepEqual(await f.targets(contacts, merged, companies), [
        `${c1}: unlabeled`,
        `${c2}: unlabeled`,
      ]);
      const document = (await f.state()) as {
        associations: { fromId: string; toId: string; archived?: true }[];
      };
      const setAside = document.associations
        .filter((row) => row.archived)
        .map((row) => `${row.fromId}>${row.toId}`);
      assert.deepEqual(setAside.sort(), [`${c3}>${merged}`, `${merged}>${c3}`].sort());
      assert.ok(
        document.associations.every(
          (row) => ![a, b].includes(row.fromId) && ![a, b].includes(row.toId),
        ),
      );
    });

    test('hs_merged_object_ids is the server’s: values clients write are ignored', async (t) => {
      const f = await fixture(t, engine);
      const id = await f.create(contacts, { hs_merged_object_ids: '5;6', email: 'x@y.z' });
      await f.core.records.update(PORTAL, contacts, id, { hs_merged_object_ids: '7' });
      assert.deepEqual((await read(f, id)).record.properties, { email: 'x@y.z' });
    });
  });
}
