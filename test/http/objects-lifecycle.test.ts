// Merge, batch upsert and GDPR delete over HTTP: statuses and shapes per family, and what each
// does to associations, read back through v4 from both sides.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

async function v4Targets(app: TestApp, from: string, id: string, to: string) {
  const list = await app.request('GET', `/crm/v4/objects/${from}/${id}/associations/${to}`);
  return list.body.results.map((result: any) => [
    String(result.toObjectId),
    result.associationTypes.map((type: any) => type.typeId),
  ]);
}

describe('merge', () => {
  test('two contacts become a new one holding both sets of associations; old ids read it', async (t) => {
    const app = await buildTestApp(t);
    const contacts = await app.createRecords('contacts', 2);
    const companies = await app.createRecords('companies', 2);
    for (const [index, contact] of contacts.entries()) {
      const put = await app.request(
        'PUT',
        `/crm/v4/objects/contacts/${contact}/associations/companies/${companies[index]}`,
        [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }],
      );
      assert.equal(put.status, 201);
    }
    const merged = await app.request('POST', '/crm/v3/objects/contacts/merge', {
      primaryObjectId: contacts[0],
      objectIdToMerge: contacts[1],
    });
    assert.equal(merged.status, 200, merged.text);
    const id: string = merged.body.id;
    assert.ok(!contacts.includes(id), 'contacts merge into a record with a new id');
    assert.equal(merged.body.properties.name, 'contacts 0');
    assert.equal(merged.body.properties.hs_merged_object_ids, contacts.join(';'));
    for (const old of contacts) {
      const read = await app.request('GET', `/crm/v3/objects/contacts/${old}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.id, id);
    }
    // The primary record's primary company wins; the other company stays associated.
    assert.deepEqual(await v4Targets(app, 'contacts', id, 'companies'), [
      [companies[0], [279, 1]],
      [companies[1], [279]],
    ]);
    assert.deepEqual(await v4Targets(app, 'companies', companies[1]!, 'contacts'), [[id, [280]]]);
  });

  test('2026-09-beta serves merge; other dated families do not; bad ids answer 404 and 400', async (t) => {
    const app = await buildTestApp(t);
    const deals = await app.createRecords('deals', 2);
    const merged = await app.request('POST', '/crm/objects/2026-09-beta/deals/merge', {
      primaryObjectId: deals[0],
      objectIdToMerge: deals[1],
    });
    assert.equal(merged.status, 200, merged.text);
    assert.equal(merged.body.id, deals[0], 'a deal keeps the primary id');
    const notServed = await app.request('POST', '/crm/objects/2026-03/deals/merge', {
      primaryObjectId: deals[0],
      objectIdToMerge: deals[1],
    });
    assert.equal(notServed.status, 404);
    const unknown = await app.request('POST', '/crm/v3/objects/deals/merge', {
      primaryObjectId: deals[0],
      objectIdToMerge: '999',
    });
    assert.equal(unknown.status, 404);
    const self = await app.request('POST', '/crm/v3/objects/deals/merge', {
      primaryObjectId: deals[0],
      objectIdToMerge: deals[1],
    });
    assert.equal(self.status, 400, 'the merged-away id names the same record now');
  });
});

describe('batch upsert', () => {
  test('updates the contact an email names and creates the rest, with `new` per input', async (t) => {
    const app = await buildTestApp(t);
    const existing = await app.request('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'ada@example.com', firstname: 'Ada' },
    });
    const response = await app.request('POST', '/crm/v3/objects/contacts/batch/upsert', {
      inputs: [
        {
          id: 'ADA@example.com',
          idProperty: 'email',
          properties: { lastname: 'Lovelace' },
          objectWriteTraceId: 'trace-1',
        },
        { id: 'grace@example.com', idProperty: 'email', properties: { firstname: 'Grace' } },
      ],
    });
    assert.equal(response.status, 200, response.text);
    const [updated, created] = response.body.results;
    assert.equal(updated.id, existing.body.id);
    assert.equal(updated.new, false);
    assert.equal(updated.objectWriteTraceId, 'trace-1');
    assert.equal(updated.properties.firstname, 'Ada');
    assert.equal(updated.properties.lastname, 'Lovelace');
    assert.equal(created.new, true);
    assert.equal(created.properties.email, 'grace@example.com');
    assert.equal(created.objectWriteTraceId, undefined);
  });

  test('the idProperty query applies to inputs without one; a non-unique property answers 400', async (t) => {
    const app = await buildTestApp(t);
    for (const prefix of ['/crm/objects/2026-09', '/crm/objects/2025-09']) {
      const response = await app.request(
        'POST',
        `${prefix}/contacts/batch/upsert?idProperty=email`,
        { inputs: [{ id: 'query@example.com', properties: {} }] },
      );
      assert.equal(response.status, 200, response.text);
    }
    const refused = await app.request('POST', '/crm/v3/objects/companies/batch/upsert', {
      inputs: [{ id: '42', idProperty: 'hs_object_id', properties: {} }],
    });
    assert.equal(refused.status, 400);
    assert.equal(
      refused.body.message,
      'Unable to perform update/upsert by non-unique 0-2 property hs_object_id in portal ID 1',
    );
  });
});

describe('GDPR delete', () => {
  test('removes the record and its associations for good; 204', async (t) => {
    const app = await buildTestApp(t);
    const [contact] = await app.createRecords('contacts', 1);
    const [company] = await app.createRecords('companies', 1);
    await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`,
    );
    const deleted = await app.request('POST', '/crm/v3/objects/contacts/gdpr-delete', {
      objectId: contact,
    });
    assert.equal(deleted.status, 204);
    assert.equal(deleted.text, '');
    assert.deepEqual(await v4Targets(app, 'companies', company!, 'contacts'), []);
    const archived = await app.request('GET', `/crm/v3/objects/contacts/${contact}?archived=true`);
    assert.equal(archived.status, 404, 'not in the recycle bin either');
  });

  test('by email, through 2026-09-beta', async (t) => {
    const app = await buildTestApp(t);
    const created = await app.request('POST', '/crm/v3/objects/contacts', {
      properties: { email: 'forget@example.com' },
    });
    const deleted = await app.request('POST', '/crm/objects/2026-09-beta/contacts/gdpr-delete', {
      objectId: 'FORGET@example.com',
      idProperty: 'email',
    });
    assert.equal(deleted.status, 204);
    const read = await app.request('GET', `/crm/v3/objects/contacts/${created.body.id}`);
    assert.equal(read.status, 404);
  });
});
