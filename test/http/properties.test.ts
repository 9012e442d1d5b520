// The Properties API over HTTP: built-in and defined properties, every operation and error, groups,
// batches, schema scopes, search on a defined typed property, and the refusal of undeclared
// properties in record writes with its option.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_PORTAL_ID } from '../../src/http/build-app.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const BASE = '/crm/v3/properties/contacts';

function definition(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    label: `The ${name}`,
    type: 'string',
    fieldType: 'text',
    groupName: 'contactinformation',
    ...extra,
  };
}

async function create(app: TestApp, body: unknown, path = BASE) {
  return app.request('POST', path, body);
}

test('built-in properties are listed read-only, in the type default group', async (t) => {
  const app = await buildTestApp(t);
  const list = await app.request('GET', BASE);
  assert.equal(list.status, 200);
  const names = (list.body.results as { name: string }[]).map((property) => property.name);
  assert.ok(names.includes('email') && names.includes('createdate'));
  assert.deepEqual(names, [...names].sort());
  const email = await app.request('GET', `${BASE}/email`);
  assert.equal(email.status, 200);
  assert.equal(email.body.type, 'string');
  assert.equal(email.body.groupName, 'contactinformation');
  assert.equal(email.body.hubspotDefined, true);
  assert.equal(email.body.archived, false);
  assert.deepEqual(email.body.modificationMetadata, {
    archivable: false,
    readOnlyDefinition: true,
    readOnlyValue: false,
    readOnlyOptions: true,
  });
  const created = await app.request('GET', `${BASE}/createdate`);
  assert.equal(created.body.type, 'datetime');
  assert.equal(created.body.modificationMetadata.readOnlyValue, true);
  const deals = await app.request('GET', '/crm/v3/properties/deals/amount');
  assert.equal(deals.body.type, 'number');
  assert.equal(deals.body.groupName, 'dealinformation');
  // The archived list holds defined properties only: none yet.
  const archived = await app.request('GET', `${BASE}?archived=true`);
  assert.deepEqual(archived.body, { results: [] });
});

test('create, read, update and archive a property; archived ones read with archived=true', async (t) => {
  const app = await buildTestApp(t);
  const created = await create(
    app,
    definition('favourite_colour', {
      type: 'enumeration',
      fieldType: 'select',
      description: 'Their colour',
      options: [
        { label: 'Red', value: 'red', hidden: false, displayOrder: 1 },
        { label: 'Blue', value: 'blue', hidden: false, displayOrder: 2 },
      ],
    }),
  );
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.name, 'favourite_colour');
  assert.equal(created.body.type, 'enumeration');
  assert.equal(created.body.hubspotDefined, false);
  assert.equal(created.body.archived, false);
  assert.equal(created.body.displayOrder, -1);
  assert.equal(created.body.description, 'Their colour');
  assert.match(created.body.createdAt, /^\d{4}-\d{2}-\d{2}T/);
  assert.deepEqual(created.body.modificationMetadata, {
    archivable: true,
    readOnlyDefinition: false,
    readOnlyValue: false,
    readOnlyOptions: false,
  });
  const read = await app.request('GET', `${BASE}/favourite_colour`);
  assert.deepEqual(read.body, created.body);
  const listed = await app.request('GET', BASE);
  assert.ok((listed.body.results as { name: string }[]).some((p) => p.name === 'favourite_colour'));

  // PATCH replaces the options whole and keeps what it does not name.
  const updated = await app.request('PATCH', `${BASE}/favourite_colour`, {
    label: 'Colour',
    options: [{ label: 'Green', value: 'green', hidden: false }],
  });
  assert.equal(updated.status, 200);
  assert.equal(updated.body.label, 'Colour');
  assert.equal(updated.body.description, 'Their colour');
  assert.deepEqual(
    updated.body.options.map((option: { value: string }) => option.value),
    ['green'],
  );

  const archived = await app.request('DELETE', `${BASE}/favourite_colour`);
  assert.equal(archived.status, 204);
  assert.equal(archived.text, '');
  assert.equal((await app.request('GET', `${BASE}/favourite_colour`)).status, 404);
  const asArchived = await app.request('GET', `${BASE}/favourite_colour?archived=true`);
  assert.equal(asArchived.status, 200);
  assert.equal(asArchived.body.archived, true);
  assert.match(asArchived.body.archivedAt, /^\d{4}-/);
  const archivedList = await app.request('GET', `${BASE}?archived=true`);
  assert.deepEqual(
    archivedList.body.results.map((p: { name: string }) => p.name),
    ['favourite_colour'],
  );
  // Re-creating an archived name restores it with the new definition.
  const again = await create(app, definition('favourite_colour'));
  assert.equal(again.status, 201);
  assert.equal(again.body.type, 'string');
  assert.equal((await app.request('GET', `${BASE}/favourite_colour`)).status, 200);
});

