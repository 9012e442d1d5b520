// Unique-value properties: contacts' email, custom schemas' and the Properties API's
// `hasUniqueValue` properties refuse a value another live record has, on every write door, and
// identify records for batch upsert.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const SCHEMAS = '/crm-object-schemas/v3/schemas';
const CARS = {
  name: 'cars',
  labels: { singular: 'Car', plural: 'Cars' },
  primaryDisplayProperty: 'model',
  properties: [
    { name: 'model', label: 'Model', type: 'string', fieldType: 'text' },
    { name: 'vin', label: 'VIN', type: 'string', fieldType: 'text', hasUniqueValue: true },
    { name: 'plate', label: 'Plate', type: 'string', fieldType: 'text', hasUniqueValue: true },
  ],
  associatedObjects: ['contacts'],
};

async function create(app: TestApp, url: string, properties: object) {
  const response = await app.request('POST', url, { properties });
  assert.equal(response.status, 201, response.text);
  return response.body.id as string;
}

async function ids(app: TestApp, type: string) {
  const list = await app.request('GET', `/crm/v3/objects/${type}?limit=100&properties=vin,email`);
  assert.equal(list.status, 200, list.text);
  return list.body.results.map((record: any) => record.id as string);
}

function assertConflict(response: { status: number; body: any; text: string }, message: string) {
  assert.equal(response.status, 409, response.text);
  assert.equal(response.body.status, 'error');
  assert.equal(response.body.category, 'CONFLICT');
  assert.equal(response.body.message, message);
}

describe("contacts' email", () => {
  test('a second live contact with an email is refused with the existing id, on every door', async (t) => {
    const app = await buildTestApp(t);
    const ann = await create(app, '/crm/v3/objects/contacts', { email: 'ann@example.com' });
    const expected = `Contact already exists. Existing ID: ${ann}`;
    for (const url of ['/crm/v3/objects/contacts', '/crm/objects/2026-03/contacts']) {
      assertConflict(
        await app.request('POST', url, { properties: { email: 'ANN@example.com' } }),
        expected,
      );
    }
    const batch = await app.request('POST', '/crm/v3/objects/contacts/batch/create', {
      inputs: [
        { properties: { email: 'new@example.com' } },
        { properties: { email: 'ann@example.com' } },
      ],
    });
    assertConflict(batch, expected);
    assert.deepEqual(await ids(app, 'contacts'), [ann]);
    const bob = await create(app, '/crm/v3/objects/contacts', { email: 'bob@example.com' });
    assertConflict(
      await app.request('PATCH', `/crm/v3/objects/contacts/${bob}`, {
        properties: { email: 'Ann@Example.com' },
      }),
      expected,
    );
    assertConflict(
      await app.request('POST', '/crm/objects/2025-09/contacts/batch/update', {
        inputs: [{ id: bob, properties: { email: 'ann@example.com' } }],
      }),
      expected,
    );
    // A record keeps its own value; a value once freed (archived contact) can be taken.
    const same = await app.request('PATCH', `/crm/v3/objects/contacts/${ann}`, {
      properties: { email: 'ann@example.com', firstname: 'Ann' },
    });
    assert.equal(same.status, 200, same.text);
    assert.equal((await app.request('DELETE', `/crm/v3/objects/contacts/${ann}`)).status, 204);
    await create(app, '/crm/v3/objects/contacts', { email: 'ann@example.com' });
  });

  test('two inputs of one batch with one email: the later is refused and nothing is created', async (t) => {
    const app = await buildTestApp(t);
    const batch = await app.request('POST', '/crm/objects/2026-09/contacts/batch/create', {
      inputs: [
        { properties: { email: 'twin@example.com' } },
        { properties: { email: 'TWIN@example.com' } },
      ],
    });
    assert.equal(batch.status, 409, batch.text);
    assert.match(batch.body.message, /^Contact already exists\. Existing ID: \d+$/);
    assert.deepEqual(await ids(app, 'contacts'), []);
  });
});

