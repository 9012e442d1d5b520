// v4 record-level association operations: GET list, PUT labelled, PUT default, DELETE.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/create-core.js';
import { resolveObjectType } from '../../core/object-types.js';
import { batchBody } from '../batch-response.js';
import type { Family } from '../families.js';
import {
  DefaultPairPathSchema,
  LabelledPutSchema,
  ListPathSchema,
  ListQuerySchema,
  RecordPairPathSchema,
} from '../schemas/v4.js';
import {
  defaultToWire,
  labelsPairToWire,
  pagingToWire,
  specFromWire,
  targetToWire,
} from '../wire/v4.js';

function pathTypes(from: string, to: string) {
  return { from: resolveObjectType(from), to: resolveObjectType(to) };
}

export function v4RecordRoutes(app: FastifyInstance, core: Core, family: Family): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const prefix = family.objectsPrefix;

  api.get(
    `${prefix}/:objectType/:objectId/associations/:toObjectType`,
    { schema: { params: ListPathSchema, querystring: ListQuerySchema } },
    async (request) => {
      const { objectType, objectId, toObjectType } = request.params;
      const page = await core.associations.getPage(
        request.portalId,
        pathTypes(objectType, toObjectType),
        objectId,
        request.query,
      );
      return { results: page.targets.map(targetToWire), ...pagingToWire(page) };
    },
  );

  api.put(
    `${prefix}/:objectType/:objectId/associations/:toObjectType/:toObjectId`,
    { schema: { params: RecordPairPathSchema, body: LabelledPutSchema } },
    async (request, reply) => {
      const { objectType, objectId, toObjectType, toObjectId } = request.params;
      const outcome = await core.associations.createLabelled(
        request.portalId,
        pathTypes(objectType, toObjectType),
        [{ fromId: objectId, toId: toObjectId, types: request.body.map(specFromWire) }],
      );
      // One input: core has already answered 400 if it failed, so there is one result.
      void reply.code(201).header('location', request.url);
      return outcome.results.map(labelsPairToWire)[0];
    },
  );

  api.delete(
    `${prefix}/:objectType/:objectId/associations/:toObjectType/:toObjectId`,
    { schema: { params: RecordPairPathSchema } },
    async (request, reply) => {
      const { objectType, objectId, toObjectType, toObjectId } = request.params;
      await core.associations.archivePairs(request.portalId, pathTypes(objectType, toObjectType), [
        { fromId: objectId, toIds: [toObjectId] },
      ]);
      return reply.code(204).send();
    },
  );

  api.put(
    `${prefix}/:fromObjectType/:fromObjectId/associations/default/:toObjectType/:toObjectId`,
    { schema: { params: DefaultPairPathSchema } },
    async (request) => {
      const { fromObjectType, fromObjectId, toObjectType, toObjectId } = request.params;
      const startedAt = core.clock.now();
      const outcome = await core.associations.associateDefault(
        request.portalId,
        pathTypes(fromObjectType, toObjectType),
        [{ fromId: fromObjectId, toId: toObjectId }],
      );
      const times = { startedAt, completedAt: core.clock.now() };
      return batchBody(times, outcome.results.map(defaultToWire), []);
    },
  );
}
