// Every route is registered as an operation of a family, so the list of operations is read from
// the app itself; docs/operations.md is rendered from the OpenAPI document of the same routes.
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { OpenAPIV3 } from 'openapi-types';
import type { DataAccess, ScopeKind, ScopeRequirement } from '../core/scopes.js';
import type { OpenApiOperation } from './openapi.js';
import type { ScopeTypes } from './operation.js';

/** What the operations list says about one route. */
export interface OperationInfo {
  /** The API family that serves it, e.g. 'v4' or '2026-03'. */
  readonly family: string;
  readonly method: string;
  /** The path with `{param}` placeholders, as HubSpot writes them. */
  readonly path: string;
  /** Success statuses, e.g. [201, 207]; 207 only where partial failure answers it. */
  readonly statuses: readonly number[];
  /** One line: what the operation does. */
  readonly summary: string;
  /**
   * What it does with the records of the object types its path names (the scopes it needs), or
   * `control` for the control API, which answers to the admin token instead.
   */
  readonly access: OperationAccess;
  /** Inputs allowed in one request, for batch operations. */
  readonly batchLimit?: number;
  /** Where the object types whose scopes it needs are not its path's type parameters. */
  readonly scopeTypes?: ScopeTypes;
  /** The one scope requirement of an operation that names no records' types. */
  readonly scopes?: ScopeRequirement;
  /** `schemas` where it needs the types' schema scopes (the Properties API) over object scopes. */
  readonly scopeKind?: ScopeKind;
  /**
   * The rate limit it counts against: `search` is HubSpot's own per-second limit of CRM search,
   * exempt from the ten-secondly one. Absent: the portal's usual limits.
   */
  readonly rateLimit?: 'search';
}

/**
 * Reading or writing CRM data, driving the server itself (`control`), describing a token given
 * in the request (`token`: the token described is the credential, none is needed), or describing
 * the server to anyone (`public`: liveness and the OpenAPI document, nothing secret), managing an
 * app's webhooks (`developer`: the app its path names), or acting as an app (`app`: the webhooks
 * journal, the app named by its developer API key).
 */
export type OperationAccess = DataAccess | 'control' | 'token' | 'public' | 'developer' | 'app';

/** The part of OperationInfo a route declares; method and path come from the route. */
export type OperationMeta = Omit<OperationInfo, 'method' | 'path'>;

declare module 'fastify' {
  interface FastifyContextConfig {
    operation?: OperationMeta;
  }
  interface FastifyInstance {
    /** Every operation registered so far, in registration order. */
    readonly operations: readonly OperationInfo[];
  }
}

/** `/crm/v4/objects/:objectType` → `/crm/v4/objects/{objectType}` */
function hubSpotPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

/**
 * Collects the operation of every route registered after this call. A route without one is a
 * programming error: it would be served but missing from the documented list.
 */
export function registerOperationList(app: FastifyInstance): void {
  const operations: OperationInfo[] = [];
  app.decorate('operations', operations);
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
      (method) => method !== 'HEAD',
    );
    const meta = route.config?.operation;
    if (methods.length > 0 && !meta) {
      throw new Error(`${methods.join(',')} ${route.url} is registered without an operation`);
    }
    for (const method of methods) {
      if (meta) operations.push({ ...meta, method, path: hubSpotPath(route.url) });
    }
  });
}

/** Path parameters that name object types: an operation's scopes are those of these types. */
export const OBJECT_TYPE_PARAMS = ['objectType', 'fromObjectType', 'toObjectType'] as const;

/** The scopes column of docs/operations.md: what a token needs in strict mode. */
function scopesCell(path: string, operation: OpenApiOperation): string {
  const access = operation['x-access'];
  if (access === 'control') return 'admin token';
  if (access === 'developer') return "the app's developer API key (`hapikey`) or the admin token";
  if (access === 'app') {
    const scopes = operation['x-scopes']?.map((scope) => `\`${scope}\``).join(' or ') ?? '';
    return `the app's developer API key (\`hapikey\`), or its client-credentials token with ${scopes}`;
  }
  if (access === 'token' || access === 'public') return 'none';
  const scopes = operation['x-scopes'];
  if (scopes !== undefined) return scopes.map((scope) => `\`${scope}\``).join(' or ');
  const scopeTypes = operation['x-scope-types'];
  if (scopeTypes !== undefined) return `${access} ${scopeTypes}`;
  const named = OBJECT_TYPE_PARAMS.filter((param) => path.includes(`{${param}}`));
  if (named.length === 0) return 'any token';
  const types = `\`${named.map((param) => `{${param}}`).join('`, `')}\``;
  return operation['x-scope-kind'] === 'schemas'
    ? `${access} the schema of ${types}`
    : `${access} ${types}`;
}

