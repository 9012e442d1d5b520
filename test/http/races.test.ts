// Races: concurrent writes of the same association, writes racing archives and label deletes,
// Primary claims racing each other. The association invariants hold whatever the interleaving.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const PRIMARY = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 };

/** `toId → typeIds` of one record's targets of a type. */
async function typesOf(app: TestApp, from: string, id: string, to: string) {
  const list = await app.request('GET', `/crm/v4/objects/${from}/${id}/associations/${to}`);
  return new Map<string, number[]>(
    list.body.results.map((result: any) => [
      String(result.toObjectId),
      result.associationTypes.map((type: any) => type.typeId),
    ]),
  );
}

/** Every contact→company edge is mirrored by a company→contact edge and the other way round. */
async function assertMirrored(app: TestApp, contacts: string[], companies: string[]) {
  const forward = new Set<string>();
  for (const contact of contacts) {
    for (const company of (await typesOf(app, 'contacts', contact, 'companies')).keys()) {
      forward.add(`${contact}>${company}`);
    }
  }
  const backward = new Set<string>();
  for (const company of companies) {
    for (const contact of (await typesOf(app, 'companies', company, 'contacts')).keys()) {
      backward.add(`${contact}>${company}`);
    }
  }
  assert.deepEqual([...forward].sort(), [...backward].sort());
}

function put(app: TestApp, contact: string, company: string, types: object[]) {
  return app.request(
    'PUT',
    `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
    types,
  );
}

test('concurrent identical creates store each row once', async (t) => {
  const app = await buildTestApp(t);
  const [contact] = await app.createRecords('contacts', 1);
  const [company] = await app.createRecords('companies', 1);
  const responses = await Promise.all(
    Array.from({ length: 20 }, () => put(app, contact!, company!, [PRIMARY])),
  );
  assert.deepEqual(new Set(responses.map((response) => response.status)), new Set([201]));
  assert.deepEqual(
    [...(await typesOf(app, 'contacts', contact!, 'companies'))],
    [[company, [279, 1]]],
  );
  assert.deepEqual(
    [...(await typesOf(app, 'companies', company!, 'contacts'))],
    [[contact, [280, 2]]],
  );
});

test('racing Primary claims leave every contact exactly one primary company', async (t) => {
  const app = await buildTestApp(t);
  const contacts = await app.createRecords('contacts', 4);
  const companies = await app.createRecords('companies', 6);
  await Promise.all(
    contacts.flatMap((contact) =>
      companies.map((company) => put(app, contact, company, [PRIMARY])),
    ),
  );
  for (const contact of contacts) {
    const targets = await typesOf(app, 'contacts', contact, 'companies');
    assert.equal(targets.size, companies.length);
    const primaries = [...targets.values()].filter((types) => types.includes(1));
    assert.equal(primaries.length, 1, `contact ${contact}`);
  }
  await assertMirrored(app, contacts, companies);
});

test('creates racing archives never leave an association to an archived record', async (t) => {
  const app = await buildTestApp(t);
  const contacts = await app.createRecords('contacts', 3);
  const companies = await app.createRecords('companies', 12);
  const archived = companies.filter((_, index) => index % 3 === 0);
  await Promise.all([
    ...contacts.flatMap((contact) =>
      companies.map((company) => put(app, contact, company, [PRIMARY])),
    ),
    ...archived.map((company) => app.request('DELETE', `/crm/v3/objects/companies/${company}`)),
  ]);
  for (const contact of contacts) {
    const targets = [...(await typesOf(app, 'contacts', contact, 'companies')).keys()];
    assert.deepEqual(
      targets.filter((company) => archived.includes(company)),
      [],
      `contact ${contact} still reaches an archived company`,
    );
  }
  const live = companies.filter((company) => !archived.includes(company));
  await assertMirrored(app, contacts, live);
});

test('deleting a label while writes use it leaves no association carrying it', async (t) => {
  const app = await buildTestApp(t);
  const created = await app.request('POST', '/crm/associations/v4/contacts/companies/labels', {
    name: 'racer',
    label: 'Racer',
    inverseLabel: 'Raced',
  });
  const [forward, inverse] = created.body.results.map((type: any) => type.typeId as number);
  const contacts = await app.createRecords('contacts', 3);
  const companies = await app.createRecords('companies', 8);
  const label = [{ associationCategory: 'USER_DEFINED', associationTypeId: forward }];
  const writes = contacts.flatMap((contact) =>
    companies.map((company) => put(app, contact, company, label)),
  );
  const deletion = app.request(
    'DELETE',
    `/crm/associations/v4/contacts/companies/labels/${forward}`,
  );
  const statuses = (await Promise.all([...writes, deletion])).map((response) => response.status);
  assert.ok(
    statuses.every((status) => [201, 204, 400].includes(status)),
    String(statuses),
  );
  for (const contact of contacts) {
    for (const types of (await typesOf(app, 'contacts', contact, 'companies')).values()) {
      assert.deepEqual(types, [279]);
    }
  }
  for (const company of companies) {
    for (const types of (await typesOf(app, 'companies', company, 'contacts')).values()) {
      assert.ok(!types.includes(inverse), `company ${company} keeps the deleted label`);
    }
  }
  await assertMirrored(app, contacts, companies);
});

test('racing label sets of one pair leave one writer’s labels, never a mix', async (t) => {
  const app = await buildTestApp(t);
  const labels: number[] = [];
  for (const name of ['first', 'second']) {
    const created = await app.request('POST', '/crm/associations/v4/contacts/companies/labels', {
      name,
      label: name,
      inverseLabel: `${name} back`,
    });
    labels.push(created.body.results[0].typeId as number);
  }
  const [contact] = await app.createRecords('contacts', 1);
  const [company] = await app.createRecords('companies', 1);
  // Replace semantics: each PUT leaves the pair with its own label only.
  const responses = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      put(app, contact!, company!, [
        { associationCategory: 'USER_DEFINED', associationTypeId: labels[index % 2] },
      ]),
    ),
  );
  assert.deepEqual(new Set(responses.map((response) => response.status)), new Set([201]));
  const [types] = [...(await typesOf(app, 'contacts', contact!, 'companies')).values()];
  assert.equal(types?.length, 2, `the pair carries ${JSON.stringify(types)}`);
  assert.ok(types.includes(279) && labels.some((label) => types.includes(label)));
  assert.equal((await typesOf(app, 'companies', company!, 'contacts')).get(contact!)?.length, 2);
});

test('writes racing toward one record never give it more than its limit', async (t) => {
  const app = await buildTestApp(t);
  // The limit is the company's (companies to contacts); each write names the company as its target.
  const limit = await app.request(
    'POST',
    '/crm/associations/v4/definitions/configurations/companies/contacts/batch/create',
    { inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 280, maxToObjectIds: 2 }] },
  );
  assert.equal(limit.status, 201);
  const contacts = await app.createRecords('contacts', 16);
  const [company] = await app.createRecords('companies', 1);
  const responses = await Promise.all(
    contacts.map((contact) =>
      app.request(
        'PUT',
        `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`,
      ),
    ),
  );
  const statuses = responses.map((response) => response.status);
  assert.equal(statuses.filter((status) => status === 200).length, 2, String(statuses));
  assert.equal((await typesOf(app, 'companies', company!, 'contacts')).size, 2);
  await assertMirrored(app, contacts, [company!]);
});
