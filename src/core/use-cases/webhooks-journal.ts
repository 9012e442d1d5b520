// HubSpot's webhooks journal (2026-03) for one app: its journal subscriptions and their filters,
// reads of its journal by offset (global, or one portal's), the files entries point to, and
// snapshots delivered through the journal.
import { randomUUID } from 'node:crypto';
import { batchItemError, DomainError, type BatchOutcome } from '../errors.js';
import {
  type JournalFilter,
  type JournalFilterCondition,
  type JournalPosition,
  type JournalSnapshot,
  type JournalSubscription,
  type JournalSubscriptionType,
  type NewJournalEntry,
  type NewJournalSubscription,
  type StoredJournalEntry,
} from '../ports.js';
import { entriesOf, snapshotEvent, type JournalEvent } from '../../events/journal-events.js';
import { assertBatchSize } from '../rules/batch-limits.js';
import type { CoreDeps } from './deps.js';
import { getPortal } from './portals.js';
import { MAX_SUBSCRIPTIONS_PER_APP } from './webhooks.js';

/** Entries one batch read answers at most; a larger count is served as this many. */
export const MAX_JOURNAL_BATCH = 100;

/** Offsets one `batch/read` may name, as HubSpot's docs allow. */
export const MAX_JOURNAL_BATCH_READ = 100;

/** Snapshots one request may ask for (HubSpot publishes no limit). */
export const MAX_SNAPSHOTS = 100;

/** The actions each subscription type takes. */
const ACTIONS: Readonly<Record<JournalSubscriptionType, readonly string[]>> = {
  OBJECT: ['CREATE', 'UPDATE', 'DELETE', 'MERGE', 'RESTORE'],
  ASSOCIATION: ['ASSOCIATION_ADDED', 'ASSOCIATION_REMOVED'],
  APP_LIFECYCLE_EVENT: ['APP_INSTALL', 'APP_UNINSTALL'],
  LIST_MEMBERSHIP: ['ADDED_TO_LIST', 'REMOVED_FROM_LIST'],
  GDPR_PRIVACY_DELETION: ['GDPR_DELETE'],
};

/** The fields each subscription type's upsert shape requires, as HubSpot's definitions list them. */
const REQUIRED: Readonly<
  Record<JournalSubscriptionType, readonly (keyof JournalSubscriptionInput)[]>
> = {
  OBJECT: ['portalId', 'objectTypeId', 'objectIds', 'properties', 'actions'],
  ASSOCIATION: ['portalId', 'objectTypeId', 'objectIds', 'associatedObjectTypeIds', 'actions'],
  APP_LIFECYCLE_EVENT: ['eventTypeId', 'properties'],
  LIST_MEMBERSHIP: ['portalId', 'listIds', 'objectIds', 'actions'],
  GDPR_PRIVACY_DELETION: ['portalId', 'objectTypeId', 'actions'],
};

/** The object type of lists, which LIST_MEMBERSHIP subscriptions are keyed by unless told. */
const LIST_OBJECT_TYPE_ID = '0-45';

/** An object type id as HubSpot writes them: `0-1`, `2-123`, `4-1909196`. */
const OBJECT_TYPE_ID = /^\d+-\d+$/;

/**
 * An entry's offset: UUID-shaped (version 4, variant 8), made of the app id (8 hex digits) and
 * the entry's sequence (22 hex digits), so that offsets of one app order as their entries do.
 * Clients treat it as opaque.
 */
export function formatOffset(appId: number, sequence: number): string {
  const app = appId.toString(16).padStart(8, '0');
  const seq = sequence.toString(16).padStart(22, '0');
  return `${app}-${seq.slice(0, 4)}-4${seq.slice(4, 7)}-8${seq.slice(7, 10)}-${seq.slice(10)}`;
}

const OFFSET = /^([0-9a-f]{8})-([0-9a-f]{4})-4([0-9a-f]{3})-8([0-9a-f]{3})-([0-9a-f]{12})$/;

/** The sequence an offset of this app names, or null when it is not one of the app's offsets. */
export function parseOffset(appId: number, offset: string): number | null {
  const match = OFFSET.exec(offset.toLowerCase());
  if (!match || parseInt(match[1] ?? '', 16) !== appId) return null;
  const sequence = parseInt(match.slice(2).join(''), 16);
  return Number.isSafeInteger(sequence) && sequence > 0 ? sequence : null;
}

