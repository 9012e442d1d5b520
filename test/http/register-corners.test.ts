// The corners of the behaviour register decided in docs/fidelity.md: one parent per company
// (W16), no record associated with itself (W17), limits and archived records or a moved Primary
// (M6), labels/archive with no types (W14), a label deleted twice (L7).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  HUBSPOT,
  input,
  limitCompaniesPerContact,
  one,
  typesOf,
} from '../helpers/pair-requests.js';
import { buildTestApp } from '../helpers/test-app.js';

const CHILD_TO_PARENT = 14;
const PARENT_TO_CHILD = 13;

describe('W16: a company has one parent', () => {
  test('a new parent, named from the child (14) or from the parent (13), replaces the old one', async (t) => {
    const app = await buildTestApp(t);
    const [child, first, second, third] = await app.createRecords('companies', 4);
    const put = (from: string, to: string, typeId: number) =>
      app.request('PUT', `/crm/v4/objects/companies/${from}/associations/companies/${to}`, [
        HUBSPOT(typeId),
      ]);
    assert.equal((await put(child!, first!, CHILD_TO_PARENT)).status, 201);
    assert.equal((await put(child!, second!, CHILD_TO_PARENT)).status, 201);
    assert.deepEqual(await typesOf(app, 'companies', child!, 'companies'), [
      `${first} HUBSPOT_DEFINED:450`,
      `${second} HUBSPOT_DEFINED:14`,
      `${second} HUBSPOT_DEFINED:450`,
    ]);
    // The old parent keeps its association, without the child label.
    assert.deepEqual(await typesOf(app, 'companies', first!, 'companies'), [
      `${child} HUBSPOT_DEFINED:450`,
    ]);
    assert.equal((await put(third!, child!, PARENT_TO_CHILD)).status, 201);
    const parents = (await typesOf(app, 'companies', child!, 'companies')).filter((line) =>
      line.endsWith(':14'),
    );
    assert.deepEqual(parents, [`${third} HUBSPOT_DEFINED:14`]);
  });

  test('a parent keeps every child, and in a batch the last parent named wins', async (t) => {
    const app = await buildTestApp(t);
    const [parent, a, b, other] = await app.createRecords('companies', 4);
    const response = await app.request(
      'POST',
      '/crm/v4/associations/companies/companies/batch/create',
      {
        inputs: [
          input(parent!, a!, [HUBSPOT(PARENT_TO_CHILD)]),
          input(parent!, b!, [HUBSPOT(PARENT_TO_CHILD)]),
          input(a!, other!, [HUBSPOT(CHILD_TO_PARENT)]),
          input(a!, parent!, [HUBSPOT(CHILD_TO_PARENT)]),
        ],
      },
    );
    assert.equal(response.status, 201, response.text);
    const children = (await typesOf(app, 'companies', parent!, 'companies')).filter((line) =>
      line.endsWith(':13'),
    );
    assert.deepEqual(children, [`${a} HUBSPOT_DEFINED:13`, `${b} HUBSPOT_DEFINED:13`]);
    const parentsOfA = (await typesOf(app, 'companies', a!, 'companies')).filter((line) =>
      line.endsWith(':14'),
    );
    assert.deepEqual(parentsOfA, [`${parent} HUBSPOT_DEFINED:14`]);
  });
});