describe('racing writes of one value', () => {
  test('concurrent creates and upserts of one unique value leave one record', async (t) => {
    const app = await buildTestApp(t);
    assert.equal((await app.request('POST', SCHEMAS, CARS)).status, 201);
    const creates = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        index % 2
          ? app.request('POST', '/crm/v3/objects/cars', {
              properties: { model: `M${index}`, vin: 'RACE' },
            })
          : app.request('POST', '/crm/objects/2026-03/cars/batch/upsert', {
              inputs: [{ id: 'race', idProperty: 'vin', properties: { model: `M${index}` } }],
            }),
      ),
    );
    const statuses = creates.map((response) => response.status);
    assert.ok(
      statuses.every((status) => status === 201 || status === 409 || status === 200),
      String(statuses),
    );
    const found = await app.request('POST', '/crm/v3/objects/cars/search', {
      filterGroups: [{ filters: [{ propertyName: 'vin', operator: 'EQ', value: 'race' }] }],
    });
    assert.equal(found.status, 200, found.text);
    assert.equal(found.body.total, 1, 'one car holds the value');
  });
});

describe('unique properties of custom schemas', () => {
  test('create, batch create and update refuse a value another car has', async (t) => {
    const app = await buildTestApp(t);
    assert.equal((await app.request('POST', SCHEMAS, CARS)).status, 201);
    const first = await create(app, '/crm/v3/objects/cars', { model: 'T', vin: 'VIN-1' });
    const expected = `A car with vin vin-1 already exists. Existing ID: ${first}`;
    assertConflict(
      await app.request('POST', '/crm/v3/objects/2-1', {
        properties: { model: 'S', vin: 'vin-1' },
      }),
      expected,
    );
    const batch = await app.request('POST', '/crm/objects/2026-03/cars/batch/create', {
      inputs: [
        { properties: { model: 'A', vin: 'VIN-2' } },
        { properties: { model: 'B', vin: 'VIN-2' } },
      ],
    });
    assert.equal(batch.status, 409, batch.text);
    assert.equal(batch.body.context.propertyName[0], 'vin');
    assert.deepEqual(await ids(app, 'cars'), [first]);
    const second = await create(app, '/crm/v3/objects/cars', { model: 'S', plate: 'P-1' });
    const update = await app.request('POST', '/crm/v3/objects/cars/batch/update', {
      inputs: [{ id: second, properties: { vin: 'VIN-1' } }],
    });
    assertConflict(update, `A car with vin VIN-1 already exists. Existing ID: ${first}`);
    const read = await app.request('GET', `/crm/v3/objects/cars/${second}?properties=vin`);
    assert.equal(read.body.properties.vin, null);
    // Values of properties that are not unique, and empty values, may repeat.
    await create(app, '/crm/v3/objects/cars', { model: 'T', vin: '' });
    await create(app, '/crm/v3/objects/cars', { model: 'T' });
  });

  test('batch upsert by a unique property creates, then updates, on v3 and dated families', async (t) => {
    const app = await buildTestApp(t);
    assert.equal((await app.request('POST', SCHEMAS, CARS)).status, 201);
    for (const prefix of ['/crm/v3/objects', '/crm/objects/2026-03']) {
      const upsert = (model: string) =>
        app.request('POST', `${prefix}/cars/batch/upsert`, {
          inputs: [{ id: `${prefix}-Vin`, idProperty: 'vin', properties: { model } }],
        });
      const created = await upsert('first');
      assert.equal(created.status, 200, created.text);
      const [record] = created.body.results;
      assert.equal(record.new, true);
      // A created record keeps the value as sent (only emails are lower-cased).
      assert.equal(record.properties.vin, `${prefix}-Vin`);
      const updated = await upsert('second');
      assert.equal(updated.status, 200, updated.text);
      assert.deepEqual(
        [updated.body.results[0].id, updated.body.results[0].new],
        [record.id, false],
      );
      assert.equal(updated.body.results[0].properties.model, 'second');
    }
    const other = await create(app, '/crm/v3/objects/cars', { model: 'X', plate: 'TAKEN' });
    const clash = await app.request('POST', '/crm/v3/objects/cars/batch/upsert', {
      inputs: [{ id: 'fresh', idProperty: 'vin', properties: { model: 'Y', plate: 'taken' } }],
    });
    assertConflict(clash, `A car with plate taken already exists. Existing ID: ${other}`);
    assert.equal((await ids(app, 'cars')).length, 3);
    const byModel = await app.request('POST', '/crm/v3/objects/cars/batch/upsert', {
      inputs: [{ id: 'T', idProperty: 'model', properties: {} }],
    });
    assert.equal(byModel.status, 400, byModel.text);
    assert.match(byModel.body.message, /non-unique 2-1 property model/);
  });

  test('a schema defines at most 10 unique properties, and the Properties API adds no 11th', async (t) => {
    const app = await buildTestApp(t);
    const unique = (count: number, from = 0) =>
      Array.from({ length: count }, (_, index) => ({
        name: `key_${from + index}`,
        label: `Key ${from + index}`,
        type: 'string',
        fieldType: 'text',
        hasUniqueValue: true,
      }));
    const tooMany = await app.request('POST', SCHEMAS, {
      ...CARS,
      properties: [...CARS.properties, ...unique(9)],
    });
    assert.equal(tooMany.status, 400, tooMany.text);
    assert.equal(tooMany.body.category, 'VALIDATION_ERROR');
    assert.match(tooMany.body.message, /at most 10 unique value properties/);
    const ok = await app.request('POST', SCHEMAS, {
      ...CARS,
      properties: [...CARS.properties, ...unique(8)],
    });
    assert.equal(ok.status, 201, ok.text);
    const eleventh = await app.request('POST', '/crm/v3/properties/cars', {
      ...unique(1, 8)[0],
      groupName: 'cars_information',
    });
    assert.equal(eleventh.status, 400, eleventh.text);
    assert.match(eleventh.body.message, /already has 10 unique value properties/);
    const plain = await app.request('POST', '/crm/v3/properties/cars', {
      ...unique(1, 8)[0],
      hasUniqueValue: false,
      groupName: 'cars_information',
    });
    assert.equal(plain.status, 201, plain.text);
  });

  test('a unique property added to a schema through the Properties API is enforced at once', async (t) => {
    const app = await buildTestApp(t);
    assert.equal((await app.request('POST', SCHEMAS, CARS)).status, 201);
    const added = await app.request('POST', '/crm/v3/properties/2-1', {
      name: 'serial',
      label: 'Serial',
      type: 'string',
      fieldType: 'text',
      groupName: 'cars_information',
      hasUniqueValue: true,
    });
    assert.equal(added.status, 201, added.text);
    const first = await create(app, '/crm/v3/objects/cars', { model: 'T', serial: 'S-1' });
    assertConflict(
      await app.request('POST', '/crm/v3/objects/cars', {
        properties: { model: 'U', serial: 'S-1' },
      }),
      `A car with serial S-1 already exists. Existing ID: ${first}`,
    );
    const upsert = await app.request('POST', '/crm/v3/objects/cars/batch/upsert', {
      inputs: [{ id: 's-1', idProperty: 'serial', properties: { model: 'V' } }],
    });
    assert.equal(upsert.status, 200, upsert.text);
    assert.deepEqual([upsert.body.results[0].id, upsert.body.results[0].new], [first, false]);
  });
});

