// v3 association operations: batch create, read and archive by type name, and the types list.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/create-core.js';
import { BATCH_LIMITS, assertBatchSize } from '../../core/rules/batch-limits.js';
import { batchBody, batchStatus } from '../batch-response.js';
import type { V3Family } from '../families.js';
import { operationConfig } from '../operations.js';
import { PairPathSchema } from '../schemas/common.js';
import {
  BatchAssociationMultiSchema,
  BatchPublicAssociationSchema,
  NamedBatchSchema,
  ReadNamedBatchSchema,
  TypesReplySchema,
} from '../schemas/v3.js';
import { pagingToWire } from '../wire/v4.js';
import { namedAssociationToWire, namedInputs } from '../wire/v3.js';
import { pathTypes } from './path-types.js';

/** v3 declares 201/207 for create and 200/207 for read, like v4. */
const CREATE = { success: 201, multiStatus: true } as const;
const READ = { success: 200, multiStatus: true } as const;

export function v3AssociationRoutes(app: FastifyInstance, core: Core, family: V3Family): void {
  for (const prefix of family.prefixes.associations) {
    registerBatch(app, core, family, `${prefix}/:fromObjectType/:toObjectType`);
  }
}

function registerBatch(app: FastifyInstance, core: Core, family: V3Family, prefix: string) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => core.clock.now();

  api.post(
    `${prefix}/batch/create`,
    {
      schema: {
        params: PairPathSchema,
        body: NamedBatchSchema,
        response: { 201: BatchPublicAssociationSchema, 207: BatchPublicAssociationSchema },
      },
      config: operationConfig(family, 'Add a named type between many pairs', [201, 207], 'write'),
    },
    async (request, reply) => {
      const { inputs } = request.body;
      assertBatchSize(inputs.length, BATCH_LIMITS.associationCreate);
      const startedAt = now();
      const path = pathTypes(request.params);
      const outcome = await core.named.create(request.portalId, path, namedInputs(inputs));
      void reply.code(batchStatus(outcome, CREATE));
      const results = outcome.results.map(namedAssociationToWire);
      return batchBody({ startedAt, completedAt: now() }, results, outcome.errors);
    },
  );

  api.post(
    `${prefix}/batch/read`,
    {
      schema: {
        params: PairPathSchema,
        body: ReadNamedBatchSchema,
        response: { 200: BatchAssociationMultiSchema, 207: BatchAssociationMultiSchema },
      },
      config: operationConfig(family, 'Read the associations of many records', [200, 207], 'read'),
    },
    async (request, reply) => {
      const { inputs } = request.body;
      assertBatchSize(inputs.length, BATCH_LIMITS.associationRead);
      const startedAt = now();
      const outcome = await core.named.batchRead(
        request.portalId,
        pathTypes(request.params),
        inputs.map((input) => input.id),
      );
      void reply.code(batchStatus(outcome, READ));
      const results = outcome.results.map((result) => ({
        from: { id: result.fromId },
        to: result.targets.map((target) => ({ id: String(target.toId), type: target.name })),
        ...pagingToWire(result),
      }));
      return batchBody({ startedAt, completedAt: now() }, results, outcome.errors);
    },
  );

  api.post(
    `${prefix}/batch/archive`,
    {
      schema: { params: PairPathSchema, body: NamedBatchSchema },
      config: operationConfig(family, 'Remove a named type between many pairs', [204], 'write'),
    },
    async (request, reply) => {
      const { inputs } = request.body;
      assertBatchSize(inputs.length, BATCH_LIMITS.associationArchive);
      await core.named.archive(request.portalId, pathTypes(request.params), namedInputs(inputs));
      return reply.code(204).send();
    },
  );

  api.get(
    `${prefix}/types`,
    {
      schema: { params: PairPathSchema, response: { 200: TypesReplySchema } },
      config: operationConfig(
        family,
        'List the association types between two object types',
        [200],
        'read',
      ),
    },
    async (request) => {
      const types = await core.named.listTypes(request.portalId, pathTypes(request.params));
      return { results: types.map((type) => ({ id: String(type.typeId), name: type.v3Name })) };
    },
  );
}
