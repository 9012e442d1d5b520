// Custom objects: the schemas API under every spelling, custom type identity in every path, the
// association types of custom pairs (labels and limits included), and records of custom types.
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { exportPortal, importPortal } from '../../src/cli/bulk.js';
import { DEFAULT_PORTAL_ID } from '../../src/http/build-app.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const SCHEMAS = '/crm-object-schemas/v3/schemas';
const CARS = {
  name: 'cars',
  labels: { singular: 'Car', plural: 'Cars' },
  primaryDisplayProperty: 'model',
  requiredProperties: ['model'],
  searchableProperties: ['model'],
  secondaryDisplayProperties: ['color'],
  properties: [
    { name: 'model', label: 'Model', type: 'string', fieldType: 'text' },
    {
      name: 'color',
      label: 'Color',
      type: 'enumeration',
      fieldType: 'select',
      options: [
        { label: 'Red', value: 'red' },
        { label: 'Blue', value: 'blue' },
      ],
    },
  ],
  associatedObjects: ['CONTACT', '0-2'],
};

async function createSchema(app: TestApp, body: object = CARS) {
  const response = await app.request('POST', SCHEMAS, body);
  assert.equal(response.status, 201, response.text);
  return response.body;
}

async function createCar(app: TestApp, objectType: string, properties: object) {
  const response = await app.request('POST', `/crm/v3/objects/${objectType}`, { properties });
  assert.equal(response.status, 201, response.text);
  return response.body.id as string;
}

describe('custom object schemas', () => {
  test('create answers the schema with its ids, properties and association definitions', async (t) => {
    const app = await buildTestApp(t);
    const schema = await createSchema(app);
    assert.equal(schema.id, '1');
    assert.equal(schema.objectTypeId, '2-1');
    assert.equal(schema.fullyQualifiedName, `p${DEFAULT_PORTAL_ID}_cars`);
    assert.equal(schema.primaryDisplayProperty, 'model');
    assert.deepEqual(schema.requiredProperties, ['model']);
    const names = schema.properties.map((property: any) => property.name);
    assert.ok(names.includes('model') && names.includes('color') && names.includes('hs_object_id'));
    assert.deepEqual(
      schema.associations.map((definition: any) => [
        definition.fromObjectTypeId,
        definition.toObjectTypeId,
        definition.name,
      ]),
      [
        ['2-1', '0-1', 'cars_to_contact'],
        ['2-1', '0-2', 'cars_to_company'],
        ['2-1', '0-46', 'cars_to_note'],
        ['2-1', '0-27', 'cars_to_task'],
        ['2-1', '0-48', 'cars_to_call'],
        ['2-1', '0-49', 'cars_to_email'],
        ['2-1', '0-47', 'cars_to_meeting_event'],
        ['2-1', '0-18', 'cars_to_communication'],
      ],
    );
  });

  test('every spelling serves list, read by id, qualified name and name, batch read and update', async (t) => {
    const app = await buildTestApp(t);
    await createSchema(app);
    for (const prefix of [SCHEMAS, '/crm/v3/schemas', '/crm-object-schemas/2026-03/schemas']) {
      const list = await app.request('GET', prefix);
      assert.equal(list.status, 200, list.text);
      assert.deepEqual(
        list.body.results.map((schema: any) => schema.objectTypeId),
        ['2-1'],
      );
      for (const name of ['2-1', `p${DEFAULT_PORTAL_ID}_cars`, 'cars', 'p_cars']) {
        const read = await app.request('GET', `${prefix}/${name}`);
        assert.equal(read.status, 200, `${prefix}/${name}: ${read.text}`);
        assert.equal(read.body.name, 'cars');
      }
      const batch = await app.request('POST', `${prefix}/batch/read`, {
        inputs: ['2-1', 'nothing'],
      });
      assert.equal(batch.status, 200, batch.text);
      assert.deepEqual(
        batch.body.results.map((schema: any) => schema.name),
        ['cars'],
      );
    }
    const patched = await app.request('PATCH', `${SCHEMAS}/2-1`, {
      labels: { plural: 'Automobiles' },
      requiredProperties: [],
    });
    assert.equal(patched.status, 200, patched.text);
    assert.deepEqual(patched.body.labels, { singular: 'Car', plural: 'Automobiles' });
    assert.equal(patched.body.portalId, DEFAULT_PORTAL_ID);
    const missing = await app.request('GET', `${SCHEMAS}/2-99`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.category, 'OBJECT_NOT_FOUND');
  });

  test('invalid schemas are refused and change nothing', async (t) => {
    const app = await buildTestApp(t);
    const cases: [object, number, string][] = [
      [{ ...CARS, primaryDisplayProperty: undefined }, 400, 'A primary display property'],
      [{ ...CARS, name: '9cars' }, 400, 'Invalid object type name'],
      [{ ...CARS, requiredProperties: ['nope'] }, 400, 'requiredProperties'],
      [
        { ...CARS, secondaryDisplayProperties: ['model', 'color', 'hs_object_id'] },
        400,
        'at most 2',
      ],
      [{ ...CARS, name: 'contacts' }, 400, 'standard object type'],
      [{ ...CARS, associatedObjects: ['nothing'] }, 400, 'Unable to infer object type'],
    ];
    for (const [body, status, text] of cases) {
      const response = await app.request('POST', SCHEMAS, body);
      assert.equal(response.status, status, response.text);
      assert.equal(response.body.status, 'error');
      assert.match(response.body.message, new RegExp(text));
    }
    assert.deepEqual((await app.request('GET', SCHEMAS)).body.results, []);
    await createSchema(app);
    const again = await app.request('POST', SCHEMAS, { ...CARS, name: 'CARS' });
    assert.equal(again.status, 409, again.text);
    assert.equal(again.body.category, 'OBJECT_ALREADY_EXISTS');
  });

  test('delete archives only without live records; a purge frees the name, never the id', async (t) => {
    const app = await buildTestApp(t);
    await createSchema(app);
    const car = await createCar(app, '2-1', { model: 'T' });
    const refused = await app.request('DELETE', `${SCHEMAS}/2-1`);
    assert.equal(refused.status, 400, refused.text);
    assert.match(refused.body.subCategory, /EXISTING_OBJECT_RECORDS/);
    const early = await app.request('DELETE', `${SCHEMAS}/2-1?archived=true`);
    assert.equal(early.status, 400, early.text);
    assert.equal((await app.request('DELETE', `/crm/v3/objects/2-1/${car}`)).status, 204);
    assert.equal((await app.request('DELETE', `${SCHEMAS}/2-1`)).status, 204);
    assert.equal((await app.request('GET', `${SCHEMAS}/2-1`)).status, 404);
    const archived = await app.request('GET', `${SCHEMAS}?archived=true`);
    assert.deepEqual(
      archived.body.results.map((schema: any) => [schema.objectTypeId, schema.archived]),
      [['2-1', true]],
    );
    assert.equal((await app.request('GET', '/crm/v3/objects/2-1')).status, 400);
    assert.equal((await app.request('POST', SCHEMAS, CARS)).status, 409);
    assert.equal((await app.request('DELETE', `${SCHEMAS}/2-1?archived=true`)).status, 204);
    const recreated = await createSchema(app);
    assert.equal(recreated.objectTypeId, '2-2');
    assert.deepEqual((await app.request('GET', `${SCHEMAS}?archived=true`)).body.results, []);
  });
});

