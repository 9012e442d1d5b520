// The legacy association calls (crm-associations v1, deals v1, companies v2) over the one engine:
// what they write reads back identically through v4, both directions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const V1 = '/crm-associations/v1/associations';

async function v4Types(app: TestApp, from: string, id: string, to: string) {
  const list = await app.request('GET', `/crm/v4/objects/${from}/${id}/associations/${to}`);
  assert.equal(list.status, 200, list.text);
  return list.body.results.map((result: any) => [
    String(result.toObjectId),
    result.associationTypes.map((type: any) => `${type.category}:${type.typeId}`),
  ]);
}

function definition(from: string, to: string, definitionId: number, category = 'HUBSPOT_DEFINED') {
  return { fromObjectId: Number(from), toObjectId: Number(to), category, definitionId };
}

describe('crm-associations v1', () => {
  test('PUT creates through a definition id, both directions; id 1 is Primary', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    const created = await app.request('PUT', V1, definition(contact!, company!, 1));
    assert.equal(created.status, 204);
    assert.equal(created.text, '');
    assert.deepEqual(await v4Types(app, 'companies', company!, 'contacts'), [
      [contact, ['HUBSPOT_DEFINED:280', 'HUBSPOT_DEFINED:2']],
    ]);
  });

  test('create-batch writes every input or none', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const deals = await app.createRecords('deals', 2);
    const good = [definition(deals[0]!, contact!, 3), definition(contact!, deals[1]!, 4)];
    const refused = await app.request('PUT', `${V1}/create-batch`, [
      ...good,
      definition(deals[0]!, '999', 3),
    ]);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.category, 'VALIDATION_ERROR');
    assert.equal(refused.body.message, 'One or more associations are invalid');
    assert.deepEqual(await v4Types(app, 'contacts', contact!, 'deals'), []);
    const created = await app.request('PUT', `${V1}/create-batch`, good);
    assert.equal(created.status, 204);
    assert.deepEqual(await v4Types(app, 'contacts', contact!, 'deals'), [
      [deals[0], ['HUBSPOT_DEFINED:4']],
      [deals[1], ['HUBSPOT_DEFINED:4']],
    ]);
  });

  test('refuses definitions it cannot write: unknown ids, labels, engagement ids', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    for (const body of [
      definition(contact!, company!, 999999),
      definition(contact!, company!, 7),
      definition(contact!, company!, 1, 'USER_DEFINED'),
    ]) {
      const response = await app.request('PUT', V1, body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.category, 'VALIDATION_ERROR');
    }
    assert.deepEqual(await v4Types(app, 'contacts', contact!, 'companies'), []);
  });

  test('delete and delete-batch (PUT) remove everything between each pair', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 2);
    for (const company of companies) {
      await app.request(
        'PUT',
        `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
        [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 931 }],
      );
    }
    const one = await app.request('PUT', `${V1}/delete`, definition(contact!, companies[0]!, 1));
    assert.equal(one.status, 204);
    assert.deepEqual(await v4Types(app, 'companies', companies[0]!, 'contacts'), []);
    const batch = await app.request('PUT', `${V1}/delete-batch`, [
      definition(companies[1]!, contact!, 2),
      definition(companies[1]!, '999', 2),
    ]);
    assert.equal(batch.status, 204);
    assert.deepEqual(await v4Types(app, 'contacts', contact!, 'companies'), []);
  });

  test('GET lists associated ids as numbers, by limit and offset', async (t) => {
    const app = await buildTestApp(t);
    const [company] = await app.createRecords('companies', 1);
    const contacts = await app.createRecords('contacts', 3);
    await app.request(
      'PUT',
      `${V1}/create-batch`,
      contacts.map((contact) => definition(company!, contact, 280)),
    );
    const first = await app.request('GET', `${V1}/${company}/HUBSPOT_DEFINED/2?limit=2`);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, {
      results: [Number(contacts[0]), Number(contacts[1])],
      hasMore: true,
      offset: Number(contacts[1]),
    });
    const next = await app.request(
      'GET',
      `${V1}/${company}/HUBSPOT_DEFINED/2?limit=2&offset=${first.body.offset}`,
    );
    assert.deepEqual(next.body, {
      results: [Number(contacts[2])],
      hasMore: false,
      offset: Number(contacts[2]),
    });
    const defaults = await app.request('GET', `${V1}/${company}/HUBSPOT_DEFINED/2`);
    assert.equal(defaults.body.results.length, 3);
  });

  test('GET through a label lists only the targets that carry it', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 2);
    const label = await app.request('POST', '/crm/associations/v4/contacts/companies/labels', {
      name: 'decider',
      label: 'Decider',
    });
    const typeId: number = label.body.results[0].typeId;
    await app.request('PUT', `${V1}/create-batch`, [
      definition(contact!, companies[0]!, 279),
      definition(contact!, companies[1]!, 279),
    ]);
    await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/companies/${companies[1]}`,
      [{ associationCategory: 'USER_DEFINED', associationTypeId: typeId }],
    );
    const read = await app.request('GET', `${V1}/${contact}/USER_DEFINED/${typeId}`);
    assert.deepEqual(read.body, {
      results: [Number(companies[1])],
      hasMore: false,
      offset: Number(companies[1]),
    });
    const unknown = await app.request('GET', `${V1}/${contact}/USER_DEFINED/9999`);
    assert.equal(unknown.status, 400);
  });
});

