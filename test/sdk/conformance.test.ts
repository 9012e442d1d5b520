// Conformance: every association method of HubSpot's official Node SDK, and the dated families
// over raw HTTP, against a listening server. Every answer is checked against the project's own
// response schema for its route and status, and every scenario reads its association back through
// another family to prove the families agree.
/* eslint-disable @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK types request
   bodies as its model classes but serializes them field by field; integrations pass literals. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Client } from '@hubspot/api-client';
import {
  ApiException,
  AssociationSpecAssociationCategoryEnum,
} from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import {
  createConfiguration,
  DefinitionConfigurationsApi,
  PublicAssociationDefinitionConfigurationCreateRequestCategoryEnum as CreateCategory,
  PublicAssociationDefinitionConfigurationUpdateRequestCategoryEnum as UpdateCategory,
  ServerConfiguration,
} from '@hubspot/api-client/lib/codegen/crm/associations/v4/schema/index.js';
import { Observable } from '@hubspot/api-client/lib/codegen/crm/associations/v4/schema/rxjsStub.js';
import { ApiClientConfigurator } from '@hubspot/api-client/lib/src/configuration/ApiClientConfigurator.js';
import { CONFORMANCE_TOKEN, serveForConformance } from '../helpers/sdk-conformance.js';

let client: Client;
const server = serveForConformance((basePath) => {
  client = new Client({ accessToken: CONFORMANCE_TOKEN, basePath });
});
const { raw } = server;

function spec(associationTypeId: number) {
  return {
    associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined,
    associationTypeId,
  };
}

async function records(objectType: 'contacts' | 'companies' | 'deals', count: number) {
  const inputs = Array.from({ length: count }, (_, index) => ({
    properties: { name: `${index}` },
  }));
  const api = client.crm[objectType].batchApi;
  return (await api.create({ inputs })).results.map((record) => record.id).sort();
}

/** The SDK types `toObjectId` as a string; HubSpot, and this server, send a JSON number. */
function wireId(id: string | number): string {
  return String(id);
}

/** `[toId, typeIds]` per target, read through v4's SDK basic API. */
async function v4Targets(from: string, id: string, to: string) {
  const page = await client.crm.associations.v4.basicApi.getPage(from, id, to);
  return page.results.map((target) => [
    wireId(target.toObjectId),
    target.associationTypes.map((type) => type.typeId),
  ]);
}

describe('v3 through the SDK', () => {
  test('batch create adds a Primary, read back identically through v4 and 2026-03', async () => {
    const [contact] = await records('contacts', 1);
    const [company] = await records('companies', 1);
    const created = await client.crm.associations.batchApi.create('contacts', 'companies', {
      inputs: [{ _from: { id: contact! }, to: { id: company! }, type: 'contact_to_company' }],
    });
    assert.deepEqual(
      created.results.map((result) => [result._from.id, result.to.id, result.type]),
      [
        [contact, company, 'contact_to_company'],
        [company, contact, 'company_to_contact'],
      ],
    );
    assert.deepEqual(await v4Targets('contacts', contact!, 'companies'), [[company, [279, 1]]]);
    const dated = await raw(
      'GET',
      `/crm/objects/2026-03/companies/${company}/associations/contacts`,
    );
    assert.deepEqual(
      dated.body.results[0].associationTypes.map((type: any) => [type.typeId, type.label]),
      [
        [280, null],
        [2, 'Primary'],
      ],
    );
  });

  test('batch read agrees with v4 batch read, and archive removes what v3 names', async () => {
    const [contact] = await records('contacts', 1);
    const deals = await records('deals', 2);
    await client.crm.associations.v4.batchApi.createDefault('contacts', 'deals', {
      inputs: deals.map((deal) => ({ _from: { id: contact! }, to: { id: deal } })),
    });
    const v3 = await client.crm.associations.batchApi.read('contacts', 'deals', {
      inputs: [{ id: contact! }],
    });
    const [result] = v3.results;
    assert.deepEqual(
      result?.to.map((target) => [target.id, target.type]),
      deals.map((deal) => [deal, 'contact_to_deal']),
    );
    await client.crm.associations.batchApi.archive('contacts', 'deals', {
      inputs: [{ _from: { id: contact! }, to: { id: deals[0]! }, type: 'contact_to_deal' }],
    });
    assert.deepEqual(await v4Targets('deals', deals[0]!, 'contacts'), []);
    const read = await raw('POST', '/crm/associations/2025-09/deals/contacts/batch/read', {
      inputs: [{ id: deals[1] }],
    });
    assert.equal(read.body.results[0].to[0].toObjectId, Number(contact));
  });

  test('types lists the HubSpot-defined types with v3 names', async () => {
    const types = await client.crm.associations.schema.typesApi.getAll('contacts', 'companies');
    assert.deepEqual(
      types.results.map((type) => [type.id, type.name]),
      [
        ['1', 'contact_to_company'],
        ['279', 'contact_to_company_unlabeled'],
        ['931', 'billing_contact_to_company'],
      ],
    );
  });
});

