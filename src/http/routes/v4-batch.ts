// v4 batch association operations: create, read, archive, labels/archive, associate/default.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Core } from '../../core/create-core.js';
import { resolveObjectType } from '../../core/object-types.js';
import { BATCH_LIMITS, assertBatchSize } from '../../core/rules/batch-limits.js';
import { batchBody, batchStatus } from '../batch-response.js';
import type { Family } from '../families.js';
import { PairPathSchema } from '../schemas/common.js';
import {
  ArchiveBatchSchema,
  DefaultBatchSchema,
  LabelledBatchSchema,
  ReadBatchSchema,
  ReportPathSchema,
} from '../schemas/v4.js';
import {
  defaultToWire,
  labelsPairToWire,
  pagingToWire,
  specFromWire,
  targetToWire,
} from '../wire/v4.js';

function pathTypes(params: { fromObjectType: string; toObjectType: string }) {
  return {
    from: resolveObjectType(params.fromObjectType),
    to: resolveObjectType(params.toObjectType),
  };
}

export function v4BatchRoutes(app: FastifyInstance, core: Core, family: Family): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const prefix = `${family.associationsPrefix}/:fromObjectType/:toObjectType/batch`;
  const now = () => core.clock.now();

  api.post(
    `${prefix}/create`,
    { schema: { params: PairPathSchema, body: LabelledBatchSchema } },
    async (request, reply) => {
      const { inputs } = request.body;
      assertBatchSize(inputs.length, BATCH_LIMITS.associationCreate);
      const startedAt = now();
      const outcome = await core.associations.createLabelled(
        request.portalId,
        pathTypes(request.params),
        inputs.map((input) => ({
          fromId: input.from.id,
          toId: input.to.id,
          types: input.types.map(specFromWire),
        })),
      );
      void reply.code(batchStatus(outcome, 201, true));
      const results = outcome.results.map(labelsPairToWire);
      return batchBody({ startedAt, completedAt: now() }, results, outcome.errors);
    },
  );

  api.post(
    `${prefix}/read`,
    { schema: { params: PairPathSchema, body: ReadBatchSchema } },
    async (request, reply) => {
      const { inputs } = request.body;
      assertBatchSize(inputs.length, BATCH_LIMITS.associationRead);
      const startedAt = now();
      const outcome = await core.associations.batchRead(
        request.portalId,
        pathTypes(request.params),
        inputs,
      );
      void reply.code(batchStatus(outcome, 200, true));
      const results = outcome.results.map((result) => ({
        from: { id: result.fromId },
        to: result.targets.map(targetToWire),
        ...pagingToWire(result),
      }));
      return batchBody({ startedAt, completedAt: now() }, results, outcome.errors);
    },
  );

  api.post(
    `${prefix}/archive`,
    { schema: { params: PairPathSchema, body: ArchiveBatchSchema } },
    async (request, reply) => {
      const { inputs } = request.body;
      assertBatchSize(inputs.length, BATCH_LIMITS.associationArchive);
      const startedAt = now();
      await core.associations.archivePairs(
        request.portalId,
        pathTypes(request.params),
        inputs.map((input) => ({ fromId: input.from.id, toIds: input.to.map((to) => to.id) })),
      );
      return archiveAnswer(reply, family, { startedAt, completedAt: now() });
    },
  );

  api.post(
    `${prefix}/labels/archive`,
    { schema: { params: PairPathSchema, body: LabelledBatchSchema } },
    async (request, reply) => {
      const { inputs } = request.body;
      assertBatchSize(inputs.length, BATCH_LIMITS.associationArchive);
      const startedAt = now();
      await core.associations.archiveLabels(
        request.portalId,
        pathTypes(request.params),
        inputs.map((input) => ({
          fromId: input.from.id,
          toId: input.to.id,
          types: input.types.map(specFromWire),
        })),
      );
      return archiveAnswer(reply, family, { startedAt, completedAt: now() });
    },
  );

  api.post(
    `${prefix}/associate/default`,
    { schema: { params: PairPathSchema, body: DefaultBatchSchema } },
    async (request) => {
      const { inputs } = request.body;
      assertBatchSize(inputs.length, BATCH_LIMITS.associationArchive);
      const startedAt = now();
      const outcome = await core.associations.associateDefault(
        request.portalId,
        pathTypes(request.params),
        inputs.map((input) => ({ fromId: input.from.id, toId: input.to.id })),
      );
      // The operation declares 200 only: failed inputs are reported inside the 200 body.
      const results = outcome.results.map(defaultToWire);
      return batchBody({ startedAt, completedAt: now() }, results, outcome.errors);
    },
  );

  api.post(
    `${family.associationsPrefix}/usage/high-usage-report/:userId`,
    { schema: { params: ReportPathSchema, body: Type.Optional(Type.Unknown()) } },
    (request) => highUsageReport(request.params.userId, request.portalId, now()),
  );
}

/** Archives answer 204 with no body, or 200 with an empty batch body, per family. */
function archiveAnswer(
  reply: FastifyReply,
  family: Family,
  times: { startedAt: Date; completedAt: Date },
) {
  if (family.batchArchiveStatus === 204) return reply.code(204).send();
  return reply.code(200).send(batchBody(times, [], []));
}

/**
 * HubSpot queues a report of records near their association limits and emails it to the user.
 * The server has no users or mail: it acknowledges the request in HubSpot's shape.
 */
function highUsageReport(userId: number, portalId: number, now: Date) {
  return {
    userId,
    userEmail: `user-${userId}@portal-${portalId}.invalid`,
    enqueueTime: { value: now.getTime(), dateOnly: false, timeZoneShift: 0 },
  };
}
