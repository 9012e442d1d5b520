// Portals are isolated: with another portal's record ids and label type ids, a portal's token
// reads none of that portal's data and changes none of it, through every operation served.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_SCOPES } from '../../src/core/scopes.js';
import {
  NO_BODY,
  SECRET_GROUP,
  SECRET_PROPERTY,
  UPSERT_EMAIL,
  bodyFor,
  urlFor,
  type Ids,
} from '../helpers/operation-requests.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

const ADMIN_TOKEN = 'admin-token-for-isolation';
/** Texts only portal A's data holds: a response to B containing one leaks A's data. */
const A_MARKERS = ['portal-A-secret', 'A Secret'];

/**
 * Portal A's data: a custom object schema and a record of it, two records with A's marker, a
 * label, a labelled association, a limit, a
 * property group and a property.
 */
async function populatePortalA(app: TestApp, token: string): Promise<Ids> {
  const create = async (type: string, name: string, withEmail = type === 'contacts') => {
    // B's upserts name this email: they must create B's own contact, not update A's.
    const email = withEmail ? { email: UPSERT_EMAIL } : {};
    const response = await app.request(
      'POST',
      `/crm/v3/objects/${type}`,
      { properties: { name, ...email } },
      { token },
    );
    assert.equal(response.status, 201, response.text);
    return response.body.id as string;
  };
  const schema = await app.request(
    'POST',
    '/crm/v3/schemas',
    {
      name: 'secret_things',
      labels: { singular: 'portal-A-secret thing', plural: 'portal-A-secret things' },
      primaryDisplayProperty: 'name',
      properties: [{ name: 'name', label: 'Name', type: 'string', fieldType: 'text' }],
      associatedObjects: ['contacts'],
    },
    { token },
  );
  assert.equal(schema.status, 201, schema.text);
  await create('2-1', 'portal-A-secret thing');
  const contact = await create('contacts', 'portal-A-secret contact');
  const company = await create('companies', 'portal-A-secret company');
  // The email is unique among live contacts: the archived one has none.
  await create('contacts', 'portal-A-secret archived contact', false).then((id) =>
    app.request('DELETE', `/crm/v3/objects/contacts/${id}`, undefined, { token }),
  );
  const labels = await app.request(
    'POST',
    '/crm/associations/v4/contacts/companies/labels',
    { name: 'a_secret', label: 'A Secret', inverseLabel: 'A Secret Inverse' },
    { token },
  );
  assert.equal(labels.status, 200, labels.text);
  const labelTypeId = labels.body.results.find((type: any) => type.label === 'A Secret')
    .typeId as number;
  const put = await app.request(
    'PUT',
    `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`,
    [
      { associationCategory: 'USER_DEFINED', associationTypeId: labelTypeId },
      { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 },
    ],
    { token },
  );
  assert.equal(put.status, 201, put.text);
  const limits = await app.request(
    'POST',
    '/crm/associations/v4/definitions/configurations/contacts/companies/batch/create',
    { inputs: [{ category: 'USER_DEFINED', typeId: labelTypeId, maxToObjectIds: 3 }] },
    { token },
  );
  assert.equal(limits.status, 201, limits.text);
  const group = await app.request(
    'POST',
    '/crm/v3/properties/contacts/groups',
    { name: SECRET_GROUP, label: 'A Secret group' },
    { token },
  );
  assert.equal(group.status, 201, group.text);
  const property = await app.request(
    'POST',
    '/crm/v3/properties/contacts',
    {
      name: SECRET_PROPERTY,
      label: 'A Secret property',
      type: 'string',
      fieldType: 'text',
      groupName: SECRET_GROUP,
    },
    { token },
  );
  assert.equal(property.status, 201, property.text);
  return { contact, company, labelTypeId };
}

test("another portal's token neither reads nor changes a portal's data, through every operation", async (t) => {
  const app = await buildTestApp(t, { auth: 'strict', adminToken: ADMIN_TOKEN });
  await app.core.portals.create({ portalId: 2, name: 'B' });
  const tokenA = (await app.core.tokens.create(1, { scopes: ALL_SCOPES })).token;
  const tokenB = (await app.core.tokens.create(2, { scopes: ALL_SCOPES })).token;
  const ids = await populatePortalA(app, tokenA);
  const fingerprint = async () => JSON.stringify(await app.core.portals.exportDocument(1));
  const before = await fingerprint();
  // A's own reads show its markers, so their absence from B's answers means something.
  const own = await app.request(
    'GET',
    `/crm/v3/objects/contacts/${ids.contact}?associations=companies`,
    undefined,
    { token: tokenA },
  );
  assert.match(own.text, /portal-A-secret/);

  const operations = app.app.operations.filter((operation) => operation.access !== 'control');
  assert.ok(operations.some((operation) => operation.family === 'v3'));
  assert.ok(operations.some((operation) => operation.family === '2026-09-beta'));
  // Reads first, while B holds nothing, then writes, then the reads again over B's own data.
  const reads = operations.filter((operation) => operation.access === 'read');
  const writes = operations.filter((operation) => operation.access === 'write');
  for (const operation of [...reads, ...writes, ...reads]) {
    const body = bodyFor(operation, ids);
    const response = await app.request(
      operation.method,
      urlFor(operation, ids),
      body === NO_BODY ? undefined : body,
      { token: tokenB },
    );
    const name = `${operation.method} ${operation.path}`;
    assert.ok(response.status < 500, `${name} answered ${response.status}: ${response.text}`);
    for (const marker of A_MARKERS) {
      assert.ok(
        !response.text.includes(marker),
        `${name} leaked portal A's data: ${response.text}`,
      );
    }
  }
  assert.equal(await fingerprint(), before, "portal A's state changed");
});
