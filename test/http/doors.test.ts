// One engine behind every door: the same association written through any door that can write it
// reads back identically through every door that reads it, from both sides.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const PRIMARY = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 };

/** Writes "this company is the contact's primary company" through one door. */
type Writer = (app: TestApp, contact: string, company: string) => Promise<{ status: number }>;

const WRITERS: Record<string, Writer> = {
  'v4 PUT labelled': (app, contact, company) =>
    app.request('PUT', `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`, [
      PRIMARY,
    ]),
  'v4 batch create': (app, contact, company) =>
    app.request('POST', '/crm/v4/associations/contacts/companies/batch/create', {
      inputs: [{ from: { id: contact }, to: { id: company }, types: [PRIMARY] }],
    }),
  '2026-09 batch create': (app, contact, company) =>
    app.request('POST', '/crm/associations/2026-09/contacts/companies/batch/create', {
      inputs: [{ from: { id: contact }, to: { id: company }, types: [PRIMARY] }],
    }),
  'v3 batch create': (app, contact, company) =>
    app.request('POST', '/crm/v3/associations/contacts/companies/batch/create', {
      inputs: [{ from: { id: contact }, to: { id: company }, type: 'contact_to_company' }],
    }),
  'v3 record PUT by name': (app, contact, company) =>
    app.request(
      'PUT',
      `/crm/v3/objects/contacts/${contact}/associations/companies/${company}/contact_to_company`,
    ),
  'v3 record PUT by id, from the company': (app, contact, company) =>
    app.request('PUT', `/crm/v3/objects/companies/${company}/associations/contacts/${contact}/2`),
  'v1 PUT': (app, contact, company) =>
    app.request('PUT', '/crm-associations/v1/associations', {
      fromObjectId: Number(contact),
      toObjectId: Number(company),
      category: 'HUBSPOT_DEFINED',
      definitionId: 1,
    }),
  'v1 create-batch, from the company': (app, contact, company) =>
    app.request('PUT', '/crm-associations/v1/associations/create-batch', [
      { fromObjectId: company, toObjectId: contact, category: 'HUBSPOT_DEFINED', definitionId: 2 },
    ]),
  'companies v2 PUT': (app, contact, company) =>
    app.request('PUT', `/companies/v2/companies/${company}/contacts/${contact}`),
};

/** What every read door shows for a contact whose primary company is `company`. */
async function readThroughEveryDoor(app: TestApp, contact: string, company: string) {
  const v4Pair = (body: any) =>
    body.results.map((target: any) => [
      String(target.toObjectId),
      target.associationTypes.map((type: any) => `${type.category}:${type.typeId}`),
    ]);
  const seen: Record<string, unknown> = {};
  for (const records of ['/crm/v4/objects', '/crm/objects/2026-03', '/crm/objects/2026-09']) {
    const forward = await app.request(
      'GET',
      `${records}/contacts/${contact}/associations/companies`,
    );
    const backward = await app.request(
      'GET',
      `${records}/companies/${company}/associations/contacts`,
    );
    seen[`${records} GET`] = [v4Pair(forward.body), v4Pair(backward.body)];
  }
  const batchRead = await app.request(
    'POST',
    '/crm/v4/associations/companies/contacts/batch/read',
    {
      inputs: [{ id: company }],
    },
  );
  seen['v4 batch read'] = batchRead.body.results.map((result: any) =>
    v4Pair({ results: result.to }),
  );
  const v3Read = await app.request('POST', '/crm/v3/associations/contacts/companies/batch/read', {
    inputs: [{ id: contact }],
  });
  seen['v3 batch read'] = v3Read.body.results[0].to;
  const v3List = await app.request(
    'GET',
    `/crm/v3/objects/contacts/${contact}/associations/companies`,
  );
  seen['v3 record GET'] = v3List.body.results;
  const object = await app.request(
    'GET',
    `/crm/v3/objects/companies/${company}?associations=contacts`,
  );
  seen['objects read'] = object.body.associations.contacts.results;
  const v1 = await app.request(
    'GET',
    `/crm-associations/v1/associations/${contact}/HUBSPOT_DEFINED/1`,
  );
  seen['v1 GET'] = v1.body.results;
  const vids = await app.request('GET', `/companies/v2/companies/${company}/vids`);
  seen['companies v2 vids'] = vids.body.vids;
  return seen;
}

function expectedViews(contact: string, company: string) {
  const forward = [[company, ['HUBSPOT_DEFINED:279', 'HUBSPOT_DEFINED:1']]];
  const backward = [[contact, ['HUBSPOT_DEFINED:280', 'HUBSPOT_DEFINED:2']]];
  return {
    '/crm/v4/objects GET': [forward, backward],
    '/crm/objects/2026-03 GET': [forward, backward],
    '/crm/objects/2026-09 GET': [forward, backward],
    'v4 batch read': [backward],
    'v3 batch read': [{ id: company, type: 'contact_to_company' }],
    'v3 record GET': [
      { id: company, type: 'contact_to_company_unlabeled' },
      { id: company, type: 'contact_to_company' },
    ],
    'objects read': [
      { id: contact, type: 'company_to_contact_unlabeled' },
      { id: contact, type: 'company_to_contact' },
    ],
    'v1 GET': [Number(company)],
    'companies v2 vids': [Number(contact)],
  };
}

test('a primary company written through any door reads the same through every door', async (t) => {
  const app = await buildTestApp(t);
  for (const [door, write] of Object.entries(WRITERS)) {
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    const written = await write(app, contact!, company!);
    assert.ok(written.status >= 200 && written.status < 300, `${door} answered ${written.status}`);
    assert.deepEqual(
      await readThroughEveryDoor(app, contact!, company!),
      expectedViews(contact!, company!),
      door,
    );
  }
});
