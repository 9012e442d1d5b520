// The library entry point: start a server for a test suite, or build one over a store of your choice.
export { createCore, type Core, type CoreOptions } from './core/create-core.js';
export type { Clock, Store } from './core/ports.js';
export { buildApp, DEFAULT_PORTAL_ID, type AppOptions } from './http/build-app.js';
export { PostgresStore, type PostgresStoreOptions } from './store/postgres/postgres-store.js';
export { SqliteStore, type SqliteStoreOptions } from './store/sqlite/sqlite-store.js';
export { ALL_SCOPES, scopesOf } from './core/scopes.js';
export type { AuthMode } from './http/access/authentication.js';
export {
  RATE_LIMIT_PROFILES,
  type RateLimitProfile,
  type RateLimits,
} from './http/access/rate-limits.js';
export { parseConfig, type RateLimitChoice, type ServerConfig } from './server/config.js';
export {
  startServer,
  type RunningServer,
  type StartServerOptions,
  type WebhookDeliveryChoices,
} from './server/start-server.js';
export type { WebhookDeliveryOptions } from './http/webhook-delivery.js';
