// CRM search over HTTP: every operator on every value type, association filters, the text query,
// sorts, paging to the end and past HubSpot's cap, and every error, on each family's path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_PORTAL_ID } from '../../src/http/build-app.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

type Filter = Record<string, unknown>;

/** Creates contacts with these properties; returns their ids in order. */
async function contacts(app: TestApp, ...properties: Record<string, string>[]) {
  const response = await app.request('POST', '/crm/v3/objects/contacts/batch/create', {
    inputs: properties.map((values) => ({ properties: values })),
  });
  assert.equal(response.status, 201);
  // batch/create answers in input order.
  return (response.body.results as { id: string }[]).map((result) => result.id);
}

async function search(app: TestApp, body: unknown, path = '/crm/v3/objects/contacts/search') {
  return app.request('POST', path, body);
}

/** The ids a search finds (one group of these filters), in order. */
async function ids(app: TestApp, ...filters: Filter[]) {
  const response = await search(app, { filterGroups: [{ filters }], limit: 200 });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return (response.body.results as { id: string }[]).map((result) => result.id);
}

test('search answers {total, results, paging} with the default properties, on every family path', async (t) => {
  const app = await buildTestApp(t);
  const [ann] = await contacts(
    app,
    { email: 'ann@example.com', firstname: 'Ann', city: 'Oslo' },
    { email: 'bob@example.com', firstname: 'Bob' },
  );
  const response = await search(app, {});
  assert.equal(response.status, 200);
  assert.equal(response.body.total, 2);
  assert.equal(response.body.paging, undefined);
  const [first] = response.body.results;
  assert.equal(first.id, ann);
  // Unasked, a contact search returns email and names (null when unset), id and times only.
  assert.deepEqual(Object.keys(first.properties).sort(), [
    'createdate',
    'email',
    'firstname',
    'hs_object_id',
    'lastmodifieddate',
    'lastname',
  ]);
  assert.equal(first.properties.lastname, null);
  assert.equal(first.archived, false);
  const named = await search(app, { properties: ['city'], limit: 1 });
  assert.deepEqual(named.body.results[0].properties.city, 'Oslo');
  assert.equal(named.body.results[0].properties.email, undefined);
  assert.deepEqual(named.body.paging, { next: { after: '1' } });
  for (const path of [
    '/crm/v3/objects/0-1/search',
    '/crm/v3/objects/contact/search',
    '/crm/objects/2025-09/contacts/search',
    '/crm/objects/2026-03/contacts/search',
    '/crm/objects/2026-09/0-1/search',
    '/crm/objects/2026-09-beta/contacts/search',
  ]) {
    const other = await search(
      app,
      {
        filterGroups: [{ filters: [{ propertyName: 'firstname', operator: 'EQ', value: 'ann' }] }],
      },
      path,
    );
    assert.equal(other.status, 200, path);
    assert.equal(other.body.total, 1, path);
  }
  const companies = await search(app, {}, '/crm/v3/objects/companies/search');
  assert.deepEqual(companies.body, { total: 0, results: [] });
});

test('string properties: EQ, NEQ, IN and NOT_IN ignore case; ranges compare text; tokens match words', async (t) => {
  const app = await buildTestApp(t);
  const [ann, bob, cyd] = await contacts(
    app,
    { email: 'Ann@Example.com', jobtitle: 'Chief Data Officer' },
    { email: 'bob@example.org', jobtitle: 'Engineer' },
    { firstname: 'Cyd' },
  );
  const email = (operator: string, extra: Filter = {}) => ({
    propertyName: 'email',
    operator,
    ...extra,
  });
  assert.deepEqual(await ids(app, email('EQ', { value: 'ann@example.COM' })), [ann]);
  assert.deepEqual(await ids(app, email('NEQ', { value: 'ann@example.com' })), [bob, cyd]);
  assert.deepEqual(
    await ids(app, email('IN', { values: ['ann@example.com', 'bob@example.org'] })),
    [ann, bob],
  );
  assert.deepEqual(await ids(app, email('NOT_IN', { values: ['ann@example.com'] })), [bob, cyd]);
  assert.deepEqual(await ids(app, email('GT', { value: 'b' })), [bob]);
  assert.deepEqual(await ids(app, email('LTE', { value: 'ann@example.com' })), [ann]);
  assert.deepEqual(await ids(app, email('BETWEEN', { value: 'a', highValue: 'c' })), [ann, bob]);
  assert.deepEqual(await ids(app, email('HAS_PROPERTY')), [ann, bob]);
  assert.deepEqual(await ids(app, email('NOT_HAS_PROPERTY')), [cyd]);
  assert.deepEqual(await ids(app, email('CONTAINS_TOKEN', { value: '*@example.com' })), [ann]);
  assert.deepEqual(await ids(app, email('NOT_CONTAINS_TOKEN', { value: '*@example.com' })), [
    bob,
    cyd,
  ]);
  const title = (value: string) => ({
    propertyName: 'jobtitle',
    operator: 'CONTAINS_TOKEN',
    value,
  });
  assert.deepEqual(await ids(app, title('data')), [ann]);
  assert.deepEqual(await ids(app, title('engin*')), [bob]);
  // A token is a whole word: part of one does not match.
  assert.deepEqual(await ids(app, title('dat')), []);
});