test('property errors answer HubSpot envelopes and change nothing', async (t) => {
  const app = await buildTestApp(t);
  assert.equal((await create(app, definition('shoe_size'))).status, 201);

  const duplicate = await create(app, definition('shoe_size'));
  assert.equal(duplicate.status, 409);
  assert.equal(duplicate.body.category, 'OBJECT_ALREADY_EXISTS');
  assert.equal(duplicate.body.subCategory, 'Properties.PROPERTY_WITH_NAME_EXISTS');
  const builtIn = await create(app, definition('email'));
  assert.equal(builtIn.status, 409);

  const missing = await app.request('GET', `${BASE}/no_such_property`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.category, 'OBJECT_NOT_FOUND');
  assert.equal(
    (await app.request('PATCH', `${BASE}/no_such_property`, { label: 'x' })).status,
    404,
  );
  assert.equal((await app.request('DELETE', `${BASE}/no_such_property`)).status, 404);

  const badPair = await create(app, definition('age', { type: 'number', fieldType: 'text' }));
  assert.equal(badPair.status, 400);
  assert.equal(badPair.body.category, 'VALIDATION_ERROR');
  assert.match(badPair.body.message, /fieldType 'text'/);
  const badType = await create(app, definition('age', { type: 'integer', fieldType: 'number' }));
  assert.equal(badType.status, 400);
  const badName = await create(app, definition('Age-1'));
  assert.equal(badName.status, 400);
  const noGroup = await create(app, definition('age', { groupName: 'nosuchgroup' }));
  assert.equal(noGroup.status, 400);
  assert.match(noGroup.body.message, /nosuchgroup/);
  const optionsOnString = await create(
    app,
    definition('age', { options: [{ label: 'A', value: 'a', hidden: false }] }),
  );
  assert.equal(optionsOnString.status, 400);
  const noLabel = await create(app, { name: 'age', type: 'string', fieldType: 'text' });
  assert.equal(noLabel.status, 400);
  const badPatch = await app.request('PATCH', `${BASE}/shoe_size`, { fieldType: 'number' });
  assert.equal(badPatch.status, 400);
  assert.equal((await app.request('GET', `${BASE}/shoe_size`)).body.fieldType, 'text');

  const readOnly = await app.request('DELETE', `${BASE}/email`);
  assert.equal(readOnly.status, 400);
  assert.equal(readOnly.body.category, 'VALIDATION_ERROR');
  assert.equal((await app.request('PATCH', `${BASE}/email`, { label: 'Mail' })).status, 400);
  assert.equal((await app.request('GET', `${BASE}/email`)).body.hubspotDefined, true);

  const unknownType = await app.request('GET', '/crm/v3/properties/widgets');
  assert.equal(unknownType.status, 400);
  assert.equal((await app.request('GET', `${BASE}/age`)).status, 404);
});

