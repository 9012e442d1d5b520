// v3 record-level associations: a record's targets by type name, and one named type put on or
// taken off a pair, read back through the other families.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const OBJECTS = '/crm/v3/objects';

async function v4Types(app: TestApp, from: string, id: string, to: string) {
  const list = await app.request('GET', `/crm/v4/objects/${from}/${id}/associations/${to}`);
  return list.body.results.map((result: any) => [
    String(result.toObjectId),
    result.associationTypes.map((type: any) => `${type.category}:${type.typeId}`),
  ]);
}

async function contactAndCompanies(app: TestApp, companies = 1) {
  const [contact] = await app.createRecords('contacts', 1);
  return { contact: contact!, companies: await app.createRecords('companies', companies) };
}

describe('v3 record-level PUT', () => {
  test('answers 200 with the from-record and its associations to the to-type', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app);
    const company = companies[0]!;
    const path = `${OBJECTS}/contacts/${contact}/associations/companies/${company}/contact_to_company`;
    const response = await app.request('PUT', path);
    assert.equal(response.status, 200, response.text);
    assert.equal(response.body.id, contact);
    assert.equal(response.body.properties.hs_object_id, contact);
    assert.deepEqual(response.body.associations, {
      companies: {
        results: [
          { id: company, type: 'contact_to_company_unlabeled' },
          { id: company, type: 'contact_to_company' },
        ],
      },
    });
    assert.deepEqual(await v4Types(app, 'companies', company, 'contacts'), [
      [contact, ['HUBSPOT_DEFINED:280', 'HUBSPOT_DEFINED:2']],
    ]);
  });

  test('adds the type and keeps the others; a Primary name moves Primary', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 2);
    const put = (company: string, type: string) =>
      app.request(
        'PUT',
        `${OBJECTS}/contacts/${contact}/associations/companies/${company}/${type}`,
      );
    assert.equal((await put(companies[0]!, 'billing_contact_to_company')).status, 200);
    assert.equal((await put(companies[0]!, 'contact_to_company')).status, 200);
    assert.equal((await put(companies[1]!, 'contact_to_company')).status, 200);
    assert.deepEqual(await v4Types(app, 'contacts', contact, 'companies'), [
      [companies[0], ['HUBSPOT_DEFINED:279', 'HUBSPOT_DEFINED:931']],
      [companies[1], ['HUBSPOT_DEFINED:279', 'HUBSPOT_DEFINED:1']],
    ]);
  });

  test('takes a type id; a bare id means the HubSpot-defined type before a label', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app);
    const company = companies[0]!;
    // The portal's first label takes USER_DEFINED ids 1 and 2, the same numbers as Primary.
    const label = await app.request('POST', '/crm/associations/v4/contacts/companies/labels', {
      name: 'first_label',
      label: 'First',
    });
    assert.equal(label.body.results[0].typeId, 1);
    const base = `${OBJECTS}/contacts/${contact}/associations/companies/${company}`;
    assert.equal((await app.request('PUT', `${base}/1`)).status, 200);
    assert.equal((await app.request('PUT', `${base}/first_label`)).status, 200);
    assert.deepEqual(await v4Types(app, 'contacts', contact, 'companies'), [
      [company, ['HUBSPOT_DEFINED:279', 'HUBSPOT_DEFINED:1', 'USER_DEFINED:1']],
    ]);
  });

  test('a type not of the pair answers 400 and writes nothing; a missing record 400', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app);
    const base = `${OBJECTS}/contacts/${contact}/associations/companies/${companies[0]}`;
    const wrong = await app.request('PUT', `${base}/deal_to_contact`);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.category, 'VALIDATION_ERROR');
    assert.equal(
      wrong.body.message,
      'deal_to_contact is not a valid association type between contacts and companies',
    );
    const missing = await app.request(
      'PUT',
      `${OBJECTS}/contacts/${contact}/associations/companies/999/contact_to_company`,
    );
    assert.equal(missing.status, 400);
    assert.equal(missing.body.message, 'One or more associations are invalid');
    assert.deepEqual(await v4Types(app, 'contacts', contact, 'companies'), []);
  });
});

describe('v3 record-level DELETE', () => {
  test('removes only the named type; the unlabeled name removes the pair', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app);
    const company = companies[0]!;
    const base = `${OBJECTS}/contacts/${contact}/associations/companies/${company}`;
    await app.request('PUT', `${base}/contact_to_company`);
    await app.request('PUT', `${base}/billing_contact_to_company`);
    assert.equal((await app.request('DELETE', `${base}/contact_to_company`)).status, 204);
    assert.deepEqual(await v4Types(app, 'companies', company, 'contacts'), [
      [contact, ['HUBSPOT_DEFINED:280', 'HUBSPOT_DEFINED:930']],
    ]);
    const unlabeled = await app.request('DELETE', `${base}/contact_to_company_unlabeled`);
    assert.equal(unlabeled.status, 204);
    assert.equal(unlabeled.text, '');
    assert.deepEqual(await v4Types(app, 'contacts', contact, 'companies'), []);
    assert.equal((await app.request('DELETE', `${base}/contact_to_company`)).status, 204);
  });
});

describe('v3 record-level GET', () => {
  test('lists each type under its v3 name, page by page with after and limit', async (t) => {
    const app = await buildTestApp(t);
    const { contact, companies } = await contactAndCompanies(app, 3);
    for (const company of companies) {
      await app.request(
        'PUT',
        `${OBJECTS}/contacts/${contact}/associations/companies/${company}/contact_to_company_unlabeled`,
      );
    }
    await app.request(
      'PUT',
      `${OBJECTS}/contacts/${contact}/associations/companies/${companies[2]}/contact_to_company`,
    );
    const list = `${OBJECTS}/contacts/${contact}/associations/companies`;
    const first = await app.request('GET', `${list}?limit=2`);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.results, [
      { id: companies[0], type: 'contact_to_company_unlabeled' },
      { id: companies[1], type: 'contact_to_company_unlabeled' },
    ]);
    assert.equal(typeof first.body.paging.next.after, 'string');
    const second = await app.request(
      'GET',
      `${list}?limit=2&after=${first.body.paging.next.after}`,
    );
    assert.deepEqual(second.body, {
      results: [
        { id: companies[2], type: 'contact_to_company_unlabeled' },
        { id: companies[2], type: 'contact_to_company' },
      ],
    });
  });

  test('a record with no associations, or no record, answers an empty page', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    for (const id of [contact, '999']) {
      const response = await app.request('GET', `${OBJECTS}/contacts/${id}/associations/deals`);
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, { results: [] });
    }
  });
});
