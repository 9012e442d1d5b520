// Which journal subscriptions a write's changes reach, and the events and entries they make.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Change } from '../core/changes.js';
import type { JournalFilterCondition } from '../core/ports.js';
import {
  EVENTS_PER_JOURNAL_ENTRY,
  journalEntries,
  type JournalMatchSubscription,
} from './journal-events.js';

const CONTEXT = { portalId: 7, occurredAt: 1_700_000_000_000, changeSource: 'CRM' };

function subscription(extra: Partial<JournalMatchSubscription>): JournalMatchSubscription {
  return {
    id: 1,
    appId: 10,
    portalId: 7,
    subscriptionType: 'OBJECT',
    objectTypeId: '0-1',
    actions: [],
    objectIds: [],
    properties: [],
    associatedObjectTypeIds: [],
    ...extra,
  };
}

const added: Change = {
  kind: 'associationAdded',
  row: {
    fromObjectTypeId: '0-1',
    fromId: 101,
    toObjectTypeId: '0-2',
    toId: 201,
    category: 'HUBSPOT_DEFINED',
    typeId: 1,
  },
};

test('association changes reach ASSOCIATION subscriptions of their from-side, with isPrimary', () => {
  const entries = journalEntries(
    [added, { ...added, row: { ...added.row, typeId: 279 } }],
    [
      subscription({ id: 3, subscriptionType: 'ASSOCIATION', associatedObjectTypeIds: ['0-2'] }),
      subscription({ id: 4, appId: 11, subscriptionType: 'ASSOCIATION', objectTypeId: '0-2' }),
      subscription({
        id: 5,
        appId: 12,
        subscriptionType: 'ASSOCIATION',
        actions: ['ASSOCIATION_REMOVED'],
      }),
    ],
    CONTEXT,
  );
  assert.deepEqual(entries, [
    {
      appId: 10,
      events: [1, 279].map((typeId) => ({
        type: 'ASSOCIATION',
        subscriptionId: 3,
        portalId: 7,
        occurredAt: CONTEXT.occurredAt,
        changeSource: 'CRM',
        action: 'ASSOCIATION_ADDED',
        fromObjectTypeId: '0-1',
        fromObjectId: 101,
        toObjectTypeId: '0-2',
        toObjectId: 201,
        associationCategory: 'HUBSPOT_DEFINED',
        associationTypeId: typeId,
        isPrimary: typeId === 1,
      })),
    },
  ]);
});

test('record changes reach OBJECT subscriptions by type, ids, actions and properties', () => {
  const changes: Change[] = [
    { kind: 'created', objectTypeId: '0-1', id: 101 },
    { kind: 'updated', objectTypeId: '0-1', id: 101, properties: { email: 'a@b.c', phone: null } },
    { kind: 'updated', objectTypeId: '0-1', id: 101, properties: { phone: '1' } },
    { kind: 'archived', objectTypeId: '0-1', id: 102 },
    { kind: 'created', objectTypeId: '0-2', id: 201 },
  ];
  const [entry] = journalEntries(
    changes,
    [subscription({ properties: ['email'], objectIds: [101, 102] })],
    CONTEXT,
  );
  assert.deepEqual(
    entry?.events.map(({ action, objectId, propertyChanges }) => ({
      action,
      objectId,
      propertyChanges,
    })),
    [
      { action: 'CREATE', objectId: 101, propertyChanges: undefined },
      {
        action: 'UPDATE',
        objectId: 101,
        propertyChanges: [{ propertyName: 'email', propertyValue: 'a@b.c' }],
      },
      { action: 'DELETE', objectId: 102, propertyChanges: undefined },
    ],
  );
  assert.deepEqual(
    journalEntries(changes, [subscription({ actions: ['DELETE'], objectIds: [101] })], CONTEXT),
    [],
    'an action or id not followed makes nothing',
  );
});

test('a GDPR delete makes DELETE for OBJECT and GDPR_DELETE for GDPR_PRIVACY_DELETION', () => {
  const entries = journalEntries(
    [{ kind: 'privacyDeleted', objectTypeId: '0-1', id: 5 }],
    [
      subscription({ id: 1 }),
      subscription({ id: 2, subscriptionType: 'GDPR_PRIVACY_DELETION' }),
      subscription({ id: 3, subscriptionType: 'APP_LIFECYCLE_EVENT' }),
    ],
    CONTEXT,
  );
  assert.deepEqual(
    entries.flatMap((entry) =>
      entry.events.map((event) => [event['subscriptionId'], event['action']]),
    ),
    [
      [1, 'DELETE'],
      [2, 'GDPR_DELETE'],
    ],
  );
});

test("another portal's subscriptions get nothing; many events split into entries", () => {
  const many: Change[] = Array.from({ length: EVENTS_PER_JOURNAL_ENTRY + 1 }, (_, index) => ({
    kind: 'created',
    objectTypeId: '0-1',
    id: index + 1,
  }));
  assert.deepEqual(journalEntries(many, [subscription({ portalId: 8 })], CONTEXT), []);
  const entries = journalEntries(many, [subscription({})], CONTEXT);
  assert.deepEqual(
    entries.map((entry) => entry.events.length),
    [EVENTS_PER_JOURNAL_ENTRY, 1],
  );
  assert.equal(entries[1]?.events[0]?.['objectId'], EVENTS_PER_JOURNAL_ENTRY + 1);
});

test('filters let OBJECT events through only for records meeting every condition', () => {
  const values: Record<number, Record<string, string>> = {
    1: { email: 'a@keep.test', score: '10' },
    2: { email: 'b@drop.test', score: '10' },
    3: { score: '9' },
  };
  const changes: Change[] = [1, 2, 3].map((id) => ({ kind: 'created', objectTypeId: '0-1', id }));
  const filtered = (conditions: JournalFilterCondition[]) =>
    journalEntries(changes, [subscription({ filters: [{ conditions }] })], {
      ...CONTEXT,
      valuesOf: (_type, id) => values[id] ?? {},
    }).flatMap((entry) => entry.events.map((event) => event['objectId']));
  const condition = (operator: string, extra: object = {}) => ({
    filterType: 'CRM_OBJECT_PROPERTY',
    property: 'email',
    operator,
    ...extra,
  });
  assert.deepEqual(filtered([condition('ENDS_WITH', { value: '@KEEP.test' })]), [1]);
  assert.deepEqual(filtered([condition('IS_EMPTY')]), [3]);
  assert.deepEqual(filtered([condition('N_EQ', { value: 'a@keep.test' })]), [2, 3]);
  assert.deepEqual(filtered([condition('IN', { values: ['b@drop.test', 'x'] })]), [2]);
  assert.deepEqual(
    filtered([
      { ...condition('GTE', { value: '10' }), property: 'score' },
      condition('IS_NOT_EMPTY'),
    ]),
    [1, 2],
    'numbers compare as numbers, and every condition must hold',
  );
  assert.deepEqual(filtered([{ ...condition('LT', { value: '10' }), property: 'score' }]), [3]);
});
