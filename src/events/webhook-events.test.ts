import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Change } from '../core/changes.js';
import type { AssociationRow } from '../core/model.js';
import { eventFields, webhookEvents, type WebhookSubscription } from './webhook-events.js';

const NAMES = {
  upperName: (id: string) => ({ '0-1': 'CONTACT', '0-2': 'COMPANY', '0-46': 'NOTE' })[id] ?? id,
  isPrimary: (row: AssociationRow) => row.typeId === 1 || row.typeId === 2,
};

function subscription(id: number, eventType: string, extra: Partial<WebhookSubscription> = {}) {
  return {
    id,
    appId: 70,
    eventType,
    propertyName: null,
    objectTypeId: null,
    active: true,
    ...extra,
  };
}

function eventsFor(changes: Change[], subscriptions: WebhookSubscription[]) {
  const context = { portalId: 9, occurredAt: 1000, changeSource: 'CRM' };
  return webhookEvents(changes, subscriptions, context, NAMES).map(eventFields);
}

const row = (from: string, fromId: number, to: string, toId: number, typeId: number) => ({
  fromObjectTypeId: from,
  fromId,
  toObjectTypeId: to,
  toId,
  category: 'HUBSPOT_DEFINED' as const,
  typeId,
});

test('a Primary contact-company association fires on both sides, once per row, Primary marked', () => {
  const added: Change[] = [
    row('0-1', 11, '0-2', 22, 279),
    row('0-1', 11, '0-2', 22, 1),
    row('0-2', 22, '0-1', 11, 280),
    row('0-2', 22, '0-1', 11, 2),
  ].map((stored) => ({ kind: 'associationAdded', row: stored }));
  const events = eventsFor(added, [
    subscription(1, 'contact.associationChange'),
    subscription(2, 'company.associationChange'),
  ]);
  assert.deepEqual(
    events.map((event) => [
      event['subscriptionType'],
      event['associationType'],
      event['fromObjectId'],
      event['toObjectId'],
      event['associationTypeId'],
      event['isPrimaryAssociation'],
      event['associationRemoved'],
    ]),
    [
      ['contact.associationChange', 'CONTACT_TO_COMPANY', 11, 22, 279, false, false],
      ['contact.associationChange', 'CONTACT_TO_COMPANY', 11, 22, 1, true, false],
      ['company.associationChange', 'COMPANY_TO_CONTACT', 22, 11, 280, false, false],
      ['company.associationChange', 'COMPANY_TO_CONTACT', 22, 11, 2, true, false],
    ],
  );
  assert.deepEqual(events[0], {
    subscriptionId: 1,
    portalId: 9,
    appId: 70,
    occurredAt: 1000,
    subscriptionType: 'contact.associationChange',
    objectId: 11,
    changeSource: 'CRM',
    associationType: 'CONTACT_TO_COMPANY',
    associationCategory: 'HUBSPOT_DEFINED',
    associationTypeId: 279,
    fromObjectTypeId: '0-1',
    fromObjectId: 11,
    toObjectTypeId: '0-2',
    toObjectId: 22,
    associationRemoved: false,
    isPrimaryAssociation: false,
  });
});

test('a contact-to-contact removal fires for each contact', () => {
  const removed: Change[] = [
    { kind: 'associationRemoved', row: row('0-1', 11, '0-1', 12, 449) },
    { kind: 'associationRemoved', row: row('0-1', 12, '0-1', 11, 449) },
  ];
  const events = eventsFor(removed, [subscription(1, 'contact.associationChange')]);
  assert.deepEqual(
    events.map((event) => [
      event['fromObjectId'],
      event['toObjectId'],
      event['associationRemoved'],
    ]),
    [
      [11, 12, true],
      [12, 11, true],
    ],
  );
});

