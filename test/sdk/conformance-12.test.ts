// Conformance of the official Node SDK's previous major (12.x): every association method it has,
// against a listening server. Every answer is checked against the route's declared schema, and
// every scenario reads what it wrote back through another family. 12.x has no limit
// configurations API; its label removal is `definitionsApi.archive` (13.x calls it `remove`).
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as its model classes but serializes them field by field; integrations pass literals. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client } from 'hubspot-api-client-12';
import {
  ApiException,
  AssociationSpecAssociationCategoryEnum as Category,
} from 'hubspot-api-client-12/lib/codegen/crm/associations/v4/index.js';
import { CONFORMANCE_TOKEN, serveForConformance } from '../helpers/sdk-conformance.js';

let client: Client;
const { raw } = serveForConformance((basePath) => {
  client = new Client({ accessToken: CONFORMANCE_TOKEN, basePath });
});

const v3 = () => client.crm.associations;
const v4 = () => client.crm.associations.v4;

function spec(associationTypeId: number, associationCategory = Category.HubspotDefined) {
  return { associationCategory, associationTypeId };
}

/** Creates records through 12.x's objects batch API; their ids, in ascending order. */
async function records(objectType: 'contacts' | 'companies' | 'deals', count: number) {
  const inputs = Array.from({ length: count }, (_, index) => ({
    properties: { name: `${objectType} ${index}` },
  }));
  const created = await client.crm[objectType].batchApi.create({ inputs });
  return created.results.map((record) => record.id).sort();
}

/** 12.x types v4's `toObjectId` as a string; HubSpot, and this server, send a JSON number. */
function wireId(id: string | number): string {
  return String(id);
}

/** `[toId, typeIds]` per target, read through a dated family's GET list. */
async function datedTargets(family: string, from: string, id: string, to: string) {
  const page = await raw('GET', `/crm/objects/${family}/${from}/${id}/associations/${to}`);
  assert.equal(page.status, 200);
  return page.body.results.map((target: any) => [
    String(target.toObjectId),
    target.associationTypes.map((type: any) => type.typeId),
  ]);
}

/** `[toId, typeIds]` per target of each input, read through a dated family's batch read. */
async function datedBatchTargets(family: string, from: string, to: string, ids: string[]) {
  const read = await raw('POST', `/crm/associations/${family}/${from}/${to}/batch/read`, {
    inputs: ids.map((id) => ({ id })),
  });
  assert.ok([200, 207].includes(read.status));
  return read.body.results.map((result: any) => [
    result.from.id,
    result.to.map((target: any) => [
      String(target.toObjectId),
      target.associationTypes.map((type: any) => type.typeId),
    ]),
  ]);
}

