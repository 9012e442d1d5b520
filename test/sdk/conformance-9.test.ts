// Conformance of the official Node SDK's last 9.x: the v3 record-level associations API
// (`crm.objects.associationsApi`, which later majors dropped; 9.x offers it for no single object
// type, so contacts and deals go through it too) and the v4 and v3 methods whose requests or
// models differ from 12.x and 13.x, against a listening server. Every answer is checked against
// the route's declared schema; every scenario reads back through another family.
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as its model classes but serializes them field by field; integrations pass literals. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client } from 'hubspot-api-client-9';
import type { AssociationSpec } from 'hubspot-api-client-9/lib/codegen/crm/associations/v4/index.js';
import { ApiException } from 'hubspot-api-client-9/lib/codegen/crm/objects/index.js';
import { CONFORMANCE_TOKEN, serveForConformance } from '../helpers/sdk-conformance.js';

let client: Client;
const { raw } = serveForConformance((basePath) => {
  client = new Client({ accessToken: CONFORMANCE_TOKEN, basePath });
});

/** The v3 record-level API: GET list, PUT and DELETE under /crm/v3/objects/{type}/{id}/associations. */
const recordLevel = () => client.crm.objects.associationsApi;
const v4 = () => client.crm.associations.v4;

/** 9.x types association categories as string literals, not enums. */
function spec(associationTypeId: number): AssociationSpec {
  return { associationCategory: 'HUBSPOT_DEFINED', associationTypeId };
}

/** Creates records through 9.x's objects batch API (which requires `associations`); sorted ids. */
async function records(objectType: 'contacts' | 'companies' | 'deals' | 'tickets', count: number) {
  const inputs = Array.from({ length: count }, (_, index) => ({
    properties: { name: `${objectType} ${index}` },
    associations: [],
  }));
  const created = await client.crm[objectType].batchApi.create({ inputs });
  return created.results.map((record) => record.id).sort();
}

/** Every `[id, type]` of the v3 list, following its cursor `limit` at a time; and the pages read. */
async function v3List(objectType: string, id: string, toObjectType: string, limit?: number) {
  const pairs: string[][] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await recordLevel().getAll(objectType, id, toObjectType, after, limit);
    pairs.push(...page.results.map((associated) => [associated.id, associated.type]));
    after = page.paging?.next?.after;
    pages += 1;
  } while (after !== undefined && pages < 10);
  return { pairs: pairs.sort(), pages };
}

/** `[toId, typeIds]` per target, read through 9.x's v4 basic API (which takes numeric ids). */
async function v4Targets(objectType: string, id: string, toObjectType: string) {
  const page = await v4().basicApi.getPage(objectType, Number(id), toObjectType);
  return page.results.map((target) => [
    String(target.toObjectId),
    target.associationTypes.map((type) => type.typeId),
  ]);
}

/** `[id, type]` per association the objects read lists for `associations=<toObjectType>`. */
async function objectReadPairs(objectType: 'contacts' | 'deals', id: string, to: string) {
  const read = await client.crm.objects.basicApi.getById(objectType, id, undefined, undefined, [
    to,
  ]);
  return (read.associations?.[to]?.results ?? []).map((associated) => [
    associated.id,
    associated.type,
  ]);
}

