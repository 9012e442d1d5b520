// The webhooks journal (2026-03) over HTTP on the engine under test: journal subscriptions and
// filters, writes journaled in their own transaction, offsets that page without gaps or repeats
// through every read, the files entries link to, expiry, snapshots and the app's credential.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { buildTestApp, type TestApp, type TestAppOptions } from '../helpers/test-app.js';

const ADMIN = { token: 'admin-token-for-tests' };
const APP_ID = 4321;
const KEY = 'developer-key-of-4321';
const SUBSCRIPTIONS = '/webhooks-journal/subscriptions/2026-03';
const JOURNAL = '/webhooks-journal/journal/2026-03';
const LOCAL = '/webhooks-journal/journal-local/2026-03';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A clock tests move by hand. */
function manualClock(start: number) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/** An app with app 4321 in it. */
async function journalApp(t: TestContext, options: TestAppOptions = {}): Promise<TestApp> {
  const app = await buildTestApp(t, { adminToken: ADMIN.token, ...options });
  const created = await app.request(
    'PUT',
    `/_emulator/apps/${APP_ID}`,
    { clientSecret: 'secret-of-4321', developerApiKey: KEY },
    ADMIN,
  );
  assert.equal(created.status, 200, created.text);
  return app;
}

/** Sends a request as app 4321 (its developer API key). */
function asApp(app: TestApp, method: string, url: string, body?: unknown) {
  const separator = url.includes('?') ? '&' : '?';
  return app.request(method, `${url}${separator}hapikey=${KEY}`, body);
}

async function subscribe(app: TestApp, body: object) {
  const answer = await asApp(app, 'POST', SUBSCRIPTIONS, body);
  assert.equal(answer.status, 200, answer.text);
  return answer.body as { id: number };
}

/** The events of an entry's file, fetched without any credential. */
async function fileOf(app: TestApp, url: string) {
  const { pathname } = new URL(url);
  const answer = await app.request('GET', pathname);
  assert.equal(answer.status, 200, answer.text);
  return answer.body as { offset: string; publishedAt: string; journalEvents: any[] };
}

async function associate(app: TestApp, contact: string, company: string) {
  const put = await app.request(
    'PUT',
    `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`,
  );
  assert.equal(put.status, 200, put.text);
}

