// The mechanics every operation shares: registration at each path, its operation record,
// response schemas from its statuses, batch timing, status choice and the batch envelope.
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../core/create-core.js';
import type { BatchOutcome } from '../core/errors.js';
import {
  batchBody,
  batchStatus,
  sendWrittenJson,
  writeBatchBody,
  type BatchTimes,
} from './batch-response.js';
import type { JsonWriter } from './json-out.js';
import type { Answer, Operation, RequestSchemas } from './operation.js';
import { batchStatuses, type OperationMeta } from './operations.js';
import { EmptyBatchSchema, repliesFor } from './schemas/replies.js';
import { requestObjectTypes } from './request-types.js';
import { strictBodyScalars } from './strict-scalars.js';

/** Stands for the times of answers that carry none. */
const NOT_TIMED = new Date(0);

/** The statuses an answer can have on success, as docs/operations.md lists them. */
export function successStatuses(answer: Answer): number[] {
  switch (answer.kind) {
    case 'json':
    case 'jsonWritten':
    case 'emptyBatch':
      return [answer.status];
    case 'noContent':
      return [204];
    case 'jsonOrNoContent':
      return [answer.status, 204];
    case 'batch':
    case 'batchWritten':
      return batchStatuses(answer.status);
  }
}

/** The response schemas Fastify serialises with, one per success status that has a body. */
function responseSchemas(answer: Answer): Record<number, TSchema> | undefined {
  switch (answer.kind) {
    case 'json':
      return answer.schema ? { [answer.status]: answer.schema } : undefined;
    case 'jsonWritten':
    case 'jsonOrNoContent':
      return { [answer.status]: answer.schema };
    case 'emptyBatch':
      return repliesFor([answer.status], EmptyBatchSchema);
    case 'noContent':
      return undefined;
    case 'batch':
    case 'batchWritten':
      return repliesFor(batchStatuses(answer.status), answer.envelope);
  }
}

/** Answers with a handler's value, as the operation's kind of answer says. */
function send(answer: Answer, value: unknown, reply: FastifyReply, times: BatchTimes) {
  switch (answer.kind) {
    case 'json':
      return reply.code(answer.status).send(value);
    case 'jsonWritten':
      return sendWrittenJson(reply, answer.status, value as JsonWriter);
    case 'noContent':
      return reply.code(204).send();
    case 'jsonOrNoContent':
      return value === null ? reply.code(204).send() : reply.code(answer.status).send(value);
    case 'emptyBatch':
      if (answer.status === 204) return reply.code(204).send();
      return reply.code(200).send(batchBody(times, [], []));
    case 'batch': {
      const outcome = value as BatchOutcome<unknown>;
      const body = batchBody(times, outcome.results, outcome.errors);
      return reply.code(batchStatus(outcome, answer.status)).send(body);
    }
    case 'batchWritten': {
      const outcome = value as BatchOutcome<JsonWriter>;
      return sendWrittenJson(reply, batchStatus(outcome, answer.status), (out) => {
        writeBatchBody(out, times, outcome.results, outcome.errors);
      });
    }
  }
}

/**
 * Runs the handler and answers. Batch answers say when the work started and finished; other
 * answers do not read the clock.
 */
async function serve(
  operation: Operation,
  core: Core,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const { answer } = operation;
  const timed =
    answer.kind === 'batch' || answer.kind === 'batchWritten' || answer.kind === 'emptyBatch';
  const startedAt = timed ? core.clock.now() : NOT_TIMED;
  const value = await operation.handle({
    core,
    portalId: request.portalId,
    params: request.params as never,
    query: request.query as never,
    body: request.body,
    objectTypes: await requestObjectTypes(request, core),
    request,
    reply,
  });
  const completedAt = timed ? core.clock.now() : NOT_TIMED;
  return send(answer, value, reply, { startedAt, completedAt });
}

/** What the operations list and the access hooks read from a route. */
function meta(operation: Operation): OperationMeta {
  return {
    family: operation.family.name,
    summary: operation.summary,
    statuses: successStatuses(operation.answer),
    access: operation.access,
    ...(operation.batchLimit !== undefined ? { batchLimit: operation.batchLimit } : {}),
    ...(operation.scopeTypes ? { scopeTypes: operation.scopeTypes } : {}),
    ...(operation.scopes ? { scopes: operation.scopes } : {}),
    ...(operation.scopeKind ? { scopeKind: operation.scopeKind } : {}),
    ...(operation.rateLimit ? { rateLimit: operation.rateLimit } : {}),
  };
}

/** The schemas Fastify is given for an operation: its request parts and its responses. */
export function routeSchema(operation: Operation): RequestSchemas & {
  response?: Record<number, TSchema>;
} {
  const response = responseSchemas(operation.answer);
  return response ? { ...operation.request, response } : operation.request;
}

/** Registers each operation at each of its paths. */
export function mountOperations(
  app: FastifyInstance,
  core: Core,
  operations: readonly Operation[],
): void {
  for (const operation of operations) {
    const config = { operation: meta(operation) };
    const schema = routeSchema(operation);
    // Body scalars are checked without coercion first (booleans are not numbers).
    const body = operation.request.body;
    const preValidation = body ? strictBodyScalars(body) : undefined;
    for (const url of operation.paths) {
      app.route({
        method: operation.method,
        url,
        schema,
        config,
        ...(preValidation ? { preValidation } : {}),
        handler: (request, reply) => serve(operation, core, request, reply),
      });
    }
  }
}