describe('deals v1 associations', () => {
  test('associate companies: the first becomes Primary when the deal has none', async (t) => {
    const app = await buildTestApp(t);
    const [deal] = await app.createRecords('deals', 1);
    const companies = await app.createRecords('companies', 3);
    const path = `/deals/v1/deal/${deal}/associations/COMPANY`;
    const put = await app.request('PUT', `${path}?id=${companies[0]}&id=${companies[1]}`);
    assert.equal(put.status, 204);
    await app.request('PUT', `/deals/v1/deal/${deal}/associations/company?id=${companies[2]}`);
    assert.deepEqual(await v4Types(app, 'deals', deal!, 'companies'), [
      [companies[0], ['HUBSPOT_DEFINED:341', 'HUBSPOT_DEFINED:5']],
      [companies[1], ['HUBSPOT_DEFINED:341']],
      [companies[2], ['HUBSPOT_DEFINED:341']],
    ]);
    const removed = await app.request('DELETE', `${path}?id=${companies[0]}`);
    assert.equal(removed.status, 204);
    assert.deepEqual(await v4Types(app, 'companies', companies[0]!, 'deals'), []);
  });

  test('associate contacts; a missing deal or contact answers 404 and writes nothing', async (t) => {
    const app = await buildTestApp(t);
    const [deal] = await app.createRecords('deals', 1);
    const [contact] = await app.createRecords('contacts', 1);
    const missing = await app.request(
      'PUT',
      `/deals/v1/deal/${deal}/associations/CONTACT?id=${contact}&id=999`,
    );
    assert.equal(missing.status, 404);
    assert.equal(missing.body.message, 'Contact 999 does not exist');
    const noDeal = await app.request(
      'PUT',
      `/deals/v1/deal/999/associations/CONTACT?id=${contact}`,
    );
    assert.equal(noDeal.status, 404);
    assert.equal(noDeal.body.message, 'Deal 999 does not exist');
    assert.deepEqual(await v4Types(app, 'deals', deal!, 'contacts'), []);
    await app.request('PUT', `/deals/v1/deal/${deal}/associations/CONTACT?id=${contact}`);
    assert.deepEqual(await v4Types(app, 'contacts', contact!, 'deals'), [
      [deal, ['HUBSPOT_DEFINED:4']],
    ]);
    const other = await app.request('PUT', `/deals/v1/deal/${deal}/associations/TICKET?id=1`);
    assert.equal(other.status, 400);
  });
});