/** The statuses of a batch operation: its success status, and 207 where it declares one. */
export function batchStatuses(status: { success: number; multiStatus: boolean }): number[] {
  return status.multiStatus ? [status.success, 207] : [status.success];
}

/** HubSpot operations of these families that the server does not serve, and why. */
const NOT_SERVED = [
  ['`POST …/objects/…/{objectType}/search`', 'searching records by property filters'],
  [
    '`GET /deals/v1/deal/associated/{objectType}/{objectId}/paged`',
    'legacy deal reads with records',
  ],
  ['`GET /companies/v2/companies/{companyId}/contacts`', 'legacy contact reads with records'],
] as const;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** One row of docs/operations.md: an operation of the OpenAPI document. */
interface DocumentedOperation {
  readonly method: string;
  readonly path: string;
  readonly operation: OpenApiOperation;
}

/** The document's operations in its order: paths as first mounted, then each path's methods. */
export function documentedOperations(document: OpenAPIV3.Document): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item?.[method] as OpenApiOperation | undefined;
      return operation ? [{ method: method.toUpperCase(), path, operation }] : [];
    }),
  );
}

/** The success statuses an operation of the document declares, e.g. [201, 207]. */
export function documentedStatuses(operation: OpenAPIV3.OperationObject): number[] {
  return Object.keys(operation.responses)
    .map(Number)
    .filter((status) => status >= 200 && status < 300);
}

/**
 * docs/operations.md, from the server's OpenAPI document (`GET /_emulator/openapi.json`): every
 * operation of every family, grouped by family (its tag).
 */
export function renderOperationsDoc(document: OpenAPIV3.Document): string {
  const operations = documentedOperations(document);
  const familyOf = (entry: DocumentedOperation) => entry.operation.tags?.[0] ?? '';
  const families = [...new Set(operations.map(familyOf))];
  const sections = families.map((family) => {
    const rows = operations
      .filter((entry) => familyOf(entry) === family)
      .map(
        ({ method, path, operation: op }) =>
          `| ${method} | \`${path}\` | ${documentedStatuses(op).join(', ')} | ${op['x-batch-limit'] ?? ''} | ${scopesCell(path, op)} | ${op.summary ?? ''} |`,
      );
    return [
      `## ${family}`,
      '',
      '| Method | Path | Success | Inputs | Scopes | What it does |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n');
  });
  return [
    '# Operations',
    '',
    'Every operation the server answers, family by family, with its success statuses (207 where',
    'partial failure of a batch answers it) and, for batches, the most inputs one request may',
    "carry (more answer 400 `BATCH_TOO_LARGE`). Errors answer HubSpot's envelope with the statuses",
    '[errors.md](errors.md) lists (401, 403 and 429 from access checks). This file is generated',
    "from the server's own OpenAPI document (`GET /_emulator/openapi.json`, made from the same",
    'declarations the routes are mounted from) by `npm run docs:operations`; a test fails when it',
    'is out of date.',
    '',
    'Scopes apply in strict mode (see the README): `read` needs, for each object type named, its',
    'read or write scope (`crm.objects.contacts.read`, …); `write` needs its write scope. Reads of',
    'records with `?associations=` also need the read scope of each type listed there. The control',
    'API answers to the admin token.',
    '',
    ...sections.flatMap((section) => [section, '']),
    '## Not served',
    '',
    '| Operation | What it would do |',
    '| --- | --- |',
    ...NOT_SERVED.map(([operation, what]) => `| ${operation} | ${what} |`),
    '',
  ].join('\n');
}