describe('association types of custom pairs', () => {
  test('a definition is the unlabeled USER_DEFINED type both ways, listed by every family', async (t) => {
    const app = await buildTestApp(t);
    const schema = await createSchema(app);
    const toContact = schema.associations[0];
    const labels = await app.request('GET', '/crm/v4/associations/cars/contacts/labels');
    assert.equal(labels.status, 200, labels.text);
    assert.deepEqual(labels.body.results, [
      {
        category: 'USER_DEFINED',
        typeId: Number(toContact.id),
        label: null,
        fromObjectTypeId: '2-1',
        toObjectTypeId: '0-1',
      },
    ]);
    const back = await app.request('GET', '/crm/v4/associations/contacts/2-1/labels');
    assert.deepEqual(
      back.body.results.map((type: any) => [type.category, type.typeId, type.label]),
      [['USER_DEFINED', Number(toContact.id) + 1, null]],
    );
    const v3 = await app.request(
      'GET',
      `/crm/v3/associations/p${DEFAULT_PORTAL_ID}_cars/contacts/types`,
    );
    assert.equal(v3.status, 200, v3.text);
    assert.deepEqual(v3.body.results, [{ id: toContact.id, name: 'cars_to_contact' }]);
  });

  test('records associate through every family, with labels and limits on the pair', async (t) => {
    const app = await buildTestApp(t);
    await createSchema(app);
    const [contact, other] = await app.createRecords('contacts', 2);
    const car = await createCar(app, 'cars', { model: 'T', color: 'red' });
    const v4 = await app.request(
      'PUT',
      `/crm/v4/objects/cars/${car}/associations/default/contacts/${contact}`,
    );
    assert.equal(v4.status, 200, v4.text);
    const v3 = await app.request(
      'PUT',
      `/crm/v3/objects/contacts/${other}/associations/2-1/${car}/contact_to_cars`,
    );
    // v3 names the definition by its own name in both directions.
    assert.equal(v3.status, 400, v3.text);
    const v3ok = await app.request(
      'PUT',
      `/crm/v3/objects/contacts/${other}/associations/2-1/${car}/cars_to_contact`,
    );
    assert.equal(v3ok.status, 200, v3ok.text);
    const read = await app.request('GET', `/crm/v4/objects/2-1/${car}/associations/contacts`);
    assert.deepEqual(
      read.body.results.map((target: any) => [
        String(target.toObjectId),
        target.associationTypes[0].label,
      ]),
      [
        [contact, null],
        [other, null],
      ],
    );
    const label = await app.request('POST', '/crm/v4/associations/2-1/contacts/labels', {
      name: 'driver',
      label: 'Driver',
      inverseLabel: 'Drives',
    });
    assert.equal(label.status, 200, label.text);
    const driver = label.body.results[0].typeId;
    const limit = await app.request(
      'POST',
      '/crm/v4/associations/definitions/configurations/2-1/contacts/batch/create',
      {
        inputs: [{ category: 'USER_DEFINED', typeId: driver, maxToObjectIds: 1 }],
      },
    );
    assert.equal(limit.status, 201, limit.text);
    const first = await app.request(
      'PUT',
      `/crm/v4/objects/2-1/${car}/associations/contacts/${contact}`,
      [{ associationCategory: 'USER_DEFINED', associationTypeId: driver }],
    );
    assert.equal(first.status, 201, first.text);
    const second = await app.request(
      'PUT',
      `/crm/v4/objects/2-1/${car}/associations/contacts/${other}`,
      [{ associationCategory: 'USER_DEFINED', associationTypeId: driver }],
    );
    assert.equal(second.status, 400, second.text);
    assert.match(second.body.message, /limit/i);
    const deleteDefinition = await app.request(
      'DELETE',
      `${SCHEMAS}/cars/associations/${read.body.results[0].associationTypes[0].typeId}`,
    );
    assert.equal(deleteDefinition.status, 400, deleteDefinition.text);
    assert.match(deleteDefinition.body.message, /Definition with label still exists/);
  });

  test('a new custom type is associable with the activity types, both ways, in every family', async (t) => {
    const app = await buildTestApp(t);
    const schema = await createSchema(app);
    const toNote = schema.associations.find(
      (definition: any) => definition.toObjectTypeId === '0-46',
    );
    const labels = await app.request('GET', '/crm/v4/associations/cars/notes/labels');
    assert.deepEqual(labels.body.results, [
      {
        category: 'USER_DEFINED',
        typeId: Number(toNote.id),
        label: null,
        fromObjectTypeId: '2-1',
        toObjectTypeId: '0-46',
      },
    ]);
    const fromNote = Number(toNote.id) + 1;
    const back = await app.request('GET', '/crm/associations/2026-03/notes/2-1/labels');
    assert.equal(back.status, 200, back.text);
    assert.deepEqual(
      back.body.results.map((type: any) => [type.category, type.typeId, type.label]),
      [['USER_DEFINED', fromNote, null]],
    );
    for (const [activity, name] of [
      ['tasks', 'cars_to_task'],
      ['calls', 'cars_to_call'],
      ['emails', 'cars_to_email'],
      ['meetings', 'cars_to_meeting_event'],
      ['communications', 'cars_to_communication'],
    ]) {
      const types = await app.request('GET', `/crm/v3/associations/${activity}/cars/types`);
      assert.equal(types.status, 200, types.text);
      assert.deepEqual(
        types.body.results.map((type: any) => type.name),
        [name],
        activity,
      );
    }
    const car = await createCar(app, 'cars', { model: 'T' });
    const note = await app.request('POST', '/crm/v3/objects/notes', {
      properties: { hs_timestamp: '2026-01-01T00:00:00Z', hs_note_body: 'Serviced' },
      associations: [
        {
          to: { id: car },
          types: [{ associationCategory: 'USER_DEFINED', associationTypeId: fromNote }],
        },
      ],
    });
    assert.equal(note.status, 201, note.text);
    const [task] = await app.createRecords('tasks', 1);
    const put = await app.request(
      'PUT',
      `/crm/v4/objects/cars/${car}/associations/default/tasks/${task}`,
    );
    assert.equal(put.status, 200, put.text);
    const read = await app.request('GET', `/crm/v3/objects/cars/${car}?associations=notes,tasks`);
    assert.deepEqual(
      Object.entries(read.body.associations).map(([type, page]: [string, any]) => [
        type,
        page.results.map((target: any) => [target.id, target.type]),
      ]),
      [
        ['notes', [[note.body.id, 'cars_to_note']]],
        ['tasks', [[task, 'cars_to_task']]],
      ],
    );
  });

  test('custom to custom and custom to itself, defined through the schemas API', async (t) => {
    const app = await buildTestApp(t);
    await createSchema(app, {
      ...CARS,
      associatedObjects: [],
      shouldCreateSameObjectAssociation: true,
    });
    await createSchema(app, { ...CARS, name: 'boats', associatedObjects: [] });
    const defined = await app.request('POST', `${SCHEMAS}/boats/associations`, {
      fromObjectTypeId: '2-2',
      toObjectTypeId: 'cars',
      name: 'boat_carrier',
    });
    assert.equal(defined.status, 201, defined.text);
    assert.equal(defined.body.fromObjectTypeId, '2-2');
    assert.equal(defined.body.toObjectTypeId, '2-1');
    const twice = await app.request('POST', `${SCHEMAS}/cars/associations`, {
      fromObjectTypeId: '2-1',
      toObjectTypeId: '2-2',
    });
    assert.equal(twice.status, 409, twice.text);
    const [a, b] = [
      await createCar(app, 'cars', { model: 'A' }),
      await createCar(app, 'cars', { model: 'B' }),
    ];
    const boat = await createCar(app, 'boats', { model: 'Z' });
    const self = await app.request(
      'PUT',
      `/crm/v4/objects/cars/${a}/associations/default/cars/${b}`,
    );
    assert.equal(self.status, 200, self.text);
    const fromB = await app.request('GET', `/crm/v4/objects/cars/${b}/associations/cars`);
    assert.deepEqual(
      fromB.body.results.map((target: any) => String(target.toObjectId)),
      [a],
    );
    const cross = await app.request(
      'POST',
      '/crm/v4/associations/boats/cars/batch/associate/default',
      {
        inputs: [{ from: { id: boat }, to: { id: a } }],
      },
    );
    assert.equal(cross.status, 200, cross.text);
    const carRead = await app.request('GET', `/crm/v3/objects/cars/${a}?associations=boats,cars`);
    assert.equal(carRead.status, 200, carRead.text);
    assert.deepEqual(Object.keys(carRead.body.associations).sort(), [
      `p${DEFAULT_PORTAL_ID}_boats`,
      `p${DEFAULT_PORTAL_ID}_cars`,
    ]);
    const removed = await app.request('DELETE', `${SCHEMAS}/boats/associations/${defined.body.id}`);
    assert.equal(removed.status, 204, removed.text);
    const after = await app.request('GET', `/crm/v4/objects/cars/${a}/associations/boats`);
    assert.deepEqual(after.body.results, []);
  });
});

