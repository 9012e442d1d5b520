// The CRM objects API (v3): records that associations hang on.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/create-core.js';
import { resolveObjectType, type StandardObjectType } from '../../core/object-types.js';
import { BATCH_LIMITS, assertBatchSize } from '../../core/rules/batch-limits.js';
import { readLimit } from '../../core/rules/paging.js';
import { RECORD_PAGE_DEFAULT, RECORD_PAGE_MAX } from '../../core/use-cases/records.js';
import { batchBody, batchStatus } from '../batch-response.js';
import {
  BatchArchiveSchema,
  BatchCreateSchema,
  BatchReadQuerySchema,
  BatchReadSchema,
  CreateBodySchema,
  ListQuerySchema,
  ObjectPathSchema,
  ObjectTypePathSchema,
  ReadQuerySchema,
  UpdateBodySchema,
} from '../schemas/objects.js';
import { specFromWire } from '../wire/v4.js';
import { listParam, propertiesFromWire, recordToWire, recordViewToWire } from '../wire/objects.js';

type CreateBody = (typeof CreateBodySchema)['static'];

function recordInput(body: CreateBody) {
  return {
    properties: propertiesFromWire(body.properties),
    associations: (body.associations ?? []).map((association) => ({
      toId: association.to.id,
      types: association.types.map(specFromWire),
    })),
  };
}

/** Names in `?associations=`; names HubSpot cannot resolve are skipped, as HubSpot does. */
function associationTypes(value: string | string[] | undefined): StandardObjectType[] {
  return (listParam(value) ?? []).flatMap((name) => {
    try {
      return [resolveObjectType(name)];
    } catch {
      return [];
    }
  });
}

export function objectRoutes(app: FastifyInstance, core: Core, prefix: string): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => core.clock.now();

  api.post(
    `${prefix}/:objectType`,
    { schema: { params: ObjectTypePathSchema, body: CreateBodySchema } },
    async (request, reply) => {
      const type = resolveObjectType(request.params.objectType);
      const [record] = await core.records.create(request.portalId, type, [
        recordInput(request.body),
      ]);
      void reply.code(201);
      return record && recordToWire(record);
    },
  );

  api.get(
    `${prefix}/:objectType`,
    { schema: { params: ObjectTypePathSchema, querystring: ListQuerySchema } },
    async (request) => {
      const type = resolveObjectType(request.params.objectType);
      const { query } = request;
      const page = await core.records.list(request.portalId, type, {
        archived: query.archived ?? false,
        associations: associationTypes(query.associations),
        after: query.after,
        limit: readLimit(query.limit, RECORD_PAGE_DEFAULT, RECORD_PAGE_MAX),
      });
      const names = listParam(query.properties);
      const results = page.views.map((view) => recordViewToWire(core.catalog, view, names));
      if (page.nextAfter === undefined) return { results };
      return { results, paging: { next: { after: page.nextAfter } } };
    },
  );

  api.get(
    `${prefix}/:objectType/:objectId`,
    { schema: { params: ObjectPathSchema, querystring: ReadQuerySchema } },
    async (request) => {
      const type = resolveObjectType(request.params.objectType);
      const { query } = request;
      const view = await core.records.get(request.portalId, type, request.params.objectId, {
        archived: query.archived ?? false,
        associations: associationTypes(query.associations),
      });
      return recordViewToWire(core.catalog, view, listParam(query.properties));
    },
  );

  api.patch(
    `${prefix}/:objectType/:objectId`,
    { schema: { params: ObjectPathSchema, body: UpdateBodySchema } },
    async (request) => {
      const type = resolveObjectType(request.params.objectType);
      const properties = propertiesFromWire(request.body.properties);
      const record = await core.records.update(
        request.portalId,
        type,
        request.params.objectId,
        properties,
      );
      return recordToWire(record);
    },
  );

  api.delete(
    `${prefix}/:objectType/:objectId`,
    { schema: { params: ObjectPathSchema } },
    async (request, reply) => {
      const type = resolveObjectType(request.params.objectType);
      await core.records.archive(request.portalId, type, [request.params.objectId]);
      return reply.code(204).send();
    },
  );

  api.post(
    `${prefix}/:objectType/batch/create`,
    { schema: { params: ObjectTypePathSchema, body: BatchCreateSchema } },
    async (request, reply) => {
      const type = resolveObjectType(request.params.objectType);
      assertBatchSize(request.body.inputs.length, BATCH_LIMITS.objects);
      const startedAt = now();
      const records = await core.records.create(
        request.portalId,
        type,
        request.body.inputs.map(recordInput),
      );
      void reply.code(201);
      return batchBody(
        { startedAt, completedAt: now() },
        records.map((record) => recordToWire(record)),
        [],
      );
    },
  );

  api.post(
    `${prefix}/:objectType/batch/read`,
    {
      schema: {
        params: ObjectTypePathSchema,
        body: BatchReadSchema,
        querystring: BatchReadQuerySchema,
      },
    },
    async (request, reply) => {
      const type = resolveObjectType(request.params.objectType);
      assertBatchSize(request.body.inputs.length, BATCH_LIMITS.objects);
      const startedAt = now();
      const outcome = await core.records.batchRead(
        request.portalId,
        type,
        request.body.inputs.map((input) => input.id),
        request.query.archived ?? false,
      );
      void reply.code(batchStatus(outcome, 200, true));
      const names = request.body.properties?.length ? request.body.properties : undefined;
      const results = outcome.results.map((record) => recordToWire(record, names));
      return batchBody({ startedAt, completedAt: now() }, results, outcome.errors);
    },
  );

  api.post(
    `${prefix}/:objectType/batch/archive`,
    { schema: { params: ObjectTypePathSchema, body: BatchArchiveSchema } },
    async (request, reply) => {
      const type = resolveObjectType(request.params.objectType);
      assertBatchSize(request.body.inputs.length, BATCH_LIMITS.objects);
      await core.records.archive(
        request.portalId,
        type,
        request.body.inputs.map((input) => input.id),
      );
      return reply.code(204).send();
    },
  );
}