test('journal subscriptions: the five shapes are upserted by type, portal and object type, read, filtered and deleted', async (t) => {
  const app = await journalApp(t);
  const object = {
    subscriptionType: 'OBJECT',
    portalId: 1,
    objectTypeId: '0-1',
    objectIds: [],
    properties: ['email'],
    actions: ['CREATE', 'UPDATE'],
  };
  const created = await asApp(app, 'POST', SUBSCRIPTIONS, object);
  assert.equal(created.status, 200, created.text);
  assert.deepEqual(
    { ...created.body, createdAt: typeof created.body.createdAt, updatedAt: 'x' },
    {
      id: created.body.id,
      appId: APP_ID,
      portalId: 1,
      subscriptionType: 'OBJECT',
      objectTypeId: '0-1',
      actions: ['CREATE', 'UPDATE'],
      objectIds: [],
      properties: ['email'],
      createdAt: 'string',
      updatedAt: 'x',
    },
  );
  const replaced = await asApp(app, 'POST', SUBSCRIPTIONS, { ...object, actions: ['DELETE'] });
  assert.equal(replaced.body.id, created.body.id, 'the same type, portal and object type upsert');
  assert.deepEqual(replaced.body.actions, ['DELETE']);

  const others = [
    {
      subscriptionType: 'ASSOCIATION',
      portalId: 1,
      objectTypeId: '0-1',
      objectIds: [],
      associatedObjectTypeIds: ['0-2'],
      actions: ['ASSOCIATION_ADDED'],
    },
    { subscriptionType: 'APP_LIFECYCLE_EVENT', eventTypeId: '4-1909196', properties: [] },
    {
      subscriptionType: 'LIST_MEMBERSHIP',
      portalId: 1,
      listIds: [12],
      objectIds: [],
      actions: ['ADDED_TO_LIST'],
    },
    {
      subscriptionType: 'GDPR_PRIVACY_DELETION',
      portalId: 1,
      objectTypeId: '0-1',
      actions: ['GDPR_DELETE'],
    },
  ];
  const ids = [created.body.id as number];
  for (const body of others) ids.push((await subscribe(app, body)).id);
  const listed = await asApp(app, 'GET', SUBSCRIPTIONS);
  assert.deepEqual(
    listed.body.results.map((s: any) => [s.id, s.subscriptionType, s.objectTypeId]),
    [
      [ids[0], 'OBJECT', '0-1'],
      [ids[1], 'ASSOCIATION', '0-1'],
      [ids[2], 'APP_LIFECYCLE_EVENT', '4-1909196'],
      [ids[3], 'LIST_MEMBERSHIP', '0-45'],
      [ids[4], 'GDPR_PRIVACY_DELETION', '0-1'],
    ],
  );
  assert.equal(listed.body.results[2].portalId, undefined);
  assert.deepEqual(listed.body.results[3].listIds, [12]);
  const one = await asApp(app, 'GET', `${SUBSCRIPTIONS}/${ids[1]}`);
  assert.deepEqual(one.body.associatedObjectTypeIds, ['0-2']);

  const wrong = await asApp(app, 'POST', SUBSCRIPTIONS, { ...object, actions: ['GDPR_DELETE'] });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.category, 'VALIDATION_ERROR');
  const missing = await asApp(app, 'POST', SUBSCRIPTIONS, { subscriptionType: 'OBJECT' });
  assert.equal(missing.status, 400);
  assert.match(missing.body.message, /portalId, objectTypeId, objectIds, properties, actions/);

  const condition = { filterType: 'CRM_OBJECT_PROPERTY', property: 'email', operator: 'EQ' };
  const noValue = await asApp(app, 'POST', `${SUBSCRIPTIONS}/filters`, {
    subscriptionId: ids[0],
    filter: { conditions: [condition] },
  });
  assert.equal(noValue.status, 400, 'EQ needs a value');
  const filter = { conditions: [{ ...condition, value: 'a@b.c' }] };
  const filterId = (
    await asApp(app, 'POST', `${SUBSCRIPTIONS}/filters`, { subscriptionId: ids[0], filter })
  ).body.filterId;
  const read = await asApp(app, 'GET', `${SUBSCRIPTIONS}/filters/${filterId}`);
  assert.deepEqual(
    { ...read.body, createdAt: typeof read.body.createdAt },
    {
      id: filterId,
      filter,
      createdAt: 'number',
    },
  );
  const ofSubscription = await asApp(app, 'GET', `${SUBSCRIPTIONS}/filters/subscription/${ids[0]}`);
  assert.deepEqual(
    ofSubscription.body.map((f: any) => f.id),
    [filterId],
  );
  assert.equal((await asApp(app, 'DELETE', `${SUBSCRIPTIONS}/filters/${filterId}`)).status, 204);
  assert.equal((await asApp(app, 'GET', `${SUBSCRIPTIONS}/filters/${filterId}`)).status, 404);

  assert.equal((await asApp(app, 'DELETE', `${SUBSCRIPTIONS}/${ids[2]}`)).status, 204);
  const gone = await asApp(app, 'GET', `${SUBSCRIPTIONS}/${ids[2]}`);
  assert.equal(gone.status, 404);
  assert.equal(gone.body.category, 'OBJECT_NOT_FOUND');
  assert.equal((await asApp(app, 'DELETE', `${SUBSCRIPTIONS}/portals/1`)).status, 204);
  assert.deepEqual((await asApp(app, 'GET', SUBSCRIPTIONS)).body.results, []);
});

test("journal operations answer to the app's developer API key; files need no credential", async (t) => {
  const app = await journalApp(t, { auth: 'strict' });
  const none = await app.request('GET', SUBSCRIPTIONS);
  assert.equal(none.status, 401);
  assert.equal(none.body.category, 'INVALID_AUTHENTICATION');
  const wrongKey = await app.request('GET', `${SUBSCRIPTIONS}?hapikey=not-a-key`);
  assert.equal(wrongKey.status, 401);
  assert.equal((await asApp(app, 'GET', SUBSCRIPTIONS)).status, 200);
  assert.equal((await app.request('GET', '/_emulator/journal-files/not-a-token')).status, 404);
});

