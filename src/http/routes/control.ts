// The control API under /_emulator/: portals, tokens, reset, export and import, faults, requests.
import type { AccessToken, Portal } from '../../core/ports.js';
import { ALL_SCOPES } from '../../core/scopes.js';
import type { TokenCache } from '../access/authentication.js';
import type { Fault, FaultRegistry } from '../access/faults.js';
import type { FaultReply, PortalReply } from '../schemas/control-replies.js';
import type { RequestLog } from '../access/request-log.js';
import { answers, operation, type Operation } from '../operation.js';
import {
  FaultCreateSchema,
  HealthReplySchema,
  SearchLagBodySchema,
  PortalCreateSchema,
  PortalDocumentBodySchema,
  PortalPathSchema,
  RequestsQuerySchema,
  TokenCreateSchema,
  TokenDeleteSchema,
  WhoAmIReplySchema,
} from '../schemas/control.js';

/** Where the control API lives: no HubSpot path starts with it. */
export const CONTROL_PREFIX = '/_emulator';

/** The control API's rows in docs/operations.md: a family of its own. */
const family = { name: 'control' } as const;

/** What the control API drives besides the core. */
export interface ControlState {
  readonly faults: FaultRegistry;
  readonly requestLog: RequestLog;
  readonly tokenCache: TokenCache;
  /** For health: the package version and how the store is described (no credentials). */
  readonly version: string;
  readonly store: string;
  /** The server's OpenAPI document, made from these very operations. */
  readonly openApiDocument: () => Promise<unknown>;
  /** The built web page's directory, or null when it was not built. */
  readonly uiDirectory: string | null;
  /** Sends due webhook events now (the control API's run); resolves to how many were delivered. */
  readonly deliverer: { deliverNow(): Promise<number> };
}

function portalToWire(portal: Portal): PortalReply {
  return {
    portalId: portal.portalId,
    name: portal.name,
    createdAt: portal.createdAt.toISOString(),
  };
}

/** A token as listed: its hash only; the token itself is shown once, when created. */
function tokenToWire(token: AccessToken) {
  return {
    tokenHash: token.tokenHash,
    portalId: token.portalId,
    scopes: [...token.scopes],
    createdAt: token.createdAt.toISOString(),
  };
}

function faultToWire(fault: Fault): FaultReply {
  return {
    id: fault.id,
    method: fault.method,
    ...(fault.path !== undefined ? { path: fault.path } : {}),
    ...(fault.pathRegex !== undefined ? { pathRegex: fault.pathRegex } : {}),
    remaining: fault.remaining,
    ...(fault.status !== undefined ? { status: fault.status } : {}),
    ...(fault.latencyMs !== undefined ? { latencyMs: fault.latencyMs } : {}),
  };
}

/** The control API: every operation answers to the admin token (strict mode). */
export function controlOperations(state: ControlState): Operation[] {
  return [
    ...portalOperations(state),
    ...tokenOperations(state),
    ...stateOperations(state),
    ...faultOperations(state),
    ...searchLagOperations(),
  ];
}

const portal = `${CONTROL_PREFIX}/portals/:portalId`;
const access = 'control';

function portalOperations(state: ControlState): Operation[] {
  return [
    operation({
      family,
      method: 'GET',
      paths: [`${CONTROL_PREFIX}/health`],
      summary: 'Liveness, to anyone; with the admin token (or in open mode) also version and store',
      access: 'public',
      request: {},
      answer: answers.json(200, HealthReplySchema),
      handle: ({ request }) =>
        request.controlAdmitted
          ? { status: 'ok', version: state.version, store: state.store }
          : { status: 'ok' },
    }),
    // Goes through every hook an API request does (authentication, rate limits, scopes, the
    // request log) and touches no store: the benchmarks measure the server's HTTP ceiling with it.
    operation({
      family,
      method: 'GET',
      paths: [`${CONTROL_PREFIX}/whoami`],
      summary: 'The portal the credentials act on, as any API request authenticates',
      access: 'read',
      request: {},
      answer: answers.json(200, WhoAmIReplySchema),
      handle: ({ portalId }) => ({ portalId }),
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${CONTROL_PREFIX}/openapi.json`],
      summary: "The server's OpenAPI 3 document: every operation served, with its schemas",
      access: 'public',
      request: {},
      answer: answers.json(200),
      handle: () => state.openApiDocument(),
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${CONTROL_PREFIX}/portals`],
      summary: 'List portals',
      access,
      request: {},
      answer: answers.json(200),
      handle: async ({ core }) => ({ results: (await core.portals.list()).map(portalToWire) }),
    }),
    operation({
      family,
      method: 'POST',
      paths: [`${CONTROL_PREFIX}/portals`],
      summary: 'Create a portal',
      access,
      request: { body: PortalCreateSchema },
      answer: answers.json(201),
      handle: async ({ core, body }) => portalToWire(await core.portals.create(body)),
    }),
    operation({
      family,
      method: 'GET',
      paths: [portal],
      summary: 'Read a portal',
      access,
      request: { params: PortalPathSchema },
      answer: answers.json(200),
      handle: async ({ core, params }) => portalToWire(await core.portals.get(params.portalId)),
    }),
    operation({
      family,
      method: 'DELETE',
      paths: [portal],
      summary: 'Delete a portal with its tokens and data',
      access,
      request: { params: PortalPathSchema },
      answer: answers.noContent(),
      handle: async ({ core, params }) => {
        await core.portals.delete(params.portalId);
        state.faults.clear(params.portalId);
        state.tokenCache.clear();
      },
    }),
  ];
}

