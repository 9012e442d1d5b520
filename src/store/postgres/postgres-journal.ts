// Apps' webhooks journals in PostgreSQL: subscriptions, filters, entries and snapshots; each
// operation is one statement.
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
import type { Query } from './postgres-schema.js';
import type { SessionStatement } from './transaction-connection.js';

export async function upsertJournalSubscription(
  query: Query,
  subscription: NewJournalSubscription,
  now: Date,
): Promise<JournalSubscription> {
  const [row] = await query<JournalSubscriptionRow>(
    `INSERT INTO journal_subscriptions
       (app_id, portal_id, subscription_type, object_type_id, lists, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (app_id, subscription_type, portal_id, object_type_id)
       DO UPDATE SET lists = EXCLUDED.lists, updated_at = EXCLUDED.updated_at
     RETURNING ${JOURNAL_SUBSCRIPTION_COLUMNS}`,
    [
      subscription.appId,
      subscription.portalId,
      subscription.subscriptionType,
      subscription.objectTypeId,
      subscriptionLists(subscription),
      now.getTime(),
    ],
  );
  if (!row) throw new Error('INSERT … RETURNING answered no row');
  return toJournalSubscription(row);
}

export async function listJournalSubscriptions(
  query: Query,
  appId: number,
): Promise<JournalSubscription[]> {
  const rows = await query<JournalSubscriptionRow>(
    `SELECT ${JOURNAL_SUBSCRIPTION_COLUMNS} FROM journal_subscriptions WHERE app_id = $1
     ORDER BY id`,
    [appId],
  );
  return rows.map(toJournalSubscription);
}

export async function deleteJournalSubscription(
  query: Query,
  appId: number,
  id: number,
): Promise<boolean> {
  const rows = await query(
    `WITH filters AS (DELETE FROM journal_filters WHERE app_id = $1 AND subscription_id = $2)
     DELETE FROM journal_subscriptions WHERE app_id = $1 AND id = $2 RETURNING id`,
    [appId, id],
  );
  return rows.length > 0;
}

export async function deleteJournalSubscriptionsOfPortal(
  query: Query,
  appId: number,
  portalId: number,
): Promise<number> {
  const rows = await query(
    `WITH gone AS (
       DELETE FROM journal_subscriptions WHERE app_id = $1 AND portal_id = $2 RETURNING id
     ), filters AS (
       DELETE FROM journal_filters WHERE subscription_id IN (SELECT id FROM gone)
     )
     SELECT id FROM gone`,
    [appId, portalId],
  );
  return rows.length;
}

/** The CTEs that delete everything of app `$1`'s journal, for deleteApp's statement. */
export const DELETE_JOURNAL_OF_APP = `
  journal_filters_gone AS (DELETE FROM journal_filters WHERE app_id = $1),
  journal_subscriptions_gone AS (DELETE FROM journal_subscriptions WHERE app_id = $1),
  journal_entries_gone AS (DELETE FROM journal_entries WHERE app_id = $1),
  journal_sequences_gone AS (DELETE FROM journal_sequences WHERE app_id = $1),
  journal_snapshots_gone AS (DELETE FROM journal_snapshots WHERE app_id = $1)`;

export async function insertJournalFilter(
  query: Query,
  appId: number,
  subscriptionId: number,
  conditions: readonly JournalFilterCondition[],
  now: Date,
): Promise<JournalFilter | null> {
  const [row] = await query<JournalFilterRow>(
    `INSERT INTO journal_filters (app_id, subscription_id, conditions, created_at)
     SELECT app_id, id, $3, $4 FROM journal_subscriptions WHERE app_id = $1 AND id = $2
     RETURNING ${JOURNAL_FILTER_COLUMNS}`,
    [appId, subscriptionId, JSON.stringify(conditions), now.getTime()],
  );
  return row ? toJournalFilter(row) : null;
}