describe('W17: no record is associated with itself', () => {
  test('every door refuses it with the same error and writes nothing', async (t) => {
    const app = await buildTestApp(t);
    const [contact, other] = await app.createRecords('contacts', 2);
    const message = `A contact cannot be associated with itself: ${contact}`;
    const single = [
      app.request('PUT', `/crm/v4/objects/contacts/${contact}/associations/contacts/${contact}`, [
        HUBSPOT(449),
      ]),
      app.request(
        'PUT',
        `/crm/v4/objects/contacts/${contact}/associations/default/contacts/${contact}`,
      ),
      app.request(
        'PUT',
        `/crm/v3/objects/contacts/${contact}/associations/contacts/${contact}/contact_to_contact`,
      ),
      app.request('PUT', '/crm-associations/v1/associations', {
        fromObjectId: contact,
        toObjectId: contact,
        category: 'HUBSPOT_DEFINED',
        definitionId: 449,
      }),
    ];
    for (const response of await Promise.all(single)) {
      assert.equal(response.status, 400, response.text);
      assert.equal(response.body.category, 'VALIDATION_ERROR');
      assert.equal(response.body.message, message);
    }
    const batch = await app.request('POST', '/crm/v4/associations/contacts/contacts/batch/create', {
      inputs: [input(contact!, other!, [HUBSPOT(449)]), input(contact!, contact!, [HUBSPOT(449)])],
    });
    assert.equal(batch.status, 207, batch.text);
    assert.deepEqual(
      (batch.body.errors as any[]).map((error) => error.message),
      [message],
    );
    assert.deepEqual(await typesOf(app, 'contacts', contact!, 'contacts'), [
      `${other} HUBSPOT_DEFINED:449`,
    ]);
  });
});

describe('M6: what a limit counts', () => {
  test('associations of an archived record count toward no limit', async (t) => {
    const app = await buildTestApp(t);
    const contact = await one(app, 'contacts');
    const [gone, next] = await app.createRecords('companies', 2);
    const url = (company: string) =>
      `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`;
    assert.equal((await app.request('PUT', url(gone!))).status, 200);
    await limitCompaniesPerContact(app, 279, 1);
    assert.equal((await app.request('DELETE', `/crm/v3/objects/companies/${gone}`)).status, 204);
    const response = await app.request('PUT', url(next!));
    assert.equal(response.status, 200, response.text);
    assert.deepEqual(await typesOf(app, 'contacts', contact, 'companies'), [
      `${next} HUBSPOT_DEFINED:279`,
    ]);
  });

  test('moving Primary under a limit of one is allowed: the move frees its own slot', async (t) => {
    const app = await buildTestApp(t);
    const contact = await one(app, 'contacts');
    const [first, second] = await app.createRecords('companies', 2);
    const put = (company: string, typeIds: number[]) =>
      app.request(
        'PUT',
        `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
        typeIds.map(HUBSPOT),
      );
    assert.equal((await put(first!, [1])).status, 201);
    assert.equal((await put(second!, [279])).status, 201);
    await limitCompaniesPerContact(app, 1, 1);
    const moved = await put(second!, [1]);
    assert.equal(moved.status, 201, moved.text);
    const primary = (await typesOf(app, 'contacts', contact, 'companies')).filter((line) =>
      line.endsWith(':1'),
    );
    assert.deepEqual(primary, [`${second} HUBSPOT_DEFINED:1`]);
  });
});

describe('W14 and L7: removals that name nothing', () => {
  test('labels/archive with no types removes nothing and answers 204', async (t) => {
    const app = await buildTestApp(t);
    const contact = await one(app, 'contacts');
    const company = await one(app, 'companies');
    const url = `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`;
    assert.equal((await app.request('PUT', url, [HUBSPOT(1)])).status, 201);
    const before = await typesOf(app, 'contacts', contact, 'companies');
    const response = await app.request(
      'POST',
      '/crm/v4/associations/contacts/companies/batch/labels/archive',
      { inputs: [input(contact, company, [])] },
    );
    assert.equal(response.status, 204, response.text);
    assert.deepEqual(await typesOf(app, 'contacts', contact, 'companies'), before);
  });

  test('deleting a label twice answers 404 the second time', async (t) => {
    const app = await buildTestApp(t);
    const labels = '/crm/v4/associations/contacts/deals/labels';
    // Spend ids 1 and 2, so the label's own ids name no HubSpot-defined contact→deal type.
    for (const name of ['first', 'second']) {
      const created = await app.request('POST', labels, { name, label: name });
      assert.equal(created.status, 200, created.text);
    }
    const created = await app.request('POST', labels, { name: 'third', label: 'Third' });
    const typeId = created.body.results[0].typeId as number;
    assert.equal((await app.request('DELETE', `${labels}/${typeId}`)).status, 204);
    const again = await app.request('DELETE', `${labels}/${typeId}`);
    assert.equal(again.status, 404, again.text);
    assert.equal(again.body.category, 'OBJECT_NOT_FOUND');
  });
});