function tokenOperations(state: ControlState): Operation[] {
  return [
    operation({
      family,
      method: 'POST',
      paths: [`${portal}/tokens`],
      summary: 'Create a token (answered once; only its hash is kept)',
      access,
      request: { params: PortalPathSchema, body: TokenCreateSchema },
      answer: answers.json(201),
      handle: async ({ core, params, body }) => {
        const created = await core.tokens.create(params.portalId, {
          ...(body.token !== undefined ? { token: body.token } : {}),
          scopes: body.scopes ?? ALL_SCOPES,
        });
        state.tokenCache.clear();
        return created;
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${portal}/tokens`],
      summary: "List a portal's tokens",
      access,
      request: { params: PortalPathSchema },
      answer: answers.json(200),
      handle: async ({ core, params }) => {
        await core.portals.get(params.portalId);
        return { results: (await core.tokens.list(params.portalId)).map(tokenToWire) };
      },
    }),
    operation({
      family,
      method: 'DELETE',
      paths: [`${CONTROL_PREFIX}/tokens`],
      summary: 'Delete a token',
      access,
      request: { body: TokenDeleteSchema },
      answer: answers.noContent(),
      handle: async ({ core, body }) => {
        await core.tokens.delete(body.token);
        state.tokenCache.clear();
      },
    }),
  ];
}

function stateOperations(state: ControlState): Operation[] {
  return [
    operation({
      family,
      method: 'POST',
      paths: [`${portal}/reset`],
      summary: "Empty a portal's data and faults; keep it and its tokens",
      access,
      request: { params: PortalPathSchema },
      answer: answers.noContent(),
      handle: async ({ core, params }) => {
        await core.portals.reset(params.portalId);
        state.faults.clear(params.portalId);
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: [`${CONTROL_PREFIX}/reset-all`],
      summary: 'Empty every portal, clear every fault and the request log',
      access,
      request: {},
      answer: answers.noContent(),
      handle: async ({ core }) => {
        await core.portals.resetAll();
        state.faults.clear();
        state.requestLog.clear();
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${portal}/export`],
      summary: "Export a portal's whole state as one JSON document",
      access,
      request: { params: PortalPathSchema },
      answer: answers.json(200),
      handle: ({ core, params }) => core.portals.exportDocument(params.portalId),
    }),
    operation({
      family,
      method: 'POST',
      paths: [`${portal}/import`],
      summary: "Replace a portal's whole state with an exported document",
      access,
      request: { params: PortalPathSchema, body: PortalDocumentBodySchema },
      answer: answers.json(200),
      handle: ({ core, params, body }) => core.portals.importDocument(params.portalId, body),
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${CONTROL_PREFIX}/requests`],
      summary: 'The last requests served, newest first, with status, timing and bodies',
      access,
      request: { querystring: RequestsQuerySchema },
      answer: answers.json(200),
      handle: ({ query }) => ({ results: state.requestLog.recent(query.limit) }),
    }),
  ];
}

function faultOperations(state: ControlState): Operation[] {
  return [
    operation({
      family,
      method: 'POST',
      paths: [`${portal}/faults`],
      summary: "Fail or delay a portal's next matching requests",
      access,
      request: { params: PortalPathSchema, body: FaultCreateSchema },
      answer: answers.json(201),
      handle: async ({ core, params, body }) => {
        await core.portals.get(params.portalId);
        const { method, times, ...rest } = body;
        const fault = state.faults.add(params.portalId, {
          ...rest,
          method: method ?? '*',
          times: times ?? 1,
        });
        return faultToWire(fault);
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${portal}/faults`],
      summary: "List a portal's faults",
      access,
      request: { params: PortalPathSchema },
      answer: answers.json(200),
      handle: ({ params }) => ({ results: state.faults.list(params.portalId).map(faultToWire) }),
    }),
    operation({
      family,
      method: 'DELETE',
      paths: [`${portal}/faults`],
      summary: "Clear a portal's faults",
      access,
      request: { params: PortalPathSchema },
      answer: answers.noContent(),
      handle: ({ params }) => {
        state.faults.clear(params.portalId);
      },
    }),
  ];
}

/** The search lag of a portal: how long its writes stay out of search results. */
function searchLagOperations(): Operation[] {
  return [
    operation({
      family,
      method: 'GET',
      paths: [`${portal}/search-lag`],
      summary: "Read a portal's search lag",
      access,
      request: { params: PortalPathSchema },
      answer: answers.json(200),
      handle: async ({ core, params }) => {
        await core.portals.get(params.portalId);
        return { portalId: params.portalId, lagMs: core.records.searchLag(params.portalId) };
      },
    }),
    operation({
      family,
      method: 'PUT',
      paths: [`${portal}/search-lag`],
      summary: "Set a portal's search lag (writes stay out of search results for that long)",
      access,
      request: { params: PortalPathSchema, body: SearchLagBodySchema },
      answer: answers.json(200),
      handle: async ({ core, params, body }) => {
        const lagMs = await core.records.setSearchLag(params.portalId, body.lagMs);
        return { portalId: params.portalId, lagMs };
      },
    }),
  ];
}
