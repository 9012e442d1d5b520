// v3 association operations: batch create, read and archive by type name, and the types list.
import { BATCH_LIMITS } from '../../core/rules/batch-limits.js';
import type { V3Family } from '../families.js';
import { answers, operation, type Operation } from '../operation.js';
import { PairPathSchema } from '../schemas/common.js';
import {
  BatchAssociationMultiSchema,
  BatchPublicAssociationSchema,
  NamedBatchSchema,
  ReadNamedBatchSchema,
  TypesReplySchema,
} from '../schemas/v3.js';
import { pagingToWire } from '../wire/v4.js';
import { namedAssociationToWire, namedInputs } from '../wire/v3.js';
import { pathTypes } from './path-types.js';

export function v3AssociationOperations(family: V3Family): Operation[] {
  const at = (suffix: string) =>
    family.prefixes.associations.map(
      (prefix) => `${prefix}/:fromObjectType/:toObjectType/${suffix}`,
    );
  return [
    operation({
      family,
      method: 'POST',
      paths: at('batch/create'),
      summary: 'Add a named type between many pairs',
      access: 'write',
      request: { params: PairPathSchema, body: NamedBatchSchema },
      answer: answers.batch(family.batchCreate, BatchPublicAssociationSchema),
      batchLimit: BATCH_LIMITS.associationCreate,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const outcome = await core.named.create(
          portalId,
          pathTypes(params, objectTypes),
          namedInputs(body.inputs),
        );
        return { results: outcome.results.map(namedAssociationToWire), errors: outcome.errors };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: at('batch/read'),
      summary: 'Read the associations of many records',
      access: 'read',
      request: { params: PairPathSchema, body: ReadNamedBatchSchema },
      answer: answers.batch(family.batchRead, BatchAssociationMultiSchema),
      batchLimit: BATCH_LIMITS.associationRead,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const outcome = await core.named.batchRead(
          portalId,
          pathTypes(params, objectTypes),
          body.inputs.map((input) => input.id),
        );
        const results = outcome.results.map((result) => ({
          from: { id: result.fromId },
          to: result.targets.map((target) => ({ id: String(target.toId), type: target.name })),
          ...pagingToWire(result),
        }));
        return { results, errors: outcome.errors };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: at('batch/archive'),
      summary: 'Remove a named type between many pairs',
      access: 'write',
      request: { params: PairPathSchema, body: NamedBatchSchema },
      answer: answers.emptyBatch(family.archiveStatus),
      batchLimit: BATCH_LIMITS.associationArchive,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        await core.named.archive(
          portalId,
          pathTypes(params, objectTypes),
          namedInputs(body.inputs),
        );
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: at('types'),
      summary: 'List the association types between two object types',
      access: 'read',
      request: { params: PairPathSchema },
      answer: answers.json(200, TypesReplySchema),
      handle: async ({ core, portalId, objectTypes, params }) => {
        const types = await core.named.listTypes(portalId, pathTypes(params, objectTypes));
        return { results: types.map((type) => ({ id: String(type.typeId), name: type.v3Name })) };
      },
    }),
  ];
}