test('numbers, dates and datetimes compare as values; enumerations exactly; bools as text', async (t) => {
  const app = await buildTestApp(t);
  const deal = async (properties: Record<string, string>) =>
    (await app.request('POST', '/crm/v3/objects/deals', { properties })).body.id as string;
  const small = await deal({ amount: '9.5', closedate: '2024-01-15', dealstage: 'closedwon' });
  const big = await deal({
    amount: '100',
    closedate: '2024-03-01T10:00:00Z',
    dealstage: 'ClosedWon',
  });
  const none = await deal({ dealname: 'none', hs_is_closed: 'true' });
  const found = async (...filters: Filter[]) => {
    const response = await search(
      app,
      { filterGroups: [{ filters }] },
      '/crm/v3/objects/deals/search',
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body.results as { id: string }[]).map((result) => result.id);
  };
  const amount = (operator: string, extra: Filter) => ({
    propertyName: 'amount',
    operator,
    ...extra,
  });
  // As text "100" < "9.5"; as numbers 9.5 < 100.
  assert.deepEqual(await found(amount('GT', { value: '10' })), [big]);
  assert.deepEqual(await found(amount('LT', { value: 10 })), [small]);
  assert.deepEqual(await found(amount('EQ', { value: '100.0' })), [big]);
  assert.deepEqual(await found(amount('IN', { values: ['9.5', '100'] })), [small, big]);
  assert.deepEqual(await found(amount('NEQ', { value: '100' })), [small, none]);
  assert.deepEqual(await found(amount('BETWEEN', { value: '9.5', highValue: '99' })), [small]);
  // Dates: epoch ms (HubSpot's examples) or ISO 8601.
  const feb = String(Date.parse('2024-02-01T00:00:00Z'));
  assert.deepEqual(await found({ propertyName: 'closedate', operator: 'GTE', value: feb }), [big]);
  assert.deepEqual(
    await found({ propertyName: 'closedate', operator: 'LT', value: '2024-02-01' }),
    [small],
  );
  assert.deepEqual(
    await found({
      propertyName: 'closedate',
      operator: 'EQ',
      value: String(Date.parse('2024-01-15')),
    }),
    [small],
  );
  // Enumeration options are case-sensitive.
  assert.deepEqual(await found({ propertyName: 'dealstage', operator: 'EQ', value: 'closedwon' }), [
    small,
  ]);
  assert.deepEqual(
    await found({ propertyName: 'dealstage', operator: 'IN', values: ['ClosedWon'] }),
    [big],
  );
  assert.deepEqual(await found({ propertyName: 'hs_is_closed', operator: 'EQ', value: true }), [
    none,
  ]);
  // The record's own columns: id, creation and modification times.
  assert.deepEqual(await found({ propertyName: 'hs_object_id', operator: 'EQ', value: big }), [
    big,
  ]);
  assert.deepEqual(await found({ propertyName: 'hs_object_id', operator: 'GT', value: small }), [
    big,
    none,
  ]);
  const created = (await app.request('GET', `/crm/v3/objects/deals/${small}`)).body
    .createdAt as string;
  assert.deepEqual(
    await found({
      propertyName: 'createdate',
      operator: 'GTE',
      value: String(Date.parse(created)),
    }),
    [small, big, none],
  );
  assert.deepEqual(
    await found({
      propertyName: 'hs_lastmodifieddate',
      operator: 'GT',
      value: String(Date.parse(created) + 60_000),
    }),
    [],
  );
});