/** What an upsert sends, one of HubSpot's five shapes. */
export interface JournalSubscriptionInput {
  readonly subscriptionType: JournalSubscriptionType;
  readonly portalId?: number | undefined;
  readonly objectTypeId?: string | undefined;
  readonly eventTypeId?: string | undefined;
  readonly actions?: readonly string[] | undefined;
  readonly objectIds?: readonly number[] | undefined;
  readonly properties?: readonly string[] | undefined;
  readonly associatedObjectTypeIds?: readonly string[] | undefined;
  readonly listIds?: readonly number[] | undefined;
}

function invalid(message: string, field: string, values: readonly string[]): DomainError {
  return new DomainError('INVALID_INPUT', message, { [field]: [...values] });
}

function checkObjectTypeId(field: string, value: string): void {
  if (!OBJECT_TYPE_ID.test(value)) {
    throw invalid(`${field} must be an object type id such as 0-1: ${value}`, field, [value]);
  }
}

function newSubscription(appId: number, input: JournalSubscriptionInput): NewJournalSubscription {
  const type = input.subscriptionType;
  const missing = REQUIRED[type].filter((field) => input[field] === undefined);
  if (missing.length > 0) {
    throw invalid(
      `${type} subscriptions need ${missing.join(', ')}`,
      'missingFields',
      missing.map(String),
    );
  }
  const actions = [...new Set(input.actions ?? [])];
  const wrong = actions.filter((action) => !ACTIONS[type].includes(action));
  if (wrong.length > 0) {
    throw invalid(
      `${type} subscriptions take the actions ${ACTIONS[type].join(', ')}, not ${wrong.join(', ')}`,
      'actions',
      wrong,
    );
  }
  const lifecycle = type === 'APP_LIFECYCLE_EVENT';
  const objectTypeId =
    (lifecycle ? input.eventTypeId : input.objectTypeId) ??
    (type === 'LIST_MEMBERSHIP' ? LIST_OBJECT_TYPE_ID : '');
  checkObjectTypeId(lifecycle ? 'eventTypeId' : 'objectTypeId', objectTypeId);
  for (const associated of input.associatedObjectTypeIds ?? []) {
    checkObjectTypeId('associatedObjectTypeIds', associated);
  }
  return {
    appId,
    portalId: lifecycle ? 0 : (input.portalId ?? 0),
    subscriptionType: type,
    objectTypeId,
    actions,
    objectIds: [...new Set(input.objectIds ?? [])],
    properties: [...new Set(input.properties ?? [])],
    associatedObjectTypeIds: [...new Set(input.associatedObjectTypeIds ?? [])],
    listIds: [...new Set(input.listIds ?? [])],
  };
}

/** Creates the subscription, or replaces the lists of the app's one with the same key. */
export async function upsertSubscription(
  deps: CoreDeps,
  appId: number,
  input: JournalSubscriptionInput,
): Promise<JournalSubscription> {
  const subscription = newSubscription(appId, input);
  if (subscription.subscriptionType !== 'APP_LIFECYCLE_EVENT') {
    await getPortal(deps, subscription.portalId);
  }
  const existing = await deps.store.listJournalSubscriptions(appId);
  const replaces = existing.some(
    (s) =>
      s.subscriptionType === subscription.subscriptionType &&
      s.portalId === subscription.portalId &&
      s.objectTypeId === subscription.objectTypeId,
  );
  if (!replaces && existing.length >= MAX_SUBSCRIPTIONS_PER_APP) {
    throw new DomainError(
      'SUBSCRIPTION_LIMIT_REACHED',
      `An app can have at most ${MAX_SUBSCRIPTIONS_PER_APP} journal subscriptions`,
    );
  }
  return deps.store.upsertJournalSubscription(subscription, deps.clock.now());
}

export function listSubscriptions(deps: CoreDeps, appId: number): Promise<JournalSubscription[]> {
  return deps.store.listJournalSubscriptions(appId);
}

function subscriptionNotFound(subscriptionId: number): DomainError {
  return new DomainError(
    'SUBSCRIPTION_NOT_FOUND',
    `Failed to find subscription by id \`${subscriptionId}\`.`,
    { subscriptionId: [`${subscriptionId}`] },
  );
}

export async function getSubscription(
  deps: CoreDeps,
  appId: number,
  subscriptionId: number,
): Promise<JournalSubscription> {
  const found = (await listSubscriptions(deps, appId)).find((s) => s.id === subscriptionId);
  if (!found) throw subscriptionNotFound(subscriptionId);
  return found;
}

