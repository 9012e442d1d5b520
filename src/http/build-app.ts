// Builds the HTTP application over a core; never listens (the CLI and tests do).
import { randomUUID } from 'node:crypto';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import type { Core } from '../core/create-core.js';
import { DomainError } from '../core/errors.js';
import type { RequestCounter } from '../core/ports.js';
import {
  admitsCredentials,
  registerAuthentication,
  type AuthMode,
} from './access/authentication.js';
import { FaultRegistry, registerFaults } from './access/faults.js';
import { RateLimiter, registerRateLimits, type RateLimits } from './access/rate-limits.js';
import { RequestLog, registerRequestLog } from './access/request-log.js';
import { registerScopesCheck } from './access/scopes-check.js';
import { internalError, renderError, statusOf } from './error-envelope.js';
import { FAMILIES } from './families.js';
import {
  answerTimeouts,
  frameworkRefusalOptions,
  frameworkRefusals,
  registerUrlChecks,
} from './framework-refusals.js';
import { registerJsonParser } from './json-body.js';
import { mountOperations } from './mount-operations.js';
import { openApiDocument } from './openapi.js';
import { registerOperationList } from './operations.js';
import { registerRequestContext, type CorrelationIds } from './request-context.js';
import { allOperations } from './routes/index.js';
import { defaultUiDirectory } from './routes/ui.js';
import { SHARED_SCHEMA_COMPILERS } from './schema-compilers.js';
import { validationError } from './validation-errors.js';
import { eventLogWriter } from '../events/event-writer.js';
import { registerWebhookDelivery, type WebhookDeliveryOptions } from './webhook-delivery.js';
import { VERSION } from '../version.js';

/** The portal of requests without a known token in open mode. */
export const DEFAULT_PORTAL_ID = 1;
/** Largest accepted body: a 2,000-input batch is about 300 KB; objects carry properties. */
export const DEFAULT_BODY_LIMIT = 8 * 1024 * 1024;
/**
 * Longest a request may take to arrive, headers and body: a 2,000-input batch is a few hundred
 * KB, so a client slower than this is holding a connection open, not sending a request.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * Scalars are coerced as Jackson does ("1" for 1, 1 for "1"); a scalar is never wrapped into an
 * array, so a string sent where an array belongs is refused.
 */
export const AJV_OPTIONS = { customOptions: { removeAdditional: false, coerceTypes: true } };

export interface AppOptions {
  readonly core: Core;
  readonly defaultPortalId?: number;
  readonly bodyLimit?: number;
  readonly requestTimeoutMs?: number;
  readonly logger?: FastifyServerOptions['loggerInstance'];
  readonly correlationIds?: CorrelationIds;
  /** `open` (the default) or `strict`; see the README. */
  readonly auth?: AuthMode;
  /** The control API's token; strict mode needs one. */
  readonly adminToken?: string;
  /**
   * Per-portal request limits, counted by the store's counter (shared by the processes that share
   * the store); none (the default) counts nothing.
   */
  readonly rateLimits?: { readonly limits: RateLimits; readonly counter: RequestCounter } | null;
  /** How health describes the store (engine and place, no credentials). */
  readonly storeDescription?: string;
  /** The built web page served at /_emulator/ui/; found beside the code when not given. */
  readonly uiDirectory?: string | null;
  /** How webhooks are delivered; by default a loop sends due events every 200 ms. */
  readonly webhooks?: Partial<WebhookDeliveryOptions>;
}

/** What the app keeps in this process besides the store: the control API clears it. */
export interface AppState {
  readonly faults: FaultRegistry;
  readonly requestLog: RequestLog;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Faults in force and the request log: kept per app, in memory. */
    readonly emulator: AppState;
  }
}

/** What an error becomes on the wire: a domain error, whatever was thrown. */
function toDomainError(error: FastifyError, hadBody: boolean): DomainError | null {
  if (error instanceof DomainError) return error;
  if (error.validation) return validationError(error.validation, error.validationContext, hadBody);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainError('BODY_TOO_LARGE', 'Request body is too large', {});
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new DomainError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Unsupported content type: send application/json',
      );
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new DomainError('INVALID_INPUT', error.message);
  }
  return null;
}