describe('v4 through the SDK', () => {
  test('basic create, createDefault, getPage and archive, read back through v3 and 2026-09', async () => {
    const [contact] = await records('contacts', 1);
    const companies = await records('companies', 2);
    const basic = client.crm.associations.v4.basicApi;
    const labels = await basic.create('contacts', contact!, 'companies', companies[0]!, [spec(1)]);
    assert.deepEqual(labels.labels, ['Primary']);
    const defaults = await basic.createDefault('contacts', contact!, 'companies', companies[1]!);
    assert.deepEqual(
      defaults.results.map((result) => result.associationSpec.associationTypeId),
      [279, 280],
    );
    const page = await basic.getPage('contacts', contact!, 'companies', undefined, 1);
    assert.equal(page.results.length, 1);
    assert.ok(page.paging?.next?.after);
    const v3 = await client.crm.associations.batchApi.read('contacts', 'companies', {
      inputs: [{ id: contact! }],
    });
    assert.deepEqual(
      v3.results[0]?.to.map((target) => [target.id, target.type]),
      [[companies[0], 'contact_to_company']],
    );
    await basic.archive('contacts', contact!, 'companies', companies[0]!);
    const dated = await raw(
      'GET',
      `/crm/objects/2026-09/contacts/${contact}/associations/companies`,
    );
    assert.deepEqual(dated.body.results, [
      {
        toObjectId: Number(companies[1]),
        associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }],
      },
    ]);
  });

  test('batch create, getPage, archiveLabels, createDefault and archive, read back through 2025-09', async () => {
    const [contact] = await records('contacts', 1);
    const companies = await records('companies', 2);
    const batch = client.crm.associations.v4.batchApi;
    const created = await batch.create('contacts', 'companies', {
      inputs: [{ _from: { id: contact! }, to: { id: companies[0]! }, types: [spec(1)] }],
    });
    assert.deepEqual(created.results[0]?.labels, ['Primary']);
    await batch.createDefault('contacts', 'companies', {
      inputs: [{ _from: { id: contact! }, to: { id: companies[1]! } }],
    });
    const read = await batch.getPage('companies', 'contacts', {
      inputs: companies.map((id) => ({ id })),
    });
    assert.equal(read.results.length, 2);
    await batch.archiveLabels('contacts', 'companies', {
      inputs: [{ _from: { id: contact! }, to: { id: companies[0]! }, types: [spec(1)] }],
    });
    await batch.archive('contacts', 'companies', {
      inputs: [{ _from: { id: contact! }, to: [{ id: companies[1]! }] }],
    });
    const dated = await raw('POST', '/crm/associations/2025-09/contacts/companies/batch/read', {
      inputs: [{ id: contact }],
    });
    assert.deepEqual(
      dated.body.results[0].to.map((target: any) => [
        String(target.toObjectId),
        target.associationTypes.map((type: any) => type.typeId),
      ]),
      [[companies[0], [279]]],
    );
  });

  test('a failing write throws ApiException with the error body, and a batch read reports 207', async () => {
    const [contact] = await records('contacts', 1);
    const basic = client.crm.associations.v4.basicApi;
    await assert.rejects(
      basic.create('contacts', contact!, 'companies', '404', [spec(279)]),
      (error) => {
        assert.ok(error instanceof ApiException);
        assert.equal(error.code, 400);
        return true;
      },
    );
    const read = await client.crm.associations.v4.batchApi.getPage('contacts', 'companies', {
      inputs: [{ id: contact! }],
    });
    assert.equal(read.results.length, 0);
    assert.ok('numErrors' in read && read.numErrors === 1);
  });

  // The SDK models enqueueTime as a date string, HubSpot's current definition as an object
  // (docs/fidelity.md); the object is checked by the schema check of every answer.
  test('report request answers the report shape', async () => {
    const report = await client.crm.associations.v4.reportApi.request(7);
    assert.equal(report.userId, 7);
    assert.ok(report.userEmail.includes('@'));
  });
});

