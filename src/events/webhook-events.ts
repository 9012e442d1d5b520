// A write's changes as the webhook events HubSpot sends for them: which subscriptions they match,
// and each event's fields, for the legacy `contact.*`-style types and the generic `object.*` ones.
import type { Change } from '../core/changes.js';
import type { AssociationRow, RecordId } from '../core/model.js';
import type { LoggedWebhookEvent, StoredSubscription } from '../core/ports.js';

/** What matching needs of a subscription (the store keeps the rest). */
export type WebhookSubscription = Pick<
  StoredSubscription,
  'id' | 'appId' | 'eventType' | 'propertyName' | 'objectTypeId' | 'active'
>;

/** The legacy subscription prefixes and the object types they stand for. */
export const LEGACY_OBJECT_TYPES: Readonly<Record<string, string>> = {
  contact: '0-1',
  company: '0-2',
  deal: '0-3',
  ticket: '0-5',
  product: '0-7',
  line_item: '0-8',
};
const LEGACY_PREFIX_OF = new Map(
  Object.entries(LEGACY_OBJECT_TYPES).map(([name, id]) => [id, name]),
);

/**
 * The pairs a legacy `*.associationChange` fires for, as HubSpot lists its `associationType`
 * values; other pairs reach generic subscriptions only.
 */
const LEGACY_ASSOCIATION_PAIRS = new Set([
  '0-1>0-2', '0-1>0-3', '0-1>0-5', '0-1>0-1',
  '0-2>0-1', '0-2>0-3', '0-2>0-5', '0-2>0-2',
  '0-3>0-1', '0-3>0-2', '0-3>0-8', '0-3>0-5', '0-3>0-3',
  '0-5>0-1', '0-5>0-2', '0-5>0-3', '0-5>0-5',
  '0-8>0-3',
]); // prettier-ignore

/** What an event needs to know of the portal's types, beyond the change itself. */
export interface EventTypeNames {
  /** The upper-case singular name HubSpot uses in `associationType`, e.g. `CONTACT`. */
  readonly upperName: (objectTypeId: string) => string;
  /** Whether a row's type is one of the Primary types. */
  readonly isPrimary: (row: AssociationRow) => boolean;
}

/** The event's fields, before delivery adds `attemptNumber`. */
export type WebhookEventFields = Readonly<Record<string, unknown>>;

/** One event owed to one app through one of its subscriptions (its `eventId` comes from the log). */
export type WebhookEvent = LoggedWebhookEvent;

export interface EventContext {
  readonly portalId: number;
  readonly occurredAt: number;
  /** e.g. `CRM` or `IMPORT`, as HubSpot names where a change came from. */
  readonly changeSource: string;
}

/**
 * An event kind (the part after the dot) and its own fields, for one record. The fields are a
 * shared list of names and the values: the log stores each kind's names once per chunk.
 */
interface Happening {
  readonly action: string;
  readonly objectTypeId: string;
  readonly objectId: RecordId;
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  /** propertyChange only. */
  readonly propertyName?: string;
  /** associationChange only: whether a legacy subscription may see it. */
  readonly legacyPair?: boolean;
}

const ASSOCIATION_KEYS = [
  'associationType',
  'associationCategory',
  'associationTypeId',
  'fromObjectTypeId',
  'fromObjectId',
  'toObjectTypeId',
  'toObjectId',
  'associationRemoved',
  'isPrimaryAssociation',
] as const;
const NO_KEYS: readonly string[] = [];
const CHANGE_FLAG_KEYS = ['changeFlag'] as const;
const PROPERTY_KEYS = ['propertyName', 'propertyValue'] as const;
const MERGE_KEYS = [
  'primaryObjectId',
  'mergedObjectIds',
  'newObjectId',
  'numberOfPropertiesMoved',
] as const;

/** A pair's `associationType` and whether legacy subscriptions see it, made once per pair. */
interface PairNames {
  readonly associationType: string;
  readonly legacyPair: boolean;
}

function associationHappening(
  removed: boolean,
  row: AssociationRow,
  names: EventTypeNames,
  pairs: Map<string, PairNames>,
): Happening {
  const from = row.fromObjectTypeId;
  const to = row.toObjectTypeId;
  const pairKey = `${from}>${to}`;
  let pair = pairs.get(pairKey);
  if (!pair) {
    pair = {
      associationType: `${names.upperName(from)}_TO_${names.upperName(to)}`,
      legacyPair: LEGACY_ASSOCIATION_PAIRS.has(pairKey),
    };
    pairs.set(pairKey, pair);
  }
  return {
    action: 'associationChange',
    objectTypeId: from,
    objectId: row.fromId,
    legacyPair: pair.legacyPair,
    keys: ASSOCIATION_KEYS,
    values: [
      pair.associationType,
      row.category,
      row.typeId,
      from,
      row.fromId,
      to,
      row.toId,
      removed,
      names.isPrimary(row),
    ],
  };
}

