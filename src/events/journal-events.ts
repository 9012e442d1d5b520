// A write's changes as webhooks-journal entries: which apps' journal subscriptions they match
// (OBJECT, ASSOCIATION and GDPR_PRIVACY_DELETION; the other types make no events here), and the
// events each entry's file carries.
import { HUBSPOT_DEFINED_CATALOG } from '../core/association-types.js';
import type { AssociationChange, Change, RecordChange } from '../core/changes.js';
import type { AssociationRow } from '../core/model.js';
import type {
  JournalFilterCondition,
  JournalSubscription,
  NewJournalEntry,
} from '../core/ports.js';

/** Events one journal entry's file carries at most; a write that makes more makes more entries. */
export const EVENTS_PER_JOURNAL_ENTRY = 100;

/** What matching needs of a subscription (the store keeps the rest). */
export type JournalMatchSubscription = Pick<
  JournalSubscription,
  | 'id'
  | 'appId'
  | 'portalId'
  | 'subscriptionType'
  | 'objectTypeId'
  | 'actions'
  | 'objectIds'
  | 'properties'
  | 'associatedObjectTypeIds'
> & {
  /** Filters of property conditions; an OBJECT event passes when every condition holds. */
  readonly filters?: readonly { readonly conditions: readonly JournalFilterCondition[] }[];
};

export interface JournalContext {
  readonly portalId: number;
  readonly occurredAt: number;
  /** e.g. `CRM` or `IMPORT`, as HubSpot names where a change came from. */
  readonly changeSource: string;
  /**
   * A record's current property values, for filters' conditions; a record it does not know has
   * none. Needed only when a subscription has filters.
   */
  readonly valuesOf?: (objectTypeId: string, id: number) => Readonly<Record<string, string>>;
}

/** Numbers compare as numbers when both sides read as one. */
function asNumber(text: string): number | null {
  const number = text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(number) ? number : null;
}

function compare(value: string, other: string): number {
  const [a, b] = [asNumber(value), asNumber(other)];
  if (a !== null && b !== null) return a - b;
  return value.toLowerCase() < other.toLowerCase()
    ? -1
    : value.toLowerCase() > other.toLowerCase()
      ? 1
      : 0;
}

/**
 * Whether a record's value of the condition's property meets it. Text compares without regard
 * to case; a record without the property has the empty value.
 */
export function conditionHolds(
  condition: JournalFilterCondition,
  stored: string | undefined,
): boolean {
  const value = stored ?? '';
  const wanted = condition.value ?? '';
  const lower = value.toLowerCase();
  const values = (condition.values ?? []).map((v) => v.toLowerCase());
  switch (condition.operator) {
    case 'EQ':
      return value !== '' && compare(value, wanted) === 0;
    case 'N_EQ':
      return value === '' || compare(value, wanted) !== 0;
    case 'LT':
      return value !== '' && compare(value, wanted) < 0;
    case 'LTE':
      return value !== '' && compare(value, wanted) <= 0;
    case 'GT':
      return value !== '' && compare(value, wanted) > 0;
    case 'GTE':
      return value !== '' && compare(value, wanted) >= 0;
    case 'CONTAINS':
      return value !== '' && lower.includes(wanted.toLowerCase());
    case 'STARTS_WITH':
      return value !== '' && lower.startsWith(wanted.toLowerCase());
    case 'ENDS_WITH':
      return value !== '' && lower.endsWith(wanted.toLowerCase());
    case 'IN':
      return value !== '' && values.includes(lower);
    case 'NOT_IN':
      return value === '' || !values.includes(lower);
    case 'IS_EMPTY':
      return value === '';
    case 'IS_NOT_EMPTY':
      return value !== '';
    default:
      return false;
  }
}

/** Whether the record an OBJECT event is about meets every condition of the subscription's filters. */
function passesFilters(
  subscription: JournalMatchSubscription,
  event: JournalEvent,
  context: JournalContext,
): boolean {
  const filters = subscription.filters ?? [];
  if (filters.length === 0) return true;
  const values = context.valuesOf?.(subscription.objectTypeId, event['objectId'] as number) ?? {};
  return filters.every((filter) =>
    filter.conditions.every((condition) => conditionHolds(condition, values[condition.property])),
  );
}