describe('v3 through SDK 12.x', () => {
  test('batch create by Primary and unlabeled names, read back through 2026-03; archiving the Primary name keeps the pair', async () => {
    const [deal] = await records('deals', 1);
    const [primary, plain] = await records('companies', 2);
    const created = await v3().batchApi.createWithHttpInfo('deals', 'companies', {
      inputs: [
        { _from: { id: deal! }, to: { id: primary! }, type: 'deal_to_company' },
        { _from: { id: deal! }, to: { id: plain! }, type: 'deal_to_company_unlabeled' },
      ],
    });
    assert.equal(created.httpStatusCode, 201);
    assert.deepEqual(
      created.data.results.map((result) => [result._from.id, result.to.id, result.type]).sort(),
      [
        [deal, plain, 'deal_to_company_unlabeled'],
        [deal, primary, 'deal_to_company'],
        [plain, deal, 'company_to_deal_unlabeled'],
        [primary, deal, 'company_to_deal'],
      ].sort(),
    );
    assert.deepEqual(await datedTargets('2026-03', 'deals', deal!, 'companies'), [
      [primary, [341, 5]],
      [plain, [341]],
    ]);

    await v3().batchApi.archive('deals', 'companies', {
      inputs: [{ _from: { id: deal! }, to: { id: primary! }, type: 'deal_to_company' }],
    });
    assert.deepEqual(await datedTargets('2026-03', 'companies', primary!, 'deals'), [
      [deal, [342]],
    ]);
    await v3().batchApi.archive('deals', 'companies', {
      inputs: [{ _from: { id: deal! }, to: { id: plain! }, type: 'deal_to_company_unlabeled' }],
    });
    assert.deepEqual(await datedTargets('2026-03', 'companies', plain!, 'deals'), []);
  });

  test('batch read names what 2026-09-beta wrote in v3 type names, and answers 207 for a record without associations', async () => {
    const [contact, lonely] = await records('contacts', 2);
    const deals = await records('deals', 2);
    const written = await raw(
      'POST',
      '/crm/associations/2026-09-beta/contacts/deals/batch/create',
      {
        inputs: deals.map((deal) => ({
          from: { id: contact },
          to: { id: deal },
          types: [spec(4)],
        })),
      },
    );
    assert.equal(written.status, 201);

    const read = await v3().batchApi.readWithHttpInfo('contacts', 'deals', {
      inputs: [{ id: contact! }, { id: lonely! }],
    });
    assert.equal(read.httpStatusCode, 207);
    assert.deepEqual(
      read.data.results.map((result) => [
        result._from.id,
        result.to.map((target) => [target.id, target.type]),
      ]),
      [[contact, deals.map((deal) => [deal, 'contact_to_deal'])]],
    );
    assert.ok('numErrors' in read.data);
    assert.equal(read.data.numErrors, 1);
    assert.deepEqual(read.data.errors?.[0]?.context, {
      fromObjectId: [lonely],
      fromObjectType: ['contact'],
      toObjectType: ['deal'],
    });
  });

  test('types lists v3 names for the type ids 2026-09 lists as labels', async () => {
    const types = await client.crm.associations.schema.typesApi.getAll('deals', 'companies');
    const names = new Map(types.results.map((type) => [type.id, type.name]));
    assert.equal(names.get('5'), 'deal_to_company');
    assert.equal(names.get('341'), 'deal_to_company_unlabeled');
    const labels = await raw('GET', '/crm/associations/2026-09/deals/companies/labels');
    assert.deepEqual(
      [...names.keys()].sort(),
      labels.body.results.map((type: any) => String(type.typeId)).sort(),
    );
  });
});

