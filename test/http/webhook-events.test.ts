// Writes through every door reach a subscribed app as the events HubSpot sends for them: record
// creation, property changes, deletions, merges, GDPR deletions, and association changes on both
// sides, cascades included, signed and received by a real HTTP receiver.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const APP_ID = 5150;
const SECRET = 'secret-of-5150';
const SUBSCRIPTIONS = [
  { eventType: 'contact.creation' },
  { eventType: 'contact.deletion' },
  { eventType: 'contact.privacyDeletion' },
  { eventType: 'contact.merge' },
  { eventType: 'contact.propertyChange', propertyName: 'email' },
  { eventType: 'contact.associationChange' },
  { eventType: 'company.associationChange' },
  { eventType: 'object.associationChange', objectTypeId: '0-3' },
];

interface Subscribed {
  readonly app: TestApp;
  readonly receiver: WebhookReceiver;
  /** Waits until `count` more events arrived (and a little longer, to catch extras). */
  readonly next: (count: number) => Promise<Record<string, unknown>[]>;
}

async function subscribedApp(t: TestContext): Promise<Subscribed> {
  const receiver = await startReceiver(SECRET);
  t.after(() => receiver.close());
  const app = await buildTestApp(t, { webhooks: { pollIntervalMs: 20 } });
  await app.request('PUT', `/_emulator/apps/${APP_ID}`, { clientSecret: SECRET });
  const settings = await app.request('PUT', `/webhooks/v3/${APP_ID}/settings`, {
    targetUrl: receiver.url,
    throttling: { maxConcurrentRequests: 10 },
  });
  assert.equal(settings.status, 200, settings.text);
  for (const subscription of SUBSCRIPTIONS) {
    const created = await app.request('POST', `/webhooks/v3/${APP_ID}/subscriptions`, {
      ...subscription,
      active: true,
    });
    assert.equal(created.status, 201, created.text);
  }
  let seen = 0;
  const next = async (count: number) => {
    const deadline = Date.now() + 10_000;
    while (receiver.events().length < seen + count && Date.now() < deadline) await delay(20);
    await delay(150);
    const events = receiver.events().slice(seen);
    seen += events.length;
    return events;
  };
  return { app, receiver, next };
}

/** An event's gist, for comparing many at once: type, object and the fields that vary. */
function gist(event: Record<string, unknown>): string {
  const type = String(event['subscriptionType']);
  if (type.endsWith('associationChange')) {
    const removed = event['associationRemoved'] === true ? '-' : '+';
    const primary = event['isPrimaryAssociation'] === true ? ' primary' : '';
    return `${type} ${removed}${String(event['associationType'])} ${String(event['fromObjectId'])}>${String(event['toObjectId'])} ${String(event['associationCategory'])}/${String(event['associationTypeId'])}${primary}`;
  }
  if (type.endsWith('propertyChange')) {
    return `${type} ${String(event['objectId'])} ${String(event['propertyName'])}=${String(event['propertyValue'])}`;
  }
  return `${type} ${String(event['objectId'])}`;
}

const gists = (events: Record<string, unknown>[]) => events.map(gist).sort();

async function created(app: TestApp, type: string, properties: object = {}): Promise<string> {
  const answer = await app.request('POST', `/crm/v3/objects/${type}`, { properties });
  assert.equal(answer.status, 201, answer.text);
  return String(answer.body.id);
}

test('every delivery is signed (v1 and v3) and carries HubSpot fields', async (t) => {
  const { app, receiver, next } = await subscribedApp(t);
  const contact = await created(app, 'contacts', { email: 'a@example.com' });
  const [event] = await next(1);
  assert.ok(event);
  assert.deepEqual(
    { ...event, eventId: typeof event['eventId'], occurredAt: typeof event['occurredAt'] },
    {
      eventId: 'number',
      subscriptionId: event['subscriptionId'],
      portalId: event['portalId'],
      appId: APP_ID,
      occurredAt: 'number',
      subscriptionType: 'contact.creation',
      attemptNumber: 0,
      objectId: Number(contact),
      changeSource: 'CRM',
      changeFlag: 'NEW',
    },
  );
  assert.deepEqual(
    receiver.received.map((delivery) => [delivery.v1Valid, delivery.v3Valid]),
    [[true, true]],
    'the official SDK accepts both signatures',
  );
});