test('groups are ORed and filters ANDed; the text query narrows them', async (t) => {
  const app = await buildTestApp(t);
  const [ann, bob, cyd] = await contacts(
    app,
    { firstname: 'Ann', lastname: 'Lee', city: 'Oslo' },
    { firstname: 'Bob', lastname: 'Lee', city: 'Rome' },
    { firstname: 'Cyd', lastname: 'Annable', city: 'Oslo' },
  );
  const is = (propertyName: string, value: string) => ({ propertyName, operator: 'EQ', value });
  const or = await search(app, {
    filterGroups: [
      { filters: [is('city', 'oslo'), is('lastname', 'lee')] },
      { filters: [is('firstname', 'bob')] },
    ],
  });
  assert.deepEqual(
    or.body.results.map((result: { id: string }) => result.id),
    [ann, bob],
  );
  // The query matches the start of a word of the default searchable properties.
  const query = await search(app, { query: 'ann' });
  assert.deepEqual(
    query.body.results.map((result: { id: string }) => result.id),
    [ann, cyd],
  );
  const both = await search(app, {
    query: 'ann',
    filterGroups: [{ filters: [is('lastname', 'lee')] }],
  });
  assert.equal(both.body.total, 1);
  assert.equal(both.body.results[0].id, ann);
  assert.equal((await search(app, { query: 'rome' })).body.total, 0);
});

test('association filters: the contacts of a company (any label), with filters, sorts and paging', async (t) => {
  const app = await buildTestApp(t);
  const [ann, bob, cyd, dee] = await contacts(
    app,
    { firstname: 'Ann', city: 'Oslo' },
    { firstname: 'Bob', city: 'Rome' },
    { firstname: 'Cyd', city: 'Oslo' },
    { firstname: 'Dee', city: 'Oslo' },
  );
  const [acme, globex] = (
    await app.request('POST', '/crm/v3/objects/companies/batch/create', {
      inputs: [{ properties: { name: 'Acme' } }, { properties: { name: 'Globex' } }],
    })
  ).body.results.map((result: { id: string }) => result.id);
  const associate = (contact: string, company: string, typeId: number) =>
    app.request('PUT', `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`, [
      { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId },
    ]);
  assert.equal((await associate(ann!, acme, 279)).status, 201);
  assert.equal((await associate(bob!, acme, 1)).status, 201); // Primary
  assert.equal((await associate(cyd!, acme, 279)).status, 201);
  assert.equal((await associate(dee!, globex, 279)).status, 201);
  const atAcme = { propertyName: 'associations.company', operator: 'EQ', value: acme };
  assert.deepEqual(await ids(app, atAcme), [ann, bob, cyd]);
  assert.deepEqual(
    await ids(app, atAcme, { propertyName: 'city', operator: 'EQ', value: 'Oslo' }),
    [ann, cyd],
  );
  assert.deepEqual(
    await ids(app, {
      propertyName: 'associations.companies',
      operator: 'IN',
      values: [acme, globex],
    }),
    [ann, bob, cyd, dee],
  );
  const sorted = await search(app, {
    filterGroups: [{ filters: [atAcme] }],
    sorts: [{ propertyName: 'firstname', direction: 'DESCENDING' }],
    limit: 2,
  });
  assert.equal(sorted.body.total, 3);
  assert.deepEqual(
    sorted.body.results.map((result: { id: string }) => result.id),
    [cyd, bob],
  );
  const rest = await search(app, {
    filterGroups: [{ filters: [atAcme] }],
    sorts: [{ propertyName: 'firstname', direction: 'DESCENDING' }],
    limit: 2,
    after: sorted.body.paging.next.after,
  });
  assert.deepEqual(
    rest.body.results.map((result: { id: string }) => result.id),
    [ann],
  );
  assert.equal(rest.body.paging, undefined);
  // The other direction: the companies of a contact.
  const ofBob = await search(
    app,
    {
      filterGroups: [
        { filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: bob }] },
      ],
    },
    '/crm/v3/objects/companies/search',
  );
  assert.deepEqual(
    ofBob.body.results.map((result: { id: string }) => result.id),
    [acme],
  );
  // An archived contact leaves the results.
  await app.request('DELETE', `/crm/v3/objects/contacts/${ann}`);
  assert.deepEqual(await ids(app, atAcme), [bob, cyd]);
});

