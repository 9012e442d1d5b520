// An operation as one declaration: its paths, family, statuses, schemas, batch limit, access and
// handler. The mechanics every operation shares live in mount-operations.ts.
import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../core/create-core.js';
import type { BatchOutcome } from '../core/errors.js';
import type { ObjectTypeDirectory, StandardObjectType } from '../core/object-types.js';
import type { ScopeKind, ScopeRequirement } from '../core/scopes.js';
import type { BatchStatus } from './families.js';
import type { JsonWriter } from './json-out.js';
import type { OperationAccess } from './operations.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The parts of a request an operation validates, each with its schema. */
export interface RequestSchemas {
  readonly params?: TSchema;
  readonly querystring?: TSchema;
  readonly body?: TSchema;
}

/** The validated value of one part, or `Absent` when the operation declares no schema for it. */
type Part<R, K extends keyof RequestSchemas, Absent> =
  R extends Readonly<Record<K, infer S>> ? (S extends TSchema ? Static<S> : Absent) : Absent;

/** What a handler is given: the core, the request's portal and its validated parts. */
export interface OperationInput<R extends RequestSchemas> {
  readonly core: Core;
  readonly portalId: number;
  readonly params: Part<R, 'params', Record<string, never>>;
  readonly query: Part<R, 'querystring', Record<string, never>>;
  readonly body: Part<R, 'body', unknown>;
  /** The portal's object types (its custom types too, when the request names one). */
  readonly objectTypes: ObjectTypeDirectory;
  /** For the few operations that read the URL or headers, or set a header. */
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/**
 * How an operation answers, and so what its handler returns:
 * - `json`: the handler's value, with the status (and schema, when declared);
 * - `noContent`: 204 with no body;
 * - `batch`: the handler's `BatchOutcome` in HubSpot's batch envelope, timed, with the success
 *   status or 207 as the family row declares;
 * - `batchWritten`: the same, each result writing its own JSON (large reads skip the serializer);
 * - `emptyBatch`: a batch that answers no results: 204, or 200 with an empty envelope;
 * - `jsonWritten`: JSON the handler's writer writes, sent as it is;
 * - `jsonOrNoContent`: the handler's value with the status, or 204 when it returns null.
 */
export type Answer =
  | { readonly kind: 'json'; readonly status: number; readonly schema?: TSchema }
  | { readonly kind: 'noContent' }
  | { readonly kind: 'batch'; readonly status: BatchStatus; readonly envelope: TSchema }
  | { readonly kind: 'batchWritten'; readonly status: BatchStatus; readonly envelope: TSchema }
  | { readonly kind: 'emptyBatch'; readonly status: 200 | 204 }
  | { readonly kind: 'jsonWritten'; readonly status: number; readonly schema: TSchema }
  | { readonly kind: 'jsonOrNoContent'; readonly status: number; readonly schema: TSchema };

/** What a handler returns for each kind of answer. */
interface AnswerValues {
  json: unknown;
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- handlers that answer no body return nothing
  noContent: void;
  batch: BatchOutcome<unknown>;
  batchWritten: BatchOutcome<JsonWriter>;
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- as noContent
  emptyBatch: void;
  jsonWritten: JsonWriter;
  jsonOrNoContent: unknown;
}
type AnswerValue<A extends Answer> = AnswerValues[A['kind']];

export const answers = {
  json: (status: number, schema?: TSchema) =>
    ({ kind: 'json', status, ...(schema ? { schema } : {}) }) as const,
  noContent: () => ({ kind: 'noContent' }) as const,
  batch: (status: BatchStatus, envelope: TSchema) => ({ kind: 'batch', status, envelope }) as const,
  batchWritten: (status: BatchStatus, envelope: TSchema) =>
    ({ kind: 'batchWritten', status, envelope }) as const,
  emptyBatch: (status: 200 | 204) => ({ kind: 'emptyBatch', status }) as const,
  jsonWritten: (status: number, schema: TSchema) =>
    ({ kind: 'jsonWritten', status, schema }) as const,
  jsonOrNoContent: (status: number, schema: TSchema) =>
    ({ kind: 'jsonOrNoContent', status, schema }) as const,
};

/**
 * The object types whose scopes an operation needs, where they are not the path's object type
 * parameters (legacy paths name them in the body or the path's wording).
 */
export interface ScopeTypes {
  /** The types a request names; those it cannot name are the handler's to refuse. */
  readonly of: (
    request: FastifyRequest,
    core: Core,
  ) => StandardObjectType[] | Promise<StandardObjectType[]>;
  /** For docs/operations.md, e.g. "the types of `definitionId`". */
  readonly described: string;
}

/** One operation of one family, served at each of its paths. */
export interface OperationDeclaration<R extends RequestSchemas, A extends Answer> {
  readonly family: { readonly name: string };
  readonly method: HttpMethod;
  /** Fastify paths (`:param`), one per spelling HubSpot serves it under. */
  readonly paths: readonly string[];
  /** One line: what it does. */
  readonly summary: string;
  readonly access: OperationAccess;
  readonly request: R;
  readonly answer: A;
  /** Inputs allowed in one request, for batch operations; core enforces it. */
  readonly batchLimit?: number;
  readonly scopeTypes?: ScopeTypes;
  /** The one scope requirement of an operation that names no records' types (the schemas API). */
  readonly scopes?: ScopeRequirement;
  /** Whose scopes it needs: the types' object scopes (absent), or their schema scopes. */
  readonly scopeKind?: ScopeKind;
  /** Counted against search's own limit instead of the portal's usual ones. */
  readonly rateLimit?: 'search';
  readonly handle: (input: OperationInput<R>) => Promise<AnswerValue<A>> | AnswerValue<A>;
}

/** A declaration with its types erased, so operations of every shape share one table. */
export type Operation = OperationDeclaration<RequestSchemas, Answer>;

/** Declares an operation: the handler is typed by its schemas and its kind of answer. */
export function operation<R extends RequestSchemas, A extends Answer>(
  declaration: OperationDeclaration<R, A>,
): Operation {
  return declaration;
}