/** One journal event, as the entry's file carries it. */
export type JournalEvent = Readonly<Record<string, unknown>>;

/** Whether a row is of one of HubSpot's Primary types. */
function isPrimary(row: AssociationRow): boolean {
  if (row.category !== 'HUBSPOT_DEFINED') return false;
  const type = HUBSPOT_DEFINED_CATALOG.find(row.fromObjectTypeId, row.toObjectTypeId, row);
  return type?.primaryOwner != null;
}

function isAssociationChange(change: Change): change is AssociationChange {
  return change.kind === 'associationAdded' || change.kind === 'associationRemoved';
}

/** Whether a list names the value; an empty list names every value, as HubSpot's do. */
function names<T>(list: readonly T[], value: T): boolean {
  return list.length === 0 || list.includes(value);
}

/** The event an OBJECT subscription makes of a record change, or null when it follows none. */
function objectEvent(
  subscription: JournalMatchSubscription,
  change: RecordChange,
): JournalEvent | null {
  if (change.objectTypeId !== subscription.objectTypeId) return null;
  const ids = change.kind === 'merged' ? [change.newId, change.primaryId, ...change.mergedIds] : [];
  const objectId = change.kind === 'merged' ? change.newId : change.id;
  const idFollowed =
    subscription.objectIds.length === 0 ||
    (change.kind === 'merged' ? ids : [objectId]).some((id) => subscription.objectIds.includes(id));
  if (!idFollowed) return null;
  const event = (action: string, fields: Record<string, unknown> = {}) =>
    names(subscription.actions, action)
      ? { objectTypeId: change.objectTypeId, objectId, action, ...fields }
      : null;
  switch (change.kind) {
    case 'created':
      return event('CREATE');
    case 'updated': {
      const propertyChanges = Object.entries(change.properties)
        .filter(([name]) => names(subscription.properties, name))
        .map(([propertyName, propertyValue]) => ({
          propertyName,
          propertyValue: propertyValue ?? '',
        }));
      return propertyChanges.length === 0 ? null : event('UPDATE', { propertyChanges });
    }
    case 'archived':
    case 'privacyDeleted':
      return event('DELETE');
    case 'restored':
      return event('RESTORE');
    case 'merged':
      return event('MERGE', {
        primaryObjectId: change.primaryId,
        mergedObjectIds: change.mergedIds,
        newObjectId: change.newId,
      });
  }
}

function associationEvent(
  subscription: JournalMatchSubscription,
  change: AssociationChange,
): JournalEvent | null {
  const { row } = change;
  const action = change.kind === 'associationAdded' ? 'ASSOCIATION_ADDED' : 'ASSOCIATION_REMOVED';
  const follows =
    row.fromObjectTypeId === subscription.objectTypeId &&
    names(subscription.associatedObjectTypeIds, row.toObjectTypeId) &&
    names(subscription.objectIds, row.fromId) &&
    names(subscription.actions, action);
  if (!follows) return null;
  return {
    action,
    fromObjectTypeId: row.fromObjectTypeId,
    fromObjectId: row.fromId,
    toObjectTypeId: row.toObjectTypeId,
    toObjectId: row.toId,
    associationCategory: row.category,
    associationTypeId: row.typeId,
    isPrimary: isPrimary(row),
  };
}

function gdprEvent(
  subscription: JournalMatchSubscription,
  change: RecordChange,
): JournalEvent | null {
  if (change.kind !== 'privacyDeleted' || change.objectTypeId !== subscription.objectTypeId) {
    return null;
  }
  if (!names(subscription.actions, 'GDPR_DELETE')) return null;
  return { objectTypeId: change.objectTypeId, objectId: change.id, action: 'GDPR_DELETE' };
}

