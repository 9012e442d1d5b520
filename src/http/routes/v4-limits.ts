// The schema API's limit configurations: read, create, update and purge user-set limits.
import { BATCH_LIMITS } from '../../core/rules/batch-limits.js';
import type { LimitView } from '../../core/use-cases/limits.js';
import type { V4Family } from '../families.js';
import { answers, operation, type Operation } from '../operation.js';
import { PairPathSchema } from '../schemas/common.js';
import {
  BatchLimitUpdatesReplySchema,
  BatchLimitsReplySchema,
  LimitBatchSchema,
  LimitsReplySchema,
  PurgeBatchSchema,
} from '../schemas/definitions.js';
import { pathTypes } from './path-types.js';

function limitToWire(limit: LimitView) {
  return {
    category: limit.category,
    typeId: limit.typeId,
    label: limit.label,
    userEnforcedMaxToObjectIds: limit.maxToObjectIds,
  };
}

export function v4LimitOperations(family: V4Family): Operation[] {
  const at = (suffix: string) =>
    family.prefixes.schema.map((prefix) => `${prefix}/definitions/configurations/${suffix}`);
  const batch = (mode: string) => at(`:fromObjectType/:toObjectType/batch/${mode}`);
  const write = (mode: 'create' | 'update') =>
    operation({
      family,
      method: 'POST',
      paths: batch(mode),
      summary: mode === 'create' ? 'Set limits' : 'Change limits',
      access: 'write',
      request: { params: PairPathSchema, body: LimitBatchSchema },
      answer:
        mode === 'create'
          ? answers.batch(family.limitsCreate, BatchLimitsReplySchema)
          : answers.batch(family.limitsUpdate, BatchLimitUpdatesReplySchema),
      batchLimit: BATCH_LIMITS.configurations,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const outcome = await core.limits.put(
          portalId,
          pathTypes(params, objectTypes),
          body.inputs,
          mode,
        );
        return { results: outcome.results.map(limitToWire), errors: outcome.errors };
      },
    });
  return [
    operation({
      family,
      method: 'GET',
      paths: at('all'),
      summary: 'List every limit set in the portal',
      access: 'read',
      request: {},
      answer: answers.json(200, LimitsReplySchema),
      handle: async ({ core, portalId }) => ({
        results: (await core.limits.list(portalId)).map(limitToWire),
      }),
    }),
    operation({
      family,
      method: 'GET',
      paths: at(':fromObjectType/:toObjectType'),
      summary: 'List the limits set from one object type to another',
      access: 'read',
      request: { params: PairPathSchema },
      answer: answers.json(200, LimitsReplySchema),
      handle: async ({ core, portalId, objectTypes, params }) => {
        const limits = await core.limits.list(portalId, pathTypes(params, objectTypes));
        return { results: limits.map(limitToWire) };
      },
    }),
    write('create'),
    write('update'),
    operation({
      family,
      method: 'POST',
      paths: batch('purge'),
      summary: 'Remove limits',
      access: 'write',
      request: { params: PairPathSchema, body: PurgeBatchSchema },
      answer: answers.noContent(),
      batchLimit: BATCH_LIMITS.configurations,
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        await core.limits.purge(portalId, pathTypes(params, objectTypes), body.inputs);
      },
    }),
  ];
}
