// Request schemas of the control API (under /_emulator/).
import { Type } from '@sinclair/typebox';
import { FAULT_STATUSES } from '../access/faults.js';
import { REQUEST_LOG_SIZE } from '../access/request-log.js';

/** Portal ids are HubSpot account ids: positive integers. */
const PortalId = Type.Integer({ minimum: 1, maximum: 2147483647 });

export const PortalPathSchema = Type.Object({ portalId: PortalId });

export const PortalCreateSchema = Type.Object(
  {
    portalId: Type.Optional(PortalId),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const TokenCreateSchema = Type.Object(
  {
    /** A token of the caller's choosing; a random one when absent. */
    token: Type.Optional(Type.String({ minLength: 8, maxLength: 512, pattern: '^\\S+$' })),
    /** Every scope when absent. */
    scopes: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

export const TokenDeleteSchema = Type.Object(
  { token: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

export const FaultCreateSchema = Type.Object(
  {
    method: Type.Optional(Type.String({ minLength: 1, maxLength: 10 })),
    path: Type.Optional(Type.String({ minLength: 1 })),
    pathRegex: Type.Optional(Type.String({ minLength: 1 })),
    times: Type.Optional(Type.Integer({ minimum: 1 })),
    status: Type.Optional(Type.Union(FAULT_STATUSES.map((status) => Type.Literal(status)))),
    latencyMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
  },
  { additionalProperties: false },
);

export const RequestsQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: REQUEST_LOG_SIZE })),
});

/** Health: liveness for anyone; version and store only to those who may drive the server. */
/** Who a request acts as: the portal its credentials name. */
export const WhoAmIReplySchema = Type.Object(
  { portalId: Type.Integer() },
  { additionalProperties: false },
);

export const HealthReplySchema = Type.Object(
  {
    status: Type.Literal('ok'),
    version: Type.Optional(Type.String()),
    /** Engine and place, never credentials. */
    store: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/**
 * A portal export document (`GET …/export`). Declared loosely: the import checks the document
 * itself and names the JSON path of the first bad item, which a schema error would not.
 */
export const PortalDocumentBodySchema = Type.Unknown({
  description: "A portal's whole state, as `GET /_emulator/portals/{portalId}/export` answers it",
});

/** A portal's search lag: ms a write stays out of search results; null restores the server's. */
export const SearchLagBodySchema = Type.Object(
  { lagMs: Type.Union([Type.Integer({ minimum: 0, maximum: 3_600_000 }), Type.Null()]) },
  { additionalProperties: false },
);
