// The composition shared by the command line and library mode: core, portals, tokens, seeds, app.
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { createCore, type Core } from '../core/create-core.js';
import { DomainError } from '../core/errors.js';
import type { Clock, Store } from '../core/ports.js';
import { ALL_SCOPES } from '../core/scopes.js';
import type { CoreSettings } from '../core/use-cases/deps.js';
import type { AuthMode } from '../http/access/authentication.js';
import { buildApp, DEFAULT_PORTAL_ID } from '../http/build-app.js';
import type { WebhookDeliveryOptions } from '../http/webhook-delivery.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { BadLineError, readPortalItems, RecentItems } from './portal-items.js';
import { rateLimitsOf, readConfigFile, type RateLimitChoice, type ServerConfig } from './config.js';

/** The name of the portal every server has, created at start when missing. */
export const DEFAULT_PORTAL_NAME = 'default';

/** How to compose a server; flags and options win over the config file. */
export interface ComposeOptions {
  readonly store: Store;
  /** How health names the store (engine and place, no credentials). */
  readonly storeDescription: string;
  readonly auth?: AuthMode | undefined;
  readonly adminToken?: string | undefined;
  readonly rateLimits?: RateLimitChoice | undefined;
  /** A parsed config; `configFile` is read when this is absent. */
  readonly config?: ServerConfig | undefined;
  readonly configFile?: string | undefined;
  /** A portal export document imported into the default portal at start, replacing its state. */
  readonly seedFile?: string | undefined;
  readonly settings?: Partial<CoreSettings> | undefined;
  readonly clock?: Clock | undefined;
  readonly logger?: FastifyServerOptions['loggerInstance'] | undefined;
  /** How webhooks are delivered; set values win over the config file's `webhooks`. */
  readonly webhooks?: WebhookDeliveryChoices | undefined;
}

/** A composed, not yet listening, server. */
export interface ComposedServer {
  readonly app: FastifyInstance;
  readonly core: Core;
}

/**
 * Imports a seed file (an export document or NDJSON items) into a portal, naming the file and
 * where in it in any error. A name given (the config file's) replaces the seed's portal name.
 */
async function importSeed(
  core: Core,
  portalId: number,
  file: string,
  name: string | undefined,
): Promise<void> {
  const recent = new RecentItems();
  async function* items(): AsyncIterable<unknown> {
    for await (const read of readPortalItems(createReadStream(file))) {
      recent.add(read);
      yield name !== undefined && isPortalItem(read.item) ? { ...read.item, name } : read.item;
    }
  }
  try {
    await core.portals.importItems(portalId, items());
  } catch (error) {
    const position = error instanceof DomainError ? error.context?.['item']?.[0] : undefined;
    const read = position === undefined ? undefined : recent.at(Number(position));
    const where =
      error instanceof BadLineError
        ? `, ${error.where}`
        : read
          ? `, ${read.path ?? `line ${read.line}`}`
          : '';
    const problem = error instanceof BadLineError ? error.problem : (error as Error).message;
    throw new Error(`seed ${file}${where} (portal ${portalId}): ${problem}`);
  }
}

function isPortalItem(item: unknown): item is Record<string, unknown> {
  return (
    typeof item === 'object' && item !== null && (item as { type?: unknown }).type === 'portal'
  );
}

/**
 * Puts the config into the store: the default portal, each listed portal with its tokens and seed,
 * the apps, then the `--seed` file into the default portal. Running it again changes nothing more (tokens
 * are keyed by their hash; seeds replace a portal's state).
 */
async function applyConfig(core: Core, config: ServerConfig, seedFile?: string): Promise<void> {
  await core.portals.ensure(DEFAULT_PORTAL_ID, DEFAULT_PORTAL_NAME);
  for (const portal of config.portals ?? []) {
    await core.portals.ensure(portal.portalId, portal.name ?? `portal ${portal.portalId}`);
    for (const token of portal.tokens ?? []) {
      await core.tokens.create(portal.portalId, {
        token: token.token,
        scopes: token.scopes ?? ALL_SCOPES,
      });
    }
    if (portal.seed !== undefined) {
      await importSeed(core, portal.portalId, portal.seed, portal.name);
    }
  }
  for (const app of config.apps ?? []) {
    await core.apps.put(app);
  }
  if (seedFile !== undefined) {
    const configured = config.portals?.find((portal) => portal.portalId === DEFAULT_PORTAL_ID);
    await importSeed(core, DEFAULT_PORTAL_ID, seedFile, configured?.name);
  }
}

