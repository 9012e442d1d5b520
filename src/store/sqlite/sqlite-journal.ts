// Apps' webhooks journals in SQLite: subscriptions, filters, entries and snapshots.
import {
  JOURNAL_RETENTION_MS,
  type ActiveJournalSubscription,
  type JournalFilter,
  type JournalFilterCondition,
  type JournalPosition,
  type JournalSnapshot,
  type JournalSubscription,
  type NewJournalEntry,
  type NewJournalSubscription,
  type StoredJournalEntry,
} from '../../core/ports.js';
import {
  EVENTFUL_JOURNAL_TYPES,
  JOURNAL_ENTRY_COLUMNS,
  JOURNAL_FILTER_COLUMNS,
  JOURNAL_SUBSCRIPTION_COLUMNS,
  entriesByApp,
  newFileToken,
  subscriptionLists,
  toJournalEntry,
  toJournalFilter,
  toJournalSnapshot,
  toJournalSubscription,
  type JournalEntryRow,
  type JournalFilterRow,
  type JournalSnapshotRow,
  type JournalSubscriptionRow,
} from '../journal-rows.js';
import type { Prepare } from './sqlite-schema.js';
import { BOUND_COUNT } from './bound-count.js';

export function upsertJournalSubscription(
  prepare: Prepare,
  subscription: NewJournalSubscription,
  now: Date,
): JournalSubscription {
  const row = prepare(
    `INSERT INTO journal_subscriptions
       (app_id, portal_id, subscription_type, object_type_id, lists, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (app_id, subscription_type, portal_id, object_type_id)
       DO UPDATE SET lists = excluded.lists, updated_at = excluded.updated_at
     RETURNING ${JOURNAL_SUBSCRIPTION_COLUMNS}`,
  ).get(
    subscription.appId,
    subscription.portalId,
    subscription.subscriptionType,
    subscription.objectTypeId,
    subscriptionLists(subscription),
    now.getTime(),
    now.getTime(),
  );
  return toJournalSubscription(row as JournalSubscriptionRow);
}

export function listJournalSubscriptions(prepare: Prepare, appId: number): JournalSubscription[] {
  const rows = prepare(
    `SELECT ${JOURNAL_SUBSCRIPTION_COLUMNS} FROM journal_subscriptions WHERE app_id = ? ORDER BY id`,
  ).all(appId);
  return (rows as JournalSubscriptionRow[]).map(toJournalSubscription);
}

export function deleteJournalSubscription(prepare: Prepare, appId: number, id: number): boolean {
  prepare('DELETE FROM journal_filters WHERE app_id = ? AND subscription_id = ?').run(appId, id);
  return (
    prepare('DELETE FROM journal_subscriptions WHERE app_id = ? AND id = ?').run(appId, id)
      .changes > 0
  );
}

export function deleteJournalSubscriptionsOfPortal(
  prepare: Prepare,
  appId: number,
  portalId: number,
): number {
  prepare(
    `DELETE FROM journal_filters WHERE app_id = ? AND subscription_id IN
       (SELECT id FROM journal_subscriptions WHERE app_id = ? AND portal_id = ?)`,
  ).run(appId, appId, portalId);
  return prepare('DELETE FROM journal_subscriptions WHERE app_id = ? AND portal_id = ?').run(
    appId,
    portalId,
  ).changes;
}

/** Deletes everything of the app's journal: subscriptions, filters, entries, snapshots. */
export function deleteJournalOfApp(prepare: Prepare, appId: number): void {
  for (const table of [
    'journal_filters',
    'journal_subscriptions',
    'journal_entries',
    'journal_sequences',
    'journal_snapshots',
  ]) {
    prepare(`DELETE FROM ${table} WHERE app_id = ?`).run(appId);
  }
}

export function insertJournalFilter(
  prepare: Prepare,
  appId: number,
  subscriptionId: number,
  conditions: readonly JournalFilterCondition[],
  now: Date,
): JournalFilter | null {
  const row = prepare(
    `INSERT INTO journal_filters (app_id, subscription_id, conditions, created_at)
     SELECT app_id, id, ?, ? FROM journal_subscriptions WHERE app_id = ? AND id = ?
     RETURNING ${JOURNAL_FILTER_COLUMNS}`,
  ).get(JSON.stringify(conditions), now.getTime(), appId, subscriptionId);
  return row ? toJournalFilter(row as JournalFilterRow) : null;
}

export function listJournalFilters(
  prepare: Prepare,
  appId: number,
  by: { readonly filterId: number } | { readonly subscriptionId: number },
): JournalFilter[] {
  const [column, value] =
    'filterId' in by ? ['id', by.filterId] : ['subscription_id', by.subscriptionId];
  const rows = prepare(
    `SELECT ${JOURNAL_FILTER_COLUMNS} FROM journal_filters WHERE app_id = ? AND ${column} = ?
     ORDER BY id`,
  ).all(appId, value);
  return (rows as JournalFilterRow[]).map(toJournalFilter);
}

export function deleteJournalFilter(prepare: Prepare, appId: number, filterId: number): boolean {
  return (
    prepare('DELETE FROM journal_filters WHERE app_id = ? AND id = ?').run(appId, filterId)
      .changes > 0
  );
}

