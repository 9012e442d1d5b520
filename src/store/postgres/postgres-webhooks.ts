// Webhook apps, their settings and subscriptions in PostgreSQL; each write is one statement.
import type {
  ActiveJournalSubscription,
  LoggedWebhookEvent,
  NewSubscription,
  StoredSubscription,
  WebhookApp,
  WebhookSettings,
} from '../../core/ports.js';
import {
  ACTIVE_JOURNAL_SUBSCRIPTIONS,
  DELETE_JOURNAL_OF_APP,
  toActiveJournalSubscription,
  type ActiveJournalSubscriptionRow,
} from './postgres-journal.js';
import { encodeChunks } from '../../core/event-chunks.js';
import type { QueryResultRow } from 'pg';
import type { Query } from './postgres-schema.js';
import type { SessionStatement } from './transaction-connection.js';
import {
  SUBSCRIPTION_COLUMNS,
  toSubscription,
  toWebhookApp as toApp,
  type SubscriptionRow,
  type WebhookAppRow as AppRow,
} from '../webhook-rows.js';

export async function putApp(query: Query, app: Omit<WebhookApp, 'settings'>): Promise<void> {
  await query(
    `INSERT INTO webhook_apps (app_id, client_secret, developer_key_hash, created_at)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (app_id) DO UPDATE SET client_secret = EXCLUDED.client_secret,
       developer_key_hash = EXCLUDED.developer_key_hash`,
    [app.appId, app.clientSecret, app.developerKeyHash, app.createdAt],
  );
}

export async function getApp(query: Query, appId: number): Promise<WebhookApp | null> {
  const [row] = await query<AppRow>('SELECT * FROM webhook_apps WHERE app_id = $1', [appId]);
  return row ? toApp(row) : null;
}

export async function listApps(query: Query): Promise<WebhookApp[]> {
  return (await query<AppRow>('SELECT * FROM webhook_apps ORDER BY app_id', [])).map(toApp);
}

export async function deleteApp(query: Query, appId: number): Promise<boolean> {
  const rows = await query(
    `WITH subscriptions AS (DELETE FROM webhook_subscriptions WHERE app_id = $1),
       ${DELETE_JOURNAL_OF_APP}
     DELETE FROM webhook_apps WHERE app_id = $1 RETURNING app_id`,
    [appId],
  );
  return rows.length > 0;
}

export async function putWebhookSettings(
  query: Query,
  appId: number,
  settings: WebhookSettings | null,
): Promise<boolean> {
  const rows = await query(
    `UPDATE webhook_apps SET target_url = $1, max_concurrent_requests = $2,
       throttling_period = $3, settings_created_at = $4, settings_updated_at = $5
     WHERE app_id = $6 RETURNING app_id`,
    [
      settings?.targetUrl ?? null,
      settings?.maxConcurrentRequests ?? null,
      settings?.period ?? null,
      settings?.createdAt ?? null,
      settings?.updatedAt ?? null,
      appId,
    ],
  );
  return rows.length > 0;
}

export async function listSubscriptions(
  query: Query,
  appId: number,
): Promise<StoredSubscription[]> {
  const rows = await query<SubscriptionRow>(
    `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions WHERE app_id = $1 ORDER BY id`,
    [appId],
  );
  return rows.map(toSubscription);
}

export async function insertSubscription(
  query: Query,
  subscription: NewSubscription,
): Promise<StoredSubscription> {
  const [row] = await query<SubscriptionRow>(
    `INSERT INTO webhook_subscriptions
       (app_id, event_type, property_name, object_type_id, active, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ${SUBSCRIPTION_COLUMNS}`,
    [
      subscription.appId,
      subscription.eventType,
      subscription.propertyName,
      subscription.objectTypeId,
      subscription.active,
      subscription.createdAt,
    ],
  );
  if (!row) throw new Error('INSERT … RETURNING answered no row');
  return toSubscription(row);
}

export async function setSubscriptionsActive(
  query: Query,
  appId: number,
  changes: readonly { readonly id: number; readonly active: boolean }[],
  now: Date,
): Promise<StoredSubscription[]> {
  const rows = await query<SubscriptionRow>(
    `UPDATE webhook_subscriptions AS s SET active = c.active, updated_at = $3
     FROM unnest($1::bigint[], $2::boolean[]) AS c (id, active)
     WHERE s.app_id = $4 AND s.id = c.id
     RETURNING ${SUBSCRIPTION_COLUMNS.split(', ')
       .map((column) => `s.${column}`)
       .join(', ')}`,
    [changes.map((change) => change.id), changes.map((change) => change.active), now, appId],
  );
  const byId = new Map(rows.map((row) => [row.id, toSubscription(row)]));
  return changes.flatMap((change) => {
    const updated = byId.get(change.id);
    return updated ? [updated] : [];
  });
}