test('batch create (201, or 207 with the failed inputs), read and archive', async (t) => {
  const app = await buildTestApp(t);
  const all = await create(
    app,
    { inputs: [definition('a_one'), definition('a_two', { type: 'number', fieldType: 'number' })] },
    `${BASE}/batch/create`,
  );
  assert.equal(all.status, 201);
  assert.equal(all.body.status, 'COMPLETE');
  assert.deepEqual(
    all.body.results.map((p: { name: string }) => p.name),
    ['a_one', 'a_two'],
  );
  const partial = await create(
    app,
    { inputs: [definition('a_three'), definition('a_one')] },
    `${BASE}/batch/create`,
  );
  assert.equal(partial.status, 207);
  assert.equal(partial.body.numErrors, 1);
  assert.equal(partial.body.errors[0].category, 'OBJECT_ALREADY_EXISTS');
  const none = await create(app, { inputs: [definition('a_one')] }, `${BASE}/batch/create`);
  assert.equal(none.status, 409);

  const read = await app.request('POST', `${BASE}/batch/read`, {
    inputs: [{ name: 'a_two' }, { name: 'email' }, { name: 'nope' }],
  });
  assert.equal(read.status, 207);
  assert.deepEqual(
    read.body.results.map((p: { name: string }) => p.name),
    ['a_two', 'email'],
  );
  assert.equal(read.body.errors[0].category, 'OBJECT_NOT_FOUND');

  const archived = await app.request('POST', `${BASE}/batch/archive`, {
    inputs: [{ name: 'a_one' }, { name: 'nope' }, { name: 'email' }],
  });
  assert.equal(archived.status, 204);
  assert.equal((await app.request('GET', `${BASE}/a_one`)).status, 404);
  assert.equal((await app.request('GET', `${BASE}/email`)).status, 200);
  const readArchived = await app.request('POST', `${BASE}/batch/read`, {
    inputs: [{ name: 'a_one' }],
    archived: true,
  });
  assert.equal(readArchived.status, 200);
  assert.equal(readArchived.body.results[0].archived, true);
});

test('property groups: defaults, create, read, update, archive and their errors', async (t) => {
  const app = await buildTestApp(t);
  const groups = `${BASE}/groups`;
  const list = await app.request('GET', groups);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.results, [
    { name: 'contactinformation', label: 'Contact information', displayOrder: -1, archived: false },
  ]);
  const created = await app.request('POST', groups, { name: 'loyalty', label: 'Loyalty' });
  assert.equal(created.status, 201);
  assert.deepEqual(created.body, {
    name: 'loyalty',
    label: 'Loyalty',
    displayOrder: -1,
    archived: false,
  });
  assert.equal((await app.request('POST', groups, { name: 'loyalty', label: 'L' })).status, 409);
  assert.equal(
    (await app.request('POST', groups, { name: 'contactinformation', label: 'C' })).status,
    409,
  );
  assert.equal((await app.request('POST', groups, { name: 'Bad Name', label: 'L' })).status, 400);
  const read = await app.request('GET', `${groups}/loyalty`);
  assert.deepEqual(read.body, created.body);
  const updated = await app.request('PATCH', `${groups}/loyalty`, { displayOrder: 3 });
  assert.equal(updated.status, 200);
  assert.deepEqual(updated.body, {
    name: 'loyalty',
    label: 'Loyalty',
    displayOrder: 3,
    archived: false,
  });
  assert.equal((await app.request('GET', `${groups}/nope`)).status, 404);
  assert.equal((await app.request('PATCH', `${groups}/nope`, { label: 'x' })).status, 404);
  assert.equal((await app.request('DELETE', `${groups}/contactinformation`)).status, 400);

  // A property in the group keeps it from being archived.
  assert.equal((await create(app, definition('points', { groupName: 'loyalty' }))).status, 201);
  const busy = await app.request('DELETE', `${groups}/loyalty`);
  assert.equal(busy.status, 400);
  assert.equal(busy.body.subCategory, 'PropertyGroupError.GROUP_WITH_ACTIVE_PROPERTIES');
  assert.equal((await app.request('DELETE', `${BASE}/points`)).status, 204);
  assert.equal((await app.request('DELETE', `${groups}/loyalty`)).status, 204);
  assert.equal((await app.request('GET', `${groups}/loyalty`)).status, 404);
  assert.equal((await create(app, definition('more', { groupName: 'loyalty' }))).status, 400);
});

