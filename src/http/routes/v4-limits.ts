// The schema API's limit configurations: read, create, update and purge user-set limits.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/create-core.js';
import { BATCH_LIMITS, assertBatchSize } from '../../core/rules/batch-limits.js';
import type { LimitView } from '../../core/use-cases/limits.js';
import { batchBody, batchStatus } from '../batch-response.js';
import type { V4Family } from '../families.js';
import { batchStatuses, operationConfig } from '../operations.js';
import { PairPathSchema } from '../schemas/common.js';
import {
  BatchLimitUpdatesReplySchema,
  BatchLimitsReplySchema,
  LimitBatchSchema,
  LimitsReplySchema,
  PurgeBatchSchema,
} from '../schemas/definitions.js';
import { repliesFor } from '../schemas/replies.js';
import { pathTypes } from './path-types.js';

function limitToWire(limit: LimitView) {
  return {
    category: limit.category,
    typeId: limit.typeId,
    label: limit.label,
    userEnforcedMaxToObjectIds: limit.maxToObjectIds,
  };
}

export function v4LimitRoutes(app: FastifyInstance, core: Core, family: V4Family): void {
  for (const prefix of family.prefixes.schema) {
    registerReads(app, core, family, `${prefix}/definitions/configurations`);
    registerWrites(app, core, family, `${prefix}/definitions/configurations`);
  }
}

function registerReads(app: FastifyInstance, core: Core, family: V4Family, prefix: string) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    `${prefix}/all`,
    {
      schema: { response: { 200: LimitsReplySchema } },
      config: operationConfig(family, 'List every limit set in the portal', [200], 'read'),
    },
    async (request) => ({ results: (await core.limits.list(request.portalId)).map(limitToWire) }),
  );
  api.get(
    `${prefix}/:fromObjectType/:toObjectType`,
    {
      schema: { params: PairPathSchema, response: { 200: LimitsReplySchema } },
      config: operationConfig(
        family,
        'List the limits set from one object type to another',
        [200],
        'read',
      ),
    },
    async (request) => {
      const limits = await core.limits.list(request.portalId, pathTypes(request.params));
      return { results: limits.map(limitToWire) };
    },
  );
}

function registerWrites(app: FastifyInstance, core: Core, family: V4Family, prefix: string) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => core.clock.now();
  const batch = `${prefix}/:fromObjectType/:toObjectType/batch`;
  for (const mode of ['create', 'update'] as const) {
    const declared = mode === 'create' ? family.limitsCreate : family.limitsUpdate;
    const statuses = batchStatuses(declared);
    const schema = mode === 'create' ? BatchLimitsReplySchema : BatchLimitUpdatesReplySchema;
    api.post(
      `${batch}/${mode}`,
      {
        schema: {
          params: PairPathSchema,
          body: LimitBatchSchema,
          response: repliesFor(statuses, schema),
        },
        config: operationConfig(
          family,
          `${mode === 'create' ? 'Set' : 'Change'} limits`,
          statuses,
          'write',
        ),
      },
      async (request, reply) => {
        assertBatchSize(request.body.inputs.length, BATCH_LIMITS.configurations);
        const startedAt = now();
        const outcome = await core.limits.put(
          request.portalId,
          pathTypes(request.params),
          request.body.inputs,
          mode,
        );
        void reply.code(batchStatus(outcome, declared));
        const results = outcome.results.map(limitToWire);
        return batchBody({ startedAt, completedAt: now() }, results, outcome.errors);
      },
    );
  }
  api.post(
    `${batch}/purge`,
    {
      schema: { params: PairPathSchema, body: PurgeBatchSchema },
      config: operationConfig(family, 'Remove limits', [204], 'write'),
    },
    async (request, reply) => {
      assertBatchSize(request.body.inputs.length, BATCH_LIMITS.configurations);
      await core.limits.purge(request.portalId, pathTypes(request.params), request.body.inputs);
      return reply.code(204).send();
    },
  );
}