describe('v3 record-level associations through SDK 9.x', () => {
  test('contacts → companies: PUT by the Primary and unlabeled names answers the contact, GET pages v3 names, DELETE removes only the named type', async () => {
    const [contact] = await records('contacts', 1);
    const [primary, plain] = await records('companies', 2);
    const created = await recordLevel().create(
      'contacts',
      contact!,
      'companies',
      primary!,
      'contact_to_company',
    );
    assert.equal(created.id, contact);
    assert.equal(created.archived, false);
    assert.ok(created.createdAt instanceof Date && created.updatedAt instanceof Date);
    if (created.associations !== undefined) {
      assert.deepEqual(
        created.associations['companies']?.results.map((associated) => [
          associated.id,
          associated.type,
        ]),
        await objectReadPairs('contacts', contact!, 'companies'),
      );
    }
    await recordLevel().create(
      'contacts',
      contact!,
      'companies',
      plain!,
      'contact_to_company_unlabeled',
    );
    assert.deepEqual(await v4Targets('contacts', contact!, 'companies'), [
      [primary, [279, 1]],
      [plain, [279]],
    ]);

    const everything = [
      [primary, 'contact_to_company'],
      [primary, 'contact_to_company_unlabeled'],
      [plain, 'contact_to_company_unlabeled'],
    ].sort();
    assert.deepEqual(await v3List('contacts', contact!, 'companies'), {
      pairs: everything,
      pages: 1,
    });
    const paged = await v3List('contacts', contact!, 'companies', 1);
    assert.deepEqual(paged.pairs, everything);
    assert.ok(paged.pages >= 2);

    await recordLevel().archive('contacts', contact!, 'companies', primary!, 'contact_to_company');
    assert.deepEqual(await objectReadPairs('contacts', contact!, 'companies'), [
      [primary, 'contact_to_company_unlabeled'],
      [plain, 'contact_to_company_unlabeled'],
    ]);
    await recordLevel().archive(
      'contacts',
      contact!,
      'companies',
      plain!,
      'contact_to_company_unlabeled',
    );
    assert.deepEqual(await v4Targets('companies', plain!, 'contacts'), []);
    assert.deepEqual((await v3List('contacts', contact!, 'companies')).pairs, [
      [primary, 'contact_to_company_unlabeled'],
    ]);
  });

  test('deals → contacts: PUT by numeric type id, read from the contacts through v3 batch read; DELETE by name removes the pair', async () => {
    const [deal] = await records('deals', 1);
    const contacts = await records('contacts', 2);
    for (const contact of contacts) {
      const created = await recordLevel().create('deals', deal!, 'contacts', contact, '3');
      assert.equal(created.id, deal);
    }
    assert.deepEqual(
      (await v3List('deals', deal!, 'contacts')).pairs,
      contacts.map((contact) => [contact, 'deal_to_contact']),
    );
    const read = await client.crm.associations.batchApi.read('contacts', 'deals', {
      inputs: contacts.map((id) => ({ id })),
    });
    assert.deepEqual(
      read.results.map((result) => [
        result._from.id,
        result.to.map((target) => [target.id, target.type]),
      ]),
      contacts.map((contact) => [contact, [[deal, 'contact_to_deal']]]),
    );

    await recordLevel().archive('deals', deal!, 'contacts', contacts[0]!, 'deal_to_contact');
    const dated = await raw('GET', `/crm/objects/2026-03/deals/${deal}/associations/contacts`);
    assert.deepEqual(
      dated.body.results.map((target: any) => [
        String(target.toObjectId),
        target.associationTypes.map((type: any) => type.typeId),
      ]),
      [[contacts[1], [3]]],
    );
  });

  test('the generic API by object type ids: a ticket takes its Primary company by type id 26, and DELETE of the unlabeled id 339 removes the pair', async () => {
    const [ticket] = await records('tickets', 1);
    const [company] = await records('companies', 1);
    const created = await recordLevel().create('0-5', ticket!, '0-2', company!, '26');
    assert.equal(created.id, ticket);
    assert.deepEqual((await v3List('0-5', ticket!, '0-2')).pairs, [
      [company, 'ticket_to_company'],
      [company, 'ticket_to_company_unlabeled'],
    ]);
    assert.deepEqual(await v4Targets('companies', company!, 'tickets'), [[ticket, [340, 25]]]);

    await recordLevel().archive('0-5', ticket!, '0-2', company!, '339');
    assert.deepEqual(await v4Targets('companies', company!, 'tickets'), []);
    assert.deepEqual((await v3List('tickets', ticket!, 'companies')).pairs, []);
  });

  test('a type that does not belong to the pair answers 400 VALIDATION_ERROR and writes nothing', async () => {
    const [contact] = await records('contacts', 1);
    const [company] = await records('companies', 1);
    await assert.rejects(
      recordLevel().create('contacts', contact!, 'companies', company!, 'deal_to_contact'),
      (error) => {
        assert.ok(error instanceof ApiException);
        assert.equal(error.code, 400);
        assert.equal(error.body.category, 'VALIDATION_ERROR');
        return true;
      },
    );
    assert.deepEqual(await v4Targets('contacts', contact!, 'companies'), []);
  });
});