test('definitions belong to one portal and one object type', async (t) => {
  const app = await buildTestApp(t);
  assert.equal((await create(app, definition('shared_name'))).status, 201);
  assert.equal((await app.request('GET', '/crm/v3/properties/companies/shared_name')).status, 404);
  await app.core.portals.create({ portalId: 77 });
  const other = await app.core.properties.list(77, { id: '0-1' } as never, false);
  assert.ok(!other.some((property) => property.name === 'shared_name'));
  const mine = await app.core.properties.list(DEFAULT_PORTAL_ID, { id: '0-1' } as never, false);
  assert.ok(mine.some((property) => property.name === 'shared_name'));
});

test('search compares a defined number property as a number', async (t) => {
  const app = await buildTestApp(t);
  const response = await app.request('POST', '/crm/v3/objects/contacts/batch/create', {
    inputs: ['9', '10', '100'].map((score) => ({ properties: { score } })),
  });
  assert.equal(response.status, 201);
  const searchAbove = async () => {
    const found = await app.request('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'score', operator: 'GT', value: '50' }] }],
      sorts: [{ propertyName: 'score', direction: 'ASCENDING' }],
      properties: ['score'],
    });
    assert.equal(found.status, 200);
    return (found.body.results as { properties: { score: string } }[]).map(
      (result) => result.properties.score,
    );
  };
  // Undeclared, the values compare as text: "9" sorts after "50".
  assert.deepEqual(await searchAbove(), ['9']);
  assert.equal(
    (await create(app, definition('score', { type: 'number', fieldType: 'number' }))).status,
    201,
  );
  assert.deepEqual(await searchAbove(), ['100']);
});

test('record writes naming undeclared properties are refused with refuse, stored with accept', async (t) => {
  const strict = await buildTestApp(t, { settings: { undeclaredProperties: 'refuse' } });
  const refused = await strict.request('POST', '/crm/v3/objects/contacts', {
    properties: { email: 'a@example.com', shoe_size: '42', hat: 'no' },
  });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.category, 'VALIDATION_ERROR');
  assert.match(refused.body.message, /^Property values were not valid: \[/);
  const entries = JSON.parse(refused.body.message.slice('Property values were not valid: '.length));
  assert.deepEqual(
    entries.map((entry: { name: string; error: string }) => [entry.name, entry.error]),
    [
      ['shoe_size', 'PROPERTY_DOESNT_EXIST'],
      ['hat', 'PROPERTY_DOESNT_EXIST'],
    ],
  );
  assert.equal(entries[0].message, 'Property "shoe_size" does not exist');
  const listed = await strict.request('GET', '/crm/v3/objects/contacts');
  assert.deepEqual(listed.body.results, []);

  // Declared (or built in), the same write passes, in every write of the objects API.
  for (const name of ['shoe_size', 'hat']) {
    assert.equal((await create(strict, definition(name))).status, 201);
  }
  const created = await strict.request('POST', '/crm/v3/objects/contacts', {
    properties: { email: 'a@example.com', shoe_size: '42', hat: 'no' },
  });
  assert.equal(created.status, 201);
  const id = created.body.id as string;
  for (const [method, path, body] of [
    ['PATCH', `/crm/v3/objects/contacts/${id}`, { properties: { glove: '1' } }],
    [
      'POST',
      '/crm/v3/objects/contacts/batch/update',
      { inputs: [{ id, properties: { glove: '1' } }] },
    ],
    ['POST', '/crm/v3/objects/contacts/batch/create', { inputs: [{ properties: { glove: '1' } }] }],
    [
      'POST',
      '/crm/v3/objects/contacts/batch/upsert',
      { inputs: [{ id: 'b@example.com', idProperty: 'email', properties: { glove: '1' } }] },
    ],
    ['POST', '/crm/objects/2026-03/contacts', { properties: { glove: '1' } }],
  ] as const) {
    const answer = await strict.request(method, path, body);
    assert.equal(answer.status, 400, `${method} ${path}`);
    assert.match(answer.body.message, /PROPERTY_DOESNT_EXIST/);
  }
  // An archived property is undeclared again.
  assert.equal((await strict.request('DELETE', `${BASE}/hat`)).status, 204);
  const afterArchive = await strict.request('PATCH', `/crm/v3/objects/contacts/${id}`, {
    properties: { hat: 'yes' },
  });
  assert.equal(afterArchive.status, 400);

  const lenient = await buildTestApp(t, { settings: { undeclaredProperties: 'accept' } });
  const stored = await lenient.request('POST', '/crm/v3/objects/contacts', {
    properties: { shoe_size: '42' },
  });
  assert.equal(stored.status, 201);
  assert.equal(stored.body.properties.shoe_size, '42');
});

