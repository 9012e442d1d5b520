// Every v4-shaped family answers its own paths with its own statuses and shapes, over one engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

/** What HubSpot's published definitions declare per family; written out, not read from the code. */
interface Expected {
  readonly batch: string;
  readonly records: string;
  readonly objects: string | null;
  readonly create: number;
  readonly createPartial: number;
  readonly read: number;
  readonly readPartial: number;
  readonly archive: number;
  /** The objects API's batch read when an id names nothing. */
  readonly objectsPartial: number;
  readonly typeObjectIds: boolean;
}

const EXPECTED: Record<string, Expected> = {
  v4: {
    batch: '/crm/v4/associations',
    records: '/crm/v4/objects',
    objects: null,
    create: 201,
    createPartial: 207,
    read: 200,
    readPartial: 207,
    archive: 204,
    objectsPartial: 207,
    typeObjectIds: true,
  },
  '2025-09': {
    batch: '/crm/associations/2025-09',
    records: '/crm/objects/2025-09',
    objects: '/crm/objects/2025-09',
    create: 201,
    createPartial: 207,
    read: 200,
    readPartial: 207,
    archive: 200,
    objectsPartial: 207,
    typeObjectIds: true,
  },
  '2026-03': {
    batch: '/crm/associations/2026-03',
    records: '/crm/objects/2026-03',
    objects: '/crm/objects/2026-03',
    create: 201,
    createPartial: 207,
    read: 200,
    readPartial: 207,
    archive: 200,
    objectsPartial: 207,
    typeObjectIds: true,
  },
  '2026-09': {
    batch: '/crm/associations/2026-09',
    records: '/crm/objects/2026-09',
    objects: '/crm/objects/2026-09',
    create: 200,
    createPartial: 200,
    read: 200,
    readPartial: 200,
    archive: 200,
    objectsPartial: 200,
    typeObjectIds: false,
  },
  '2026-09-beta': {
    batch: '/crm/associations/2026-09-beta',
    records: '/crm/objects/2026-09-beta',
    objects: '/crm/objects/2026-09-beta',
    create: 201,
    createPartial: 207,
    read: 200,
    readPartial: 207,
    archive: 200,
    objectsPartial: 207,
    typeObjectIds: true,
  },
};

const PRIMARY = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 };

/** The associationTypes item HubSpot shows for a type, with the pair's ids where declared. */
function typeItem(
  expected: Expected,
  typeId: number,
  label: string | null,
  from: string,
  to: string,
) {
  const item = { category: 'HUBSPOT_DEFINED', typeId, label };
  return expected.typeObjectIds ? { ...item, fromObjectTypeId: from, toObjectTypeId: to } : item;
}

async function pair(app: TestApp) {
  const [contact] = await app.createRecords('contacts', 1);
  const [company] = await app.createRecords('companies', 1);
  return { contact: contact!, company: company! };
}

