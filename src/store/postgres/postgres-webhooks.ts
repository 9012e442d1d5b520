// Webhook apps, their settings and subscriptions in PostgreSQL; each write is one statement.
import type {
  NewSubscription,
  StoredSubscription,
  WebhookApp,
  WebhookSettings,
} from '../../core/ports.js';
import type { Query } from './postgres-schema.js';

interface AppRow {
  app_id: number;
  client_secret: string;
  developer_key_hash: string | null;
  created_at: Date;
  target_url: string | null;
  max_concurrent_requests: number | null;
  throttling_period: string | null;
  settings_created_at: Date | null;
  settings_updated_at: Date | null;
}

interface SubscriptionRow {
  id: number;
  app_id: number;
  event_type: string;
  property_name: string | null;
  object_type_id: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const SUBSCRIPTION_COLUMNS =
  'id, app_id, event_type, property_name, object_type_id, active, created_at, updated_at';

function toApp(row: AppRow): WebhookApp {
  const settings: WebhookSettings | null =
    row.target_url === null
      ? null
      : {
          targetUrl: row.target_url,
          maxConcurrentRequests: row.max_concurrent_requests ?? 0,
          period: row.throttling_period,
          createdAt: row.settings_created_at ?? new Date(0),
          updatedAt: row.settings_updated_at ?? new Date(0),
        };
  return {
    appId: row.app_id,
    clientSecret: row.client_secret,
    developerKeyHash: row.developer_key_hash,
    createdAt: row.created_at,
    settings,
  };
}

function toSubscription(row: SubscriptionRow): StoredSubscription {
  return {
    id: row.id,
    appId: row.app_id,
    eventType: row.event_type,
    propertyName: row.property_name,
    objectTypeId: row.object_type_id,
    active: row.active,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

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
    `WITH subscriptions AS (DELETE FROM webhook_subscriptions WHERE app_id = $1)
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
