// A write's changes as the webhook events HubSpot sends for them: which subscriptions they match,
// and each event's fields, for the legacy `contact.*`-style types and the generic `object.*` ones.
import type { AssociationChange, Change, RecordChange } from '../core/changes.js';
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

/**
 * What every association change of one pair (from type, to type) shares, made once per pair: its
 * `associationType`, whether legacy subscriptions see it, the subscriptions that follow it and
 * whether each (category, type id) is a Primary type.
 */
interface PairNames {
  readonly associationType: string;
  readonly legacyPair: boolean;
  readonly followers: readonly Follower[];
  /** By type id (negative for user-defined types). */
  readonly primary: Map<number, boolean>;
}

/**
 * The pairs seen in one write, by from type then to type, and the last one found: a batch's
 * changes come in runs of one pair.
 */
class PairCache {
  readonly #byFrom = new Map<string, Map<string, PairNames>>();
  #last: { from: string; to: string; pair: PairNames } | null = null;

  constructor(
    private readonly names: EventTypeNames,
    private readonly followers: readonly Follower[],
  ) {}

  of(row: AssociationRow): PairNames {
    const from = row.fromObjectTypeId;
    const to = row.toObjectTypeId;
    const last = this.#last;
    if (last !== null && last.from === from && last.to === to) return last.pair;
    let byTo = this.#byFrom.get(from);
    if (!byTo) {
      byTo = new Map();
      this.#byFrom.set(from, byTo);
    }
    let pair = byTo.get(to);
    if (!pair) {
      const legacyPair = LEGACY_ASSOCIATION_PAIRS.has(`${from}>${to}`);
      const probe = { action: 'associationChange', objectTypeId: from, legacyPair };
      pair = {
        associationType: `${this.names.upperName(from)}_TO_${this.names.upperName(to)}`,
        legacyPair,
        followers: this.followers.filter((follower) => follows(follower, probe)),
        primary: new Map(),
      };
      byTo.set(to, pair);
    }
    this.#last = { from, to, pair };
    return pair;
  }

  /** Whether the row's (category, type id) is a Primary one, asked once per type. */
  isPrimary(row: AssociationRow, pair: PairNames): boolean {
    const key = row.category === 'HUBSPOT_DEFINED' ? row.typeId : -row.typeId;
    let primary = pair.primary.get(key);
    if (primary === undefined) {
      primary = this.names.isPrimary(row);
      pair.primary.set(key, primary);
    }
    return primary;
  }
}

/**
 * The events one association change owes its pair's followers. Built straight into each event's
 * values (no intermediate object): a batch makes thousands.
 */
function associationEvents(
  change: AssociationChange,
  pairs: PairCache,
  changeSource: string,
  events: WebhookEvent[],
): void {
  const row = change.row;
  const pair = pairs.of(row);
  if (pair.followers.length === 0) return;
  const removed = change.kind === 'associationRemoved';
  const primary = pairs.isPrimary(row, pair);
  const from = row.fromObjectTypeId;
  const to = row.toObjectTypeId;
  const type = pair.associationType;
  for (const { subscription, generic, head } of pair.followers) {
    // The fields of ASSOCIATION_KEYS, after the record's (`eventKeys`).
    const values = generic
      ? [from, row.fromId, changeSource, type, row.category, row.typeId, from, row.fromId, to, row.toId, removed, primary]
      : [row.fromId, changeSource, type, row.category, row.typeId, from, row.fromId, to, row.toId, removed, primary]; // prettier-ignore
    events.push({
      appId: subscription.appId,
      subscriptionId: subscription.id,
      objectTypeId: from,
      objectId: row.fromId,
      head,
      keys: eventKeys(ASSOCIATION_KEYS, generic),
      values,
    });
  }
}

/** What HubSpot sends for one record change (association changes have their own path). */
function recordHappenings(change: RecordChange): Happening[] {
  const on = (
    action: string,
    keys: readonly string[] = NO_KEYS,
    values: readonly unknown[] = [],
  ): Happening[] =>
    'id' in change
      ? [{ action, objectTypeId: change.objectTypeId, objectId: change.id, keys, values }]
      : [];
  switch (change.kind) {
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

/**
 * An active subscription, its type split once into prefix (`contact`, `object`) and action, with
 * the head its events share.
 */
interface Follower {
  readonly subscription: WebhookSubscription;
  readonly prefix: string;
  readonly action: string;
  readonly generic: boolean;
  readonly head: Readonly<Record<string, unknown>>;
}

/** Whether a subscription follows a happening (what matching needs of one). */
function follows(
  follower: Follower,
  happening: Pick<Happening, 'action' | 'objectTypeId' | 'propertyName' | 'legacyPair'>,
): boolean {
  if (follower.action !== happening.action) return false;
  if (
    happening.propertyName !== undefined &&
    follower.subscription.propertyName !== happening.propertyName
  ) {
    return false;
  }
  if (follower.generic) return follower.subscription.objectTypeId === happening.objectTypeId;
  if (happening.legacyPair === false) return false;
  return LEGACY_PREFIX_OF.get(happening.objectTypeId) === follower.prefix;
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

/** The event a happening owes to one follower. */
function eventFor(follower: Follower, happening: Happening, changeSource: string): WebhookEvent {
  const { subscription, generic } = follower;
  return {
    appId: subscription.appId,
    subscriptionId: subscription.id,
    objectTypeId: happening.objectTypeId,
    objectId: happening.objectId,
    head: follower.head,
    keys: eventKeys(happening.keys, generic),
    values: generic
      ? [happening.objectTypeId, happening.objectId, changeSource, ...happening.values]
      : [happening.objectId, changeSource, ...happening.values],
  };
}

/**
 * The events a write's changes owe, one per (change side, matching subscription), in order. The
 * events of one subscription share one head object, and those of one kind one list of names. An
 * association change is matched once per pair of types, and its fields are made only when some
 * subscription follows it: a batch of thousands mostly differs in nothing but ids.
 */
export function webhookEvents(
  changes: readonly Change[],
  subscriptions: readonly WebhookSubscription[],
  context: EventContext,
  names: EventTypeNames,
): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  const followers: Follower[] = subscriptions
    .filter((subscription) => subscription.active)
    .map((subscription) => {
      const dot = subscription.eventType.indexOf('.');
      const prefix = subscription.eventType.slice(0, dot);
      return {
        subscription,
        prefix,
        action: subscription.eventType.slice(dot + 1),
        generic: prefix === 'object',
        head: {
          subscriptionId: subscription.id,
          portalId: context.portalId,
          appId: subscription.appId,
          occurredAt: context.occurredAt,
          subscriptionType: subscription.eventType,
        },
      };
    });
  if (followers.length === 0) return events;
  const pairs = new PairCache(names, followers);
  for (const change of changes) {
    if ('row' in change) {
      associationEvents(change, pairs, context.changeSource, events);
      continue;
    }
    for (const happening of recordHappenings(change)) {
      for (const follower of followers) {
        if (follows(follower, happening)) {
          events.push(eventFor(follower, happening, context.changeSource));
        }
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