export async function deleteSubscription(
  deps: CoreDeps,
  appId: number,
  subscriptionId: number,
): Promise<void> {
  if (!(await deps.store.deleteJournalSubscription(appId, subscriptionId))) {
    throw subscriptionNotFound(subscriptionId);
  }
}

/** Deletes the app's subscriptions of one portal; none there is not an error. */
export async function deletePortalSubscriptions(
  deps: CoreDeps,
  appId: number,
  portalId: number,
): Promise<void> {
  await deps.store.deleteJournalSubscriptionsOfPortal(appId, portalId);
}

export async function createFilter(
  deps: CoreDeps,
  appId: number,
  subscriptionId: number,
  conditions: readonly JournalFilterCondition[],
): Promise<JournalFilter> {
  for (const condition of conditions) {
    const listed = condition.operator === 'IN' || condition.operator === 'NOT_IN';
    const bare = condition.operator === 'IS_EMPTY' || condition.operator === 'IS_NOT_EMPTY';
    if (listed ? condition.values === undefined : !bare && condition.value === undefined) {
      throw invalid(
        `The ${condition.operator} condition on ${condition.property} needs ${listed ? 'values' : 'a value'}`,
        'operator',
        [condition.operator],
      );
    }
  }
  const filter = await deps.store.insertJournalFilter(
    appId,
    subscriptionId,
    conditions,
    deps.clock.now(),
  );
  if (!filter) throw subscriptionNotFound(subscriptionId);
  return filter;
}

function filterNotFound(filterId: number): DomainError {
  return new DomainError(
    'JOURNAL_FILTER_NOT_FOUND',
    `Failed to find filter by id \`${filterId}\`.`,
    {
      filterId: [`${filterId}`],
    },
  );
}

export async function getFilter(
  deps: CoreDeps,
  appId: number,
  filterId: number,
): Promise<JournalFilter> {
  const [filter] = await deps.store.listJournalFilters(appId, { filterId });
  if (!filter) throw filterNotFound(filterId);
  return filter;
}

export async function filtersOfSubscription(
  deps: CoreDeps,
  appId: number,
  subscriptionId: number,
): Promise<JournalFilter[]> {
  await getSubscription(deps, appId, subscriptionId);
  return deps.store.listJournalFilters(appId, { subscriptionId });
}

export async function deleteFilter(deps: CoreDeps, appId: number, filterId: number): Promise<void> {
  if (!(await deps.store.deleteJournalFilter(appId, filterId))) throw filterNotFound(filterId);
}

/** Which journal a read is of: the app's whole journal, or (local) one portal's entries. */
export interface JournalScope {
  readonly appId: number;
  readonly portalId: number | null;
}

/** An entry as reads answer it: the HTTP layer makes its URL from the file token. */
export interface JournalEntryView {
  readonly currentOffset: string;
  readonly expiresAt: Date;
  readonly fileToken: string;
}

function view(entry: StoredJournalEntry): JournalEntryView {
  return {
    currentOffset: formatOffset(entry.appId, entry.sequence),
    expiresAt: entry.expiresAt,
    fileToken: entry.fileToken,
  };
}

function offsetNotFound(offset: string): DomainError {
  return new DomainError(
    'JOURNAL_OFFSET_NOT_FOUND',
    `No journal entry found for offset ${offset}: it does not exist or has expired.`,
    { offset: [offset] },
  );
}

/** The sequence of an offset naming an unexpired entry of the journal, or a 404. */
async function sequenceOf(deps: CoreDeps, scope: JournalScope, offset: string): Promise<number> {
  const sequence = parseOffset(scope.appId, offset);
  const found =
    sequence === null
      ? []
      : await deps.store.journalEntriesAt(
          scope.appId,
          scope.portalId,
          [sequence],
          deps.clock.now(),
        );
  if (sequence === null || found.length === 0) throw offsetNotFound(offset);
  return sequence;
}

/** Up to `count` entries from a position (a count past MAX_JOURNAL_BATCH reads that many). */
export async function readEntries(
  deps: CoreDeps,
  scope: JournalScope,
  position: { readonly kind: 'earliest' | 'latest' } | { readonly kind: 'after'; offset: string },
  count: number,
): Promise<JournalEntryView[]> {
  const at: JournalPosition =
    position.kind === 'after'
      ? { kind: 'after', sequence: await sequenceOf(deps, scope, position.offset) }
      : position;
  const limit = Math.min(Math.max(count, 1), MAX_JOURNAL_BATCH);
  const entries = await deps.store.readJournal(
    scope.appId,
    scope.portalId,
    at,
    limit,
    deps.clock.now(),
  );
  return entries.map(view);
}