describe('records named by a unique property (idProperty)', () => {
  test('GET, PATCH, batch read and batch update find records by the value', async (t) => {
    const app = await buildTestApp(t);
    assert.equal((await app.request('POST', SCHEMAS, CARS)).status, 201);
    const car = await create(app, '/crm/v3/objects/cars', { model: 'T', vin: 'VIN-7' });
    const other = await create(app, '/crm/v3/objects/cars', { model: 'S', vin: 'VIN-8' });
    const read = await app.request('GET', '/crm/v3/objects/cars/vin-7?idProperty=vin');
    assert.equal(read.status, 200, read.text);
    assert.equal(read.body.id, car);
    const patched = await app.request('PATCH', '/crm/objects/2026-03/cars/VIN-7?idProperty=vin', {
      properties: { model: 'T2' },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual([patched.body.id, patched.body.properties.model], [car, 'T2']);
    const missing = await app.request('PATCH', '/crm/v3/objects/cars/VIN-9?idProperty=vin', {
      properties: { model: 'X' },
    });
    assert.equal(missing.status, 404, missing.text);
    const batchRead = await app.request('POST', '/crm/v3/objects/cars/batch/read', {
      idProperty: 'vin',
      inputs: [{ id: 'VIN-8' }, { id: 'VIN-9' }, { id: car }],
      properties: ['model'],
    });
    assert.equal(batchRead.status, 207, batchRead.text);
    assert.deepEqual(
      batchRead.body.results.map((record: any) => record.id),
      [other],
    );
    assert.deepEqual(batchRead.body.errors[0].context.ids, ['VIN-9', car]);
    const batchUpdate = await app.request('POST', '/crm/v3/objects/cars/batch/update', {
      inputs: [
        { id: 'vin-8', idProperty: 'vin', properties: { model: 'S2' } },
        { id: car, properties: { model: 'T3' } },
      ],
    });
    assert.equal(batchUpdate.status, 200, batchUpdate.text);
    assert.deepEqual(
      batchUpdate.body.results.map((record: any) => [record.id, record.properties.model]),
      [
        [other, 'S2'],
        [car, 'T3'],
      ],
    );
    // A property that is not unique names no record; in a batch update neither does hs_object_id.
    const byModel = await app.request('GET', '/crm/v3/objects/cars/T3?idProperty=model');
    assert.equal(byModel.status, 400, byModel.text);
    assert.match(byModel.body.message, /non-unique 2-1 property model/);
    const byRecordId = await app.request('POST', '/crm/v3/objects/cars/batch/update', {
      inputs: [{ id: car, idProperty: 'hs_object_id', properties: { model: 'T4' } }],
    });
    assert.equal(byRecordId.status, 400, byRecordId.text);
    assert.match(
      byRecordId.body.message,
      /^Unable to perform update\/upsert by non-unique 2-1 property hs_object_id in portal ID \d+$/,
    );
    const plain = await app.request('GET', `/crm/v3/objects/cars/${car}?idProperty=hs_object_id`);
    assert.equal(plain.status, 200, plain.text);
  });
});

describe('unique properties of standard types, defined through the Properties API', () => {
  test('a company property with hasUniqueValue refuses repeats and serves upsert', async (t) => {
    const app = await buildTestApp(t);
    const defined = await app.request('POST', '/crm/v3/properties/companies', {
      name: 'external_id',
      label: 'External id',
      type: 'string',
      fieldType: 'text',
      groupName: 'companyinformation',
      hasUniqueValue: true,
    });
    assert.equal(defined.status, 201, defined.text);
    assert.equal(defined.body.hasUniqueValue, true);
    const acme = await create(app, '/crm/v3/objects/companies', {
      name: 'Acme',
      external_id: 'E-1',
    });
    assertConflict(
      await app.request('POST', '/crm/objects/2026-09-beta/companies', {
        properties: { name: 'Copy', external_id: 'e-1' },
      }),
      `A company with external_id e-1 already exists. Existing ID: ${acme}`,
    );
    const upsert = await app.request(
      'POST',
      '/crm/v3/objects/companies/batch/upsert?idProperty=external_id',
      {
        inputs: [
          { id: 'E-1', properties: { name: 'Acme Inc' } },
          { id: 'E-2', properties: { name: 'Beta' } },
        ],
      },
    );
    assert.equal(upsert.status, 200, upsert.text);
    assert.deepEqual(
      upsert.body.results.map((record: any) => [record.properties.name, record.new]),
      [
        ['Acme Inc', false],
        ['Beta', true],
      ],
    );
    assert.equal(upsert.body.results[0].id, acme);
    // Archiving the property ends its uniqueness (and its use as an upsert key).
    assert.equal(
      (await app.request('DELETE', '/crm/v3/properties/companies/external_id')).status,
      204,
    );
    const after = await app.request('POST', '/crm/v3/objects/companies/batch/upsert', {
      inputs: [{ id: 'E-1', idProperty: 'external_id', properties: {} }],
    });
    assert.equal(after.status, 400, after.text);
    assert.match(after.body.message, /non-unique 0-2 property external_id/);
  });

  test('GDPR delete by a company property with hasUniqueValue deletes every company with the value, archived ones too', async (t) => {
    const app = await buildTestApp(t);
    const define = (name: string, hasUniqueValue: boolean) =>
      app.request('POST', '/crm/v3/properties/companies', {
        name,
        label: name,
        type: 'string',
        fieldType: 'text',
        groupName: 'companyinformation',
        hasUniqueValue,
      });
    assert.equal((await define('external_id', true)).status, 201);
    assert.equal((await define('region', false)).status, 201);
    const archived = await create(app, '/crm/v3/objects/companies', { external_id: 'E-1' });
    assert.equal(
      (await app.request('DELETE', `/crm/v3/objects/companies/${archived}`)).status,
      204,
    );
    const live = await create(app, '/crm/v3/objects/companies', { external_id: 'e-1' });
    const kept = await create(app, '/crm/v3/objects/companies', {
      external_id: 'E-2',
      region: 'EU',
    });
    const gdprDelete = (body: object) =>
      app.request('POST', '/crm/v3/objects/companies/gdpr-delete', body);
    const deleted = await gdprDelete({ objectId: 'E-1', idProperty: 'external_id' });
    assert.equal(deleted.status, 204, deleted.text);
    for (const id of [archived, live]) {
      const read = await app.request('GET', `/crm/v3/objects/companies/${id}?archived=true`);
      assert.equal(read.status, 404, read.text);
    }
    const byRegion = await gdprDelete({ objectId: 'EU', idProperty: 'region' });
    assert.equal(byRegion.status, 400, byRegion.text);
    assert.match(
      byRegion.body.message,
      /^Unable to perform GDPR delete by non-unique 0-2 property region in portal ID \d+$/,
    );
    assert.equal((await app.request('GET', `/crm/v3/objects/companies/${kept}`)).status, 200);
  });

  test('the eleventh unique property of a type is refused; archived ones do not count', async (t) => {
    const app = await buildTestApp(t);
    const define = (index: number, hasUniqueValue = true) =>
      app.request('POST', '/crm/v3/properties/deals', {
        name: `key_${index}`,
        label: `Key ${index}`,
        type: 'string',
        fieldType: 'text',
        groupName: 'dealinformation',
        hasUniqueValue,
      });
    const batch = await app.request('POST', '/crm/v3/properties/deals/batch/create', {
      inputs: Array.from({ length: 11 }, (_, index) => ({
        name: `key_${index}`,
        label: `Key ${index}`,
        type: 'string',
        fieldType: 'text',
        groupName: 'dealinformation',
        hasUniqueValue: true,
      })),
    });
    assert.equal(batch.status, 207, batch.text);
    assert.equal(batch.body.results.length, 10);
    assert.equal(batch.body.errors.length, 1);
    assert.equal(batch.body.errors[0].category, 'VALIDATION_ERROR');
    assert.match(batch.body.errors[0].message, /key_10/);
    assert.equal((await define(11)).status, 400);
    assert.equal((await define(11, false)).status, 201);
    assert.equal((await app.request('DELETE', '/crm/v3/properties/deals/key_0')).status, 204);
    assert.equal((await define(12)).status, 201);
  });
});