export async function listJournalFilters(
  query: Query,
  appId: number,
  by: { readonly filterId: number } | { readonly subscriptionId: number },
): Promise<JournalFilter[]> {
  const [column, value] =
    'filterId' in by ? ['id', by.filterId] : ['subscription_id', by.subscriptionId];
  const rows = await query<JournalFilterRow>(
    `SELECT ${JOURNAL_FILTER_COLUMNS} FROM journal_filters WHERE app_id = $1 AND ${column} = $2
     ORDER BY id`,
    [appId, value],
  );
  return rows.map(toJournalFilter);
}

export async function deleteJournalFilter(
  query: Query,
  appId: number,
  filterId: number,
): Promise<boolean> {
  const rows = await query(
    'DELETE FROM journal_filters WHERE app_id = $1 AND id = $2 RETURNING id',
    [appId, filterId],
  );
  return rows.length > 0;
}

/** The journal subscriptions changes can match, with their filters (its readers order by `id`). */
export const ACTIVE_JOURNAL_SUBSCRIPTIONS = `SELECT ${JOURNAL_SUBSCRIPTION_COLUMNS.split(', ')
  .map((column) => `s.${column}`)
  .join(', ')},
    (SELECT json_agg(f ORDER BY f.id) FROM journal_filters f WHERE f.subscription_id = s.id)
      AS filters
  FROM journal_subscriptions s WHERE s.subscription_type IN ${EVENTFUL_JOURNAL_TYPES}`;

export type ActiveJournalSubscriptionRow = JournalSubscriptionRow & {
  filters: JournalFilterRow[] | null;
};

export function toActiveJournalSubscription(
  row: ActiveJournalSubscriptionRow,
): ActiveJournalSubscription {
  return { ...toJournalSubscription(row), filters: (row.filters ?? []).map(toJournalFilter) };
}

export async function activeJournalSubscriptions(
  query: Query,
): Promise<ActiveJournalSubscription[]> {
  const rows = await query<ActiveJournalSubscriptionRow>(
    `${ACTIVE_JOURNAL_SUBSCRIPTIONS} ORDER BY s.id`,
    [],
  );
  return rows.map(toActiveJournalSubscription);
}

/**
 * The statement of `appendJournalEntries`: every app's sequence taken, its expired entries
 * dropped and its new entries inserted. One text for any number of entries: a guessed pair
 * write sends it with COMMIT, prepared (pair-write-guess.ts).
 */
export const APPEND_JOURNAL_ENTRIES: SessionStatement = {
  name: 'has_append_journal_entries',
  sql: `WITH counts AS (
       SELECT * FROM unnest($1::bigint[], $2::bigint[]) AS c (app_id, n) ORDER BY app_id
     ), taken AS (
       INSERT INTO journal_sequences (app_id, last_sequence) SELECT app_id, n FROM counts
       ON CONFLICT (app_id)
         DO UPDATE SET last_sequence = journal_sequences.last_sequence + EXCLUDED.last_sequence
       RETURNING app_id, last_sequence
     ), pruned AS (
       DELETE FROM journal_entries WHERE app_id = ANY ($1::bigint[]) AND expires_at <= $4
     )
     INSERT INTO journal_entries
       (app_id, sequence, portal_id, file_token, events, created_at, expires_at)
     SELECT e.app_id, t.last_sequence - c.n + e.k, $3, e.token, e.events, $4, $5
     FROM unnest($6::bigint[], $7::bigint[], $8::text[], $9::text[]) AS e (app_id, k, token, events)
       JOIN taken t USING (app_id) JOIN counts c USING (app_id)`,
  types: [
    'bigint[]',
    'bigint[]',
    'bigint',
    'bigint',
    'bigint',
    'bigint[]',
    'bigint[]',
    'text[]',
    'text[]',
  ],
};