/** What HubSpot sends for one change, one happening per record side it concerns. */
function happenings(
  change: Change,
  names: EventTypeNames,
  pairs: Map<string, PairNames>,
): Happening[] {
  const on = (
    action: string,
    keys: readonly string[] = NO_KEYS,
    values: readonly unknown[] = [],
  ): Happening[] =>
    'id' in change
      ? [{ action, objectTypeId: change.objectTypeId, objectId: change.id, keys, values }]
      : [];
  switch (change.kind) {
    case 'associationAdded':
    case 'associationRemoved':
      return [associationHappening(change.kind === 'associationRemoved', change.row, names, pairs)];
    case 'created':
      return on('creation', CHANGE_FLAG_KEYS, ['NEW']);
    case 'archived':
      return on('deletion', CHANGE_FLAG_KEYS, ['DELETED']);
    case 'privacyDeleted':
      return [...on('privacyDeletion'), ...on('deletion', CHANGE_FLAG_KEYS, ['DELETED'])];
    case 'restored':
      return on('restore', CHANGE_FLAG_KEYS, ['RESTORED']);
    case 'updated':
      return Object.entries(change.properties).map(([propertyName, propertyValue]) => ({
        action: 'propertyChange',
        objectTypeId: change.objectTypeId,
        objectId: change.id,
        propertyName,
        keys: PROPERTY_KEYS,
        values: [propertyName, propertyValue ?? ''],
      }));
    case 'merged':
      return [
        {
          action: 'merge',
          objectTypeId: change.objectTypeId,
          objectId: change.newId,
          keys: MERGE_KEYS,
          values: [change.primaryId, change.mergedIds, change.newId, change.propertiesMoved],
        },
      ];
  }
}

/** Whether an active subscription follows a happening. */
function follows(subscription: WebhookSubscription, happening: Happening): boolean {
  if (!subscription.active) return false;
  const dot = subscription.eventType.indexOf('.');
  const prefix = subscription.eventType.slice(0, dot);
  const action = subscription.eventType.slice(dot + 1);
  if (action !== happening.action) return false;
  if (
    happening.propertyName !== undefined &&
    subscription.propertyName !== happening.propertyName
  ) {
    return false;
  }
  if (prefix === 'object') return subscription.objectTypeId === happening.objectTypeId;
  if (happening.legacyPair === false) return false;
  return LEGACY_PREFIX_OF.get(happening.objectTypeId) === prefix;
}

/** The names of an event's own fields: the record's, then the happening's (cached per list). */
const EVENT_KEYS = {
  legacy: new WeakMap<object, string[]>(),
  generic: new WeakMap<object, string[]>(),
};

function eventKeys(happeningKeys: readonly string[], generic: boolean): readonly string[] {
  const cache = generic ? EVENT_KEYS.generic : EVENT_KEYS.legacy;
  let keys = cache.get(happeningKeys);
  if (!keys) {
    keys = [...(generic ? ['objectTypeId'] : []), 'objectId', 'changeSource', ...happeningKeys];
    cache.set(happeningKeys, keys);
  }
  return keys;
}

/**
 * The events a write's changes owe, one per (change side, matching subscription), in order. The
 * events of one subscription share one head object, and those of one kind one list of names.
 */
export function webhookEvents(
  changes: readonly Change[],
  subscriptions: readonly WebhookSubscription[],
  context: EventContext,
  names: EventTypeNames,
): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  if (!subscriptions.some((subscription) => subscription.active)) return events;
  // Each subscription's head, shared by its events; and whether it is a generic one.
  const followers = subscriptions.map((subscription) => ({
    subscription,
    generic: subscription.eventType.startsWith('object.'),
    head: {
      subscriptionId: subscription.id,
      portalId: context.portalId,
      appId: subscription.appId,
      occurredAt: context.occurredAt,
      subscriptionType: subscription.eventType,
    },
  }));
  const pairs = new Map<string, PairNames>();
  for (const change of changes) {
    for (const happening of happenings(change, names, pairs)) {
      for (const { subscription, generic, head } of followers) {
        if (!follows(subscription, happening)) continue;
        events.push({
          appId: subscription.appId,
          subscriptionId: subscription.id,
          objectTypeId: happening.objectTypeId,
          objectId: happening.objectId,
          head,
          keys: eventKeys(happening.keys, generic),
          values: generic
            ? [
                happening.objectTypeId,
                happening.objectId,
                context.changeSource,
                ...happening.values,
              ]
            : [happening.objectId, context.changeSource, ...happening.values],
        });
      }
    }
  }
  return events;
}

/** An event's payload fields (without `eventId`), as the log expands them. */
export function eventFields(event: WebhookEvent): WebhookEventFields {
  const fields: Record<string, unknown> = { ...event.head };
  event.keys.forEach((key, index) => {
    fields[key] = event.values[index];
  });
  return fields;
}