describe('limits on custom pairs', () => {
  /** A cars schema whose cars may each have one contact; the car, its contact, 3 more contacts. */
  async function limitedCar(app: TestApp) {
    const schema = await createSchema(app);
    const definition = Number(schema.associations[0].id);
    const limit = await app.request(
      'POST',
      '/crm/v4/associations/definitions/configurations/cars/contacts/batch/create',
      { inputs: [{ category: 'USER_DEFINED', typeId: definition, maxToObjectIds: 1 }] },
    );
    assert.equal(limit.status, 201, limit.text);
    const contacts = await app.createRecords('contacts', 4);
    const car = await createCar(app, 'cars', { model: 'T' });
    const first = await app.request(
      'PUT',
      `/crm/v4/objects/cars/${car}/associations/contacts/${contacts[0]}`,
      [{ associationCategory: 'USER_DEFINED', associationTypeId: definition }],
    );
    assert.equal(first.status, 201, first.text);
    return { definition, contacts: contacts as [string, string, string, string], car };
  }

  /** HubSpot's limit refusal (M7), not some other 400. */
  const assertLimited = (response: { status: number; body: any; text: string }, what: string) => {
    assert.equal(response.status, 400, `${what}: ${response.text}`);
    assert.match(response.body.message, /^Association limit exceeded/, what);
  };

  const contactsOf = async (app: TestApp, car: string) =>
    (await app.request('GET', `/crm/v4/objects/cars/${car}/associations/contacts`)).body.results
      .map((target: any) => String(target.toObjectId))
      .sort();

  test('every association write path refuses a target beyond the limit', async (t) => {
    const app = await buildTestApp(t);
    const { definition, contacts, car } = await limitedCar(app);
    const spare = await createCar(app, 'cars', { model: 'S' });
    const types = [{ associationCategory: 'USER_DEFINED', associationTypeId: definition }];
    for (const prefix of ['/crm/v4/associations', '/crm/associations/2026-03']) {
      const batch = await app.request('POST', `${prefix}/cars/contacts/batch/create`, {
        inputs: [
          { from: { id: car }, to: { id: contacts[1] }, types },
          { from: { id: spare }, to: { id: contacts[1] }, types },
        ],
      });
      assert.equal(batch.status, 207, `${prefix}: ${batch.text}`);
      assert.equal(batch.body.numErrors, 1);
      assert.match(batch.body.errors[0].message, /^Association limit exceeded/);
    }
    const latest = await app.request(
      'POST',
      '/crm/associations/2026-09/cars/contacts/batch/create',
      {
        inputs: [{ from: { id: car }, to: { id: contacts[2] }, types }],
      },
    );
    assertLimited(latest, 'latest');
    const v3batch = await app.request('POST', '/crm/v3/associations/cars/contacts/batch/create', {
      inputs: [{ from: { id: car }, to: { id: contacts[2] }, type: 'cars_to_contact' }],
    });
    assertLimited(v3batch, 'v3batch');
    for (const url of [
      `/crm/v3/objects/cars/${car}/associations/contacts/${contacts[2]}/cars_to_contact`,
      `/crm/v4/objects/cars/${car}/associations/default/contacts/${contacts[2]}`,
    ]) {
      const put = await app.request('PUT', url);
      assertLimited(put, url);
    }
    const dated = await app.request(
      'PUT',
      `/crm/objects/2026-03/cars/${car}/associations/contacts/${contacts[2]}`,
      types,
    );
    assertLimited(dated, 'dated');
    // From the other side: the contact's write is the car's too.
    const inverse = await app.request(
      'PUT',
      `/crm/v4/objects/contacts/${contacts[3]}/associations/cars/${car}`,
      [{ associationCategory: 'USER_DEFINED', associationTypeId: definition + 1 }],
    );
    assertLimited(inverse, 'inverse');
    assert.deepEqual(await contactsOf(app, car), [contacts[0]]);
    assert.deepEqual(await contactsOf(app, spare), [contacts[1]]);
  });

  test('creates with associations beyond the limit create nothing, in every family', async (t) => {
    const app = await buildTestApp(t);
    const { definition, contacts, car } = await limitedCar(app);
    for (const objects of ['/crm/v3/objects', '/crm/objects/2025-09']) {
      const twoContacts = await app.request('POST', `${objects}/cars`, {
        properties: { model: 'X' },
        associations: contacts.slice(1, 3).map((contact) => ({
          to: { id: contact },
          types: [{ associationCategory: 'USER_DEFINED', associationTypeId: definition }],
        })),
      });
      assertLimited(twoContacts, objects);
      const contact = await app.request('POST', `${objects}/contacts/batch/create`, {
        inputs: [
          {
            properties: { firstname: 'Late' },
            associations: [
              {
                to: { id: car },
                types: [{ associationCategory: 'USER_DEFINED', associationTypeId: definition + 1 }],
              },
            ],
          },
        ],
      });
      assertLimited(contact, objects);
    }
    const cars = await app.request('GET', '/crm/v3/objects/cars');
    assert.deepEqual(
      cars.body.results.map((record: any) => record.id),
      [car],
    );
    const listed = await app.request('GET', '/crm/v3/objects/contacts?limit=100');
    assert.equal(listed.body.results.length, 4, 'the refused creates created no contact');
  });

  test('a merge of two cars is never refused by a limit; later writes are', async (t) => {
    const app = await buildTestApp(t);
    const { definition, contacts, car } = await limitedCar(app);
    const other = await createCar(app, 'cars', { model: 'S', color: 'blue' });
    const types = [{ associationCategory: 'USER_DEFINED', associationTypeId: definition }];
    const put = await app.request(
      'PUT',
      `/crm/v4/objects/cars/${other}/associations/contacts/${contacts[1]}`,
      types,
    );
    assert.equal(put.status, 201, put.text);
    const merged = await app.request('POST', '/crm/v3/objects/cars/merge', {
      primaryObjectId: car,
      objectIdToMerge: other,
    });
    assert.equal(merged.status, 200, merged.text);
    assert.equal(merged.body.id, car, 'a custom record keeps the primary id');
    assert.equal(merged.body.properties.color, 'blue');
    assert.deepEqual(await contactsOf(app, car), [contacts[0], contacts[1]].sort());
    const more = await app.request(
      'PUT',
      `/crm/v4/objects/cars/${car}/associations/contacts/${contacts[2]}`,
      types,
    );
    assertLimited(more, 'more');
    const read = await app.request('GET', `/crm/v3/objects/cars/${other}`);
    assert.equal(read.body.id, car, 'the merged-away id names the merged car');
  });
});