export function activeJournalSubscriptions(prepare: Prepare): ActiveJournalSubscription[] {
  const subscriptions = (
    prepare(
      `SELECT ${JOURNAL_SUBSCRIPTION_COLUMNS} FROM journal_subscriptions
       WHERE subscription_type IN ${EVENTFUL_JOURNAL_TYPES} ORDER BY id`,
    ).all() as JournalSubscriptionRow[]
  ).map(toJournalSubscription);
  if (subscriptions.length === 0) return [];
  const filters = (
    prepare(
      `SELECT ${JOURNAL_FILTER_COLUMNS} FROM journal_filters ORDER BY id`,
    ).all() as JournalFilterRow[]
  ).map(toJournalFilter);
  return subscriptions.map((subscription) => ({
    ...subscription,
    filters: filters.filter((filter) => filter.subscriptionId === subscription.id),
  }));
}

export function appendJournalEntries(
  prepare: Prepare,
  portalId: number,
  entries: readonly NewJournalEntry[],
  now: Date,
): void {
  const take = prepare(
    `INSERT INTO journal_sequences (app_id, last_sequence) VALUES (?, ?)
     ON CONFLICT (app_id) DO UPDATE SET last_sequence = last_sequence + excluded.last_sequence
     RETURNING last_sequence`,
  );
  const insert = prepare(
    `INSERT INTO journal_entries
       (app_id, sequence, portal_id, file_token, events, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const prune = prepare('DELETE FROM journal_entries WHERE app_id = ? AND expires_at <= ?');
  for (const [appId, ofApp] of entriesByApp(entries)) {
    prune.run(appId, now.getTime());
    const { last_sequence: last } = take.get(appId, ofApp.length) as { last_sequence: number };
    ofApp.forEach((entry, index) => {
      insert.run(
        appId,
        last - ofApp.length + 1 + index,
        portalId,
        newFileToken(),
        JSON.stringify(entry.events),
        now.getTime(),
        now.getTime() + JOURNAL_RETENTION_MS,
      );
    });
  }
}

export function readJournal(
  prepare: Prepare,
  appId: number,
  portalId: number | null,
  position: JournalPosition,
  limit: number,
  now: Date,
): StoredJournalEntry[] {
  const portal = portalId === null ? '' : 'AND portal_id = ?';
  const after = position.kind === 'after' ? 'AND sequence > ?' : '';
  const order = position.kind === 'latest' ? 'DESC' : 'ASC';
  const rows = prepare(
    `SELECT ${JOURNAL_ENTRY_COLUMNS} FROM journal_entries
     WHERE app_id = ? ${portal} AND expires_at > ? ${after}
     ORDER BY sequence ${order} LIMIT ${BOUND_COUNT}`,
  ).all(
    appId,
    ...(portalId === null ? [] : [portalId]),
    now.getTime(),
    ...(position.kind === 'after' ? [position.sequence] : []),
    limit,
  ) as JournalEntryRow[];
  if (position.kind === 'latest') rows.reverse();
  return rows.map(toJournalEntry);
}

export function journalEntriesAt(
  prepare: Prepare,
  appId: number,
  portalId: number | null,
  sequences: readonly number[],
  now: Date,
): StoredJournalEntry[] {
  if (sequences.length === 0) return [];
  const rows = prepare(
    `SELECT ${JOURNAL_ENTRY_COLUMNS} FROM journal_entries
     WHERE app_id = ? AND expires_at > ? AND sequence IN (SELECT value FROM json_each(?))
       ${portalId === null ? '' : 'AND portal_id = ?'}
     ORDER BY sequence`,
  ).all(
    appId,
    now.getTime(),
    JSON.stringify(sequences),
    ...(portalId === null ? [] : [portalId]),
  ) as JournalEntryRow[];
  return rows.map(toJournalEntry);
}

export function journalFile(
  prepare: Prepare,
  fileToken: string,
  now: Date,
): { entry: StoredJournalEntry; events: unknown[] } | null {
  const row = prepare(
    `SELECT ${JOURNAL_ENTRY_COLUMNS}, events FROM journal_entries
     WHERE file_token = ? AND expires_at > ?`,
  ).get(fileToken, now.getTime()) as (JournalEntryRow & { events: string }) | undefined;
  return row ? { entry: toJournalEntry(row), events: JSON.parse(row.events) as unknown[] } : null;
}

export function putJournalSnapshot(prepare: Prepare, snapshot: JournalSnapshot): void {
  prepare(
    `INSERT INTO journal_snapshots
       (id, app_id, status, error_code, message, initiated_at, completed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, error_code = excluded.error_code,
       message = excluded.message, completed_at = excluded.completed_at`,
  ).run(
    snapshot.id,
    snapshot.appId,
    snapshot.status,
    snapshot.errorCode,
    snapshot.message,
    snapshot.initiatedAt.getTime(),
    snapshot.completedAt?.getTime() ?? null,
  );
}

export function getJournalSnapshot(
  prepare: Prepare,
  appId: number,
  id: string,
): JournalSnapshot | null {
  const row = prepare('SELECT * FROM journal_snapshots WHERE app_id = ? AND id = ?').get(appId, id);
  return row ? toJournalSnapshot(row as JournalSnapshotRow) : null;
}