describe('v4 and v3 methods whose 9.x requests or models differ', () => {
  test('v4 basic calls take numeric ids, and the ids v4 answers are the JSON numbers 9.x types them as; v3 batch read agrees', async () => {
    const [deal] = await records('deals', 1);
    const [first, second] = await records('contacts', 2);
    const basic = v4().basicApi;
    const labelled = await basic.create('deals', Number(deal), 'contacts', Number(first), [
      spec(3),
    ]);
    assert.deepEqual(
      [labelled.fromObjectId, labelled.toObjectId, labelled.labels],
      [Number(deal), Number(first), []],
    );
    const defaults = await basic.createDefault('deals', Number(deal), 'contacts', Number(second));
    assert.deepEqual(
      defaults.results.map((result) => result.associationSpec.associationTypeId),
      [3, 4],
    );
    const page = await basic.getPage('deals', Number(deal), 'contacts');
    assert.deepEqual(
      page.results.map((target) => target.toObjectId),
      [Number(first), Number(second)],
    );
    const batchRead = await v4().batchApi.getPage('contacts', 'deals', {
      inputs: [{ id: first! }],
    });
    assert.equal(batchRead.results[0]?.to[0]?.toObjectId, Number(deal));

    await basic.archive('deals', Number(deal), 'contacts', Number(first));
    const v3Read = await client.crm.associations.batchApi.read('deals', 'contacts', {
      inputs: [{ id: deal! }],
    });
    assert.deepEqual(
      v3Read.results[0]?.to.map((target) => [target.id, target.type]),
      [[second, 'deal_to_contact']],
    );
  });

  test('batch reads answer 207 with errors whose category 9.x models as an object: it reads their subCategory, message and context', async () => {
    const [lonely, associated] = await records('contacts', 2);
    const [deal] = await records('deals', 1);
    await v4().batchApi.createDefault('contacts', 'deals', {
      inputs: [{ _from: { id: associated! }, to: { id: deal! } }],
    });
    const context = {
      fromObjectId: [lonely],
      fromObjectType: ['contact'],
      toObjectType: ['deal'],
    };
    const inputs = [{ id: lonely! }, { id: associated! }];
    const v3Read = await client.crm.associations.batchApi.read('contacts', 'deals', { inputs });
    const v4Read = await v4().batchApi.getPage('contacts', 'deals', { inputs });
    for (const read of [v3Read, v4Read]) {
      assert.ok('errors' in read);
      assert.equal(read.numErrors, 1);
      const [error] = read.errors ?? [];
      assert.equal(error?.subCategory, 'crm.associations.NO_ASSOCIATIONS_FOUND');
      assert.equal(error.message, `No deal is associated with contact ${lonely}.`);
      assert.deepEqual(error.context, context);
      // HubSpot sends the category as a string, which 9.x's ErrorCategory model cannot hold.
      assert.equal(error.category.name, undefined);
      assert.deepEqual(
        read.results.map((result) => result._from.id),
        [associated],
      );
    }
  });

  test('labels: 9.x sends no inverseLabel, so a label reads the same both ways; getAll, update and _delete, read back through v3 types and 2026-09', async () => {
    const definitions = v4().schema.definitionsApi;
    // An integration may pass inverseLabel; 9.x's model has no such field and drops it.
    const request = { name: 'sdk9_advisor', label: 'Advisor', inverseLabel: 'Advisee' };
    const created = await definitions.create('contacts', 'companies', request);
    const [forward, inverse] = created.results;
    assert.deepEqual([forward?.label, inverse?.label], ['Advisor', 'Advisor']);
    const fromCompanies = await definitions.getAll('companies', 'contacts');
    assert.ok(fromCompanies.results.some((type) => type.typeId === inverse?.typeId));
    const types = await client.crm.associations.schema.typesApi.getAll('companies', 'contacts');
    assert.ok(
      types.results.some(
        (type) => type.id === String(inverse?.typeId) && type.name === 'sdk9_advisor',
      ),
    );

    await definitions.update('contacts', 'companies', {
      associationTypeId: forward!.typeId,
      label: 'Adviser',
    });
    const labels = await raw('GET', '/crm/associations/2026-09/companies/contacts/labels');
    assert.deepEqual(
      labels.body.results
        .filter((type: any) => type.category === 'USER_DEFINED')
        .map((type: any) => [type.typeId, type.label]),
      [[inverse?.typeId, 'Adviser']],
    );

    await definitions._delete('contacts', 'companies', forward!.typeId);
    const after = await raw('GET', '/crm/associations/2026-09/companies/contacts/labels');
    assert.ok(!after.body.results.some((type: any) => type.category === 'USER_DEFINED'));
  });
});