describe('records of custom types', () => {
  test('properties are checked against the schema, required ones on create', async (t) => {
    const app = await buildTestApp(t);
    await createSchema(app);
    const missing = await app.request('POST', '/crm/v3/objects/cars', {
      properties: { color: 'red' },
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.category, 'VALIDATION_ERROR');
    assert.match(missing.body.message, /^Property values were not valid: /);
    const entries = JSON.parse(
      missing.body.message.slice('Property values were not valid: '.length),
    );
    assert.deepEqual(
      entries.map((entry: any) => [entry.name, entry.error]),
      [['model', 'REQUIRED_PROPERTY']],
    );
    const unknown = await app.request('POST', '/crm/v3/objects/cars', {
      properties: { model: 'T', wheels: '4', color: 'green' },
    });
    assert.equal(unknown.status, 400);
    const listed = JSON.parse(
      unknown.body.message.slice('Property values were not valid: '.length),
    );
    assert.deepEqual(
      listed.map((entry: any) => [entry.name, entry.error]),
      [
        ['wheels', 'PROPERTY_DOESNT_EXIST'],
        ['color', 'INVALID_OPTION'],
      ],
    );
    assert.deepEqual((await app.request('GET', '/crm/v3/objects/cars')).body.results, []);
    const id = await createCar(app, `p${DEFAULT_PORTAL_ID}_cars`, { model: 'T' });
    const update = await app.request('PATCH', `/crm/v3/objects/2-1/${id}`, {
      properties: { color: 'blue' },
    });
    assert.equal(update.status, 200, update.text);
    const badUpdate = await app.request('PATCH', `/crm/v3/objects/2-1/${id}`, {
      properties: { wheels: '3' },
    });
    assert.equal(badUpdate.status, 400);
    const batch = await app.request('POST', '/crm/v3/objects/cars/batch/read', {
      inputs: [{ id }],
      properties: ['model', 'color'],
    });
    assert.equal(batch.status, 200, batch.text);
    assert.equal(batch.body.results[0].properties.color, 'blue');
  });

  test('create with associations, and search, on a custom type', async (t) => {
    const app = await buildTestApp(t);
    const schema = await createSchema(app);
    const [contact] = await app.createRecords('contacts', 1);
    const created = await app.request('POST', '/crm/v3/objects/cars', {
      properties: { model: 'Beetle' },
      associations: [
        {
          to: { id: contact },
          types: [
            {
              associationCategory: 'USER_DEFINED',
              associationTypeId: Number(schema.associations[0].id),
            },
          ],
        },
      ],
    });
    assert.equal(created.status, 201, created.text);
    const read = await app.request('GET', `/crm/v4/objects/contacts/${contact}/associations/cars`);
    assert.deepEqual(
      read.body.results.map((target: any) => String(target.toObjectId)),
      [created.body.id],
    );
    const search = await app.request('POST', '/crm/v3/objects/cars/search', {
      filterGroups: [{ filters: [{ propertyName: 'model', operator: 'EQ', value: 'beetle' }] }],
    });
    assert.equal(search.status, 200, search.text);
    assert.deepEqual(
      search.body.results.map((record: any) => record.id),
      [created.body.id],
    );
  });
});

describe('custom types through the other families', () => {
  test('dated objects batch create, v3 batch associations by name, dated batch read', async (t) => {
    const app = await buildTestApp(t);
    await createSchema(app);
    const [contact] = await app.createRecords('contacts', 1);
    const batch = await app.request('POST', '/crm/objects/2026-03/cars/batch/create', {
      inputs: [{ properties: { model: 'A' } }, { properties: { model: 'B' } }],
    });
    assert.equal(batch.status, 201, batch.text);
    const ids = batch.body.results.map((record: any) => record.id as string).sort();
    const refused = await app.request('POST', '/crm/objects/2026-03/cars/batch/create', {
      inputs: [{ properties: { model: 'C' } }, { properties: { color: 'red' } }],
    });
    assert.equal(refused.status, 400, refused.text);
    assert.equal((await app.request('GET', '/crm/v3/objects/cars')).body.results.length, 2);
    const v3 = await app.request('POST', '/crm/v3/associations/cars/contacts/batch/create', {
      inputs: ids.map((id: string) => ({
        from: { id },
        to: { id: contact },
        type: 'cars_to_contact',
      })),
    });
    assert.equal(v3.status, 201, v3.text);
    const read = await app.request('POST', '/crm/associations/2026-03/contacts/2-1/batch/read', {
      inputs: [{ id: contact }],
    });
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(
      read.body.results[0].to.map((target: any) => String(target.toObjectId)).sort(),
      ids,
    );
  });
});

describe('search of custom types', () => {
  test("filters compare by the schema's types; the text query looks in searchable properties", async (t) => {
    const app = await buildTestApp(t);
    await createSchema(app, {
      ...CARS,
      properties: [
        ...CARS.properties,
        { name: 'seats', label: 'Seats', type: 'number', fieldType: 'number' },
      ],
    });
    const [contact] = await app.createRecords('contacts', 1);
    const small = await createCar(app, 'cars', { model: 'Mini Cooper', seats: '4' });
    const large = await createCar(app, 'cars', { model: 'Bus', seats: '40' });
    const search = (body: object) => app.request('POST', '/crm/v3/objects/cars/search', body);
    const numeric = await search({
      filterGroups: [{ filters: [{ propertyName: 'seats', operator: 'GT', value: '10' }] }],
    });
    assert.equal(numeric.status, 200, numeric.text);
    assert.deepEqual(
      numeric.body.results.map((record: any) => record.id),
      [large],
    );
    const text = await search({ query: 'coop' });
    assert.deepEqual(
      text.body.results.map((record: any) => record.id),
      [small],
    );
    const put = await app.request(
      'PUT',
      `/crm/v4/objects/cars/${large}/associations/default/contacts/${contact}`,
    );
    assert.equal(put.status, 200, put.text);
    const associated = await app.request('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [
        { filters: [{ propertyName: 'associations.2-1', operator: 'EQ', value: large }] },
      ],
    });
    assert.equal(associated.status, 200, associated.text);
    assert.deepEqual(
      associated.body.results.map((record: any) => record.id),
      [contact],
    );
  });
});

