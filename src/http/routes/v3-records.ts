// v3's record-level associations, as the SDK's earlier majors call them: a record's targets by
// type name, and one named type put on or taken off a pair.
import type { V3Family } from '../families.js';
import { answers, operation, type Operation } from '../operation.js';
import { RecordWithAssociationsReplySchema } from '../schemas/objects.js';
import { NamedPairPathSchema, NamedTargetPageSchema } from '../schemas/v3.js';
import { ListPathSchema, ListQuerySchema } from '../schemas/v4.js';
import { recordViewToWire } from '../wire/objects.js';
import { pagingToWire } from '../wire/v4.js';
import { pathTypes } from './path-types.js';

export function v3RecordOperations(family: V3Family): Operation[] {
  const at = (suffix: string) => family.prefixes.records.map((prefix) => `${prefix}/${suffix}`);
  const pair = at(':objectType/:objectId/associations/:toObjectType/:toObjectId/:associationType');
  const input = (params: { objectId: string; toObjectId: string; associationType: string }) => ({
    fromId: params.objectId,
    toId: params.toObjectId,
    associationType: params.associationType,
  });
  return [
    operation({
      family,
      method: 'GET',
      paths: at(':objectType/:objectId/associations/:toObjectType'),
      summary: "List a record's associations to one object type, by type name",
      access: 'read',
      request: { params: ListPathSchema, querystring: ListQuerySchema },
      answer: answers.json(200, NamedTargetPageSchema),
      handle: async ({ core, portalId, objectTypes, params, query }) => {
        const path = pathTypes(
          { fromObjectType: params.objectType, toObjectType: params.toObjectType },
          objectTypes,
        );
        const page = await core.named.listTargets(portalId, path, params.objectId, query);
        const results = page.entries.map((entry) => ({ id: String(entry.toId), type: entry.name }));
        return { results, ...pagingToWire(page) };
      },
    }),
    operation({
      family,
      method: 'PUT',
      paths: pair,
      summary: 'Add one named type between two records; answers the record',
      access: 'write',
      request: { params: NamedPairPathSchema },
      answer: answers.json(200, RecordWithAssociationsReplySchema),
      handle: async ({ core, portalId, objectTypes, params }) => {
        const path = pathTypes(
          { fromObjectType: params.objectType, toObjectType: params.toObjectType },
          objectTypes,
        );
        return recordViewToWire(await core.named.addType(portalId, path, input(params)));
      },
    }),
    operation({
      family,
      method: 'DELETE',
      paths: pair,
      summary: 'Remove one named type between two records',
      access: 'write',
      request: { params: NamedPairPathSchema },
      answer: answers.noContent(),
      handle: async ({ core, portalId, objectTypes, params }) => {
        const path = pathTypes(
          { fromObjectType: params.objectType, toObjectType: params.toObjectType },
          objectTypes,
        );
        await core.named.removeType(portalId, path, input(params));
      },
    }),
  ];
}