test('the Properties API needs the object type schema scopes in strict mode', async (t) => {
  const app = await buildTestApp(t, { auth: 'strict', adminToken: 'admin-token-for-tests' });
  const token = async (scopes: string[]) =>
    (await app.core.tokens.create(DEFAULT_PORTAL_ID, { scopes })).token;
  const reader = await token(['crm.objects.contacts.read']);
  const schemaWriter = await token(['crm.schemas.contacts.write']);
  assert.equal((await app.request('GET', BASE, undefined, { token: reader })).status, 200);
  const denied = await app.request('POST', BASE, definition('x_one'), { token: reader });
  assert.equal(denied.status, 403);
  assert.deepEqual(denied.body.context.missingScopes, ['crm.schemas.contacts.write']);
  const allowed = await app.request('POST', BASE, definition('x_one'), { token: schemaWriter });
  assert.equal(allowed.status, 201);
  const companies = await app.request('GET', '/crm/v3/properties/companies', undefined, {
    token: schemaWriter,
  });
  assert.equal(companies.status, 403);
  assert.deepEqual(companies.body.context.missingScopes, ['crm.schemas.companies.read']);
});

test('the control API export carries definitions, its import restores them, reset clears them', async (t) => {
  const app = await buildTestApp(t);
  const groups = `${BASE}/groups`;
  assert.equal(
    (await app.request('POST', groups, { name: 'loyalty', label: 'Loyalty' })).status,
    201,
  );
  const points = definition('points', {
    type: 'number',
    fieldType: 'number',
    groupName: 'loyalty',
  });
  assert.equal((await create(app, points)).status, 201);
  assert.equal((await create(app, definition('gone'))).status, 201);
  assert.equal((await app.request('DELETE', `${BASE}/gone`)).status, 204);
  const exported = await app.request('GET', `/_emulator/portals/${DEFAULT_PORTAL_ID}/export`);
  assert.equal(exported.status, 200);
  assert.deepEqual(
    exported.body.propertyGroups.map((group: { name: string }) => group.name),
    ['loyalty'],
  );
  assert.deepEqual(
    exported.body.properties.map((property: { name: string; archivedAt: string | null }) => [
      property.name,
      property.archivedAt !== null,
    ]),
    [
      ['gone', true],
      ['points', false],
    ],
  );

  const imported = await app.request('POST', '/_emulator/portals/5/import', exported.body);
  assert.equal(imported.status, 200, imported.text);
  assert.equal(imported.body.properties, 3);
  const copied = await app.core.properties.get(5, { id: '0-1' } as never, 'points', false);
  assert.equal(copied.type, 'number');
  assert.equal(copied.groupName, 'loyalty');
  const again = await app.request('GET', '/_emulator/portals/5/export');
  assert.deepEqual({ ...again.body, portal: undefined }, { ...exported.body, portal: undefined });

  // A document whose property names a group it does not hold is refused whole.
  const orphan = { ...exported.body, propertyGroups: [] };
  const refused = await app.request('POST', '/_emulator/portals/6/import', orphan);
  assert.equal(refused.status, 400);
  assert.match(refused.body.message, /\$\.properties\[1\]: .*loyalty/);

  assert.equal(
    (await app.request('POST', `/_emulator/portals/${DEFAULT_PORTAL_ID}/reset`)).status,
    204,
  );
  assert.equal((await app.request('GET', `${BASE}/points`)).status, 404);
  assert.equal((await app.request('GET', `${groups}/loyalty`)).status, 404);
});
