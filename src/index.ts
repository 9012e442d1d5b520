// The library entry point: build the server in-process, over a store of your choice.
export { createCore, type Core, type CoreOptions } from './core/create-core.js';
export type { Clock, Store } from './core/ports.js';
export { buildApp, DEFAULT_PORTAL_ID, type AppOptions } from './http/build-app.js';
export { PostgresStore, type PostgresStoreOptions } from './store/postgres/postgres-store.js';
export { SqliteStore, type SqliteStoreOptions } from './store/sqlite/sqlite-store.js';