/** The entries the offsets name, in the order asked; offsets naming none fail their input. */
export async function readOffsets(
  deps: CoreDeps,
  scope: JournalScope,
  offsets: readonly string[],
): Promise<BatchOutcome<JournalEntryView>> {
  assertBatchSize(offsets.length, MAX_JOURNAL_BATCH_READ);
  const sequences = offsets.map((offset) => parseOffset(scope.appId, offset));
  const found = await deps.store.journalEntriesAt(
    scope.appId,
    scope.portalId,
    sequences.filter((sequence): sequence is number => sequence !== null),
    deps.clock.now(),
  );
  const bySequence = new Map(found.map((entry) => [entry.sequence, entry]));
  const outcome: BatchOutcome<JournalEntryView> = { results: [], errors: [] };
  offsets.forEach((offset, index) => {
    const entry = bySequence.get(sequences[index] ?? -1);
    if (entry) outcome.results.push(view(entry));
    else {
      outcome.errors.push(
        batchItemError('JOURNAL_OFFSET_NOT_FOUND', offsetNotFound(offset).message, {
          offset: [offset],
        }),
      );
    }
  });
  return outcome;
}

/** The JSON file behind an entry's URL, or a 404 once it has expired (or never was). */
export async function journalFile(deps: CoreDeps, fileToken: string) {
  const file = await deps.store.journalFile(fileToken, deps.clock.now());
  if (!file) {
    throw new DomainError('JOURNAL_OFFSET_NOT_FOUND', 'No journal file at this address');
  }
  return {
    offset: formatOffset(file.entry.appId, file.entry.sequence),
    publishedAt: file.entry.createdAt.toISOString(),
    journalEvents: file.events,
  };
}

/** One snapshot a request asks for. */
export interface SnapshotRequest {
  readonly portalId: number;
  readonly objectTypeId: string;
  readonly objectId: number;
  readonly properties: readonly string[];
}

/**
 * Takes each snapshot at once: the record's current values of the properties asked for are
 * appended to the app's journal (one entry per portal's snapshots, in order), and its status is
 * SUCCESS; a record that does not exist fails its snapshot (FAILED, VALIDATION_ERROR).
 */
export async function createSnapshots(
  deps: CoreDeps,
  appId: number,
  requests: readonly SnapshotRequest[],
): Promise<(SnapshotRequest & { snapshotStatusId: string })[]> {
  const now = deps.clock.now();
  const eventsByPortal = new Map<number, JournalEvent[]>();
  const answered = [];
  for (const request of requests) {
    const snapshotStatusId = randomUUID();
    const [record] = await deps.store.getRecords(
      request.portalId,
      request.objectTypeId,
      [request.objectId],
      false,
    );
    const snapshot: JournalSnapshot = {
      id: snapshotStatusId,
      appId,
      status: record ? 'SUCCESS' : 'FAILED',
      errorCode: record ? null : 'VALIDATION_ERROR',
      message: record
        ? null
        : `No ${request.objectTypeId} record with id ${request.objectId} in portal ${request.portalId}`,
      initiatedAt: now,
      completedAt: now,
    };
    if (record) {
      const properties = Object.fromEntries(
        request.properties.map((name) => [name, record.properties[name] ?? null]),
      );
      let events = eventsByPortal.get(request.portalId);
      if (!events) eventsByPortal.set(request.portalId, (events = []));
      events.push(
        snapshotEvent(
          { portalId: request.portalId, occurredAt: now.getTime() },
          { snapshotStatusId, objectTypeId: request.objectTypeId, objectId: record.id, properties },
        ),
      );
    }
    await deps.store.putJournalSnapshot(snapshot);
    answered.push({ ...request, snapshotStatusId });
  }
  for (const [portalId, events] of eventsByPortal) {
    const entries: NewJournalEntry[] = entriesOf(new Map([[appId, events]]));
    await deps.store.transaction((tx) => tx.appendJournalEntries(portalId, entries, now));
  }
  return answered;
}

export async function getSnapshot(
  deps: CoreDeps,
  appId: number,
  statusId: string,
): Promise<JournalSnapshot> {
  const snapshot = await deps.store.getJournalSnapshot(appId, statusId);
  if (!snapshot) {
    throw new DomainError('SNAPSHOT_NOT_FOUND', `No snapshot with status id ${statusId}`, {
      statusId: [statusId],
    });
  }
  return snapshot;
}