for (const [name, expected] of Object.entries(EXPECTED)) {
  describe(`family ${name}`, () => {
    const batch = `${expected.batch}/contacts/companies/batch`;

    test('batch create answers its status, and partial failure its own', async (t) => {
      const app = await buildTestApp(t);
      const { contact, company } = await pair(app);
      const input = { from: { id: contact }, to: { id: company }, types: [PRIMARY] };
      const created = await app.request('POST', `${batch}/create`, { inputs: [input] });
      assert.equal(created.status, expected.create);
      assert.deepEqual(created.body.results[0].labels, ['Primary']);
      const missing = { ...input, to: { id: '999' } };
      const partial = await app.request('POST', `${batch}/create`, { inputs: [input, missing] });
      assert.equal(partial.status, expected.createPartial);
      assert.equal(partial.body.numErrors, 1);
      assert.equal(partial.body.results.length, 1);
    });

    test('batch read answers its status and shape, and partial failure its own', async (t) => {
      const app = await buildTestApp(t);
      const { contact, company } = await pair(app);
      await app.request(
        'PUT',
        `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
        [PRIMARY],
      );
      const read = await app.request('POST', `${expected.batch}/companies/contacts/batch/read`, {
        inputs: [{ id: company }],
      });
      assert.equal(read.status, expected.read);
      assert.deepEqual(read.body.results, [
        {
          from: { id: company },
          to: [
            {
              toObjectId: Number(contact),
              associationTypes: [
                typeItem(expected, 280, null, '0-2', '0-1'),
                typeItem(expected, 2, 'Primary', '0-2', '0-1'),
              ],
            },
          ],
        },
      ]);
      const partial = await app.request('POST', `${expected.batch}/companies/contacts/batch/read`, {
        inputs: [{ id: company }, { id: '999' }],
      });
      assert.equal(partial.status, expected.readPartial);
      assert.equal(partial.body.errors[0].subCategory, 'crm.associations.NO_ASSOCIATIONS_FOUND');
    });

    test('archive and labels/archive answer the family status', async (t) => {
      const app = await buildTestApp(t);
      const { contact, company } = await pair(app);
      const input = { from: { id: contact }, to: { id: company }, types: [PRIMARY] };
      await app.request('POST', `${batch}/create`, { inputs: [input] });
      const labels = await app.request('POST', `${batch}/labels/archive`, { inputs: [input] });
      const archived = await app.request('POST', `${batch}/archive`, {
        inputs: [{ from: { id: contact }, to: [{ id: company }] }],
      });
      for (const response of [labels, archived]) {
        assert.equal(response.status, expected.archive);
        if (expected.archive === 204) assert.equal(response.text, '');
        else assert.deepEqual(response.body.results, []);
      }
      const list = await app.request(
        'GET',
        `/crm/v4/objects/contacts/${contact}/associations/companies`,
      );
      assert.deepEqual(list.body.results, []);
    });

    test('record-level operations live under the family prefix', async (t) => {
      const app = await buildTestApp(t);
      const { contact, company } = await pair(app);
      const path = `${expected.records}/contacts/${contact}/associations/companies/${company}`;
      const put = await app.request('PUT', path, [PRIMARY]);
      assert.equal(put.status, 201);
      assert.deepEqual(put.body.labels, ['Primary']);
      const list = await app.request(
        'GET',
        `${expected.records}/companies/${company}/associations/contacts`,
      );
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.results[0].associationTypes[1],
        typeItem(expected, 2, 'Primary', '0-2', '0-1'),
      );
      assert.equal((await app.request('DELETE', path)).status, 204);
      const defaultPath = `${expected.records}/contacts/${contact}/associations/default/companies/${company}`;
      const associated = await app.request('PUT', defaultPath);
      assert.equal(associated.status, 200);
      assert.equal(associated.body.results.length, 2);
      const report = await app.request('POST', `${expected.batch}/usage/high-usage-report/42`);
      assert.equal(report.status, 200);
      assert.equal(report.body.userId, 42);
    });

    if (expected.objects) {
      const objects = expected.objects;
      test('the objects API lives under the family prefix and shares the records', async (t) => {
        const app = await buildTestApp(t);
        const created = await app.request('POST', `${objects}/contacts`, {
          properties: { email: 'dated@example.com' },
        });
        assert.equal(created.status, 201);
        const read = await app.request('GET', `/crm/v3/objects/contacts/${created.body.id}`);
        assert.equal(read.body.properties.email, 'dated@example.com');
        const updated = await app.request('PATCH', `${objects}/contacts/${created.body.id}`, {
          properties: { firstname: 'Ada' },
        });
        assert.equal(updated.body.properties.firstname, 'Ada');
        const batchRead = await app.request('POST', `${objects}/contacts/batch/read`, {
          inputs: [{ id: created.body.id }],
        });
        assert.equal(batchRead.status, 200);
        const partial = await app.request('POST', `${objects}/contacts/batch/read`, {
          inputs: [{ id: created.body.id }, { id: '999' }],
        });
        assert.equal(partial.status, expected.objectsPartial);
        assert.equal(partial.body.numErrors, 1);
        assert.equal(
          (await app.request('DELETE', `${objects}/contacts/${created.body.id}`)).status,
          204,
        );
      });
    }
  });
}

test('an association written through one family reads the same through every other', async (t) => {
  const app = await buildTestApp(t);
  const { contact, company } = await pair(app);
  await app.request('POST', '/crm/associations/2026-09/contacts/companies/batch/create', {
    inputs: [{ from: { id: contact }, to: { id: company }, types: [PRIMARY] }],
  });
  for (const [name, expected] of Object.entries(EXPECTED)) {
    const list = await app.request(
      'GET',
      `${expected.records}/contacts/${contact}/associations/companies`,
    );
    assert.deepEqual(
      list.body.results,
      [
        {
          toObjectId: Number(company),
          associationTypes: [
            typeItem(expected, 279, null, '0-1', '0-2'),
            typeItem(expected, 1, 'Primary', '0-1', '0-2'),
          ],
        },
      ],
      name,
    );
  }
  const v3 = await app.request('POST', '/crm/v3/associations/contacts/companies/batch/read', {
    inputs: [{ id: contact }],
  });
  assert.deepEqual(v3.body.results[0].to, [{ id: company, type: 'contact_to_company' }]);
  const object = await app.request(
    'GET',
    `/crm/v3/objects/contacts/${contact}?associations=companies`,
  );
  assert.deepEqual(object.body.associations.companies.results, [
    { id: company, type: 'contact_to_company_unlabeled' },
    { id: company, type: 'contact_to_company' },
  ]);
});