/** Webhook delivery options as flags give them: any of them may be left out (undefined). */
export type WebhookDeliveryChoices = {
  readonly [K in keyof WebhookDeliveryOptions]?: WebhookDeliveryOptions[K] | undefined;
};

/** The options that are set: a flag left out does not hide the config file's value. */
function definedOnly(options: WebhookDeliveryChoices): Partial<WebhookDeliveryOptions> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** Builds the core and the app over an open store and applies the config and seeds. */
export async function composeServer(options: ComposeOptions): Promise<ComposedServer> {
  const config = options.config ?? (options.configFile ? readConfigFile(options.configFile) : {});
  // The config's search lag and undeclared-property choice apply unless the options (a flag) set
  // their own.
  const settings = {
    ...(config.searchLagMs === undefined ? {} : { searchLagMs: config.searchLagMs }),
    ...(config.undeclaredProperties === undefined
      ? {}
      : { undeclaredProperties: config.undeclaredProperties }),
    ...options.settings,
  };
  const core = createCore({
    store: options.store,
    ...(options.clock ? { clock: options.clock } : {}),
    settings,
  });
  const limits = rateLimitsOf(options.rateLimits ?? config.rateLimits);
  const adminToken = options.adminToken ?? config.adminToken;
  const app = buildApp({
    core,
    auth: options.auth ?? config.auth ?? 'open',
    ...(adminToken !== undefined ? { adminToken } : {}),
    rateLimits: limits ? { limits, counter: options.store.requestCounter } : null,
    storeDescription: options.storeDescription,
    ...(options.logger ? { logger: options.logger } : {}),
    webhooks: { ...config.webhooks, ...definedOnly(options.webhooks ?? {}) },
  });
  await applyConfig(core, config, options.seedFile);
  return { app, core };
}

/** Options of `startServer`: all optional; an in-memory store and a free port by default. */
export interface StartServerOptions extends Partial<
  Omit<ComposeOptions, 'store' | 'storeDescription'>
> {
  /** A store to serve (left open by `close()`); a fresh in-memory SQLite store by default. */
  readonly store?: Store;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
}

/** A server listening in this process. */
export interface RunningServer {
  /** `http://127.0.0.1:<port>`: the SDK's `basePath`. */
  readonly url: string;
  /** A token of `portalId` with every scope, made for this server. */
  readonly token: string;
  /** The portal `token` acts on: the default portal. */
  readonly portalId: number;
  readonly app: FastifyInstance;
  readonly core: Core;
  /** Empties every portal (portals and tokens stay) and clears faults and the request log. */
  reset(): Promise<void>;
  /** Stops listening and closes the store it opened. */
  close(): Promise<void>;
}

/**
 * Starts a server for a test suite: its own in-memory store, a free port, a fresh token of the
 * default portal. Servers started in one process share nothing.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const ownStore = options.store === undefined;
  const store = options.store ?? new SqliteStore({ filename: ':memory:' });
  try {
    const { app, core } = await composeServer({
      ...options,
      store,
      storeDescription: ownStore ? 'sqlite :memory:' : 'provided',
    });
    const host = options.host ?? '127.0.0.1';
    const url = await app.listen({ port: options.port ?? 0, host });
    const { token } = await core.tokens.create(DEFAULT_PORTAL_ID, { scopes: ALL_SCOPES });
    return {
      url,
      token,
      portalId: DEFAULT_PORTAL_ID,
      app,
      core,
      reset: async () => {
        await core.portals.resetAll();
        app.emulator.faults.clear();
        app.emulator.requestLog.clear();
      },
      close: async () => {
        await app.close();
        if (ownStore) await store.close();
      },
    };
  } catch (error) {
    if (ownStore) await store.close();
    throw error;
  }
}