test('writes are journaled: entries page by offset without gaps or repeats through every read', async (t) => {
  const app = await journalApp(t);
  const [contact, second] = await app.createRecords('contacts', 2);
  const companies = await app.createRecords('companies', 5);
  assert.equal((await asApp(app, 'GET', `${JOURNAL}/earliest`)).status, 204, 'empty journal');
  assert.equal((await asApp(app, 'GET', `${JOURNAL}/latest`)).status, 204);
  const emptyBatch = await asApp(app, 'GET', `${JOURNAL}/batch/earliest/10`);
  assert.equal(emptyBatch.status, 200);
  assert.deepEqual(emptyBatch.body.results, []);

  await subscribe(app, {
    subscriptionType: 'ASSOCIATION',
    portalId: 1,
    objectTypeId: '0-1',
    objectIds: [],
    associatedObjectTypeIds: ['0-2'],
    actions: ['ASSOCIATION_ADDED', 'ASSOCIATION_REMOVED'],
  });
  for (const company of companies) await associate(app, contact!, company);
  const objects = await subscribe(app, {
    subscriptionType: 'OBJECT',
    portalId: 1,
    objectTypeId: '0-1',
    objectIds: [],
    properties: [],
    actions: ['CREATE'],
  });
  const [created] = await app.createRecords('contacts', 1);
  await associate(app, second!, companies[0]!);

  // Every entry, one at a time from the earliest through `next`.
  const walked: any[] = [];
  let entry = await asApp(app, 'GET', `${JOURNAL}/earliest`);
  while (entry.status === 200) {
    walked.push(entry.body);
    entry = await asApp(app, 'GET', `${JOURNAL}/offset/${entry.body.currentOffset}/next`);
  }
  assert.equal(entry.status, 204, 'nothing after the latest entry yet');
  assert.equal(walked.length, 7, 'five associations, a create, one more association');
  const offsets = walked.map((e) => e.currentOffset as string);
  assert.equal(new Set(offsets).size, 7);
  assert.deepEqual([...offsets].sort(), offsets, 'offsets order as their entries');
  assert.ok(offsets.every((offset) => /^[0-9a-f-]{36}$/.test(offset)));
  const latest = await asApp(app, 'GET', `${JOURNAL}/latest`);
  assert.equal(latest.body.currentOffset, offsets[6]);

  // The files: the association row each write added (one direction: the subscription's), then
  // the create.
  const files = await Promise.all(walked.map((e) => fileOf(app, e.url)));
  assert.deepEqual(
    files.map((file) => file.offset),
    offsets,
  );
  assert.deepEqual(
    files.map((file) => file.journalEvents.map((event) => [event.action, event.toObjectId])),
    [
      ...companies.map((company) => [['ASSOCIATION_ADDED', Number(company)]]),
      [['CREATE', undefined]],
      [['ASSOCIATION_ADDED', Number(companies[0])]],
    ],
  );
  const first = files[0]!.journalEvents;
  assert.deepEqual(
    { ...first[0], occurredAt: typeof first[0].occurredAt },
    {
      type: 'ASSOCIATION',
      subscriptionId: first[0].subscriptionId,
      portalId: 1,
      occurredAt: 'number',
      changeSource: 'CRM',
      action: 'ASSOCIATION_ADDED',
      fromObjectTypeId: '0-1',
      fromObjectId: Number(contact),
      toObjectTypeId: '0-2',
      toObjectId: Number(companies[0]),
      associationCategory: 'HUBSPOT_DEFINED',
      associationTypeId: 279,
      isPrimary: false,
    },
  );
  assert.deepEqual(
    files[5]!.journalEvents.map((event) => [event.subscriptionId, event.action, event.objectId]),
    [[objects.id, 'CREATE', Number(created)]],
  );

  // The same entries in batches of two: from the earliest, then after each batch's last.
  const paged: string[] = [];
  let batch = await asApp(app, 'GET', `${JOURNAL}/batch/earliest/2`);
  while (batch.body.results.length > 0) {
    assert.equal(batch.status, 200);
    assert.equal(batch.body.status, 'COMPLETE');
    paged.push(...batch.body.results.map((e: any) => e.currentOffset));
    batch = await asApp(app, 'GET', `${JOURNAL}/batch/${paged.at(-1)}/next/2`);
  }
  assert.deepEqual(paged, offsets);
  const lastThree = await asApp(app, 'GET', `${JOURNAL}/batch/latest/3`);
  assert.deepEqual(
    lastThree.body.results.map((e: any) => e.currentOffset),
    offsets.slice(4),
  );

  // batch/read: in the order asked, with an unknown offset failing its input (207).
  const unknown = `${offsets[0]!.slice(0, 24)}ffffffffffff`;
  const read = await asApp(app, 'POST', `${JOURNAL}/batch/read`, {
    inputs: [offsets[3], unknown, offsets[1]],
  });
  assert.equal(read.status, 207);
  assert.deepEqual(
    read.body.results.map((e: any) => e.currentOffset),
    [offsets[3], offsets[1]],
  );
  assert.equal(read.body.numErrors, 1);
  const allKnown = await asApp(app, 'POST', `${JOURNAL}/batch/read`, { inputs: [offsets[2]] });
  assert.equal(allKnown.status, 200);
  const tooMany = await asApp(app, 'POST', `${JOURNAL}/batch/read`, {
    inputs: Array.from({ length: 101 }, () => offsets[0]),
  });
  assert.equal(tooMany.status, 400);

  for (const bad of [unknown, 'not-an-offset']) {
    const next = await asApp(app, 'GET', `${JOURNAL}/offset/${bad}/next`);
    assert.equal(next.status, 404, bad);
    assert.equal(next.body.category, 'OBJECT_NOT_FOUND');
    assert.equal((await asApp(app, 'GET', `${JOURNAL}/batch/${bad}/next/5`)).status, 404);
  }

  // The local journal of portal 1 holds the same entries; another portal's holds none.
  const local = await asApp(app, 'GET', `${LOCAL}/batch/earliest/100?installPortalId=1`);
  assert.deepEqual(
    local.body.results.map((e: any) => e.currentOffset),
    offsets,
  );
  assert.equal((await asApp(app, 'GET', `${LOCAL}/earliest?installPortalId=2`)).status, 204);
  assert.equal(
    (await asApp(app, 'GET', `${LOCAL}/offset/${offsets[0]}/next?installPortalId=2`)).status,
    404,
    "an offset of another portal's entry is not one of this local journal",
  );
});