describe('data movement', () => {
  const ADMIN = 'admin-token-for-custom-tests';
  const admin = { token: ADMIN };

  test('export then import carries schemas, definitions, labels and records, ids and all', async (t) => {
    const app = await buildTestApp(t, { adminToken: ADMIN });
    await createSchema(app, { ...CARS, shouldCreateSameObjectAssociation: true });
    const [contact] = await app.createRecords('contacts', 1);
    const car = await createCar(app, 'cars', { model: 'T' });
    const label = await app.request('POST', '/crm/v4/associations/cars/contacts/labels', {
      name: 'driver',
      label: 'Driver',
    });
    assert.equal(label.status, 200, label.text);
    const put = await app.request(
      'PUT',
      `/crm/v4/objects/cars/${car}/associations/contacts/${contact}`,
      [{ associationCategory: 'USER_DEFINED', associationTypeId: label.body.results[0].typeId }],
    );
    assert.equal(put.status, 201, put.text);
    const exported = await app.request(
      'GET',
      `/_emulator/portals/${DEFAULT_PORTAL_ID}/export`,
      undefined,
      admin,
    );
    assert.equal(exported.status, 200, exported.text);
    assert.equal(exported.body.schemas.length, 1);
    assert.equal(exported.body.portal.nextSchemaId, 2);
    const imported = await app.request('POST', '/_emulator/portals/9/import', exported.body, admin);
    assert.equal(imported.status, 200, imported.text);
    const copy = await app.request('GET', '/_emulator/portals/9/export', undefined, admin);
    assert.deepEqual(copy.body.schemas, exported.body.schemas);
    assert.deepEqual(copy.body.labels, exported.body.labels);
    assert.deepEqual(copy.body.associations, exported.body.associations);

    // Over changes in the same portal, the import restores exactly what was exported.
    await createSchema(app, { ...CARS, name: 'boats' });
    assert.equal(
      (
        await app.request(
          'POST',
          `/_emulator/portals/${DEFAULT_PORTAL_ID}/import`,
          exported.body,
          admin,
        )
      ).status,
      200,
    );
    const restored = await app.request(
      'GET',
      `/_emulator/portals/${DEFAULT_PORTAL_ID}/export`,
      undefined,
      admin,
    );
    assert.equal(restored.text, exported.text);
    const read = await app.request('GET', `/crm/v4/objects/2-1/${car}/associations/contacts`);
    assert.deepEqual(
      read.body.results[0].associationTypes.map((type: any) => type.label),
      [null, 'Driver'],
    );
    const next = await createSchema(app, { ...CARS, name: 'boats' });
    assert.equal(next.objectTypeId, '2-2');
  });

  test('the bulk commands carry schemas and definitions through NDJSON and CSV', async (t) => {
    const app = await buildTestApp(t, { adminToken: ADMIN });
    await createSchema(app, { ...CARS, shouldCreateSameObjectAssociation: true });
    const [contact] = await app.createRecords('contacts', 1);
    const car = await createCar(app, 'cars', { model: 'T' });
    const put = await app.request(
      'PUT',
      `/crm/v4/objects/cars/${car}/associations/default/contacts/${contact}`,
    );
    assert.equal(put.status, 200, put.text);
    const original = await app.request(
      'GET',
      `/_emulator/portals/${DEFAULT_PORTAL_ID}/export`,
      undefined,
      admin,
    );
    for (const [format, portalId] of [
      ['ndjson', 21],
      ['csv', 22],
    ] as const) {
      const output = new PassThrough();
      const pieces: Buffer[] = [];
      output.on('data', (piece: Buffer) => pieces.push(piece));
      await exportPortal(app.store, { portalId: DEFAULT_PORTAL_ID, format, output });
      const text = Buffer.concat(pieces).toString('utf8');
      await importPortal(app.store, { portalId, format, input: Readable.from([text]) });
      const copy = await app.request(
        'GET',
        `/_emulator/portals/${portalId}/export`,
        undefined,
        admin,
      );
      assert.deepEqual(copy.body.schemas, original.body.schemas, format);
      assert.deepEqual(copy.body.labels, original.body.labels, format);
      assert.deepEqual(copy.body.associations, original.body.associations, format);
      assert.deepEqual(copy.body.portal.nextSchemaId, 2, format);
    }
  });

  test('an import naming a custom type no schema defines is refused and changes nothing', async (t) => {
    const app = await buildTestApp(t, { adminToken: ADMIN });
    const document = {
      format: 1,
      records: [
        {
          objectTypeId: '2-7',
          id: '10000000001',
          properties: {},
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
          archivedAt: null,
        },
      ],
    };
    const response = await app.request(
      'POST',
      `/_emulator/portals/${DEFAULT_PORTAL_ID}/import`,
      document,
      admin,
    );
    assert.equal(response.status, 400, response.text);
    assert.match(response.body.message, /names no schema of the import/);
  });

  test('reset empties schemas, and their ids start again', async (t) => {
    const app = await buildTestApp(t, { adminToken: ADMIN });
    await createSchema(app);
    await createCar(app, 'cars', { model: 'T' });
    const reset = await app.request(
      'POST',
      `/_emulator/portals/${DEFAULT_PORTAL_ID}/reset`,
      undefined,
      admin,
    );
    assert.equal(reset.status, 204, reset.text);
    assert.deepEqual((await app.request('GET', SCHEMAS)).body.results, []);
    assert.equal((await app.request('GET', '/crm/v4/associations/0-1/0-2/labels')).status, 200);
    const again = await createSchema(app);
    assert.equal(again.objectTypeId, '2-1');
    assert.deepEqual((await app.request('GET', '/crm/v3/objects/cars')).body.results, []);
  });
});

