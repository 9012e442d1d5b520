// v4-shaped record-level association operations: GET list, PUT labelled, PUT default, DELETE.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/create-core.js';
import { batchBody, sendJson } from '../batch-response.js';
import type { V4Family } from '../families.js';
import { operationConfig } from '../operations.js';
import {
  BatchDefaultAssociationSchema,
  DefaultPairPathSchema,
  LabelledPutSchema,
  LabelsBetweenPairSchema,
  ListPathSchema,
  ListQuerySchema,
  RecordPairPathSchema,
  targetPageSchema,
} from '../schemas/v4.js';
import {
  defaultToWire,
  labelsPairToWire,
  pagingJson,
  specFromWire,
  targetsJsonWriter,
} from '../wire/v4.js';
import { pathTypes } from './path-types.js';

export function v4RecordRoutes(app: FastifyInstance, core: Core, family: V4Family): void {
  for (const prefix of family.prefixes.records) {
    registerPairRoutes(app, core, family, prefix);
    registerListRoute(app, core, family, prefix);
  }
}

function registerListRoute(app: FastifyInstance, core: Core, family: V4Family, prefix: string) {
  const withIds = family.typeObjectIds.reads;
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    `${prefix}/:objectType/:objectId/associations/:toObjectType`,
    {
      schema: {
        params: ListPathSchema,
        querystring: ListQuerySchema,
        response: { 200: targetPageSchema(withIds) },
      },
      config: operationConfig(
        family,
        "List a record's associations to one object type",
        [200],
        'read',
      ),
    },
    async (request, reply) => {
      const { objectType, objectId, toObjectType } = request.params;
      const path = pathTypes({ fromObjectType: objectType, toObjectType });
      const page = await core.associations.getPage(request.portalId, path, objectId, request.query);
      const targetsJson = targetsJsonWriter(path, withIds);
      return sendJson(reply, 200, [
        '{"results":',
        targetsJson(page.targets),
        `${pagingJson(page)}}`,
      ]);
    },
  );
}

function registerPairRoutes(app: FastifyInstance, core: Core, family: V4Family, prefix: string) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.put(
    `${prefix}/:objectType/:objectId/associations/:toObjectType/:toObjectId`,
    {
      schema: {
        params: RecordPairPathSchema,
        body: LabelledPutSchema,
        response: { 201: LabelsBetweenPairSchema },
      },
      config: operationConfig(family, 'Set the labels between two records', [201], 'write'),
    },
    async (request, reply) => {
      const { objectType, objectId, toObjectType, toObjectId } = request.params;
      const outcome = await core.associations.createLabelled(
        request.portalId,
        pathTypes({ fromObjectType: objectType, toObjectType }),
        [{ fromId: objectId, toId: toObjectId, types: request.body.map(specFromWire) }],
      );
      const [result] = outcome.results;
      // One input: core has already answered 400 if it failed, so there is one result.
      if (!result) throw new Error('a single labelled write returned no result');
      void reply.code(201).header('location', request.url);
      return labelsPairToWire(result);
    },
  );

  api.delete(
    `${prefix}/:objectType/:objectId/associations/:toObjectType/:toObjectId`,
    {
      schema: { params: RecordPairPathSchema },
      config: operationConfig(
        family,
        'Remove every association between two records',
        [204],
        'write',
      ),
    },
    async (request, reply) => {
      const { objectType, objectId, toObjectType, toObjectId } = request.params;
      await core.associations.archivePairs(
        request.portalId,
        pathTypes({ fromObjectType: objectType, toObjectType }),
        [{ fromId: objectId, toIds: [toObjectId] }],
      );
      return reply.code(204).send();
    },
  );

  api.put(
    `${prefix}/:fromObjectType/:fromObjectId/associations/default/:toObjectType/:toObjectId`,
    {
      schema: { params: DefaultPairPathSchema, response: { 200: BatchDefaultAssociationSchema } },
      config: operationConfig(
        family,
        'Associate two records with their default type',
        [200],
        'write',
      ),
    },
    async (request) => {
      const { fromObjectId, toObjectId } = request.params;
      const startedAt = core.clock.now();
      const outcome = await core.associations.associateDefault(
        request.portalId,
        pathTypes(request.params),
        [{ fromId: fromObjectId, toId: toObjectId }],
      );
      const times = { startedAt, completedAt: core.clock.now() };
      return batchBody(times, outcome.results.map(defaultToWire), []);
    },
  );
}