test('sorts: by a property ascending or descending (unset last), by the string form; default oldest first', async (t) => {
  const app = await buildTestApp(t);
  const [ten, nine, none] = await contacts(app, { score: '10' }, { score: '9' }, {});
  const sortedBy = async (sorts: unknown[]) =>
    (await search(app, { sorts })).body.results.map((result: { id: string }) => result.id);
  // score is not a known number property: it compares as text.
  assert.deepEqual(await sortedBy([{ propertyName: 'score', direction: 'ASCENDING' }]), [
    ten,
    nine,
    none,
  ]);
  assert.deepEqual(await sortedBy(['score']), [ten, nine, none]);
  assert.deepEqual(await sortedBy([{ propertyName: 'hs_object_id', direction: 'DESCENDING' }]), [
    none,
    nine,
    ten,
  ]);
  assert.deepEqual(await sortedBy([]), [ten, nine, none]);
});

test('paging runs to the end, then stops at the 10,000th result with a 400 past it', async (t) => {
  const app = await buildTestApp(t);
  const [a, b, c] = await contacts(app, {}, {}, {});
  const seen: string[] = [];
  let after: string | undefined;
  do {
    const response = await search(app, { limit: 1, ...(after ? { after } : {}) });
    assert.equal(response.body.total, 3);
    seen.push(...response.body.results.map((result: { id: string }) => result.id));
    after = response.body.paging?.next.after;
  } while (after !== undefined);
  assert.deepEqual(seen, [a, b, c]);
  const beyond = await search(app, { after: '3' });
  assert.deepEqual(beyond.body, { total: 3, results: [] });

  // Past the cap: 10,005 records, written straight to the store.
  await app.store.transaction((tx) =>
    tx.insertRecords(
      DEFAULT_PORTAL_ID,
      '0-1',
      Array.from({ length: 10_002 }, () => ({ properties: {} })),
      new Date(),
    ),
  );
  const last = await search(app, { limit: 200, after: '9900' });
  assert.equal(last.status, 200);
  assert.equal(last.body.total, 10_005);
  // The page stops at the 10,000th result; the next page is handed out, and refused.
  assert.equal(last.body.results.length, 100);
  assert.deepEqual(last.body.paging, { next: { after: '10000' } });
  const past = await search(app, { limit: 10, after: '10000' });
  assert.equal(past.status, 400);
  assert.equal(past.body.category, 'VALIDATION_ERROR');
  assert.match(past.body.message, /10000/);
});