export async function deleteSubscription(
  query: Query,
  appId: number,
  id: number,
): Promise<boolean> {
  const rows = await query(
    'DELETE FROM webhook_subscriptions WHERE app_id = $1 AND id = $2 RETURNING id',
    [appId, id],
  );
  return rows.length > 0;
}

/** Every active subscription of every app that has a target URL (its readers order by `id`). */
const ACTIVE_SUBSCRIPTIONS = `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions
  WHERE active AND app_id IN (SELECT app_id FROM webhook_apps WHERE target_url IS NOT NULL)`;

/** What a write's events may follow: apps' active webhook and journal subscriptions. */
export interface ActiveFollowers {
  readonly webhooks: StoredSubscription[];
  readonly journal: ActiveJournalSubscription[];
}

/**
 * The columns `webhooks` and `journal` of a statement that reads the active webhook and journal
 * subscriptions, each list as JSON: its timestamps as text and its ids as numbers, which the row
 * mappers take as they are.
 */
export const ACTIVE_FOLLOWERS_COLUMNS = `
  (SELECT coalesce(json_agg(w ORDER BY w.id), '[]') FROM (${ACTIVE_SUBSCRIPTIONS}) w) AS webhooks,
  (SELECT coalesce(json_agg(j ORDER BY j.id), '[]') FROM (${ACTIVE_JOURNAL_SUBSCRIPTIONS}) j)
    AS journal`;

/** A row with the columns of `ACTIVE_FOLLOWERS_COLUMNS`. */
export interface ActiveFollowersRow {
  readonly webhooks: SubscriptionRow[];
  readonly journal: ActiveJournalSubscriptionRow[];
}

export function toActiveFollowers(row: ActiveFollowersRow | undefined): ActiveFollowers {
  return {
    webhooks: (row?.webhooks ?? []).map(toSubscription),
    journal: (row?.journal ?? []).map(toActiveJournalSubscription),
  };
}

/** The active webhook and journal subscriptions in one statement (reading them apart took two). */
export async function activeFollowers(query: Query): Promise<ActiveFollowers> {
  const [row] = await query<ActiveFollowersRow & QueryResultRow>(
    `SELECT ${ACTIVE_FOLLOWERS_COLUMNS}`,
    [],
  );
  return toActiveFollowers(row);
}

/**
 * `appendWebhookEventsStatement` as one text for any number of chunks, their fields as arrays: a
 * guessed pair write sends it with COMMIT, prepared, its arguments written in as literals
 * (pair-write-guess.ts), which a guessed write's few events keep short.
 */
export const APPEND_WEBHOOK_CHUNKS: SessionStatement = {
  name: 'has_append_webhook_chunks',
  sql: `INSERT INTO webhook_event_chunks
      (id, portal_id, app_id, event_count, events, created_at, due_at)
    SELECT nextval('webhook_event_ids'), $1, c.app_id, c.event_count, c.events, $2, $2
    FROM unnest($3::bigint[], $4::integer[], $5::text[]) AS c (app_id, event_count, events)`,
  types: ['bigint', 'timestamptz', 'bigint[]', 'integer[]', 'text[]'],
};

/** The parameters of `APPEND_WEBHOOK_CHUNKS`: the time as ISO text, the chunks by column. */
export function appendWebhookChunksParams(
  portalId: number,
  events: readonly LoggedWebhookEvent[],
  now: Date,
): (number | string | number[] | string[])[] {
  const chunks = encodeChunks(events);
  return [
    portalId,
    now.toISOString(),
    chunks.map((chunk) => chunk.appId),
    chunks.map((chunk) => chunk.count),
    chunks.map((chunk) => chunk.text),
  ];
}

/**
 * The INSERT of `appendWebhookEvents`, with its parameters: one statement, one row per chunk (up
 * to 100 events of one app), each chunk's events as one text parameter (no array for the driver
 * to escape, no JSON for the server to parse). Each chunk's id is a `nextval`, taken in order.
 */
export function appendWebhookEventsStatement(
  portalId: number,
  events: readonly LoggedWebhookEvent[],
  now: Date,
): [string, unknown[]] {
  const params: unknown[] = [portalId, now];
  const rows = encodeChunks(events).map((chunk) => {
    params.push(chunk.appId, chunk.count, chunk.text);
    const at = params.length;
    return `(nextval('webhook_event_ids'), $1, $${at - 2}, $${at - 1}, $${at}, $2, $2)`;
  });
  return [
    `INSERT INTO webhook_event_chunks
       (id, portal_id, app_id, event_count, events, created_at, due_at)
     VALUES ${rows.join(', ')}`,
    params,
  ];
}
