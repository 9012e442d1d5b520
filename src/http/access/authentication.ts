// Authentication: the Bearer token names a portal and its scopes (open or strict mode).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccessToken } from '../../core/ports.js';
import { DomainError } from '../../core/errors.js';
import { isAppToken } from '../../core/use-cases/app-tokens.js';
import { missingScopes } from '../../core/scopes.js';
import { renderError } from '../error-envelope.js';
import { missingScopesBody } from './scopes-check.js';

/**
 * `open`: any Bearer token, or none, is accepted; unknown tokens act on the default portal with
 * every scope. `strict`: only known tokens; the control API needs the admin token.
 */
export type AuthMode = 'open' | 'strict';

export const AUTH_MODES: readonly AuthMode[] = ['open', 'strict'];

/** How long a token lookup (found or not) is reused: tokens made by another process apply within it. */
export const TOKEN_CACHE_MS = 1000;

/** Cached lookups past this many are dropped at once: unknown tokens in open mode are unbounded. */
const TOKEN_CACHE_ENTRIES = 10_000;

/** HubSpot's answer to a missing or unknown token, word for word. */
const AUTHENTICATION_MESSAGE =
  'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The scopes the request's token holds; null when scopes are not checked (open mode, or a
     * request that was not authenticated against a portal).
     */
    scopes: ReadonlySet<string> | null;
    /** Whether the request was let in as a portal's request (false until then, and on 401s). */
    authenticated: boolean;
    /** Whether the request may drive the control API: open mode, or the admin token given. */
    controlAdmitted: boolean;
    /** The app an app operation (the webhooks journal) acts for; null on other operations. */
    appId: number | null;
  }
}

export interface AuthenticationOptions {
  readonly mode: AuthMode;
  /** The control API's token in strict mode. */
  readonly adminToken: string | undefined;
  readonly defaultPortalId: number;
  /** Looks a token up (hashing it); null when unknown. */
  readonly lookup: (token: string) => Promise<AccessToken | null>;
  /** Whether `key` is the developer API key of the app (webhooks API, strict mode). */
  readonly isDeveloperKey?: (appId: number, key: string) => Promise<boolean>;
  /** The app whose developer API key `key` is, or null (webhooks journal). */
  readonly appWithDeveloperKey?: (key: string) => Promise<number | null>;
  /** The id of the one app there is, or null when there are none or several (open mode). */
  readonly onlyApp?: () => Promise<number | null>;
  /** The app and scopes of an app's client-credentials token, or null when it is not valid. */
  readonly verifyAppToken?: (token: string) => Promise<{ appId: number; scopes: string[] } | null>;
  readonly now?: () => number;
}

/** Lower-case hex SHA-256: the only form in which a token is kept or compared. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Compares two secrets in time that does not depend on where they differ. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(
    createHash('sha256').update(given).digest(),
    createHash('sha256').update(expected).digest(),
  );
}

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Token lookups, found or not, reused for `ttlMs`. Keyed by the token's hash, so the cache holds
 * no token. Cleared whenever this process changes tokens.
 */
export class TokenCache {
  readonly #entries = new Map<string, { token: AccessToken | null; expires: number }>();

  constructor(
    private readonly lookup: (token: string) => Promise<AccessToken | null>,
    private readonly now: () => number,
    private readonly ttlMs = TOKEN_CACHE_MS,
  ) {}

