// Rows of webhook apps and subscriptions as both engines read them, mapped to the port's values
// (SQLite keeps times as epoch ms and booleans as 0/1, PostgreSQL as timestamps and booleans).
import type { StoredSubscription, WebhookApp } from '../core/ports.js';

type Time = Date | number;

export interface WebhookAppRow {
  app_id: number;
  client_secret: string;
  developer_key_hash: string | null;
  created_at: Time;
  target_url: string | null;
  max_concurrent_requests: number | null;
  throttling_period: string | null;
  settings_created_at: Time | null;
  settings_updated_at: Time | null;
}

export interface SubscriptionRow {
  id: number;
  app_id: number;
  event_type: string;
  property_name: string | null;
  object_type_id: string | null;
  active: boolean | number;
  created_at: Time;
  updated_at: Time;
}

export const SUBSCRIPTION_COLUMNS =
  'id, app_id, event_type, property_name, object_type_id, active, created_at, updated_at';

const asDate = (time: Time | null): Date => (time instanceof Date ? time : new Date(time ?? 0));

export function toWebhookApp(row: WebhookAppRow): WebhookApp {
  return {
    appId: row.app_id,
    clientSecret: row.client_secret,
    developerKeyHash: row.developer_key_hash,
    createdAt: asDate(row.created_at),
    settings:
      row.target_url === null
        ? null
        : {
            targetUrl: row.target_url,
            maxConcurrentRequests: row.max_concurrent_requests ?? 0,
            period: row.throttling_period,
            createdAt: asDate(row.settings_created_at),
            updatedAt: asDate(row.settings_updated_at),
          },
  };
}

export function toSubscription(row: SubscriptionRow): StoredSubscription {
  return {
    id: row.id,
    appId: row.app_id,
    eventType: row.event_type,
    propertyName: row.property_name,
    objectTypeId: row.object_type_id,
    active: Boolean(row.active),
    createdAt: asDate(row.created_at),
    updatedAt: asDate(row.updated_at),
  };
}