test('association writes through v4, v3, the dated families and legacy v1 fire on both sides', async (t) => {
  const { app, next } = await subscribedApp(t);
  const contact = await created(app, 'contacts');
  const company = await created(app, 'companies');
  const otherCompany = await created(app, 'companies');
  await next(1); // the contact's creation: nothing subscribes to companies' creations

  const put = await app.request(
    'PUT',
    `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`,
  );
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(gists(await next(2)), [
    `company.associationChange +COMPANY_TO_CONTACT ${company}>${contact} HUBSPOT_DEFINED/280`,
    `contact.associationChange +CONTACT_TO_COMPANY ${contact}>${company} HUBSPOT_DEFINED/279`,
  ]);

  // Making it Primary adds only the Primary rows: the unlabeled ones are stored already.
  const primary = await app.request(
    'POST',
    '/crm/associations/2026-03/contacts/companies/batch/create',
    {
      inputs: [
        {
          from: { id: contact },
          to: { id: company },
          types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }],
        },
      ],
    },
  );
  assert.ok(primary.status < 300, primary.text);
  assert.deepEqual(gists(await next(2)), [
    `company.associationChange +COMPANY_TO_CONTACT ${company}>${contact} HUBSPOT_DEFINED/2 primary`,
    `contact.associationChange +CONTACT_TO_COMPANY ${contact}>${company} HUBSPOT_DEFINED/1 primary`,
  ]);

  const legacy = await app.request('PUT', '/crm-associations/v1/associations', {
    fromObjectId: Number(contact),
    toObjectId: Number(otherCompany),
    category: 'HUBSPOT_DEFINED',
    definitionId: 279,
  });
  assert.equal(legacy.status, 204, legacy.text);
  assert.deepEqual(gists(await next(2)), [
    `company.associationChange +COMPANY_TO_CONTACT ${otherCompany}>${contact} HUBSPOT_DEFINED/280`,
    `contact.associationChange +CONTACT_TO_COMPANY ${contact}>${otherCompany} HUBSPOT_DEFINED/279`,
  ]);

  const archived = await app.request(
    'POST',
    '/crm/v3/associations/contacts/companies/batch/archive',
    {
      inputs: [
        { from: { id: contact }, to: { id: otherCompany }, type: 'contact_to_company_unlabeled' },
      ],
    },
  );
  assert.equal(archived.status, 204, archived.text);
  assert.deepEqual(gists(await next(2)), [
    `company.associationChange -COMPANY_TO_CONTACT ${otherCompany}>${contact} HUBSPOT_DEFINED/280`,
    `contact.associationChange -CONTACT_TO_COMPANY ${contact}>${otherCompany} HUBSPOT_DEFINED/279`,
  ]);

  const again = await app.request(
    'PUT',
    `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`,
  );
  assert.equal(again.status, 200);
  assert.deepEqual(await next(0), [], 'a write that changes nothing fires nothing');
});

test('generic object subscriptions fire for their type; records created with associations fire both', async (t) => {
  const { app, next } = await subscribedApp(t);
  const contact = await created(app, 'contacts');
  await next(1);
  const deal = await app.request('POST', '/crm/v3/objects/deals', {
    properties: { dealname: 'Big one' },
    associations: [
      {
        to: { id: contact },
        types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 3 }],
      },
    ],
  });
  assert.equal(deal.status, 201, deal.text);
  const events = await next(2);
  assert.deepEqual(gists(events), [
    `contact.associationChange +CONTACT_TO_DEAL ${contact}>${deal.body.id} HUBSPOT_DEFINED/4`,
    `object.associationChange +DEAL_TO_CONTACT ${deal.body.id}>${contact} HUBSPOT_DEFINED/3`,
  ]);
  const generic = events.find((event) => event['subscriptionType'] === 'object.associationChange');
  assert.equal(generic?.['objectTypeId'], '0-3');
});

test('property changes fire for changed values only; deletions cascade to association removals', async (t) => {
  const { app, next } = await subscribedApp(t);
  const contact = await created(app, 'contacts', { email: 'old@example.com' });
  const company = await created(app, 'companies');
  await app.request(
    'PUT',
    `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`,
  );
  await next(3);

  await app.request('PATCH', `/crm/v3/objects/contacts/${contact}`, {
    properties: { email: 'new@example.com', firstname: 'Ada' },
  });
  assert.deepEqual(gists(await next(1)), [
    `contact.propertyChange ${contact} email=new@example.com`,
  ]);
  await app.request('PATCH', `/crm/v3/objects/contacts/${contact}`, {
    properties: { email: 'new@example.com' },
  });
  assert.deepEqual(await next(0), [], 'setting the value it has is not a change');

  const deleted = await app.request('DELETE', `/crm/v3/objects/contacts/${contact}`);
  assert.equal(deleted.status, 204);
  assert.deepEqual(gists(await next(3)), [
    `company.associationChange -COMPANY_TO_CONTACT ${company}>${contact} HUBSPOT_DEFINED/280`,
    `contact.associationChange -CONTACT_TO_COMPANY ${contact}>${company} HUBSPOT_DEFINED/279`,
    `contact.deletion ${contact}`,
  ]);
});