test('journal entries expire after three days, and their files with them', async (t) => {
  const clock = manualClock(Date.UTC(2026, 2, 1, 12, 0, 0));
  const app = await journalApp(t, { clock });
  await subscribe(app, {
    subscriptionType: 'OBJECT',
    portalId: 1,
    objectTypeId: '0-2',
    objectIds: [],
    properties: [],
    actions: ['CREATE'],
  });
  await app.createRecords('companies', 1);
  clock.advance(DAY_MS);
  await app.createRecords('companies', 1);
  const [first, second] = (await asApp(app, 'GET', `${JOURNAL}/batch/earliest/10`)).body.results;
  assert.equal(first.expiresAt, new Date(Date.UTC(2026, 2, 4, 12, 0, 0)).toISOString());
  clock.advance(2 * DAY_MS);
  const earliest = await asApp(app, 'GET', `${JOURNAL}/earliest`);
  assert.equal(earliest.body.currentOffset, second.currentOffset, 'the first has expired');
  assert.equal(
    (await asApp(app, 'GET', `${JOURNAL}/offset/${first.currentOffset}/next`)).status,
    404,
  );
  assert.equal((await app.request('GET', new URL(first.url).pathname)).status, 404);
  assert.equal((await fileOf(app, second.url)).journalEvents.length, 1);
});

test("snapshots deliver records' current values through the journal and report SUCCESS", async (t) => {
  const app = await journalApp(t);
  const created = await app.request('POST', '/crm/v3/objects/contacts', {
    properties: { email: 'snap@example.com', firstname: 'Snap' },
  });
  assert.equal(created.status, 201, created.text);
  const id = Number(created.body.id);
  const answer = await asApp(app, 'POST', '/webhooks-journal/snapshots/2026-03/crm', {
    snapshotRequests: [
      { portalId: 1, objectTypeId: '0-1', objectId: id, properties: ['email', 'lastname'] },
      { portalId: 1, objectTypeId: '0-1', objectId: 999, properties: ['email'] },
    ],
  });
  assert.equal(answer.status, 200, answer.text);
  const [taken, missing] = answer.body.snapshotResponses;
  assert.deepEqual(
    { ...taken, snapshotStatusId: typeof taken.snapshotStatusId },
    { portalId: 1, objectTypeId: '0-1', objectId: id, snapshotStatusId: 'string' },
  );
  const status = await asApp(app, 'GET', `${JOURNAL}/status/${taken.snapshotStatusId}`);
  assert.equal(status.status, 200, status.text);
  assert.equal(status.body.status, 'SUCCESS');
  assert.equal(typeof status.body.completedAt, 'number');
  const failed = await asApp(app, 'GET', `${LOCAL}/status/${missing.snapshotStatusId}`);
  assert.deepEqual([failed.body.status, failed.body.errorCode], ['FAILED', 'VALIDATION_ERROR']);
  assert.equal((await asApp(app, 'GET', `${JOURNAL}/status/not-a-status`)).status, 404);

  const latest = await asApp(app, 'GET', `${JOURNAL}/latest`);
  const [event] = (await fileOf(app, latest.body.url)).journalEvents;
  assert.deepEqual(
    { ...event, occurredAt: typeof event.occurredAt },
    {
      type: 'OBJECT',
      portalId: 1,
      occurredAt: 'number',
      action: 'SNAPSHOT',
      snapshotStatusId: taken.snapshotStatusId,
      objectTypeId: '0-1',
      objectId: id,
      properties: { email: 'snap@example.com', lastname: null },
    },
  );
});