/** The event a subscription makes of a change, by its type. */
function eventOf(subscription: JournalMatchSubscription, change: Change): JournalEvent | null {
  switch (subscription.subscriptionType) {
    case 'OBJECT':
      return isAssociationChange(change) ? null : objectEvent(subscription, change);
    case 'ASSOCIATION':
      return isAssociationChange(change) ? associationEvent(subscription, change) : null;
    case 'GDPR_PRIVACY_DELETION':
      return isAssociationChange(change) ? null : gdprEvent(subscription, change);
    default:
      return null;
  }
}

/** Splits each app's events into entries of at most EVENTS_PER_JOURNAL_ENTRY, apps in order. */
export function entriesOf(eventsByApp: ReadonlyMap<number, JournalEvent[]>): NewJournalEntry[] {
  const entries: NewJournalEntry[] = [];
  for (const [appId, events] of eventsByApp) {
    for (let start = 0; start < events.length; start += EVENTS_PER_JOURNAL_ENTRY) {
      entries.push({ appId, events: events.slice(start, start + EVENTS_PER_JOURNAL_ENTRY) });
    }
  }
  return entries;
}

/**
 * The journal entries a write's changes owe: for each app with a matching subscription of the
 * write's portal, its events in change order (one per change and subscription), in entries of
 * at most EVENTS_PER_JOURNAL_ENTRY. No subscriptions, no entries.
 */
/**
 * The records whose values filters need to see: of each OBJECT subscription of the portal with
 * filters, the ids its type's record changes name (a merge's result), by object type.
 */
export function filteredRecordIds(
  changes: readonly Change[],
  subscriptions: readonly JournalMatchSubscription[],
  portalId: number,
): Map<string, number[]> {
  const types = new Set(
    subscriptions
      .filter(
        (s) =>
          s.portalId === portalId &&
          s.subscriptionType === 'OBJECT' &&
          (s.filters ?? []).length > 0,
      )
      .map((s) => s.objectTypeId),
  );
  const ids = new Map<string, number[]>();
  for (const change of changes) {
    if (isAssociationChange(change) || !types.has(change.objectTypeId)) continue;
    const id = change.kind === 'merged' ? change.newId : change.id;
    const list = ids.get(change.objectTypeId);
    if (list) list.push(id);
    else ids.set(change.objectTypeId, [id]);
  }
  return ids;
}

export function journalEntries(
  changes: readonly Change[],
  subscriptions: readonly JournalMatchSubscription[],
  context: JournalContext,
): NewJournalEntry[] {
  const ofPortal = subscriptions.filter((s) => s.portalId === context.portalId);
  if (ofPortal.length === 0) return [];
  const eventsByApp = new Map<number, JournalEvent[]>();
  for (const change of changes) {
    for (const subscription of ofPortal) {
      const event = eventOf(subscription, change);
      if (!event) continue;
      if (
        subscription.subscriptionType === 'OBJECT' &&
        !passesFilters(subscription, event, context)
      ) {
        continue;
      }
      let events = eventsByApp.get(subscription.appId);
      if (!events) eventsByApp.set(subscription.appId, (events = []));
      events.push({
        type: subscription.subscriptionType,
        subscriptionId: subscription.id,
        portalId: context.portalId,
        occurredAt: context.occurredAt,
        changeSource: context.changeSource,
        ...event,
      });
    }
  }
  return entriesOf(eventsByApp);
}

/** The event a snapshot delivers: the record's current values of the properties asked for. */
export function snapshotEvent(
  context: Omit<JournalContext, 'changeSource'>,
  snapshot: {
    readonly snapshotStatusId: string;
    readonly objectTypeId: string;
    readonly objectId: number;
    readonly properties: Readonly<Record<string, string | null>>;
  },
): JournalEvent {
  return {
    type: 'OBJECT',
    portalId: context.portalId,
    occurredAt: context.occurredAt,
    action: 'SNAPSHOT',
    snapshotStatusId: snapshot.snapshotStatusId,
    objectTypeId: snapshot.objectTypeId,
    objectId: snapshot.objectId,
    properties: snapshot.properties,
  };
}