describe('companies v2 contacts', () => {
  test("PUT makes the company the contact's primary and answers the legacy company", async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const companies = await app.createRecords('companies', 2);
    for (const company of companies) {
      const put = await app.request(
        'PUT',
        `/companies/v2/companies/${company}/contacts/${contact}`,
      );
      assert.equal(put.status, 200);
      assert.equal(put.body.companyId, Number(company));
      assert.equal(put.body.portalId, 1);
      assert.equal(put.body.isDeleted, false);
      assert.equal(put.body.properties.name.value, `companies ${companies.indexOf(company)}`);
      assert.equal(put.body.properties.name.source, 'API');
    }
    assert.deepEqual(await v4Types(app, 'contacts', contact!, 'companies'), [
      [companies[0], ['HUBSPOT_DEFINED:279']],
      [companies[1], ['HUBSPOT_DEFINED:279', 'HUBSPOT_DEFINED:1']],
    ]);
    const removed = await app.request(
      'DELETE',
      `/companies/v2/companies/${companies[1]}/contacts/${contact}`,
    );
    assert.equal(removed.status, 204);
    assert.deepEqual(await v4Types(app, 'contacts', contact!, 'companies'), [
      [companies[0], ['HUBSPOT_DEFINED:279']],
    ]);
  });

  test('PUT with a missing contact or company answers 404 naming it', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    const noContact = await app.request('PUT', `/companies/v2/companies/${company}/contacts/999`);
    assert.equal(noContact.status, 404);
    assert.equal(noContact.body.message, 'Contact 999 does not exist');
    const noCompany = await app.request('PUT', `/companies/v2/companies/999/contacts/${contact}`);
    assert.equal(noCompany.body.message, 'Company 999 does not exist');
  });

  test('GET vids pages the company contact ids with count and vidOffset', async (t) => {
    const app = await buildTestApp(t);
    const [company] = await app.createRecords('companies', 1);
    const contacts = await app.createRecords('contacts', 3);
    for (const contact of contacts) {
      await app.request('PUT', `/companies/v2/companies/${company}/contacts/${contact}`);
    }
    const first = await app.request('GET', `/companies/v2/companies/${company}/vids?count=2`);
    assert.deepEqual(first.body, {
      vids: [Number(contacts[0]), Number(contacts[1])],
      hasMore: true,
      vidOffset: Number(contacts[1]),
    });
    const rest = await app.request(
      'GET',
      `/companies/v2/companies/${company}/vids?count=2&vidOffset=${first.body.vidOffset}`,
    );
    assert.deepEqual(rest.body, {
      vids: [Number(contacts[2])],
      hasMore: false,
      vidOffset: Number(contacts[2]),
    });
    const unknown = await app.request('GET', '/companies/v2/companies/999/vids');
    assert.equal(unknown.status, 404);
  });
});

test('strict mode asks for the scopes of the types a definition joins', async (t) => {
  const app = await buildTestApp(t, { auth: 'strict', adminToken: 'admin-token-legacy' });
  const all = await app.core.tokens.create(1, {
    scopes: ['crm.objects.contacts.write', 'crm.objects.companies.write'],
  });
  const contactsOnly = await app.core.tokens.create(1, { scopes: ['crm.objects.contacts.write'] });
  const [contact] = await app.createRecords('contacts', 1, { token: all.token });
  const [company] = await app.createRecords('companies', 1, { token: all.token });
  const body = definition(contact!, company!, 1);
  const refused = await app.request('PUT', V1, body, { token: contactsOnly.token });
  assert.equal(refused.status, 403);
  assert.deepEqual(refused.body.context.missingScopes, ['crm.objects.companies.write']);
  const read = await app.request('GET', `/companies/v2/companies/${company}/vids`, undefined, {
    token: contactsOnly.token,
  });
  assert.equal(read.status, 403);
  assert.equal((await app.request('PUT', V1, body, { token: all.token })).status, 204);
});