describe('v4 through SDK 12.x', () => {
  test('basic create, createDefault, getPage and archive, read back through v3 and 2026-09', async () => {
    const [deal] = await records('deals', 1);
    const [primary, plain] = await records('companies', 2);
    const basic = v4().basicApi;
    const labelled = await basic.createWithHttpInfo('deals', deal!, 'companies', primary!, [
      spec(5),
    ]);
    assert.equal(labelled.httpStatusCode, 201);
    assert.deepEqual(labelled.data.labels, ['Primary']);
    const defaults = await basic.createDefault('deals', deal!, 'companies', plain!);
    assert.deepEqual(
      defaults.results.map((result) => result.associationSpec.associationTypeId),
      [341, 342],
    );

    const first = await basic.getPage('deals', deal!, 'companies', undefined, 1);
    const after = first.paging?.next?.after;
    assert.ok(after);
    const second = await basic.getPage('deals', deal!, 'companies', after, 1);
    assert.deepEqual(
      [...first.results, ...second.results].map((target) => wireId(target.toObjectId)),
      [primary, plain],
    );
    assert.equal(second.paging, undefined);

    const read = await v3().batchApi.read('deals', 'companies', { inputs: [{ id: deal! }] });
    assert.deepEqual(
      read.results[0]?.to.map((target) => [target.id, target.type]),
      [[primary, 'deal_to_company']],
    );
    await basic.archive('deals', deal!, 'companies', primary!);
    assert.deepEqual(await datedTargets('2026-09', 'deals', deal!, 'companies'), [[plain, [341]]]);
  });

  test('batch create, createDefault, getPage, archiveLabels and archive from the company side, read back through 2026-09-beta', async () => {
    const [contact] = await records('contacts', 1);
    const [primary, plain] = await records('companies', 2);
    const batch = v4().batchApi;
    const created = await batch.create('companies', 'contacts', {
      inputs: [{ _from: { id: primary! }, to: { id: contact! }, types: [spec(2)] }],
    });
    assert.deepEqual(created.results[0]?.labels, ['Primary']);
    const defaults = await batch.createDefault('companies', 'contacts', {
      inputs: [{ _from: { id: plain! }, to: { id: contact! } }],
    });
    assert.equal(defaults.results.length, 2);

    const read = await batch.getPage('contacts', 'companies', { inputs: [{ id: contact! }] });
    assert.deepEqual(
      read.results[0]?.to.map((target) => [
        wireId(target.toObjectId),
        target.associationTypes.map((type) => type.typeId),
      ]),
      [
        [primary, [279, 1]],
        [plain, [279]],
      ],
    );

    await batch.archiveLabels('companies', 'contacts', {
      inputs: [{ _from: { id: primary! }, to: { id: contact! }, types: [spec(2)] }],
    });
    assert.deepEqual(await datedBatchTargets('2026-09-beta', 'contacts', 'companies', [contact!]), [
      [
        contact,
        [
          [primary, [279]],
          [plain, [279]],
        ],
      ],
    ]);
    await batch.archive('companies', 'contacts', {
      inputs: [{ _from: { id: plain! }, to: [{ id: contact! }] }],
    });
    assert.deepEqual(await datedBatchTargets('2026-09-beta', 'contacts', 'companies', [contact!]), [
      [contact, [[primary, [279]]]],
    ]);
  });

  test('a basic create naming a missing record throws ApiException 400 and writes nothing; batch getPage answers 207 with the error', async () => {
    const [deal] = await records('deals', 1);
    await assert.rejects(
      v4().basicApi.create('deals', deal!, 'companies', '404', [spec(341)]),
      (error) => {
        assert.ok(error instanceof ApiException);
        assert.equal(error.code, 400);
        assert.deepEqual(error.body.context.INVALID_OBJECT_IDS, ['COMPANY=404 is not valid']);
        return true;
      },
    );
    const read = await v4().batchApi.getPageWithHttpInfo('deals', 'companies', {
      inputs: [{ id: deal! }],
    });
    assert.equal(read.httpStatusCode, 207);
    assert.deepEqual(read.data.results, []);
    assert.ok('errors' in read.data);
    assert.equal(read.data.errors[0]?.subCategory, 'crm.associations.NO_ASSOCIATIONS_FOUND');
  });

  // 12.x models enqueueTime as a date; HubSpot's current definition has an object there
  // (docs/fidelity.md), which the schema check of every answer covers.
  test('report request answers the report shape', async () => {
    const report = await v4().reportApi.request(12);
    assert.equal(report.userId, 12);
    assert.ok(report.userEmail.includes('@'));
  });
});

describe('v4 schema through SDK 12.x', () => {
  test('labels: create, getAll, update and archive, used through v4 and read back through v3 types and 2026-03', async () => {
    const definitions = v4().schema.definitionsApi;
    const created = await definitions.create('deals', 'companies', {
      name: 'sdk12_partner',
      label: 'Partner',
      inverseLabel: 'Partnered deal',
    });
    const [forward, inverse] = created.results;
    assert.deepEqual([forward?.label, inverse?.label], ['Partner', 'Partnered deal']);
    const listed = await definitions.getAll('companies', 'deals');
    assert.ok(listed.results.some((type) => type.typeId === inverse?.typeId));
    const types = await client.crm.associations.schema.typesApi.getAll('deals', 'companies');
    assert.ok(
      types.results.some(
        (type) => type.id === String(forward?.typeId) && type.name === 'sdk12_partner',
      ),
    );

    const [deal] = await records('deals', 1);
    const [company] = await records('companies', 1);
    const labelled = await v4().basicApi.create('deals', deal!, 'companies', company!, [
      spec(forward!.typeId, Category.UserDefined),
    ]);
    assert.deepEqual(labelled.labels, ['Partner']);
    await definitions.update('deals', 'companies', {
      associationTypeId: inverse!.typeId,
      label: 'Partner deal',
    });
    const renamed = await raw(
      'GET',
      `/crm/objects/2026-03/companies/${company}/associations/deals`,
    );
    assert.equal(renamed.body.results[0].associationTypes.at(-1).label, 'Partner deal');

    await definitions.archive('deals', 'companies', forward!.typeId);
    const labels = await raw('GET', '/crm/associations/2026-03/deals/companies/labels');
    assert.ok(!labels.body.results.some((type: any) => type.category === 'USER_DEFINED'));
    assert.deepEqual(await datedTargets('2026-03', 'deals', deal!, 'companies'), [
      [company, [341]],
    ]);
  });
});
