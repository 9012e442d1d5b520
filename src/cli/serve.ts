// Opens the store, builds the app, listens, and shuts down gracefully on SIGTERM and SIGINT.
import { destination, pino } from 'pino';
import type { CoreSettings } from '../core/use-cases/deps.js';
import type { AuthMode } from '../http/access/authentication.js';
import type { RateLimitChoice } from '../server/config.js';
import { composeServer, type WebhookDeliveryChoices } from '../server/start-server.js';
import { openStore, type StoreChoice } from './open-store.js';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly store: StoreChoice;
  readonly logLevel: string;
  readonly settings?: Partial<CoreSettings>;
  readonly auth?: AuthMode | undefined;
  readonly adminToken?: string | undefined;
  readonly rateLimits?: RateLimitChoice | undefined;
  readonly configFile?: string | undefined;
  readonly seedFile?: string | undefined;
  /** Flags over the config file's `webhooks`; undefined values leave the file's. */
  readonly webhooks?: WebhookDeliveryChoices;
  /** Tells the world the server listens; prints the readiness line unless given. */
  readonly announce?: (url: string, store: string) => void;
}

/** The line printed once the server accepts requests; scripts wait for it. */
export function readinessLine(url: string, store: string, workers = 1): string {
  const processes = workers > 1 ? `, ${workers} workers` : '';
  return `hubspot-associations-server listening on ${url} (store: ${store}${processes})`;
}

function printReadinessLine(url: string, store: string): void {
  process.stdout.write(`${readinessLine(url, store)}\n`);
}

export async function serve(options: ServeOptions): Promise<void> {
  // Tokens never reach the log, whatever a log line carries.
  const redact = ['req.headers.authorization', 'headers.authorization', 'authorization'];
  const logger = pino({ level: options.logLevel, redact }, destination(2));
  const { store, description } = await openStore(options.store);
  let app;
  try {
    ({ app } = await composeServer({
      store,
      storeDescription: description,
      auth: options.auth,
      adminToken: options.adminToken,
      rateLimits: options.rateLimits,
      configFile: options.configFile,
      seedFile: options.seedFile,
      settings: options.settings,
      webhooks: options.webhooks,
      logger,
    }));
  } catch (error) {
    await store.close();
    throw error;
  }
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  (options.announce ?? printReadinessLine)(`http://${host}:${port}`, description);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    // Fastify stops accepting connections and waits for in-flight requests; then the store
    // finishes its transactions and closes the database (or its connection pool) cleanly.
    app
      .close()
      .then(() => store.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