describe('schema races', () => {
  test('two creates at once get distinct ids; ids are never handed out again after a purge', async (t) => {
    const app = await buildTestApp(t);
    const [a, b] = await Promise.all([
      app.request('POST', SCHEMAS, { ...CARS, name: 'racer_a', associatedObjects: ['contacts'] }),
      app.request('POST', SCHEMAS, { ...CARS, name: 'racer_b', associatedObjects: ['contacts'] }),
    ]);
    assert.equal(a.status, 201, a.text);
    assert.equal(b.status, 201, b.text);
    const ids = [a.body.objectTypeId, b.body.objectTypeId].sort();
    assert.deepEqual(ids, ['2-1', '2-2']);
    // Their definitions got distinct type ids from the one label sequence too.
    const typeIds = [a.body.associations[0].id, b.body.associations[0].id];
    assert.equal(new Set(typeIds).size, 2);
    for (const id of ids) {
      assert.equal((await app.request('DELETE', `${SCHEMAS}/${id}`)).status, 204);
      assert.equal((await app.request('DELETE', `${SCHEMAS}/${id}?archived=true`)).status, 204);
    }
    const after = await createSchema(app, { ...CARS, name: 'racer_a' });
    assert.equal(after.objectTypeId, '2-3');
  });

  test('two creates of one name at once: one schema, the other answered 409', async (t) => {
    const app = await buildTestApp(t);
    const responses = await Promise.all([
      app.request('POST', SCHEMAS, CARS),
      app.request('POST', SCHEMAS, { ...CARS, name: 'Cars' }),
    ]);
    assert.deepEqual(responses.map((response) => response.status).sort(), [201, 409]);
    assert.equal((await app.request('GET', SCHEMAS)).body.results.length, 1);
  });
});

