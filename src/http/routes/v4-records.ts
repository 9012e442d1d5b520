// v4-shaped record-level association operations: GET list, PUT labelled, PUT default, DELETE.
import type { V4Family } from '../families.js';
import type { JsonOut } from '../json-out.js';
import { answers, operation, type Operation } from '../operation.js';
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
import { pathTypes, recordPathTypes } from './path-types.js';

export function v4RecordOperations(family: V4Family): Operation[] {
  const at = (suffix: string) => family.prefixes.records.map((prefix) => `${prefix}/${suffix}`);
  const pair = at(':objectType/:objectId/associations/:toObjectType/:toObjectId');
  const withIds = family.typeObjectIds.reads;
  return [
    operation({
      family,
      method: 'PUT',
      paths: pair,
      summary: 'Set the labels between two records',
      access: 'write',
      request: { params: RecordPairPathSchema, body: LabelledPutSchema },
      answer: answers.json(201, LabelsBetweenPairSchema),
      handle: async ({ core, portalId, objectTypes, params, body, request, reply }) => {
        const { objectId, toObjectId } = params;
        const outcome = await core.associations.createLabelled(
          portalId,
          recordPathTypes(params, objectTypes),
          [{ fromId: objectId, toId: toObjectId, types: body.map(specFromWire) }],
        );
        const [result] = outcome.results;
        // One input: core has already answered 400 if it failed, so there is one result.
        if (!result) throw new Error('a single labelled write returned no result');
        void reply.header('location', request.url);
        return labelsPairToWire(result);
      },
    }),
    operation({
      family,
      method: 'DELETE',
      paths: pair,
      summary: 'Remove every association between two records',
      access: 'write',
      request: { params: RecordPairPathSchema },
      answer: answers.noContent(),
      handle: async ({ core, portalId, objectTypes, params }) => {
        await core.associations.archivePairs(portalId, recordPathTypes(params, objectTypes), [
          { fromId: params.objectId, toIds: [params.toObjectId] },
        ]);
      },
    }),
    operation({
      family,
      method: 'PUT',
      paths: at(':fromObjectType/:fromObjectId/associations/default/:toObjectType/:toObjectId'),
      summary: 'Associate two records with their default type',
      access: 'write',
      request: { params: DefaultPairPathSchema },
      answer: answers.batch({ success: 200, multiStatus: false }, BatchDefaultAssociationSchema),
      handle: async ({ core, portalId, objectTypes, params }) => {
        const outcome = await core.associations.associateDefault(
          portalId,
          pathTypes(params, objectTypes),
          [{ fromId: params.fromObjectId, toId: params.toObjectId }],
        );
        return { results: outcome.results.map(defaultToWire), errors: outcome.errors };
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: at(':objectType/:objectId/associations/:toObjectType'),
      summary: "List a record's associations to one object type",
      access: 'read',
      request: { params: ListPathSchema, querystring: ListQuerySchema },
      answer: answers.jsonWritten(200, targetPageSchema(withIds)),
      handle: async ({ core, portalId, objectTypes, params, query }) => {
        const path = recordPathTypes(params, objectTypes);
        const page = await core.associations.getPage(portalId, path, params.objectId, query);
        const writeTargets = targetsJsonWriter(path, withIds);
        return (out: JsonOut) => {
          out.text('{"results":');
          writeTargets(out, page.targets);
          out.text(`${pagingJson(page)}}`);
        };
      },
    }),
  ];
}
