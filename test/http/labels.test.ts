// Association labels: the schema API in every family, and labelled associations with custom labels.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const LABELS = '/crm/associations/v4/contacts/companies/labels';
const HUBSPOT_DEFINED_FROM_CONTACTS = [
  { category: 'HUBSPOT_DEFINED', typeId: 279, label: null },
  { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' },
  { category: 'HUBSPOT_DEFINED', typeId: 931, label: 'Billing contact' },
];

/** `[category, typeId, label]` of each listed type, without the object type ids. */
function specs(results: any[]) {
  return results.map((result) => [result.category, result.typeId, result.label]);
}

async function createLabel(app: TestApp, body: object, path = LABELS) {
  const response = await app.request('POST', path, body);
  assert.equal(response.status, 200, response.text);
  return response.body.results as { typeId: number; label: string }[];
}

describe('labels', () => {
  test("a fresh portal lists HubSpot's types between the pair, in both spellings", async (t) => {
    const app = await buildTestApp(t);
    for (const path of [LABELS, '/crm/v4/associations/contacts/companies/labels']) {
      const response = await app.request('GET', path);
      assert.equal(response.status, 200);
      assert.deepEqual(
        response.body.results,
        HUBSPOT_DEFINED_FROM_CONTACTS.map((type) => ({
          ...type,
          fromObjectTypeId: '0-1',
          toObjectTypeId: '0-2',
        })),
      );
    }
  });

  test('a paired label gets a type id per direction and is listed from both sides', async (t) => {
    const app = await buildTestApp(t);
    const created = await createLabel(app, {
      name: 'manager',
      label: 'Manager',
      inverseLabel: 'Employer',
    });
    assert.deepEqual(
      created.map((type: any) => [type.typeId, type.label, type.fromObjectTypeId]),
      [
        [1, 'Manager', '0-1'],
        [2, 'Employer', '0-2'],
      ],
    );
    const fromCompanies = await app.request(
      'GET',
      '/crm/v4/associations/companies/contacts/labels',
    );
    assert.deepEqual(specs(fromCompanies.body.results).at(-1), ['USER_DEFINED', 2, 'Employer']);
    const next = await createLabel(app, { name: 'advisor', label: 'Advisor' });
    assert.deepEqual(
      next.map((type) => [type.typeId, type.label]),
      [
        [3, 'Advisor'],
        [4, 'Advisor'],
      ],
    );
  });

  test('type ids are allocated per portal: another server store starts again at 1', async (t) => {
    const first = await buildTestApp(t);
    const second = await buildTestApp(t);
    await createLabel(first, { name: 'a', label: 'A' });
    const [type] = await createLabel(second, { name: 'b', label: 'B' });
    assert.equal(type?.typeId, 1);
  });

  test('names and texts are validated, and duplicates refused with 409', async (t) => {
    const app = await buildTestApp(t);
    for (const name of ['has-hyphen', '1starts_with_digit', ' padded', '']) {
      const response = await app.request('POST', LABELS, { name, label: 'X' });
      assert.equal(response.status, 400, name);
      assert.equal(response.body.category, 'VALIDATION_ERROR');
    }
    const blank = await app.request('POST', LABELS, { name: 'blank', label: '  ' });
    assert.equal(blank.status, 400);
    const missing = await app.request('POST', LABELS, { name: 'nolabel' });
    assert.equal(missing.status, 400);
    await createLabel(app, { name: 'champion', label: 'Champion' });
    const sameName = await app.request('POST', LABELS, { name: 'Champion', label: 'Other' });
    assert.equal(sameName.status, 409);
    assert.equal(sameName.body.category, 'OBJECT_ALREADY_EXISTS');
    const sameText = await app.request('POST', LABELS, { name: 'other', label: 'champion' });
    assert.equal(sameText.status, 409);
    const hubspotText = await app.request('POST', LABELS, { name: 'p', label: 'Primary' });
    assert.equal(hubspotText.status, 409);
    const list = await app.request('GET', LABELS);
    assert.equal(list.body.results.length, HUBSPOT_DEFINED_FROM_CONTACTS.length + 1);
  });

  test('the per-pair cap answers 437, counting a paired label once', async (t) => {
    const app = await buildTestApp(t, { settings: { labelsPerPair: 2 } });
    await createLabel(app, { name: 'one', label: 'One', inverseLabel: 'Eno' });
    await createLabel(
      app,
      { name: 'two', label: 'Two' },
      '/crm/v4/associations/companies/contacts/labels',
    );
    const third = await app.request('POST', LABELS, { name: 'three', label: 'Three' });
    assert.equal(third.status, 437);
    assert.equal(
      third.body.message,
      'No more than 2 association types are allowed between contacts and companies',
    );
    const elsewhere = await app.request('POST', '/crm/associations/v4/contacts/deals/labels', {
      name: 'three',
      label: 'Three',
    });
    assert.equal(elsewhere.status, 200);
  });

  test('labels are refused between object types that cannot associate', async (t) => {
    const app = await buildTestApp(t);
    const response = await app.request('POST', '/crm/associations/v4/notes/products/labels', {
      name: 'x',
      label: 'X',
    });
    assert.equal(response.status, 400);
    assert.equal(
      response.body.message,
      'Association labels are not supported between notes and products',
    );
  });

  test('rename changes the texts only; without inverseLabel both sides take the label', async (t) => {
    const app = await buildTestApp(t);
    const [forward, inverse] = await createLabel(app, {
      name: 'boss',
      label: 'Boss',
      inverseLabel: 'Staff',
    });
    const renamed = await app.request('PUT', LABELS, {
      associationTypeId: inverse!.typeId,
      label: 'Team',
      inverseLabel: 'Chief',
    });
    assert.equal(renamed.status, 204);
    const list = await app.request('GET', LABELS);
    assert.deepEqual(specs(list.body.results).at(-1), ['USER_DEFINED', forward!.typeId, 'Chief']);
    await app.request('PUT', LABELS, { associationTypeId: forward!.typeId, label: 'Lead' });
    const back = await app.request('GET', '/crm/associations/v4/companies/contacts/labels');
    assert.deepEqual(specs(back.body.results).at(-1), ['USER_DEFINED', inverse!.typeId, 'Lead']);
    // The label API names types by id alone; 279 is HubSpot's and no label of this portal's.
    const builtIn = await app.request('PUT', LABELS, { associationTypeId: 279, label: 'Main' });
    assert.equal(builtIn.status, 400);
    assert.equal(
      builtIn.body.message,
      'HubSpot-defined association type 279 cannot be changed or deleted',
    );
    const unknown = await app.request('PUT', LABELS, { associationTypeId: 999, label: 'X' });
    assert.equal(unknown.status, 404);
  });
});

describe('labelled associations with custom labels', () => {
  test('a paired label shows its inverse text from the other side, in v4 and v3', async (t) => {
    const app = await buildTestApp(t);
    const [forward] = await createLabel(app, {
      name: 'decision_maker',
      label: 'Decision maker',
      inverseLabel: 'Decided by',
    });
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    const put = await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
      [{ associationCategory: 'USER_DEFINED', associationTypeId: forward!.typeId }],
    );
    assert.equal(put.status, 201);
    assert.deepEqual(put.body.labels, ['Decision maker']);
    const list = await app.request(
      'GET',
      `/crm/v4/objects/companies/${company}/associations/contacts`,
    );
    assert.deepEqual(specs(list.body.results[0].associationTypes), [
      ['HUBSPOT_DEFINED', 280, null],
      ['USER_DEFINED', forward!.typeId + 1, 'Decided by'],
    ]);
    const v3 = await app.request('POST', '/crm/v3/associations/companies/contacts/batch/read', {
      inputs: [{ id: company }],
    });
    assert.deepEqual(
      v3.body.results[0].to.map((to: any) => to.type),
      ['company_to_contact_unlabeled', 'decision_maker'],
    );
  });

  test('batch create, labels/archive and v3 by name work with user-defined types', async (t) => {
    const app = await buildTestApp(t);
    const [label] = await createLabel(app, { name: 'mentor', label: 'Mentor' });
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    const spec = { associationCategory: 'USER_DEFINED', associationTypeId: label!.typeId };
    const batch = '/crm/v4/associations/contacts/companies/batch';
    const input = { from: { id: contact }, to: { id: company }, types: [spec] };
    assert.equal((await app.request('POST', `${batch}/create`, { inputs: [input] })).status, 201);
    assert.equal(
      (await app.request('POST', `${batch}/labels/archive`, { inputs: [input] })).status,
      204,
    );
    const v3 = await app.request('POST', '/crm/v3/associations/contacts/companies/batch/create', {
      inputs: [{ from: { id: contact }, to: { id: company }, type: 'mentor' }],
    });
    assert.equal(v3.status, 201);
    assert.deepEqual(
      v3.body.results.map((result: any) => result.type),
      ['mentor', 'mentor'],
    );
    const types = await app.request('GET', '/crm/v3/associations/contacts/companies/types');
    assert.deepEqual(types.body.results.at(-1), { id: String(label!.typeId), name: 'mentor' });
  });

  test('a category that does not match the type id is refused and writes nothing', async (t) => {
    const app = await buildTestApp(t);
    const [label] = await createLabel(app, { name: 'peer', label: 'Peer' });
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    const path = `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`;
    const wrong = await app.request('PUT', path, [
      { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: label!.typeId + 10 },
    ]);
    assert.equal(wrong.status, 400);
    const wrongUser = await app.request('PUT', path, [
      { associationCategory: 'USER_DEFINED', associationTypeId: 279 },
    ]);
    assert.equal(wrongUser.status, 400);
    assert.equal(wrongUser.body.category, 'VALIDATION_ERROR');
    const list = await app.request(
      'GET',
      `/crm/v4/objects/contacts/${contact}/associations/companies`,
    );
    assert.deepEqual(list.body.results, []);
  });

  test('deleting a label takes it off every association and keeps the pairs associated', async (t) => {
    const app = await buildTestApp(t);
    const [forward, inverse] = await createLabel(app, {
      name: 'owner',
      label: 'Owner',
      inverseLabel: 'Owned',
    });
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
      [{ associationCategory: 'USER_DEFINED', associationTypeId: forward!.typeId }],
    );
    const deleted = await app.request(
      'DELETE',
      `/crm/associations/v4/companies/contacts/labels/${inverse!.typeId}`,
    );
    assert.equal(deleted.status, 204);
    for (const [from, id, to, unlabeled] of [
      ['contacts', contact, 'companies', 279],
      ['companies', company, 'contacts', 280],
    ] as const) {
      const list = await app.request('GET', `/crm/v4/objects/${from}/${id}/associations/${to}`);
      assert.deepEqual(specs(list.body.results[0].associationTypes), [
        ['HUBSPOT_DEFINED', unlabeled, null],
      ]);
    }
    const labels = await app.request('GET', LABELS);
    assert.equal(labels.body.results.length, HUBSPOT_DEFINED_FROM_CONTACTS.length);
    const again = await app.request('DELETE', `${LABELS}/${inverse!.typeId}`);
    assert.equal(again.status, 404);
    const hubspot = await app.request('DELETE', `${LABELS}/931`);
    assert.equal(hubspot.status, 400);
  });
});

describe('labels in every family', () => {
  const families = [
    { prefix: '/crm/associations/2025-09', typeIds: false },
    { prefix: '/crm/associations/2026-03', typeIds: true },
    { prefix: '/crm/associations/2026-09', typeIds: false },
    { prefix: '/crm/associations/2026-09-beta', typeIds: true },
  ];
  for (const { prefix, typeIds } of families) {
    test(`${prefix}: create, list, rename and delete with the family's shape`, async (t) => {
      const app = await buildTestApp(t);
      const path = `${prefix}/deals/contacts/labels`;
      const created = await app.request('POST', path, { name: 'signer', label: 'Signer' });
      assert.equal(created.status, 200);
      assert.equal('fromObjectTypeId' in created.body.results[0], typeIds);
      const typeId: number = created.body.results[0].typeId;
      assert.equal(
        (await app.request('PUT', path, { associationTypeId: typeId, label: 'Signatory' })).status,
        204,
      );
      const list = await app.request('GET', path);
      assert.equal(list.body.results.at(-1).label, 'Signatory');
      assert.equal((await app.request('DELETE', `${path}/${typeId}`)).status, 204);
    });
  }
});