  async find(token: string): Promise<AccessToken | null> {
    const key = hashToken(token);
    const cached = this.#entries.get(key);
    const now = this.now();
    if (cached && cached.expires > now) return cached.token;
    const found = await this.lookup(token);
    if (this.#entries.size >= TOKEN_CACHE_ENTRIES) this.#entries.clear();
    this.#entries.set(key, { token: found, expires: now + this.ttlMs });
    return found;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** HubSpot's 401 for a missing or unknown token. */
export function authenticationError(): DomainError {
  return new DomainError('INVALID_AUTHENTICATION', AUTHENTICATION_MESSAGE);
}

/** HubSpot's answer to a developer API key it does not know, word for word. */
const API_KEY_MESSAGE =
  'The API key provided is invalid. View or manage your API key here: https://app.hubspot.com/l/api-key/';

export function invalidApiKeyError(): DomainError {
  return new DomainError('INVALID_AUTHENTICATION', API_KEY_MESSAGE);
}

/** Whether the request's `hapikey` is the developer API key of the app its path names. */
async function developerKeyAdmits(
  request: FastifyRequest,
  options: AuthenticationOptions,
): Promise<boolean> {
  const { hapikey } = request.query as { hapikey?: unknown };
  const appId = Number((request.params as { appId?: unknown }).appId);
  if (typeof hapikey !== 'string' || !Number.isSafeInteger(appId)) return false;
  return (await options.isDeveloperKey?.(appId, hapikey)) ?? false;
}

/** HubSpot's 401 wording, saying how this server names the app of an app operation. */
function noAppError(): DomainError {
  return new DomainError(
    'INVALID_AUTHENTICATION',
    'Authentication credentials not found. The webhooks journal answers to an app: send its client-credentials token, or its developer API key as ?hapikey=',
  );
}

/**
 * The app a webhooks-journal request acts for: the app whose developer API key `hapikey` is;
 * without one, in open mode or with the admin token, the only app there is. Null: refused.
 */
async function appOf(
  request: FastifyRequest,
  options: AuthenticationOptions,
  controlAdmitted: boolean,
): Promise<number | null> {
  const { hapikey } = request.query as { hapikey?: unknown };
  if (typeof hapikey === 'string') return (await options.appWithDeveloperKey?.(hapikey)) ?? null;
  return controlAdmitted ? ((await options.onlyApp?.()) ?? null) : null;
}

function unauthenticated(correlationId: string) {
  return renderError(authenticationError(), correlationId);
}

/**
 * Whether a request's token would be let in on some operation: any request in open mode; in
 * strict mode a known token or the admin token. For refusals made before the hooks run.
 */
export function admitsCredentials(
  options: AuthenticationOptions,
  cache: TokenCache,
): (request: FastifyRequest) => Promise<boolean> {
  return async (request) => {
    if (options.mode === 'open') return true;
    const token = bearerToken(request);
    if (token === null) return false;
    if (options.adminToken !== undefined && sameSecret(token, options.adminToken)) return true;
    return (await cache.find(token)) !== null;
  };
}

/**
 * Gives each request its portal and scopes from its token, or answers 401. Control operations
 * answer to the admin token instead (strict mode), and act on no portal of their own.
 */
export function registerAuthentication(
  app: FastifyInstance,
  options: AuthenticationOptions,
): TokenCache {
  if (options.mode === 'strict' && !options.adminToken) {
    throw new Error(
      'strict mode needs an admin token for the control API: pass --admin-token, set HUBSPOT_ADMIN_TOKEN, or set adminToken in the config file',
    );
  }
  const cache = new TokenCache(options.lookup, options.now ?? Date.now);
  app.decorateRequest('scopes', null);
  app.decorateRequest('authenticated', false);
  app.decorateRequest('controlAdmitted', false);
  app.decorateRequest('appId', null);
  const admitsControl = (token: string | null) =>
    options.mode === 'open' ||
    (token !== null && options.adminToken !== undefined && sameSecret(token, options.adminToken));
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.operation?.access;
    // Token introspection describes the token it is given; it needs none of its own.
    if (access === 'token') return;
    const token = bearerToken(request);
    // Public operations answer anyone; what they show may depend on the admin token.
    if (access === 'public') {
      request.controlAdmitted = admitsControl(token);
      return;
    }
    if (access === 'developer') {
      // An app's webhooks answer to its developer API key, or to the admin token.
      if (admitsControl(token)) {
        request.controlAdmitted = true;
        return;
      }
      if (!(await developerKeyAdmits(request, options))) {
        return reply.code(401).send(renderError(invalidApiKeyError(), request.correlationId));
      }
      return;
    }
    if (access === 'app') {
      // An app's journal answers to its client-credentials token or its developer API key; it is
      // exempt from portals' limits.
      if (token !== null && isAppToken(token)) {
        const granted = (await options.verifyAppToken?.(token)) ?? null;
        if (granted === null) return reply.code(401).send(unauthenticated(request.correlationId));
        request.appId = granted.appId;
        const needed = request.routeOptions.config.operation?.scopes;
        const missing = needed ? missingScopes([needed], new Set(granted.scopes)) : [];
        if (options.mode === 'strict' && missing.length > 0) {
          const names = missing.map((requirement) => requirement.scope);
          return reply.code(403).send(missingScopesBody(names, request.correlationId));
        }
        return;
      }
      const { hapikey } = request.query as { hapikey?: unknown };
      const appId = await appOf(request, options, admitsControl(token));
      if (appId === null) {
        const error = typeof hapikey === 'string' ? invalidApiKeyError() : noAppError();
        return reply.code(401).send(renderError(error, request.correlationId));
      }
      request.appId = appId;
      return;
    }
    if (access === 'control') {
      if (!admitsControl(token))
        return reply.code(401).send(unauthenticated(request.correlationId));
      request.controlAdmitted = true;
      return;
    }
    const found = token === null ? null : await cache.find(token);
    if (found) {
      request.portalId = found.portalId;
      request.scopes = options.mode === 'strict' ? new Set(found.scopes) : null;
    } else if (options.mode === 'strict') {
      return reply.code(401).send(unauthenticated(request.correlationId));
    } else {
      request.portalId = options.defaultPortalId;
    }
    request.authenticated = true;
  });
  return cache;
}