test('a merge fires a merge event and the deletion of the record merged away; a GDPR delete a privacy deletion and a deletion', async (t) => {
  const { app, next } = await subscribedApp(t);
  const primary = await created(app, 'contacts', { email: 'keep@example.com' });
  const other = await created(app, 'contacts', { email: 'gone@example.com', firstname: 'Bo' });
  await next(2);
  const merged = await app.request('POST', '/crm/v3/objects/contacts/merge', {
    primaryObjectId: primary,
    objectIdToMerge: other,
  });
  assert.equal(merged.status, 200, merged.text);
  const [merge, deletion, ...extra] = await next(2);
  assert.deepEqual(extra, []);
  assert.equal(merge?.['subscriptionType'], 'contact.merge');
  // Nothing for the values and rows the merge moved: no propertyChange for the email it kept.
  assert.deepEqual(
    [deletion?.['subscriptionType'], deletion?.['objectId'], deletion?.['changeFlag']],
    ['contact.deletion', Number(other), 'DELETED'],
  );
  assert.deepEqual(
    [merge['primaryObjectId'], merge['mergedObjectIds'], merge['newObjectId'], merge['objectId']],
    [Number(primary), [Number(other)], Number(merged.body.id), Number(merged.body.id)],
  );
  assert.equal(merge['numberOfPropertiesMoved'], 1, 'firstname came from the merged record');

  const gdpr = await app.request('POST', '/crm/v3/objects/contacts/gdpr-delete', {
    objectId: merged.body.id,
  });
  assert.equal(gdpr.status, 204, gdpr.text);
  assert.deepEqual(gists(await next(2)), [
    `contact.deletion ${merged.body.id}`,
    `contact.privacyDeletion ${merged.body.id}`,
  ]);
});

test('nothing is logged or sent while no subscription is active', async (t) => {
  const { app, receiver, next } = await subscribedApp(t);
  const listed = await app.request('GET', `/webhooks/v3/${APP_ID}/subscriptions`);
  await app.request('POST', `/webhooks/v3/${APP_ID}/subscriptions/batch/update`, {
    inputs: listed.body.results.map((subscription: { id: string }) => ({
      id: Number(subscription.id),
      active: false,
    })),
  });
  await created(app, 'contacts', { email: 'quiet@example.com' });
  assert.deepEqual(await next(0), []);
  const deliveries = await app.request('GET', `/_emulator/webhooks/deliveries?appId=${APP_ID}`);
  assert.equal(deliveries.status, 200, deliveries.text);
  assert.deepEqual(deliveries.body.results, []);
  assert.equal(receiver.received.length, 0);
});

test('labels fire as USER_DEFINED rows, and deleting a label fires the removal of its rows', async (t) => {
  const { app, next } = await subscribedApp(t);
  const contact = await created(app, 'contacts');
  const company = await created(app, 'companies');
  await next(1);
  const label = await app.request('POST', '/crm/v4/associations/contacts/companies/labels', {
    label: 'Manager',
    name: 'manager',
    inverseLabel: 'Managed',
  });
  assert.equal(label.status, 200, label.text);
  const [forward, inverse] = label.body.results
    .map((type: { typeId: number }) => type.typeId)
    .sort((a: number, b: number) => a - b);
  const put = await app.request(
    'PUT',
    `/crm/objects/2025-09/contacts/${contact}/associations/companies/${company}`,
    [{ associationCategory: 'USER_DEFINED', associationTypeId: forward }],
  );
  assert.ok(put.status < 300, put.text);
  assert.deepEqual(gists(await next(4)), [
    `company.associationChange +COMPANY_TO_CONTACT ${company}>${contact} HUBSPOT_DEFINED/280`,
    `company.associationChange +COMPANY_TO_CONTACT ${company}>${contact} USER_DEFINED/${inverse}`,
    `contact.associationChange +CONTACT_TO_COMPANY ${contact}>${company} HUBSPOT_DEFINED/279`,
    `contact.associationChange +CONTACT_TO_COMPANY ${contact}>${company} USER_DEFINED/${forward}`,
  ]);
  const deleted = await app.request(
    'DELETE',
    `/crm/v4/associations/contacts/companies/labels/${forward}`,
  );
  assert.equal(deleted.status, 204, deleted.text);
  assert.deepEqual(gists(await next(2)), [
    `company.associationChange -COMPANY_TO_CONTACT ${company}>${contact} USER_DEFINED/${inverse}`,
    `contact.associationChange -CONTACT_TO_COMPANY ${contact}>${company} USER_DEFINED/${forward}`,
  ]);
});
