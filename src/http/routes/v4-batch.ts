// v4-shaped batch operations: create, read, archive, labels/archive, associate/default, report.
import { Type } from '@sinclair/typebox';
import { BATCH_LIMITS } from '../../core/rules/batch-limits.js';
import type { V4Family } from '../families.js';
import type { JsonOut } from '../json-out.js';
import { answers, operation, type Operation } from '../operation.js';
import { PairPathSchema } from '../schemas/common.js';
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

export function v4BatchOperations(family: V4Family): Operation[] {
  const at = (suffix: string) =>
    family.prefixes.batch.map(
      (prefix) => `${prefix}/:fromObjectType/:toObjectType/batch/${suffix}`,
    );
  return [
    operation({
      family,
      method: 'POST',
      paths: at('create'),
      summary: 'Set the labels of many pairs of records',
      access: 'write',
      request: { params: PairPathSchema, body: LabelledBatchSchema },
      answer: answers.batch(family.batchCreate, BatchLabelsBetweenPairSchema),
      batchLimit: BATCH_LIMITS.associationCreate,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const outcome = await core.associations.createLabelled(
          portalId,
          pathTypes(params, objectTypes),
          body.inputs.map((input) => ({
            fromId: input.from.id,
            toId: input.to.id,
            types: input.types.map(specFromWire),
          })),
        );
        return { results: outcome.results.map(labelsPairToWire), errors: outcome.errors };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: at('read'),
      summary: 'Read the associations of many records, page by page',
      access: 'read',
      request: { params: PairPathSchema, body: ReadBatchSchema },
      answer: answers.batchWritten(
        family.batchRead,
        batchReadReplySchema(family.typeObjectIds.reads),
      ),
      batchLimit: BATCH_LIMITS.associationRead,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const path = pathTypes(params, objectTypes);
        const outcome = await core.associations.batchRead(portalId, path, body.inputs);
        const writeTargets = targetsJsonWriter(path, family.typeObjectIds.reads);
        const results = outcome.results.map((result) => (out: JsonOut) => {
          out.text(`{"from":{"id":${JSON.stringify(result.fromId)}},"to":`);
          writeTargets(out, result.targets);
          out.text(`${pagingJson(result)}}`);
        });
        return { results, errors: outcome.errors };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: at('associate/default'),
      summary: 'Associate many pairs with their default type',
      access: 'write',
      request: { params: PairPathSchema, body: DefaultBatchSchema },
      // The operation declares 200 only: failed inputs are reported inside the 200 body.
      answer: answers.batch({ success: 200, multiStatus: false }, BatchDefaultAssociationSchema),
      batchLimit: BATCH_LIMITS.associationArchive,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const outcome = await core.associations.associateDefault(
          portalId,
          pathTypes(params, objectTypes),
          body.inputs.map((input) => ({ fromId: input.from.id, toId: input.to.id })),
        );
        return { results: outcome.results.map(defaultToWire), errors: outcome.errors };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: at('archive'),
      summary: 'Remove every association between many pairs',
      access: 'write',
      request: { params: PairPathSchema, body: ArchiveBatchSchema },
      answer: answers.emptyBatch(family.archiveStatus),
      batchLimit: BATCH_LIMITS.associationArchive,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        await core.associations.archivePairs(
          portalId,
          pathTypes(params, objectTypes),
          body.inputs.map((input) => ({
            fromId: input.from.id,
            toIds: input.to.map((to) => to.id),
          })),
        );
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: at('labels/archive'),
      summary: 'Remove some labels between many pairs',
      access: 'write',
      request: { params: PairPathSchema, body: LabelledBatchSchema },
      answer: answers.emptyBatch(family.archiveStatus),
      batchLimit: BATCH_LIMITS.associationArchive,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        await core.associations.archiveLabels(
          portalId,
          pathTypes(params, objectTypes),
          body.inputs.map((input) => ({
            fromId: input.from.id,
            toId: input.to.id,
            types: input.types.map(specFromWire),
          })),
        );
      },
    }),
    // HubSpot queues a report of records near their association limits and emails it to the
    // user. The server has no users or mail: it acknowledges the request in HubSpot's shape.
    operation({
      family,
      method: 'POST',
      paths: family.prefixes.batch.map((prefix) => `${prefix}/usage/high-usage-report/:userId`),
      summary: 'Request a report of records near their association limits',
      access: 'read',
      request: { params: ReportPathSchema, body: Type.Optional(Type.Unknown()) },
      answer: answers.json(200, ReportReplySchema),
      handle: ({ core, portalId, params }) => ({
        userId: params.userId,
        userEmail: `user-${params.userId}@portal-${portalId}.invalid`,
        enqueueTime: { value: core.clock.now().getTime(), dateOnly: false, timeZoneShift: 0 },
      }),
    }),
  ];
}
