// The server's own OpenAPI document, made by @fastify/swagger from the operations' declarations
// (schemas, summaries, success statuses), built once per process on first request.
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import Fastify from 'fastify';
import type { OpenAPIV3 } from 'openapi-types';
import type { Core } from '../core/create-core.js';
import { VERSION } from '../version.js';
import { mountOperations } from './mount-operations.js';
import type { Operation } from './operation.js';
import type { OperationAccess, OperationMeta } from './operations.js';
import { SHARED_SCHEMA_COMPILERS } from './schema-compilers.js';

/** What each operation of the document carries besides OpenAPI's own fields. */
export interface OperationExtensions {
  /** What it does with the records of the object types its path names, or control/token/public. */
  readonly 'x-access': OperationMeta['access'];
  /** Inputs allowed in one request, for batch operations. */
  readonly 'x-batch-limit'?: number;
  /** Where the object types whose scopes it needs are not its path's type parameters. */
  readonly 'x-scope-types'?: string;
  /** The scopes any one of which grants an operation that names no records' types. */
  readonly 'x-scopes'?: readonly string[];
  /** `schemas` where it needs the types' schema scopes rather than their object scopes. */
  readonly 'x-scope-kind'?: string;
}

export type OpenApiOperation = OpenAPIV3.OperationObject<OperationExtensions>;

/** The operations are never served here: the app exists only to describe its routes. */
const NOT_SERVED = null as unknown as Core;

/** A response entry for each success status; statuses without a schema get an empty one. */
function successResponses(meta: OperationMeta, declared: Record<string, unknown> | undefined) {
  const responses: Record<string, unknown> = {};
  for (const status of meta.statuses) {
    const schema = declared?.[String(status)];
    if (status === 204) responses[status] = { type: 'null', description: 'No content' };
    else if (schema !== undefined) responses[status] = { description: 'Success', ...schema };
    else responses[status] = { description: 'Success' };
  }
  return responses;
}

/** Adds what the declaration says (family, summary, statuses, access) to each route's schema. */
/** What strict mode asks for; open mode takes any credential or none. */
function securityOf(access: OperationAccess) {
  if (access === 'public' || access === 'token') return {};
  if (access === 'developer') return { security: [{ hapikey: [] }, { bearer: [] }] };
  if (access === 'app') return { security: [{ hapikey: [] }, { bearer: [] }] };
  return { security: [{ bearer: [] }] };
}

const transform: NonNullable<FastifyDynamicSwaggerOptions['transform']> = ({
  schema,
  url,
  route,
}) => {
  const meta = route.config?.operation;
  if (!meta) return { schema, url };
  const declared = (schema as { response?: Record<string, unknown> } | undefined)?.response;
  return {
    url,
    schema: {
      ...schema,
      summary: meta.summary,
      tags: [meta.family],
      response: successResponses(meta, declared),
      // What strict mode asks for; open mode takes any token or none.
      ...securityOf(meta.access),
      'x-access': meta.access,
      ...(meta.batchLimit !== undefined ? { 'x-batch-limit': meta.batchLimit } : {}),
      ...(meta.scopeTypes ? { 'x-scope-types': meta.scopeTypes.described } : {}),
      ...(meta.scopes ? { 'x-scopes': meta.scopes.grantedBy } : {}),
      ...(meta.scopeKind ? { 'x-scope-kind': meta.scopeKind } : {}),
    } as never,
  };
};

/** Builds the document of these operations: a route table of its own, never listening. */
async function buildDocument(operations: readonly Operation[]): Promise<OpenAPIV3.Document> {
  const { default: swagger } = await import('@fastify/swagger');
  // The shared compilers compile on first use, so describing the routes compiles nothing.
  const app = Fastify({ logger: false, schemaController: SHARED_SCHEMA_COMPILERS });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'hubspot-associations-server',
        version: VERSION,
        description:
          "HubSpot's CRM associations and objects APIs, every family, served over one association engine; and the server's control API under /_emulator/.",
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          hapikey: { type: 'apiKey', in: 'query', name: 'hapikey' },
        },
      },
    },
    transform,
  });
  mountOperations(app, NOT_SERVED, operations);
  await app.ready();
  const document = app.swagger() as OpenAPIV3.Document;
  await app.close();
  return document;
}

let document: Promise<OpenAPIV3.Document> | undefined;

/**
 * The document, built on first call and kept: every app of the process serves the same
 * operations (only their handlers' state differs), and building it takes a while.
 */
export function openApiDocument(operations: readonly Operation[]): Promise<OpenAPIV3.Document> {
  document ??= buildDocument(operations).catch((error: unknown) => {
    // A failed build is not kept: the next request tries again.
    document = undefined;
    throw error;
  });
  return document;
}