/**
 * Once closing has begun, answers carry `Connection: close`, so a keep-alive connection that was
 * busy when close began ends with its answer instead of holding shutdown open until it idles out.
 */
function registerGracefulClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}

export function buildApp(options: AppOptions): FastifyInstance {
  const refusals = frameworkRefusals(options.correlationIds ?? randomUUID);
  const app = Fastify({
    // Bad percent-encoding, over-long URLs and malformed HTTP answer HubSpot's envelope too.
    ...frameworkRefusalOptions(refusals),
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Node checks requestTimeout only every 30 s; the socket timeout cuts a stalled client off on
    // time, and also ends connections left idle that long.
    requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    connectionTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    // Per-request log lines cost more than a request here; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    ajv: AJV_OPTIONS,
    schemaController: SHARED_SCHEMA_COMPILERS,
  });
  registerJsonParser(app);
  const defaultPortalId = options.defaultPortalId ?? DEFAULT_PORTAL_ID;
  const { core } = options;
  registerRequestContext(app, { defaultPortalId, correlationIds: refusals.correlationIds });
  // The order HubSpot answers in: authentication first, then rate limits, then scopes. Faults
  // come before rate limits, so a failed request does not use up the portal's allowance.
  const authentication = {
    mode: options.auth ?? 'open',
    adminToken: options.adminToken,
    defaultPortalId,
    lookup: (token: string) => core.tokens.authenticate(token),
    isDeveloperKey: (appId: number, key: string) => core.apps.isDeveloperKeyOf(appId, key),
    appWithDeveloperKey: (key: string) => core.apps.withDeveloperKey(key),
    verifyAppToken: (token: string) => core.apps.verifyToken(token),
    onlyApp: async () => {
      const apps = await core.apps.list();
      return apps.length === 1 ? (apps[0]?.appId ?? null) : null;
    },
  } as const;
  const tokenCache = registerAuthentication(app, authentication);
  refusals.admits = admitsCredentials(authentication, tokenCache);
  registerUrlChecks(app);
  answerTimeouts(app, refusals);
  const state: AppState = { faults: new FaultRegistry(), requestLog: new RequestLog() };
  app.decorate('emulator', state);
  registerFaults(app, state.faults);
  if (options.rateLimits) {
    const now = () => core.clock.now().getTime();
    const { limits, counter } = options.rateLimits;
    registerRateLimits(app, new RateLimiter(counter, limits, now));
  }
  registerScopesCheck(app, core);
  registerRequestLog(app, state.requestLog, () => core.clock.now());

  registerGracefulClose(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const domainError = toDomainError(error, request.body !== undefined);
    if (!domainError) request.log.error({ err: error }, 'unexpected error');
    const rendered = domainError ?? internalError();
    return reply.code(statusOf(rendered.code)).send(renderError(rendered, request.correlationId));
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new DomainError(
      'ROUTE_NOT_FOUND',
      `No operation is served at ${request.method} ${request.url.split('?')[0] ?? ''}`,
    );
    return reply.code(404).send(renderError(error, request.correlationId));
  });

  // Every write logs the events it owes to apps' webhooks and journals before it commits; the
  // deliverer sends them from that log.
  core.deliveries.logEventsWith(eventLogWriter(core.clock));
  const deliverer = registerWebhookDelivery(
    app,
    core.deliveries.queue,
    core.clock,
    options.webhooks,
  );

  registerOperationList(app);
  const control = {
    ...state,
    deliverer,
    tokenCache,
    version: VERSION,
    store: options.storeDescription ?? 'unknown',
    openApiDocument: () => openApiDocument(operations),
    uiDirectory: options.uiDirectory === undefined ? defaultUiDirectory() : options.uiDirectory,
  };
  const introspection = { mode: options.auth ?? 'open', defaultPortalId };
  const operations = allOperations(FAMILIES, introspection, control);
  mountOperations(app, core, operations);
  return app;
}