test('pairs outside the legacy list reach generic subscriptions of their type only', () => {
  const added: Change[] = [
    { kind: 'associationAdded', row: row('0-1', 11, '0-46', 5, 201) },
    { kind: 'associationAdded', row: row('0-46', 5, '0-1', 11, 202) },
  ];
  const events = eventsFor(added, [
    subscription(1, 'contact.associationChange'),
    subscription(2, 'object.associationChange', { objectTypeId: '0-46' }),
  ]);
  assert.deepEqual(
    events.map((event) => [
      event['subscriptionType'],
      event['objectTypeId'],
      event['associationType'],
    ]),
    [['object.associationChange', '0-46', 'NOTE_TO_CONTACT']],
  );
  assert.deepEqual(Object.entries(events[0]!), [
    ['subscriptionId', 2],
    ['portalId', 9],
    ['appId', 70],
    ['occurredAt', 1000],
    ['subscriptionType', 'object.associationChange'],
    ['objectTypeId', '0-46'],
    ['objectId', 5],
    ['changeSource', 'CRM'],
    ['associationType', 'NOTE_TO_CONTACT'],
    ['associationCategory', 'HUBSPOT_DEFINED'],
    ['associationTypeId', 202],
    ['fromObjectTypeId', '0-46'],
    ['fromObjectId', 5],
    ['toObjectTypeId', '0-1'],
    ['toObjectId', 11],
    ['associationRemoved', false],
    ['isPrimaryAssociation', false],
  ]);
});

test('a user-defined type with the id of a Primary one is not Primary', () => {
  const added: Change[] = [
    { kind: 'associationAdded', row: row('0-1', 11, '0-2', 22, 1) },
    {
      kind: 'associationAdded',
      row: { ...row('0-1', 11, '0-2', 22, 1), category: 'USER_DEFINED' },
    },
  ];
  const names = {
    ...NAMES,
    isPrimary: (stored: AssociationRow) =>
      stored.category === 'HUBSPOT_DEFINED' && NAMES.isPrimary(stored),
  };
  const context = { portalId: 9, occurredAt: 1000, changeSource: 'CRM' };
  const events = webhookEvents(
    added,
    [subscription(1, 'contact.associationChange')],
    context,
    names,
  );
  assert.deepEqual(
    events
      .map(eventFields)
      .map((event) => [event['associationCategory'], event['isPrimaryAssociation']]),
    [
      ['HUBSPOT_DEFINED', true],
      ['USER_DEFINED', false],
    ],
  );
});

test('inactive subscriptions, other types and other properties get nothing', () => {
  const changes: Change[] = [
    { kind: 'updated', objectTypeId: '0-1', id: 11, properties: { email: 'a@b.c', city: null } },
    { kind: 'created', objectTypeId: '0-2', id: 22 },
  ];
  assert.deepEqual(
    eventsFor(changes, [
      subscription(1, 'contact.propertyChange', { propertyName: 'email', active: false }),
      subscription(2, 'contact.creation'),
      subscription(3, 'contact.propertyChange', { propertyName: 'firstname' }),
    ]),
    [],
  );
  const events = eventsFor(changes, [
    subscription(1, 'contact.propertyChange', { propertyName: 'city' }),
    subscription(2, 'object.creation', { objectTypeId: '0-2' }),
  ]);
  assert.deepEqual(
    events.map((event) => [
      event['subscriptionType'],
      event['propertyName'],
      event['propertyValue'],
      event['changeFlag'],
    ]),
    [
      ['contact.propertyChange', 'city', '', undefined],
      ['object.creation', undefined, undefined, 'NEW'],
    ],
  );
});

test('a merge names the kept record, the merged ones and the new id; a GDPR delete fires two events', () => {
  const changes: Change[] = [
    {
      kind: 'merged',
      objectTypeId: '0-1',
      primaryId: 11,
      mergedIds: [12],
      newId: 13,
      propertiesMoved: 2,
    },
    { kind: 'privacyDeleted', objectTypeId: '0-1', id: 14 },
  ];
  const events = eventsFor(changes, [
    subscription(1, 'contact.merge'),
    subscription(2, 'contact.privacyDeletion'),
    subscription(3, 'contact.deletion'),
  ]);
  assert.deepEqual(
    events.map((event) => [event['subscriptionType'], event['objectId']]),
    [
      ['contact.merge', 13],
      ['contact.privacyDeletion', 14],
      ['contact.deletion', 14],
    ],
  );
  assert.deepEqual(
    [
      events[0]!['primaryObjectId'],
      events[0]!['mergedObjectIds'],
      events[0]!['numberOfPropertiesMoved'],
    ],
    [11, [12], 2],
  );
});
