// v4-shaped batch operations: create, read, archive, labels/archive, associate/default, report.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Core } from '../../core/create-core.js';
import { BATCH_LIMITS, assertBatchSize } from '../../core/rules/batch-limits.js';
import { batchBody, batchBodyJson, batchStatus, sendJson } from '../batch-response.js';
import type { V4Family } from '../families.js';
import { batchStatuses, operationConfig } from '../operations.js';
import { PairPathSchema } from '../schemas/common.js';
import { EmptyBatchSchema, repliesFor } from '../schemas/replies.js';
import {
  ArchiveBatchSchema,
  BatchDefaultAssociationSchema,
  BatchLabelsBetweenPairSchema,
  DefaultBatchSchema,
  LabelledBatchSchema,
  ReadBatchSchema,
  ReportPathSchema,
  ReportReplySchema,
  batchReadReplySchema,
} from '../schemas/v4.js';
import {
  defaultToWire,
  labelsPairToWire,
  pagingJson,
  specFromWire,
  targetsJsonWriter,
} from '../wire/v4.js';
import { pathTypes } from './path-types.js';

export function v4BatchRoutes(app: FastifyInstance, core: Core, family: V4Family): void {
  for (const prefix of family.prefixes.batch) {
    registerWrites(app, core, family, `${prefix}/:fromObjectType/:toObjectType/batch`);
    registerReads(app, core, family, `${prefix}/:fromObjectType/:toObjectType/batch`);
    registerReport(app, core, family, prefix);
  }
}

function registerWrites(app: FastifyInstance, core: Core, family: V4Family, prefix: string) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => core.clock.now();
  const createStatuses = batchStatuses(family.batchCreate);

  api.post(
    `${prefix}/create`,
    {
      schema: {
        params: PairPathSchema,
        body: LabelledBatchSchema,
        response: repliesFor(createStatuses, BatchLabelsBetweenPairSchema),
      },
      config: operationConfig(
        family,
        'Set the labels of many pairs of records',
        createStatuses,
        'write',
      ),
    },
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
      void reply.code(batchStatus(outcome, family.batchCreate));
      const results = outcome.results.map(labelsPairToWire);
      return batchBody({ startedAt, completedAt: now() }, results, outcome.errors);
    },
  );

  api.post(
    `${prefix}/associate/default`,
    {
      schema: {
        params: PairPathSchema,
        body: DefaultBatchSchema,
        response: { 200: BatchDefaultAssociationSchema },
      },
      config: operationConfig(
        family,
        'Associate many pairs with their default type',
        [200],
        'write',
      ),
    },
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

  const archive = {
    response: repliesFor([family.archiveStatus], EmptyBatchSchema),
    statuses: [family.archiveStatus],
  };
  api.post(
    `${prefix}/archive`,
    {
      schema: { params: PairPathSchema, body: ArchiveBatchSchema, response: archive.response },
      config: operationConfig(
        family,
        'Remove every association between many pairs',
        archive.statuses,
        'write',
      ),
    },
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
    {
      schema: { params: PairPathSchema, body: LabelledBatchSchema, response: archive.response },
      config: operationConfig(
        family,
        'Remove some labels between many pairs',
        archive.statuses,
        'write',
      ),
    },
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
}

function registerReads(app: FastifyInstance, core: Core, family: V4Family, prefix: string) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => core.clock.now();
  const statuses = batchStatuses(family.batchRead);
  api.post(
    `${prefix}/read`,
    {
      schema: {
        params: PairPathSchema,
        body: ReadBatchSchema,
        response: repliesFor(statuses, batchReadReplySchema(family.typeObjectIds.reads)),
      },
      config: operationConfig(
        family,
        'Read the associations of many records, page by page',
        statuses,
        'read',
      ),
    },
    async (request, reply) => {
      const { inputs } = request.body;
      assertBatchSize(inputs.length, BATCH_LIMITS.associationRead);
      const startedAt = now();
      const path = pathTypes(request.params);
      const outcome = await core.associations.batchRead(request.portalId, path, inputs);
      const targetsJson = targetsJsonWriter(path, family.typeObjectIds.reads);
      const results = outcome.results.map(
        (result) =>
          `{"from":{"id":${JSON.stringify(result.fromId)}},"to":${targetsJson(result.targets)}${pagingJson(result)}}`,
      );
      const parts = batchBodyJson({ startedAt, completedAt: now() }, results, outcome.errors);
      return sendJson(reply, batchStatus(outcome, family.batchRead), parts);
    },
  );
}

/**
 * HubSpot queues a report of records near their association limits and emails it to the user.
 * The server has no users or mail: it acknowledges the request in HubSpot's shape.
 */
function registerReport(app: FastifyInstance, core: Core, family: V4Family, prefix: string) {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    `${prefix}/usage/high-usage-report/:userId`,
    {
      schema: {
        params: ReportPathSchema,
        body: Type.Optional(Type.Unknown()),
        response: { 200: ReportReplySchema },
      },
      config: operationConfig(
        family,
        'Request a report of records near their association limits',
        [200],
        'read',
      ),
    },
    (request) => ({
      userId: request.params.userId,
      userEmail: `user-${request.params.userId}@portal-${request.portalId}.invalid`,
      enqueueTime: { value: core.clock.now().getTime(), dateOnly: false, timeZoneShift: 0 },
    }),
  );
}

/** Archives answer 204 with no body, or 200 with an empty batch body, per family. */
function archiveAnswer(
  reply: FastifyReply,
  family: V4Family,
  times: { startedAt: Date; completedAt: Date },
) {
  if (family.archiveStatus === 204) return reply.code(204).send();
  return reply.code(200).send(batchBody(times, [], []));
}
