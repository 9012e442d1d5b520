// The CRM objects API, mounted for every family that has one: records that associations hang on.
import type { ObjectTypeDirectory, StandardObjectType } from '../../core/object-types.js';
import { BATCH_LIMITS } from '../../core/rules/batch-limits.js';
import { readLimit } from '../../core/rules/paging.js';
import { RECORD_PAGE_DEFAULT, RECORD_PAGE_MAX } from '../../core/use-cases/record-reads.js';
import type { ObjectsApi } from '../families.js';
import { answers, operation, type Operation } from '../operation.js';
import {
  BatchArchiveSchema,
  BatchCreateSchema,
  BatchReadQuerySchema,
  BatchReadSchema,
  BatchRecordsReplySchema,
  BatchUpdateSchema,
  BatchUpsertReplySchema,
  BatchUpsertSchema,
  GdprDeleteBodySchema,
  MergeBodySchema,
  UpsertQuerySchema,
  CreateBodySchema,
  ListQuerySchema,
  ObjectPathSchema,
  ObjectTypePathSchema,
  ReadQuerySchema,
  RecordPageReplySchema,
  RecordReplySchema,
  RecordWithAssociationsReplySchema,
  UpdateBodySchema,
  UpdateQuerySchema,
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
function associationTypes(
  objectTypes: ObjectTypeDirectory,
  value: string | string[] | undefined,
): StandardObjectType[] {
  return (listParam(value) ?? []).flatMap((name) => {
    try {
      return [objectTypes.resolve(name)];
    } catch {
      return [];
    }
  });
}

/** The objects API of a family, under its prefix. */
export function objectOperations(family: { readonly name: string }, api: ObjectsApi): Operation[] {
  const at = (suffix: string) => [`${api.prefix}/${suffix}`];
  return [
    ...recordOperations(family, at),
    ...batchOperations(family, api, at),
    upsertOperation(family, api, at),
    ...(api.merge ? [mergeOperation(family, at)] : []),
    ...(api.gdprDelete ? [gdprDeleteOperation(family, at)] : []),
  ];
}

type PathsAt = (suffix: string) => string[];

function recordOperations(family: { readonly name: string }, at: PathsAt): Operation[] {
  return [
    operation({
      family,
      method: 'POST',
      paths: at(':objectType'),
      summary: 'Create a record, with associations',
      access: 'write',
      request: { params: ObjectTypePathSchema, body: CreateBodySchema },
      answer: answers.json(201, RecordReplySchema),
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        const [record] = await core.records.create(portalId, type, [recordInput(body)]);
        return record && recordToWire(record);
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: at(':objectType'),
      summary: 'List records of a type, page by page',
      access: 'read',
      request: { params: ObjectTypePathSchema, querystring: ListQuerySchema },
      answer: answers.json(200, RecordPageReplySchema),
      handle: async ({ core, portalId, objectTypes, params, query }) => {
        const type = objectTypes.resolve(params.objectType);
        const page = await core.records.list(portalId, type, {
          archived: query.archived ?? false,
          associations: associationTypes(objectTypes, query.associations),
          after: query.after,
          limit: readLimit(query.limit, RECORD_PAGE_DEFAULT, RECORD_PAGE_MAX),
        });
        const names = listParam(query.properties);
        const results = page.views.map((view) => recordViewToWire(view, names));
        if (page.nextAfter === undefined) return { results };
        return { results, paging: { next: { after: page.nextAfter } } };
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: at(':objectType/:objectId'),
      summary: 'Read a record, with its associations',
      access: 'read',
      request: { params: ObjectPathSchema, querystring: ReadQuerySchema },
      answer: answers.json(200, RecordWithAssociationsReplySchema),
      handle: async ({ core, portalId, objectTypes, params, query }) => {
        const type = objectTypes.resolve(params.objectType);
        const view = await core.records.get(portalId, type, params.objectId, {
          archived: query.archived ?? false,
          associations: associationTypes(objectTypes, query.associations),
          idProperty: query.idProperty,
        });
        return recordViewToWire(view, listParam(query.properties));
      },
    }),
    operation({
      family,
      method: 'PATCH',
      paths: at(':objectType/:objectId'),
      summary: "Update a record's properties",
      access: 'write',
      request: { params: ObjectPathSchema, body: UpdateBodySchema, querystring: UpdateQuerySchema },
      answer: answers.json(200, RecordReplySchema),
      handle: async ({ core, portalId, objectTypes, params, body, query }) => {
        const type = objectTypes.resolve(params.objectType);
        const properties = propertiesFromWire(body.properties);
        return recordToWire(
          await core.records.update(portalId, type, params.objectId, properties, query.idProperty),
        );
      },
    }),
    operation({
      family,
      method: 'DELETE',
      paths: at(':objectType/:objectId'),
      summary: 'Archive a record',
      access: 'write',
      request: { params: ObjectPathSchema },
      answer: answers.noContent(),
      handle: async ({ core, portalId, objectTypes, params }) => {
        const type = objectTypes.resolve(params.objectType);
        await core.records.archive(portalId, type, [params.objectId]);
      },
    }),
  ];
}

function batchOperations(
  family: { readonly name: string },
  api: ObjectsApi,
  at: PathsAt,
): Operation[] {
  const batchLimit = BATCH_LIMITS.objects;
  return [
    operation({
      family,
      method: 'POST',
      paths: at(':objectType/batch/create'),
      summary: 'Create records, with associations',
      access: 'write',
      request: { params: ObjectTypePathSchema, body: BatchCreateSchema },
      answer: answers.batch(api.batchCreate, BatchRecordsReplySchema),
      batchLimit,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        const records = await core.records.create(portalId, type, body.inputs.map(recordInput));
        return { results: records.map((record) => recordToWire(record)), errors: [] };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: at(':objectType/batch/read'),
      summary: 'Read records by id',
      access: 'read',
      request: {
        params: ObjectTypePathSchema,
        body: BatchReadSchema,
        querystring: BatchReadQuerySchema,
      },
      answer: answers.batch(api.batchRead, BatchRecordsReplySchema),
      batchLimit,
      handle: async ({ core, portalId, objectTypes, params, body, query }) => {
        const type = objectTypes.resolve(params.objectType);
        const outcome = await core.records.batchRead(
          portalId,
          type,
          body.inputs.map((input) => input.id),
          query.archived ?? false,
          body.idProperty,
        );
        const names = body.properties?.length ? body.properties : undefined;
        const results = outcome.results.map((record) => recordToWire(record, names));
        return { results, errors: outcome.errors };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: at(':objectType/batch/archive'),
      summary: 'Archive records by id',
      access: 'write',
      request: { params: ObjectTypePathSchema, body: BatchArchiveSchema },
      answer: answers.noContent(),
      batchLimit,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        await core.records.archive(
          portalId,
          type,
          body.inputs.map((input) => input.id),
        );
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: at(':objectType/batch/update'),
      summary: "Update records' properties by id",
      access: 'write',
      request: { params: ObjectTypePathSchema, body: BatchUpdateSchema },
      answer: answers.batch(api.batchUpdate, BatchRecordsReplySchema),
      batchLimit,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        const outcome = await core.records.batchUpdate(
          portalId,
          type,
          body.inputs.map((input) => ({
            id: input.id,
            idProperty: input.idProperty,
            properties: propertiesFromWire(input.properties),
          })),
        );
        return {
          results: outcome.results.map((record) => recordToWire(record)),
          errors: outcome.errors,
        };
      },
    }),
  ];
}

function upsertOperation(family: { readonly name: string }, api: ObjectsApi, at: PathsAt) {
  return operation({
    family,
    method: 'POST',
    paths: at(':objectType/batch/upsert'),
    summary: 'Create or update records by a unique property',
    access: 'write',
    request: {
      params: ObjectTypePathSchema,
      body: BatchUpsertSchema,
      querystring: UpsertQuerySchema,
    },
    answer: answers.batch(api.batchUpsert, BatchUpsertReplySchema),
    batchLimit: BATCH_LIMITS.objects,
    handle: async ({ core, portalId, objectTypes, params, body, query }) => {
      const type = objectTypes.resolve(params.objectType);
      const inputs = body.inputs.map((input) => ({
        id: input.id,
        idProperty: input.idProperty,
        properties: propertiesFromWire(input.properties),
      }));
      const outcome = await core.records.upsert(portalId, type, inputs, query.idProperty);
      // One result per input, in input order: each echoes its input's trace id.
      const results = outcome.results.map(({ record, created }, index) => {
        const trace = body.inputs[index]?.objectWriteTraceId;
        return {
          ...recordToWire(record),
          new: created,
          ...(trace === undefined ? {} : { objectWriteTraceId: trace }),
        };
      });
      return { results, errors: outcome.errors };
    },
  });
}

function mergeOperation(family: { readonly name: string }, at: PathsAt) {
  return operation({
    family,
    method: 'POST',
    paths: at(':objectType/merge'),
    summary: "Merge two records into one, with both records' associations",
    access: 'write',
    request: { params: ObjectTypePathSchema, body: MergeBodySchema },
    answer: answers.json(200, RecordReplySchema),
    handle: async ({ core, portalId, objectTypes, params, body }) => {
      const type = objectTypes.resolve(params.objectType);
      return recordToWire(await core.records.merge(portalId, type, body));
    },
  });
}

function gdprDeleteOperation(family: { readonly name: string }, at: PathsAt) {
  return operation({
    family,
    method: 'POST',
    paths: at(':objectType/gdpr-delete'),
    summary: 'Delete a record and its associations for good (GDPR)',
    access: 'write',
    request: { params: ObjectTypePathSchema, body: GdprDeleteBodySchema },
    answer: answers.noContent(),
    handle: async ({ core, portalId, objectTypes, params, body }) => {
      const type = objectTypes.resolve(params.objectType);
      await core.records.gdprDelete(portalId, type, body);
    },
  });
}