describe('scopes in strict mode', () => {
  test("schemas need HubSpot's schema scopes, custom records the custom objects' scopes", async (t) => {
    const app = await buildTestApp(t, { auth: 'strict', adminToken: 'admin-for-scopes' });
    const tokenWith = async (...scopes: string[]) => ({
      token: (await app.core.tokens.create(DEFAULT_PORTAL_ID, { scopes })).token,
    });
    const missing = (response: Awaited<ReturnType<TestApp['request']>>) => {
      assert.equal(response.status, 403, response.text);
      return response.body.context.missingScopes as string[];
    };
    const schemaWriter = await tokenWith('crm.schemas.custom.write');
    assert.deepEqual(
      missing(await app.request('POST', SCHEMAS, CARS, await tokenWith('crm.schemas.custom.read'))),
      ['crm.schemas.custom.write'],
    );
    assert.equal((await app.request('POST', SCHEMAS, CARS, schemaWriter)).status, 201);
    assert.deepEqual(
      missing(
        await app.request('GET', SCHEMAS, undefined, await tokenWith('crm.objects.contacts.read')),
      ),
      ['crm.schemas.custom.read'],
    );
    for (const scope of ['crm.schemas.custom.read', 'crm.objects.custom.read']) {
      assert.equal(
        (await app.request('GET', `${SCHEMAS}/cars`, undefined, await tokenWith(scope))).status,
        200,
      );
    }

    const reader = await tokenWith('crm.objects.custom.read');
    const writer = await tokenWith('crm.objects.custom.write', 'crm.objects.contacts.write');
    assert.deepEqual(
      missing(
        await app.request('POST', '/crm/v3/objects/cars', { properties: { model: 'T' } }, reader),
      ),
      ['crm.objects.custom.write'],
    );
    const created = await app.request(
      'POST',
      '/crm/v3/objects/2-1',
      { properties: { model: 'T' } },
      writer,
    );
    assert.equal(created.status, 201, created.text);
    assert.equal((await app.request('GET', '/crm/v3/objects/cars', undefined, reader)).status, 200);
    const [contact] = await app.createRecords('contacts', 1, writer);
    const association = `/crm/v4/objects/cars/${created.body.id}/associations/default/contacts/${contact}`;
    assert.deepEqual(
      missing(
        await app.request(
          'PUT',
          association,
          undefined,
          await tokenWith('crm.objects.custom.write'),
        ),
      ),
      ['crm.objects.contacts.write'],
    );
    assert.equal((await app.request('PUT', association, undefined, writer)).status, 200);
  });
});