test("a subscription's filters journal only the records whose values meet them", async (t) => {
  const app = await journalApp(t);
  const { id } = await subscribe(app, {
    subscriptionType: 'OBJECT',
    portalId: 1,
    objectTypeId: '0-1',
    objectIds: [],
    properties: [],
    actions: ['CREATE', 'UPDATE'],
  });
  const filter = await asApp(app, 'POST', `${SUBSCRIPTIONS}/filters`, {
    subscriptionId: id,
    filter: {
      conditions: [
        {
          filterType: 'CRM_OBJECT_PROPERTY',
          property: 'email',
          operator: 'ENDS_WITH',
          value: '@keep.test',
        },
      ],
    },
  });
  assert.equal(filter.status, 200, filter.text);
  const created = await app.request('POST', '/crm/v3/objects/contacts/batch/create', {
    inputs: [{ properties: { email: 'a@keep.test' } }, { properties: { email: 'b@drop.test' } }],
  });
  assert.equal(created.status, 201, created.text);
  const [kept, dropped] = created.body.results
    .map((record: { id: string; properties: { email: string } }) => record)
    .sort((a: any, b: any) => a.properties.email.localeCompare(b.properties.email))
    .map((record: { id: string }) => Number(record.id));
  const moved = await app.request('PATCH', `/crm/v3/objects/contacts/${dropped}`, {
    properties: { email: 'b@keep.test' },
  });
  assert.equal(moved.status, 200, moved.text);
  const entries = (await asApp(app, 'GET', `${JOURNAL}/batch/earliest/10`)).body.results;
  const events = (await Promise.all(entries.map((e: any) => fileOf(app, e.url)))).flatMap(
    (file) => file.journalEvents,
  );
  assert.deepEqual(
    events.map((event) => [event.action, event.objectId]),
    [
      ['CREATE', kept],
      ['UPDATE', dropped],
    ],
    'the second record is journaled once its new email meets the filter',
  );
});

/** Asks the token endpoint for a client-credentials token of app 4321, as a form. */
async function tokenOf(app: TestApp, secret: string, scope?: string) {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: String(APP_ID),
    client_secret: secret,
    ...(scope === undefined ? {} : { scope }),
  });
  const answer = await app.app.inject({
    method: 'POST',
    url: '/oauth/v1/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  });
  return { status: answer.statusCode, body: answer.json() };
}

test('client-credentials tokens act for their app with their scopes, until they expire or the secret changes', async (t) => {
  const clock = manualClock(Date.UTC(2026, 2, 1, 12, 0, 0));
  const app = await journalApp(t, { auth: 'strict', clock });
  assert.equal((await tokenOf(app, 'wrong-secret')).status, 400);
  const reader = await tokenOf(app, 'secret-of-4321', 'developer.webhooks_journal.read');
  assert.equal(reader.status, 200, JSON.stringify(reader.body));
  assert.deepEqual(
    { ...reader.body, access_token: typeof reader.body.access_token },
    {
      token_type: 'bearer',
      access_token: 'string',
      expires_in: 1800,
      scope: 'developer.webhooks_journal.read',
    },
  );
  const token = { token: reader.body.access_token as string };
  const read = await app.request('GET', `${JOURNAL}/batch/earliest/5`, undefined, token);
  assert.equal(read.status, 200, read.text);
  const refused = await app.request('GET', SUBSCRIPTIONS, undefined, token);
  assert.equal(refused.status, 403);
  assert.deepEqual(refused.body.context.missingScopes, [
    'developer.webhooks_journal.subscriptions.read',
  ]);
  const manager = await tokenOf(app, 'secret-of-4321', 'webhooks-journal-subscription-management');
  const listed = await app.request('GET', SUBSCRIPTIONS, undefined, {
    token: manager.body.access_token,
  });
  assert.equal(listed.status, 200, "the definitions' scope names grant too");

  clock.advance(1800 * 1000);
  assert.equal(
    (await app.request('GET', `${JOURNAL}/batch/earliest/5`, undefined, token)).status,
    401,
    'expired',
  );
  const fresh = await tokenOf(app, 'secret-of-4321');
  await app.request('PUT', `/_emulator/apps/${APP_ID}`, { clientSecret: 'rotated' }, ADMIN);
  const revoked = await app.request('GET', SUBSCRIPTIONS, undefined, {
    token: fresh.body.access_token,
  });
  assert.equal(revoked.status, 401, 'a new secret revokes the tokens signed with the old one');
});
