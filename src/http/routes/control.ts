// The control API under /_emulator/: portals, tokens, reset, export and import, faults, requests.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/create-core.js';
import type { AccessToken, Portal } from '../../core/ports.js';
import { ALL_SCOPES } from '../../core/scopes.js';
import type { TokenCache } from '../access/authentication.js';
import type { Fault, FaultRegistry } from '../access/faults.js';
import type { RequestLog } from '../access/request-log.js';
import { operationConfig } from '../operations.js';
import {
  FaultCreateSchema,
  PortalCreateSchema,
  PortalPathSchema,
  RequestsQuerySchema,
  TokenCreateSchema,
  TokenDeleteSchema,
} from '../schemas/control.js';

/** Where the control API lives: no HubSpot path starts with it. */
export const CONTROL_PREFIX = '/_emulator';

/** The control API's rows in docs/operations.md. */
const CONTROL = { name: 'control' } as const;

/** What the control API drives besides the core. */
export interface ControlState {
  readonly faults: FaultRegistry;
  readonly requestLog: RequestLog;
  readonly tokenCache: TokenCache;
  /** For health: the package version and how the store is described (no credentials). */
  readonly version: string;
  readonly store: string;
}

function portalToWire(portal: Portal) {
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

function faultToWire(fault: Fault) {
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

export function controlRoutes(app: FastifyInstance, core: Core, state: ControlState): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const portal = `${CONTROL_PREFIX}/portals/:portalId`;
  const config = (summary: string, statuses: number[]) =>
    operationConfig(CONTROL, summary, statuses, 'control');

  api.get(
    `${CONTROL_PREFIX}/health`,
    { config: config('Health, version and store engine', [200]) },
    () => ({ status: 'ok', version: state.version, store: state.store }),
  );

  api.get(`${CONTROL_PREFIX}/portals`, { config: config('List portals', [200]) }, async () => ({
    results: (await core.portals.list()).map(portalToWire),
  }));
  api.post(
    `${CONTROL_PREFIX}/portals`,
    { schema: { body: PortalCreateSchema }, config: config('Create a portal', [201]) },
    async (request, reply) => {
      const created = await core.portals.create(request.body);
      return reply.code(201).send(portalToWire(created));
    },
  );
  api.get(
    portal,
    { schema: { params: PortalPathSchema }, config: config('Read a portal', [200]) },
    async (request) => portalToWire(await core.portals.get(request.params.portalId)),
  );
  api.delete(
    portal,
    {
      schema: { params: PortalPathSchema },
      config: config('Delete a portal with its tokens and data', [204]),
    },
    async (request, reply) => {
      await core.portals.delete(request.params.portalId);
      state.faults.clear(request.params.portalId);
      state.tokenCache.clear();
      return reply.code(204).send();
    },
  );

  api.post(
    `${portal}/tokens`,
    {
      schema: { params: PortalPathSchema, body: TokenCreateSchema },
      config: config('Create a token (answered once; only its hash is kept)', [201]),
    },
    async (request, reply) => {
      const { body } = request;
      const created = await core.tokens.create(request.params.portalId, {
        ...(body.token !== undefined ? { token: body.token } : {}),
        scopes: body.scopes ?? ALL_SCOPES,
      });
      state.tokenCache.clear();
      return reply.code(201).send(created);
    },
  );
  api.get(
    `${portal}/tokens`,
    { schema: { params: PortalPathSchema }, config: config("List a portal's tokens", [200]) },
    async (request) => {
      await core.portals.get(request.params.portalId);
      return { results: (await core.tokens.list(request.params.portalId)).map(tokenToWire) };
    },
  );
  api.delete(
    `${CONTROL_PREFIX}/tokens`,
    { schema: { body: TokenDeleteSchema }, config: config('Delete a token', [204]) },
    async (request, reply) => {
      await core.tokens.delete(request.body.token);
      state.tokenCache.clear();
      return reply.code(204).send();
    },
  );

  api.post(
    `${portal}/reset`,
    {
      schema: { params: PortalPathSchema },
      config: config("Empty a portal's data and faults; keep it and its tokens", [204]),
    },
    async (request, reply) => {
      await core.portals.reset(request.params.portalId);
      state.faults.clear(request.params.portalId);
      return reply.code(204).send();
    },
  );
  api.post(
    `${CONTROL_PREFIX}/reset-all`,
    {
      config: config('Empty every portal, clear every fault and the request log', [204]),
    },
    async (_request, reply) => {
      await core.portals.resetAll();
      state.faults.clear();
      state.requestLog.clear();
      return reply.code(204).send();
    },
  );

  api.get(
    `${portal}/export`,
    {
      schema: { params: PortalPathSchema },
      config: config("Export a portal's whole state as one JSON document", [200]),
    },
    (request) => core.portals.exportDocument(request.params.portalId),
  );
  api.post(
    `${portal}/import`,
    {
      schema: { params: PortalPathSchema },
      config: config("Replace a portal's whole state with an exported document", [200]),
    },
    (request) => core.portals.importDocument(request.params.portalId, request.body),
  );

  api.post(
    `${portal}/faults`,
    {
      schema: { params: PortalPathSchema, body: FaultCreateSchema },
      config: config("Fail or delay a portal's next matching requests", [201]),
    },
    async (request, reply) => {
      await core.portals.get(request.params.portalId);
      const { method, times, ...rest } = request.body;
      const fault = state.faults.add(request.params.portalId, {
        ...rest,
        method: method ?? '*',
        times: times ?? 1,
      });
      return reply.code(201).send(faultToWire(fault));
    },
  );
  api.get(
    `${portal}/faults`,
    { schema: { params: PortalPathSchema }, config: config("List a portal's faults", [200]) },
    (request) => ({ results: state.faults.list(request.params.portalId).map(faultToWire) }),
  );
  api.delete(
    `${portal}/faults`,
    { schema: { params: PortalPathSchema }, config: config("Clear a portal's faults", [204]) },
    async (request, reply) => {
      state.faults.clear(request.params.portalId);
      return reply.code(204).send();
    },
  );

  api.get(
    `${CONTROL_PREFIX}/requests`,
    {
      schema: { querystring: RequestsQuerySchema },
      config: config('The last requests served, newest first, with status and timing', [200]),
    },
    (request) => ({ results: state.requestLog.recent(request.query.limit) }),
  );
}
