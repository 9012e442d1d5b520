// v3 associations: batch create, read and archive by type name, and the types list.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const V3 = '/crm/v3/associations';

function named(from: string, to: string, type: string) {
  return { from: { id: from }, to: { id: to }, type };
}

async function v4Types(app: TestApp, from: string, id: string, to: string) {
  const list = await app.request('GET', `/crm/v4/objects/${from}/${id}/associations/${to}`);
  return list.body.results.map((result: any) => [
    String(result.toObjectId),
    result.associationTypes.map((type: any) => type.typeId),
  ]);
}

describe('v3 batch create', () => {
  test('answers 201 with both directions of each input', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [deal] = await app.createRecords('deals', 1);
    const response = await app.request('POST', `${V3}/contacts/deals/batch/create`, {
      inputs: [named(contact!, deal!, 'contact_to_deal')],
    });
    assert.equal(response.status, 201);
    assert.deepEqual(response.body.results, [
      named(contact!, deal!, 'contact_to_deal'),
      named(deal!, contact!, 'deal_to_contact'),
    ]);
    assert.deepEqual(await v4Types(app, 'deals', deal!, 'contacts'), [[contact, [3]]]);
  });

  test('contact_to_company makes the company primary and moves Primary away from the last one', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 2);
    for (const company of companies) {
      const response = await app.request('POST', `${V3}/contacts/companies/batch/create`, {
        inputs: [named(contact!, company, 'contact_to_company')],
      });
      assert.equal(response.status, 201);
    }
    assert.deepEqual(await v4Types(app, 'contacts', contact!, 'companies'), [
      [companies[0], [279]],
      [companies[1], [279, 1]],
    ]);
  });

  test('adds a label without dropping the ones the pair has', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    for (const type of ['contact_to_company', 'billing_contact_to_company']) {
      await app.request('POST', `${V3}/contacts/companies/batch/create`, {
        inputs: [named(contact!, company!, type)],
      });
    }
    assert.deepEqual(await v4Types(app, 'contacts', contact!, 'companies'), [
      [company, [279, 1, 931]],
    ]);
  });

  test("a name that is not the pair's answers HubSpot's 400 and writes nothing", async (t) => {
    const app = await buildTestApp(t);
    const [meeting] = await app.createRecords('meetings', 1);
    const [company] = await app.createRecords('companies', 1);
    const response = await app.request('POST', `${V3}/meetings/companies/batch/create`, {
      inputs: [named(meeting!, company!, 'meeting_to_company')],
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.category, 'VALIDATION_ERROR');
    assert.equal(
      response.body.message,
      'meeting_to_company is not a valid association type between meetings and companies',
    );
    const fixed = await app.request('POST', `${V3}/meetings/companies/batch/create`, {
      inputs: [named(meeting!, company!, 'meeting_event_to_company')],
    });
    assert.equal(fixed.status, 201);
  });

  test('answers 207 when some inputs fail, writing the others', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [deal] = await app.createRecords('deals', 1);
    const response = await app.request('POST', `${V3}/contacts/deals/batch/create`, {
      inputs: [named(contact!, deal!, 'contact_to_deal'), named(contact!, '77', 'contact_to_deal')],
    });
    assert.equal(response.status, 207);
    assert.equal(response.body.numErrors, 1);
    assert.deepEqual(response.body.errors[0].context.INVALID_OBJECT_IDS, ['DEAL=77 is not valid']);
    assert.equal(response.body.results.length, 2);
  });

  test('refuses more than 2,000 inputs before writing anything', async (t) => {
    const app = await buildTestApp(t);
    const inputs = Array.from({ length: 2001 }, () => named('1', '2', 'contact_to_deal'));
    const response = await app.request('POST', `${V3}/contacts/deals/batch/create`, { inputs });
    assert.equal(response.status, 400);
    assert.equal(response.body.category, 'VALIDATION_ERROR');
  });
});

describe('v3 batch read', () => {
  test('lists only the primary company of a contact, under the Primary name', async (t) => {
    const app = await buildTestApp(t);
    const contacts = await app.createRecords('contacts', 2);
    const companies = await app.createRecords('companies', 2);
    await app.request('POST', `${V3}/contacts/companies/batch/create`, {
      inputs: [
        named(contacts[0]!, companies[0]!, 'contact_to_company_unlabeled'),
        named(contacts[0]!, companies[1]!, 'contact_to_company'),
        named(contacts[1]!, companies[0]!, 'contact_to_company_unlabeled'),
      ],
    });
    const response = await app.request('POST', `${V3}/contacts/companies/batch/read`, {
      inputs: [{ id: contacts[0] }, { id: contacts[1] }],
    });
    assert.equal(response.status, 207);
    assert.deepEqual(response.body.results, [
      { from: { id: contacts[0] }, to: [{ id: companies[1], type: 'contact_to_company' }] },
    ]);
    assert.equal(response.body.errors[0].subCategory, 'crm.associations.NO_ASSOCIATIONS_FOUND');
    assert.deepEqual(response.body.errors[0].context.fromObjectId, [contacts[1]]);
  });

  test('lists every target with each of its type names elsewhere', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 2);
    await app.request('POST', `${V3}/contacts/companies/batch/create`, {
      inputs: [
        named(contact!, companies[0]!, 'contact_to_company'),
        named(contact!, companies[1]!, 'billing_contact_to_company'),
      ],
    });
    const response = await app.request('POST', `${V3}/Companies/Contacts/batch/read`, {
      inputs: [{ id: companies[0] }, { id: companies[1] }],
    });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.results, [
      {
        from: { id: companies[0] },
        to: [
          { id: contact, type: 'company_to_contact_unlabeled' },
          { id: contact, type: 'company_to_contact' },
        ],
      },
      {
        from: { id: companies[1] },
        to: [
          { id: contact, type: 'company_to_contact_unlabeled' },
          { id: contact, type: 'company_to_billing_contact' },
        ],
      },
    ]);
  });
});

describe('v3 batch archive', () => {
  test('removing the Primary name keeps the association; the unlabeled name removes all', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    await app.request('POST', `${V3}/contacts/companies/batch/create`, {
      inputs: [named(contact!, company!, 'contact_to_company')],
    });
    const primary = await app.request('POST', `${V3}/contacts/companies/batch/archive`, {
      inputs: [named(contact!, company!, 'contact_to_company')],
    });
    assert.equal(primary.status, 204);
    assert.equal(primary.text, '');
    assert.deepEqual(await v4Types(app, 'companies', company!, 'contacts'), [[contact, [280]]]);
    await app.request('POST', `${V3}/contacts/companies/batch/archive`, {
      inputs: [named(contact!, company!, 'contact_to_company_unlabeled')],
    });
    assert.deepEqual(await v4Types(app, 'companies', company!, 'contacts'), []);
  });
});

describe('v3 types', () => {
  test('lists the HubSpot-defined types between two object types by id, with v3 names', async (t) => {
    const app = await buildTestApp(t);
    const response = await app.request('GET', `${V3}/contacts/companies/types`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.results, [
      { id: '1', name: 'contact_to_company' },
      { id: '279', name: 'contact_to_company_unlabeled' },
      { id: '931', name: 'billing_contact_to_company' },
    ]);
    const unknown = await app.request('GET', `${V3}/contacts/spaceships/types`);
    assert.equal(unknown.status, 400);
  });
});
