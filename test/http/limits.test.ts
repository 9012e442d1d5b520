// Association limits: configuration in every family, and enforcement on every write path.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const CONFIGS = '/crm/associations/v4/definitions/configurations';
const UNLABELED = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 };

async function setLimit(app: TestApp, typeId: number, max: number, category = 'HUBSPOT_DEFINED') {
  const response = await app.request('POST', `${CONFIGS}/contacts/companies/batch/create`, {
    inputs: [{ category, typeId, maxToObjectIds: max }],
  });
  assert.equal(response.status, 201, response.text);
}

async function companiesOf(app: TestApp, contact: string): Promise<string[]> {
  const list = await app.request(
    'GET',
    `/crm/v4/objects/contacts/${contact}/associations/companies`,
  );
  return list.body.results.map((result: any) => String(result.toObjectId));
}

function associate(app: TestApp, contact: string, company: string, types = [UNLABELED]) {
  return app.request(
    'PUT',
    `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
    types,
  );
}

describe('limit configurations', () => {
  test('are set, read back per pair and for the portal, changed and purged', async (t) => {
    const app = await buildTestApp(t);
    assert.deepEqual((await app.request('GET', `${CONFIGS}/all`)).body, { results: [] });
    await setLimit(app, 279, 5);
    const expected = {
      category: 'HUBSPOT_DEFINED',
      typeId: 279,
      userEnforcedMaxToObjectIds: 5,
      label: null,
    };
    for (const path of [
      `${CONFIGS}/all`,
      `${CONFIGS}/contacts/companies`,
      '/crm/v4/associations/definitions/configurations/all',
    ]) {
      assert.deepEqual((await app.request('GET', path)).body, { results: [expected] }, path);
    }
    assert.deepEqual((await app.request('GET', `${CONFIGS}/companies/contacts`)).body, {
      results: [],
    });
    const updated = await app.request('POST', `${CONFIGS}/contacts/companies/batch/update`, {
      inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 7 }],
    });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body.results, [
      { category: 'HUBSPOT_DEFINED', typeId: 279, userEnforcedMaxToObjectIds: 7 },
    ]);
    const purged = await app.request('POST', `${CONFIGS}/contacts/companies/batch/purge`, {
      inputs: [
        { category: 'HUBSPOT_DEFINED', typeId: 279 },
        { category: 'HUBSPOT_DEFINED', typeId: 1 },
      ],
    });
    assert.equal(purged.status, 204);
    assert.deepEqual((await app.request('GET', `${CONFIGS}/all`)).body, { results: [] });
  });

  test("a label's limit cannot exceed its pair's, nor the pair's fall below a label's", async (t) => {
    const app = await buildTestApp(t);
    await setLimit(app, 279, 3);
    const response = await app.request('POST', `${CONFIGS}/contacts/companies/batch/create`, {
      inputs: [
        { category: 'HUBSPOT_DEFINED', typeId: 931, maxToObjectIds: 4 },
        { category: 'HUBSPOT_DEFINED', typeId: 1, maxToObjectIds: 1 },
      ],
    });
    assert.equal(response.status, 207);
    assert.deepEqual(
      response.body.results.map((r: any) => r.typeId),
      [1],
    );
    assert.equal(
      response.body.errors[0].message,
      'The limit of a label cannot exceed the limit of its pair (valid range: 1-3)',
    );
    await setLimit(app, 931, 2);
    const lower = await app.request('POST', `${CONFIGS}/contacts/companies/batch/update`, {
      inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 1 }],
    });
    assert.equal(lower.status, 400);
    assert.match(lower.body.message, /at least 2/);
  });

  test('refuses values out of range, unknown types, creating twice and updating nothing', async (t) => {
    const app = await buildTestApp(t);
    await setLimit(app, 279, 3);
    const cases = [
      ['create', { category: 'HUBSPOT_DEFINED', typeId: 931, maxToObjectIds: 0 }, 'INVALID_LIMIT'],
      [
        'create',
        { category: 'HUBSPOT_DEFINED', typeId: 931, maxToObjectIds: 10001 },
        'INVALID_LIMIT',
      ],
      [
        'create',
        { category: 'HUBSPOT_DEFINED', typeId: 3, maxToObjectIds: 2 },
        'INVALID_ASSOCIATION_TYPE',
      ],
      [
        'create',
        { category: 'HUBSPOT_DEFINED', typeId: 279, maxToObjectIds: 2 },
        'LIMIT_ALREADY_SET',
      ],
      ['update', { category: 'HUBSPOT_DEFINED', typeId: 931, maxToObjectIds: 2 }, 'LIMIT_NOT_SET'],
    ] as const;
    for (const [mode, input, code] of cases) {
      const response = await app.request('POST', `${CONFIGS}/contacts/companies/batch/${mode}`, {
        inputs: [input],
      });
      assert.ok(response.status === 400 || response.status === 404, `${code}: ${response.status}`);
      assert.equal(response.body.status, 'error', code);
    }
    const limits = (await app.request('GET', `${CONFIGS}/all`)).body.results;
    assert.deepEqual(
      limits.map((l: any) => [l.typeId, l.userEnforcedMaxToObjectIds]),
      [[279, 3]],
    );
  });

  test('each family answers batch create, update and purge with its own statuses', async (t) => {
    const app = await buildTestApp(t);
    const expected = {
      v4: [201, 200, 204],
      '2025-09': [200, 200, 204],
      '2026-03': [201, 200, 204],
      '2026-09': [200, 200, 204],
    };
    for (const [family, [create, update, purge]] of Object.entries(expected)) {
      const prefix = `/crm/associations/${family}/definitions/configurations/deals/contacts/batch`;
      const input = { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 3, maxToObjectIds: 5 }] };
      assert.equal((await app.request('POST', `${prefix}/create`, input)).status, create, family);
      assert.equal((await app.request('POST', `${prefix}/update`, input)).status, update, family);
      assert.equal(
        (
          await app.request('POST', `${prefix}/purge`, {
            inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 3 }],
          })
        ).status,
        purge,
        family,
      );
    }
  });
});

describe('limit enforcement', () => {
  test('PUT labelled refuses a target beyond the limit, writes nothing, and repeats are fine', async (t) => {
    const app = await buildTestApp(t);
    await setLimit(app, 279, 2);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 3);
    assert.equal((await associate(app, contact!, companies[0]!)).status, 201);
    assert.equal((await associate(app, contact!, companies[1]!)).status, 201);
    assert.equal((await associate(app, contact!, companies[1]!)).status, 201);
    const third = await associate(app, contact!, companies[2]!);
    assert.equal(third.status, 400);
    assert.equal(third.body.category, 'VALIDATION_ERROR');
    assert.equal(
      third.body.message,
      `Association limit exceeded: contact ${contact} can be associated with at most 2 companies`,
    );
    assert.deepEqual(third.body.context.maxToObjectIds, ['2']);
    assert.deepEqual(await companiesOf(app, contact!), companies.slice(0, 2));
  });

  test('batch create fails only the inputs beyond the limit, in input order (207)', async (t) => {
    const app = await buildTestApp(t);
    await setLimit(app, 279, 2);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 4);
    const response = await app.request(
      'POST',
      '/crm/v4/associations/contacts/companies/batch/create',
      {
        inputs: companies.map((company) => ({
          from: { id: contact },
          to: { id: company },
          types: [UNLABELED],
        })),
      },
    );
    assert.equal(response.status, 207);
    assert.equal(response.body.numErrors, 2);
    assert.deepEqual(await companiesOf(app, contact!), companies.slice(0, 2));
  });

  test('writes from the other side, defaults, v3 and creates with associations are held too', async (t) => {
    const app = await buildTestApp(t);
    await setLimit(app, 279, 1);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 5);
    await associate(app, contact!, companies[0]!);
    const inverse = await app.request(
      'PUT',
      `/crm/v4/objects/companies/${companies[1]}/associations/contacts/${contact}`,
      [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 }],
    );
    assert.equal(inverse.status, 400);
    const byDefault = await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/default/companies/${companies[2]}`,
    );
    assert.equal(byDefault.status, 400);
    const v3 = await app.request('POST', '/crm/v3/associations/contacts/companies/batch/create', {
      inputs: [{ from: { id: contact }, to: { id: companies[3] }, type: 'contact_to_company' }],
    });
    assert.equal(v3.status, 400);
    const created = await app.request('POST', '/crm/v3/objects/companies', {
      properties: { name: 'new' },
      associations: [
        {
          to: { id: contact },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 }],
        },
      ],
    });
    assert.equal(created.status, 400);
    assert.deepEqual(await companiesOf(app, contact!), [companies[0]]);
    const listed = await app.request('GET', '/crm/v3/objects/companies?limit=100');
    assert.equal(listed.body.results.length, 5, 'the refused create created no company');
  });

  test('a label limit caps the targets carrying that label, not the association', async (t) => {
    const app = await buildTestApp(t);
    const label = await app.request('POST', '/crm/associations/v4/contacts/companies/labels', {
      name: 'poc',
      label: 'Point of contact',
    });
    const typeId: number = label.body.results[0].typeId;
    await setLimit(app, typeId, 1, 'USER_DEFINED');
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 2);
    const poc = [{ associationCategory: 'USER_DEFINED', associationTypeId: typeId }];
    assert.equal((await associate(app, contact!, companies[0]!, poc)).status, 201);
    assert.equal((await associate(app, contact!, companies[1]!, poc)).status, 400);
    assert.equal((await associate(app, contact!, companies[1]!)).status, 201);
  });

  test('limits are not retroactive: associations above a new limit stay, new ones are refused', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 4);
    for (const company of companies.slice(0, 3)) await associate(app, contact!, company);
    await setLimit(app, 279, 2);
    assert.deepEqual(await companiesOf(app, contact!), companies.slice(0, 3));
    assert.equal((await associate(app, contact!, companies[3]!)).status, 400);
    assert.equal((await associate(app, contact!, companies[0]!)).status, 201);
    await app.request('POST', `${CONFIGS}/contacts/companies/batch/purge`, {
      inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 279 }],
    });
    assert.equal((await associate(app, contact!, companies[3]!)).status, 201);
  });

  test('requests racing for the last free slots never store more than the limit', async (t) => {
    const app = await buildTestApp(t);
    await setLimit(app, 279, 3);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 24);
    const responses = await Promise.all(
      companies.map((company) => associate(app, contact!, company)),
    );
    const statuses = responses.map((response) => response.status);
    assert.equal(statuses.filter((status) => status === 201).length, 3);
    assert.equal(statuses.filter((status) => status === 400).length, 21);
    assert.equal((await companiesOf(app, contact!)).length, 3);
    const fromCompanies = await Promise.all(
      companies.map((company) =>
        app.request('GET', `/crm/v4/objects/companies/${company}/associations/contacts`),
      ),
    );
    assert.equal(fromCompanies.filter((list) => list.body.results.length === 1).length, 3);
  });
});