describe('v4 schema through the SDK', () => {
  test('labels: create, getAll, update and remove, used and read back through other families', async () => {
    const definitions = client.crm.associations.v4.schema.definitionsApi;
    const created = await definitions.create('contacts', 'companies', {
      name: 'sdk_manager',
      label: 'Manager',
      inverseLabel: 'Report',
    });
    const [forward, inverse] = created.results;
    assert.deepEqual([forward?.label, inverse?.label], ['Manager', 'Report']);
    const listed = await definitions.getAll('contacts', 'companies');
    assert.ok(listed.results.some((type) => type.typeId === forward?.typeId));
    const [contact] = await records('contacts', 1);
    const [company] = await records('companies', 1);
    const labelled = await client.crm.associations.v4.basicApi.create(
      'contacts',
      contact!,
      'companies',
      company!,
      [
        {
          associationCategory: AssociationSpecAssociationCategoryEnum.UserDefined,
          associationTypeId: forward!.typeId,
        },
      ],
    );
    assert.deepEqual(labelled.labels, ['Manager']);
    await definitions.update('contacts', 'companies', {
      associationTypeId: inverse!.typeId,
      label: 'Direct report',
    });
    const dated = await raw(
      'GET',
      `/crm/objects/2025-09/companies/${company}/associations/contacts`,
    );
    assert.deepEqual(dated.body.results[0].associationTypes.at(-1).label, 'Direct report');
    await definitions.remove('contacts', 'companies', forward!.typeId);
    const after = await raw('GET', '/crm/associations/2026-03/contacts/companies/labels');
    assert.ok(!after.body.results.some((type: any) => type.category === 'USER_DEFINED'));
    const v3Types = await client.crm.associations.schema.typesApi.getAll('contacts', 'companies');
    assert.ok(!v3Types.results.some((type) => type.name === 'sdk_manager'));
  });

  test('limit configurations: the SDK class creates, reads, updates and removes limits that writes obey', async () => {
    const configurations = new DefinitionConfigurationsApi(
      createConfiguration(
        ApiClientConfigurator.getParams(
          { accessToken: CONFORMANCE_TOKEN, basePath: server.baseUrl },
          ServerConfiguration,
          Observable,
          Observable,
        ),
      ),
    );
    const created = await configurations.batchCreate('deals', 'companies', {
      inputs: [{ category: CreateCategory.HubspotDefined, typeId: 341, maxToObjectIds: 1 }],
    });
    assert.equal(created.results[0]?.userEnforcedMaxToObjectIds, 1);
    const pair = await configurations.getAllBetweenTwoObjectTypes('deals', 'companies');
    assert.deepEqual(
      pair.results.map((limit) => [limit.typeId, limit.userEnforcedMaxToObjectIds]),
      [[341, 1]],
    );
    assert.ok((await configurations.getAll()).results.some((limit) => limit.typeId === 341));
    const [deal] = await records('deals', 1);
    const companies = await records('companies', 2);
    const basic = client.crm.associations.v4.basicApi;
    await basic.createDefault('deals', deal!, 'companies', companies[0]!);
    await assert.rejects(
      basic.createDefault('deals', deal!, 'companies', companies[1]!),
      ApiException,
    );
    const updated = await configurations.batchUpdate('deals', 'companies', {
      inputs: [{ category: UpdateCategory.HubspotDefined, typeId: 341, maxToObjectIds: 2 }],
    });
    assert.equal(updated.results[0]?.userEnforcedMaxToObjectIds, 2);
    const dated = await raw(
      'GET',
      '/crm/associations/2026-09/definitions/configurations/deals/companies',
    );
    assert.deepEqual(dated.body.results[0].userEnforcedMaxToObjectIds, 2);
    await basic.createDefault('deals', deal!, 'companies', companies[1]!);
    await configurations.batchRemove('deals', 'companies', {
      inputs: [{ category: 'HUBSPOT_DEFINED', typeId: 341 }],
    });
    assert.deepEqual(
      (await configurations.getAllBetweenTwoObjectTypes('deals', 'companies')).results,
      [],
    );
  });
});

describe('dated families over HTTP', () => {
  for (const family of ['2025-09', '2026-03', '2026-09', '2026-09-beta']) {
    test(`${family}: create, read, archive and the objects API, read back through the SDK`, async () => {
      const created = await raw('POST', `/crm/objects/${family}/contacts`, { properties: {} });
      const company = await raw('POST', `/crm/objects/${family}/companies`, { properties: {} });
      const contact = created.body.id as string;
      const batch = `/crm/associations/${family}/contacts/companies/batch`;
      const input = { from: { id: contact }, to: { id: company.body.id }, types: [spec(1)] };
      assert.ok(
        [200, 201].includes((await raw('POST', `${batch}/create`, { inputs: [input] })).status),
      );
      assert.deepEqual(await v4Targets('companies', company.body.id, 'contacts'), [
        [contact, [280, 2]],
      ]);
      const read = await raw('POST', `${batch}/read`, { inputs: [{ id: contact }] });
      assert.equal(read.status, 200);
      await raw('POST', `${batch}/labels/archive`, { inputs: [input] });
      await raw('POST', `${batch}/archive`, {
        inputs: [{ from: { id: contact }, to: [{ id: company.body.id }] }],
      });
      assert.deepEqual(await v4Targets('contacts', contact, 'companies'), []);
      const listed = await raw('GET', `/crm/objects/${family}/contacts?limit=1`);
      assert.equal(listed.status, 200);
    });
  }
});
