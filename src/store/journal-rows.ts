// Rows of the webhooks journal (subscriptions, filters, entries, snapshots) as both engines read
// them, mapped to the port's values. Both engines keep these times as epoch ms and lists as JSON.
import { randomBytes } from 'node:crypto';
import type {
  JournalFilter,
  JournalFilterCondition,
  JournalSnapshot,
  JournalSubscription,
  JournalSubscriptionType,
  NewJournalEntry,
  NewJournalSubscription,
  StoredJournalEntry,
} from '../core/ports.js';

export interface JournalSubscriptionRow {
  id: number;
  app_id: number;
  portal_id: number;
  subscription_type: string;
  object_type_id: string;
  lists: string;
  created_at: number;
  updated_at: number;
}

export interface JournalFilterRow {
  id: number;
  app_id: number;
  subscription_id: number;
  conditions: string;
  created_at: number;
}

export interface JournalEntryRow {
  app_id: number;
  sequence: number;
  portal_id: number;
  file_token: string;
  created_at: number;
  expires_at: number;
}

export interface JournalSnapshotRow {
  id: string;
  app_id: number;
  status: string;
  error_code: string | null;
  message: string | null;
  initiated_at: number;
  completed_at: number | null;
}

export const JOURNAL_SUBSCRIPTION_COLUMNS =
  'id, app_id, portal_id, subscription_type, object_type_id, lists, created_at, updated_at';
export const JOURNAL_FILTER_COLUMNS = 'id, app_id, subscription_id, conditions, created_at';
export const JOURNAL_ENTRY_COLUMNS =
  'app_id, sequence, portal_id, file_token, created_at, expires_at';

/** The subscription types whose events the writer journals. */
export const EVENTFUL_JOURNAL_TYPES = "('OBJECT', 'ASSOCIATION', 'GDPR_PRIVACY_DELETION')";

/** A subscription's lists, as the `lists` column keeps them. */
export function subscriptionLists(subscription: NewJournalSubscription): string {
  return JSON.stringify({
    actions: subscription.actions,
    objectIds: subscription.objectIds,
    properties: subscription.properties,
    associatedObjectTypeIds: subscription.associatedObjectTypeIds,
    listIds: subscription.listIds,
  });
}

export function toJournalSubscription(row: JournalSubscriptionRow): JournalSubscription {
  const lists = JSON.parse(row.lists) as Pick<
    JournalSubscription,
    'actions' | 'objectIds' | 'properties' | 'associatedObjectTypeIds' | 'listIds'
  >;
  return {
    id: row.id,
    appId: row.app_id,
    portalId: row.portal_id,
    subscriptionType: row.subscription_type as JournalSubscriptionType,
    objectTypeId: row.object_type_id,
    ...lists,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function toJournalFilter(row: JournalFilterRow): JournalFilter {
  return {
    id: row.id,
    appId: row.app_id,
    subscriptionId: row.subscription_id,
    conditions: JSON.parse(row.conditions) as JournalFilterCondition[],
    createdAt: new Date(row.created_at),
  };
}

export function toJournalEntry(row: JournalEntryRow): StoredJournalEntry {
  return {
    appId: row.app_id,
    sequence: row.sequence,
    portalId: row.portal_id,
    fileToken: row.file_token,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}

export function toJournalSnapshot(row: JournalSnapshotRow): JournalSnapshot {
  return {
    id: row.id,
    appId: row.app_id,
    status: row.status,
    errorCode: row.error_code,
    message: row.message,
    initiatedAt: new Date(row.initiated_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
  };
}

/** A file token: 128 random bits, so a journal file's link cannot be guessed. */
export function newFileToken(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The entries grouped by app, apps in ascending id order: sequences are taken in that order, so
 * two transactions appending to the same apps lock their sequence rows in the same order.
 */
export function entriesByApp(entries: readonly NewJournalEntry[]): [number, NewJournalEntry[]][] {
  const byApp = new Map<number, NewJournalEntry[]>();
  for (const entry of entries) {
    const list = byApp.get(entry.appId);
    if (list) list.push(entry);
    else byApp.set(entry.appId, [entry]);
  }
  return [...byApp].sort(([a], [b]) => a - b);
}
