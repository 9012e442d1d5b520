// The CRM objects API, mounted for every family that has one: records that associations hang on.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/create-core.js';
import { resolveObjectType, type StandardObjectType } from '../../core/object-types.js';
import { BATCH_LIMITS, assertBatchSize } from '../../core/rules/batch-limits.js';
import { readLimit } from '../../core/rules/paging.js';
import { RECORD_PAGE_DEFAULT, RECORD_PAGE_MAX } from '../../core/use-cases/record-reads.js';
import { batchBody, batchStatus } from '../batch-response.js';
import { operationConfig } from '../operations.js';
import {
  BatchArchiveSchema,
  BatchCreateSchema,
  BatchReadQuerySchema,
  BatchReadSchema,
  BatchRecordsReplySchema,
  BatchUpdateSchema,
  CreateBodySchema,
  ListQuerySchema,
  ObjectPathSchema,
  ObjectTypePathSchema,
  ReadQuerySchema,
  RecordPageReplySchema,
  RecordReplySchema,
  RecordWithAssociationsReplySchema,
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

/** Success of batch read and update: 200, or 207 when some ids name no record. */
const OK_OR_MULTI = { success: 200, multiStatus: true } as const;

export function objectRoutes(
  app: FastifyInstance,
  core: Core,
  family: { readonly name: string },
  prefix: string,
): void {
  registerRecordRoutes(app, core, family, prefix);
  registerBatchRoutes(app, core, family, prefix);
}

function registerRecordRoutes(
  app: FastifyInstance,
  core: Core,
  family: { readonly name: string },
  prefix: string,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    `${prefix}/:objectType`,
    {
      schema: {
        params: ObjectTypePathSchema,
        body: CreateBodySchema,
        response: { 201: RecordReplySchema },
      },
      config: operationConfig(family, 'Create a record, with associations', [201], 'write'),
    },
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
    {
      schema: {
        params: ObjectTypePathSchema,
        querystring: ListQuerySchema,
        response: { 200: RecordPageReplySchema },
      },
      config: operationConfig(family, 'List records of a type, page by page', [200], 'read'),
    },
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
      const results = page.views.map((view) => recordViewToWire(view, names));
      if (page.nextAfter === undefined) return { results };
      return { results, paging: { next: { after: page.nextAfter } } };
    },
  );

  api.get(
    `${prefix}/:objectType/:objectId`,
    {
      schema: {
        params: ObjectPathSchema,
        querystring: ReadQuerySchema,
        response: { 200: RecordWithAssociationsReplySchema },
      },
      config: operationConfig(family, 'Read a record, with its associations', [200], 'read'),
    },
    async (request) => {
      const type = resolveObjectType(request.params.objectType);
      const { query } = request;
      const view = await core.records.get(request.portalId, type, request.params.objectId, {
        archived: query.archived ?? false,
        associations: associationTypes(query.associations),
      });
      return recordViewToWire(view, listParam(query.properties));
    },
  );

  api.patch(
    `${prefix}/:objectType/:objectId`,
    {
      schema: {
        params: ObjectPathSchema,
        body: UpdateBodySchema,
        response: { 200: RecordReplySchema },
      },
      config: operationConfig(family, "Update a record's properties", [200], 'write'),
    },
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
    {
      schema: { params: ObjectPathSchema },
      config: operationConfig(family, 'Archive a record', [204], 'write'),
    },
    async (request, reply) => {
      const type = resolveObjectType(request.params.objectType);
      await core.records.archive(request.portalId, type, [request.params.objectId]);
      return reply.code(204).send();
    },
  );
}

function registerBatchRoutes(
  app: FastifyInstance,
  core: Core,
  family: { readonly name: string },
  prefix: string,
): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const now = () => core.clock.now();

  api.post(
    `${prefix}/:objectType/batch/create`,
    {
      schema: {
        params: ObjectTypePathSchema,
        body: BatchCreateSchema,
        response: { 201: BatchRecordsReplySchema },
      },
      config: operationConfig(family, 'Create records, with associations', [201], 'write'),
    },
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
        response: { 200: BatchRecordsReplySchema, 207: BatchRecordsReplySchema },
      },
      config: operationConfig(family, 'Read records by id', [200, 207], 'read'),
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
      void reply.code(batchStatus(outcome, OK_OR_MULTI));
      const names = request.body.properties?.length ? request.body.properties : undefined;
      const results = outcome.results.map((record) => recordToWire(record, names));
      return batchBody({ startedAt, completedAt: now() }, results, outcome.errors);
    },
  );

  api.post(
    `${prefix}/:objectType/batch/archive`,
    {
      schema: { params: ObjectTypePathSchema, body: BatchArchiveSchema },
      config: operationConfig(family, 'Archive records by id', [204], 'write'),
    },
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

  api.post(
    `${prefix}/:objectType/batch/update`,
    {
      schema: {
        params: ObjectTypePathSchema,
        body: BatchUpdateSchema,
        response: { 200: BatchRecordsReplySchema, 207: BatchRecordsReplySchema },
      },
      config: operationConfig(family, "Update records' properties by id", [200, 207], 'write'),
    },
    async (request, reply) => {
      const type = resolveObjectType(request.params.objectType);
      assertBatchSize(request.body.inputs.length, BATCH_LIMITS.objects);
      const startedAt = now();
      const outcome = await core.records.batchUpdate(
        request.portalId,
        type,
        request.body.inputs.map((input) => ({
          id: input.id,
          properties: propertiesFromWire(input.properties),
        })),
      );
      void reply.code(batchStatus(outcome, OK_OR_MULTI));
      const results = outcome.results.map((record) => recordToWire(record));
      return batchBody({ startedAt, completedAt: now() }, results, outcome.errors);
    },
  );
}