test('bad searches answer HubSpot envelopes and change nothing', async (t) => {
  const app = await buildTestApp(t);
  await contacts(app, { email: 'a@example.com' });
  const filter = (extra: Filter) => ({
    filterGroups: [{ filters: [{ propertyName: 'email', ...extra }] }],
  });
  const group = (count: number) => ({
    filters: Array.from({ length: count }, () => ({
      propertyName: 'email',
      operator: 'HAS_PROPERTY',
    })),
  });
  const cases: [string, unknown, RegExp][] = [
    ['unknown operator', filter({ operator: 'LIKE', value: 'a' }), /operator/],
    ['EQ without value', filter({ operator: 'EQ' }), /value is required/],
    ['IN without values', filter({ operator: 'IN', values: [] }), /values/],
    ['BETWEEN without highValue', filter({ operator: 'BETWEEN', value: 'a' }), /highValue/],
    ['HAS_PROPERTY with a value', filter({ operator: 'HAS_PROPERTY', value: 'a' }), /no value/],
    [
      'a number filter on text',
      {
        filterGroups: [
          { filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: 'abc' }] },
        ],
      },
      /not a number/,
    ],
    [
      'a date filter on text',
      {
        filterGroups: [
          { filters: [{ propertyName: 'createdate', operator: 'GT', value: 'yesterday' }] },
        ],
      },
      /not a date/,
    ],
    [
      'a malformed property',
      { filterGroups: [{ filters: [{ propertyName: 'e mail', operator: 'EQ', value: 'a' }] }] },
      /e mail/,
    ],
    [
      'an unknown association type',
      {
        filterGroups: [
          { filters: [{ propertyName: 'associations.widget', operator: 'EQ', value: '1' }] },
        ],
      },
      /widget/,
    ],
    [
      'an association with NEQ',
      {
        filterGroups: [
          { filters: [{ propertyName: 'associations.company', operator: 'NEQ', value: '1' }] },
        ],
      },
      /EQ or IN/,
    ],
    [
      'an association id that is no id',
      {
        filterGroups: [
          { filters: [{ propertyName: 'associations.company', operator: 'EQ', value: 'x' }] },
        ],
      },
      /not a record id/,
    ],
    ['six groups', { filterGroups: Array.from({ length: 6 }, () => group(1)) }, /5 filter groups/],
    ['eleven filters in a group', { filterGroups: [group(11)] }, /10 filters/],
    ['twenty-six filters', { filterGroups: [group(10), group(10), group(6)] }, /25 filters/],
    ['two sorts', { sorts: ['email', 'firstname'] }, /one sort/],
    ['a sort by an association', { sorts: ['associations.company'] }, /association/],
    ['limit over 200', { limit: 201 }, /limit/],
    ['a negative limit', { limit: -1 }, /limit/],
    ['an after that is no offset', { after: 'abc' }, /abc/],
    ['a query too long', { query: 'x'.repeat(3001) }, /query/],
  ];
  for (const [name, body, message] of cases) {
    const response = await search(app, body);
    assert.equal(response.status, 400, name);
    assert.equal(response.body.status, 'error', name);
    assert.equal(response.body.category, 'VALIDATION_ERROR', name);
    assert.match(response.body.message, message, name);
    assert.ok(response.body.correlationId, name);
  }
  const unknownType = await search(app, {}, '/crm/v3/objects/widgets/search');
  assert.equal(unknownType.status, 400);
  assert.equal((await search(app, {})).body.total, 1);
});

test('index lag: a portal set to lag leaves recent writes out of search until the lag has passed', async (t) => {
  let now = Date.UTC(2026, 5, 1, 9, 0, 0);
  const app = await buildTestApp(t, { clock: { now: () => new Date(now) } });
  const [old] = await contacts(app, { city: 'oslo' });
  const lagPath = `/_emulator/portals/${DEFAULT_PORTAL_ID}/search-lag`;
  assert.deepEqual((await app.request('GET', lagPath)).body, {
    portalId: DEFAULT_PORTAL_ID,
    lagMs: 0,
  });
  const set = await app.request('PUT', lagPath, { lagMs: 2000 });
  assert.equal(set.status, 200);
  assert.deepEqual(set.body, { portalId: DEFAULT_PORTAL_ID, lagMs: 2000 });
  now += 5000;
  const [fresh] = await contacts(app, { city: 'oslo' });
  const inOslo = {
    filterGroups: [{ filters: [{ propertyName: 'city', operator: 'EQ', value: 'oslo' }] }],
  };
  const lagging = await search(app, inOslo);
  assert.deepEqual(
    { total: lagging.body.total, ids: lagging.body.results.map((r: { id: string }) => r.id) },
    { total: 1, ids: [old] },
  );
  // A read by id is never behind.
  assert.equal((await app.request('GET', `/crm/v3/objects/contacts/${fresh}`)).status, 200);
  now += 2001;
  assert.equal((await search(app, inOslo)).body.total, 2);
  // Back to the server's setting (immediate), and bad values change nothing.
  assert.equal((await app.request('PUT', lagPath, { lagMs: -1 })).status, 400);
  assert.equal(
    (await app.request('PUT', '/_emulator/portals/999/search-lag', { lagMs: 5 })).status,
    404,
  );
  assert.equal((await app.request('PUT', lagPath, { lagMs: null })).body.lagMs, 0);
  now += 1;
  await contacts(app, { city: 'oslo' });
  assert.equal((await search(app, inOslo)).body.total, 3);
});

test('index lag set for the whole server applies to every portal', async (t) => {
  let now = Date.UTC(2026, 5, 1, 9, 0, 0);
  const app = await buildTestApp(t, {
    clock: { now: () => new Date(now) },
    settings: { searchLagMs: 1000 },
  });
  await contacts(app, { city: 'rome' });
  assert.equal((await search(app, {})).body.total, 0);
  now += 1000;
  assert.equal((await search(app, {})).body.total, 1);
});