/** The parameters of `APPEND_JOURNAL_ENTRIES`: numbers, texts, and arrays of them. */
export function appendJournalEntriesParams(
  portalId: number,
  entries: readonly NewJournalEntry[],
  now: Date,
): (number | number[] | string[])[] {
  const byApp = entriesByApp(entries);
  const rows = byApp.flatMap(([appId, ofApp]) =>
    ofApp.map((entry, index) => ({ appId, k: index + 1, events: JSON.stringify(entry.events) })),
  );
  return [
    byApp.map(([appId]) => appId),
    byApp.map(([, ofApp]) => ofApp.length),
    portalId,
    now.getTime(),
    now.getTime() + JOURNAL_RETENTION_MS,
    rows.map((row) => row.appId),
    rows.map((row) => row.k),
    rows.map(() => newFileToken()),
    rows.map((row) => row.events),
  ];
}

export async function readJournal(
  query: Query,
  appId: number,
  portalId: number | null,
  position: JournalPosition,
  limit: number,
  now: Date,
): Promise<StoredJournalEntry[]> {
  const params: unknown[] = [appId, now.getTime(), limit];
  const portal = portalId === null ? '' : `AND portal_id = $${params.push(portalId)}`;
  const after =
    position.kind === 'after' ? `AND sequence > $${params.push(position.sequence)}` : '';
  const order = position.kind === 'latest' ? 'DESC' : 'ASC';
  const rows = await query<JournalEntryRow>(
    `SELECT ${JOURNAL_ENTRY_COLUMNS} FROM journal_entries
     WHERE app_id = $1 ${portal} AND expires_at > $2 ${after}
     ORDER BY sequence ${order} LIMIT $3`,
    params,
  );
  if (position.kind === 'latest') rows.reverse();
  return rows.map(toJournalEntry);
}

export async function journalEntriesAt(
  query: Query,
  appId: number,
  portalId: number | null,
  sequences: readonly number[],
  now: Date,
): Promise<StoredJournalEntry[]> {
  if (sequences.length === 0) return [];
  const rows = await query<JournalEntryRow>(
    `SELECT ${JOURNAL_ENTRY_COLUMNS} FROM journal_entries
     WHERE app_id = $1 AND expires_at > $2 AND sequence = ANY ($3::bigint[])
       ${portalId === null ? '' : 'AND portal_id = $4'}
     ORDER BY sequence`,
    [appId, now.getTime(), sequences, ...(portalId === null ? [] : [portalId])],
  );
  return rows.map(toJournalEntry);
}

export async function journalFile(
  query: Query,
  fileToken: string,
  now: Date,
): Promise<{ entry: StoredJournalEntry; events: unknown[] } | null> {
  const [row] = await query<JournalEntryRow & { events: string }>(
    `SELECT ${JOURNAL_ENTRY_COLUMNS}, events FROM journal_entries
     WHERE file_token = $1 AND expires_at > $2`,
    [fileToken, now.getTime()],
  );
  return row ? { entry: toJournalEntry(row), events: JSON.parse(row.events) as unknown[] } : null;
}

export async function putJournalSnapshot(query: Query, snapshot: JournalSnapshot): Promise<void> {
  await query(
    `INSERT INTO journal_snapshots
       (id, app_id, status, error_code, message, initiated_at, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, error_code = EXCLUDED.error_code,
       message = EXCLUDED.message, completed_at = EXCLUDED.completed_at`,
    [
      snapshot.id,
      snapshot.appId,
      snapshot.status,
      snapshot.errorCode,
      snapshot.message,
      snapshot.initiatedAt.getTime(),
      snapshot.completedAt?.getTime() ?? null,
    ],
  );
}

export async function getJournalSnapshot(
  query: Query,
  appId: number,
  id: string,
): Promise<JournalSnapshot | null> {
  const [row] = await query<JournalSnapshotRow>(
    'SELECT * FROM journal_snapshots WHERE app_id = $1 AND id = $2',
    [appId, id],
  );
  return row ? toJournalSnapshot(row) : null;
}