describe("the Properties API on a custom type's properties", () => {
  test('lists and reads the schema properties, and adds, changes and archives its own', async (t) => {
    const app = await buildTestApp(t);
    await createSchema(app);
    const base = '/crm/v3/properties/cars';
    const listed = await app.request('GET', base);
    assert.equal(listed.status, 200, listed.text);
    const names = listed.body.results.map((property: any) => property.name);
    assert.ok(names.includes('model') && names.includes('hs_object_id'));
    const model = await app.request('GET', `${base}/model`);
    assert.equal(model.body.type, 'string');
    assert.equal(model.body.modificationMetadata.readOnlyDefinition, false);
    const id = await app.request('GET', '/crm/v3/properties/2-1/hs_object_id');
    assert.equal(id.body.modificationMetadata.readOnlyDefinition, true);

    const mileage = {
      name: 'mileage',
      label: 'Mileage',
      type: 'number',
      fieldType: 'number',
      groupName: 'cars_information',
    };
    const created = await app.request('POST', base, mileage);
    assert.equal(created.status, 201, created.text);
    assert.equal((await app.request('POST', base, mileage)).status, 409);
    const schema = await app.request('GET', `${SCHEMAS}/cars`);
    assert.ok(schema.body.properties.some((property: any) => property.name === 'mileage'));
    // The new property is the type's own: records take it, and search compares it as a number.
    await createCar(app, 'cars', { model: 'Golf', mileage: '900' });
    await createCar(app, 'cars', { model: 'Polo', mileage: '10000' });
    const search = await app.request('POST', '/crm/v3/objects/cars/search', {
      filterGroups: [{ filters: [{ propertyName: 'mileage', operator: 'GT', value: '5000' }] }],
      properties: ['model'],
    });
    assert.deepEqual(
      search.body.results.map((record: any) => record.properties.model),
      ['Polo'],
    );

    const renamed = await app.request('PATCH', `${base}/mileage`, { label: 'Odometer' });
    assert.equal(renamed.status, 200, renamed.text);
    assert.equal((await app.request('GET', `${base}/mileage`)).body.label, 'Odometer');
    assert.equal((await app.request('PATCH', `${base}/hs_object_id`, { label: 'x' })).status, 400);
    assert.equal((await app.request('DELETE', `${base}/model`)).status, 400, 'required stays');
    assert.equal((await app.request('DELETE', `${base}/mileage`)).status, 204);
    assert.equal((await app.request('GET', `${base}/mileage`)).status, 404);
    const refused = await app.request('POST', '/crm/v3/objects/cars', {
      properties: { model: 'Up', mileage: '1' },
    });
    assert.equal(refused.status, 400, 'an archived property is no longer the type’s');
  });
});
