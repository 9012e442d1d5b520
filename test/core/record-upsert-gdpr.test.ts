// Batch upsert and GDPR delete through the core, on each engine.
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

/** Every record and association row id the portal's state mentions. */
async function idsInState(f: Fixture): Promise<{ records: string[]; rows: string[] }> {
  const document = (await f.state()) as {
    records: { id: string }[];
    associations: { fromId: string; toId: string }[];
  };
  return {
    records: document.records.map((record) => record.id).sort(),
    rows: [...new Set(document.associations.flatMap((row) => [row.fromId, row.toId]))].sort(),
  };
}

for (const { engine, skip } of await engines()) {
  describe(`record upsert (${engine})`, { skip }, () => {
    test('upsert updates the contact an email names, whatever its case, and creates the others', async (t) => {
      const f = await fixture(t, engine);
      const ann = await f.create(contacts, { email: 'Ann@Example.com', firstname: 'Ann' });
      const first = await f.core.records.upsert(PORTAL, contacts, [
        { id: 'ann@EXAMPLE.com', idProperty: 'email', properties: { lastname: 'Ames' } },
        {
          id: 'New@Example.com',
          idProperty: 'email',
          properties: { firstname: 'Neo', email: 'x@y.z' },
        },
      ]);
      assert.deepEqual(first.errors, []);
      assert.deepEqual(
        first.results.map(({ record, created }) => [String(record.id), created, record.properties]),
        [
          [ann, false, { email: 'Ann@Example.com', firstname: 'Ann', lastname: 'Ames' }],
          [
            first.results[1]?.record.id.toString(),
            true,
            { firstname: 'Neo', email: 'new@example.com' },
          ],
        ],
      );
      const again = await f.core.records.upsert(
        PORTAL,
        contacts,
        [{ id: 'NEW@example.com', properties: { phone: '1' } }],
        'email',
      );
      assert.deepEqual(
        again.results.map(({ record, created }) => [
          record.id,
          created,
          record.properties['phone'],
        ]),
        [[first.results[1]?.record.id, false, '1']],
      );
      const perInput = await f.core.records.upsert(
        PORTAL,
        contacts,
        [{ id: 'third@x.com', idProperty: 'email', properties: {} }],
        'hs_object_id',
      );
      assert.deepEqual(
        perInput.results.map(({ created }) => created),
        [true],
      );
    });

    test('upsert matches an email ignoring ASCII case, and never an archived contact', async (t) => {
      const f = await fixture(t, engine);
      const lowest = await f.create(contacts, { email: 'dup@x.com' });
      const archived = await f.create(contacts, { email: 'gone@x.com' });
      await f.core.records.archive(PORTAL, contacts, [archived]);
      const outcome = await f.core.records.upsert(PORTAL, contacts, [
        { id: 'Dup@X.com', idProperty: 'email', properties: { a: '1' } },
        { id: 'gone@x.com', idProperty: 'email', properties: {} },
      ]);
      assert.deepEqual(
        outcome.results.map(({ record, created }) => [String(record.id), created]),
        [
          [lowest, false],
          [outcome.results[1]?.record.id.toString(), true],
        ],
      );
      assert.notEqual(String(outcome.results[1]?.record.id), archived);
    });

    test('upsert refuses non-unique properties, duplicate ids and big batches, and writes nothing', async (t) => {
      const f = await fixture(t, engine);
      await f.create(contacts, { email: 'a@x.com' });
      const before = await f.state();
      const upsert = (type = contacts, inputs: { id: string; idProperty?: string }[] = []) =>
        f.core.records.upsert(
          PORTAL,
          type,
          inputs.map((input) => ({ ...input, properties: { touched: 'yes' } })),
        );
      await assert.rejects(
        upsert(contacts, [{ id: 'Ann', idProperty: 'firstname' }]),
        failsWith(
          'INVALID_INPUT',
          `Unable to perform update/upsert by non-unique 0-1 property firstname in portal ID ${PORTAL}`,
        ),
      );
      await assert.rejects(
        upsert(contacts, [{ id: 'b@x.com', idProperty: 'email' }, { id: 'a@x.com' }]),
        failsWith(
          'INVALID_INPUT',
          `Unable to perform update/upsert by non-unique 0-1 property hs_object_id in portal ID ${PORTAL}`,
        ),
      );
      await assert.rejects(
        upsert(companies, [{ id: 'x.com', idProperty: 'domain' }]),
        failsWith('INVALID_INPUT', /non-unique 0-2 property domain in portal ID/),
      );
      await assert.rejects(
        upsert(contacts, [
          { id: 'a@x.com', idProperty: 'email' },
          { id: 'A@X.com', idProperty: 'email' },
        ]),
        failsWith(
          'INVALID_INPUT',
          'Duplicate IDs found in batch input: [a@x.com]. IDs must be unique',
        ),
      );
      await assert.rejects(
        upsert(contacts, [{ id: ' ', idProperty: 'email' }]),
        failsWith('INVALID_INPUT', 'An upsert id must be a value of email'),
      );
      await assert.rejects(
        upsert(
          contacts,
          Array.from({ length: 101 }, (_, index) => ({
            id: `${index}@x.com`,
            idProperty: 'email',
          })),
        ),
        failsWith('BATCH_TOO_LARGE'),
      );
      assert.deepEqual(await f.state(), before);
    });
  });

  describe(`GDPR delete (${engine})`, { skip }, () => {
    test('by id, a record goes with every association on both sides, set-aside ones included', async (t) => {
      const f = await fixture(t, engine);
      const [gone, kept] = [await f.create(contacts), await f.create(contacts)];
      const [live, archivedCompany] = [await f.create(companies), await f.create(companies)];
      const deal = await f.create(deals);
      await f.link(contacts, gone, companies, live, 1);
      await f.link(contacts, gone, companies, archivedCompany, 279);
      await f.link(deals, deal, contacts, gone, 3);
      await f.link(contacts, kept, companies, live, 279);
      await f.core.records.archive(PORTAL, companies, [archivedCompany]);
      await f.core.records.gdprDelete(PORTAL, contacts, { objectId: gone });
      await assert.rejects(
        f.core.records.get(PORTAL, contacts, gone, { archived: true, associations: [] }),
        failsWith('OBJECT_NOT_FOUND'),
      );
      assert.deepEqual(await f.targets(companies, live, contacts), [`${kept}: unlabeled`]);
      assert.deepEqual(await f.targets(deals, deal, contacts), []);
      const state = await idsInState(f);
      assert.ok(!state.records.includes(gone));
      assert.deepEqual(state.rows, [kept, live].sort());
    });

    test('by id, archived records and old merged ids go too; unknown ids delete nothing', async (t) => {
      const f = await fixture(t, engine);
      const [archived, a, b, kept] = [
        await f.create(contacts),
        await f.create(contacts),
        await f.create(contacts),
        await f.create(contacts),
      ];
      const company = await f.create(companies);
      await f.link(contacts, archived, companies, company, 279);
      await f.core.records.archive(PORTAL, contacts, [archived]);
      await f.core.records.gdprDelete(PORTAL, contacts, { objectId: archived });
      const merged = await f.core.records.merge(PORTAL, contacts, {
        primaryObjectId: a,
        objectIdToMerge: b,
      });
      await f.core.records.gdprDelete(PORTAL, contacts, {
        objectId: b,
        idProperty: 'hs_object_id',
      });
      for (const id of [a, b, String(merged.id)]) {
        await assert.rejects(
          f.core.records.get(PORTAL, contacts, id, { archived: false, associations: [] }),
          failsWith('OBJECT_NOT_FOUND'),
        );
      }
      const before = await f.state();
      await f.core.records.gdprDelete(PORTAL, contacts, { objectId: '999' });
      await f.core.records.gdprDelete(PORTAL, contacts, { objectId: 'abc' });
      assert.deepEqual(await f.state(), before);
      assert.deepEqual((await idsInState(f)).records, [kept, company].sort());
    });

    test('by email, every contact with it goes, archived ones too; an unknown email deletes nothing', async (t) => {
      const f = await fixture(t, engine);
      const archived = await f.create(contacts, { email: 'gone@x.com' });
      await f.core.records.archive(PORTAL, contacts, [archived]);
      await f.create(contacts, { email: 'Gone@x.com' });
      const kept = await f.create(contacts, { email: 'keep@x.com' });
      await f.core.records.gdprDelete(PORTAL, contacts, {
        objectId: 'GONE@X.COM',
        idProperty: 'email',
      });
      assert.deepEqual((await idsInState(f)).records, [kept]);
      const before = await f.state();
      await f.core.records.gdprDelete(PORTAL, contacts, {
        objectId: 'nobody@x.com',
        idProperty: 'email',
      });
      await f.core.records.gdprDelete(PORTAL, contacts, { objectId: '', idProperty: 'email' });
      await assert.rejects(
        f.core.records.gdprDelete(PORTAL, contacts, { objectId: 'Ann', idProperty: 'firstname' }),
        failsWith(
          'INVALID_INPUT',
          `Unable to perform GDPR delete by non-unique 0-1 property firstname in portal ID ${PORTAL}`,
        ),
      );
      assert.deepEqual(await f.state(), before);
    });
  });
}
