// The schema API's labels: list, create, rename and delete, under each family's schema prefixes.
import type { V4Family } from '../families.js';
import { answers, operation, type Operation } from '../operation.js';
import { PairPathSchema } from '../schemas/common.js';
import {
  LabelCreateSchema,
  LabelPathSchema,
  LabelUpdateSchema,
  labelsReplySchema,
} from '../schemas/definitions.js';
import { labelTypesToWire } from '../wire/v4.js';
import { pathTypes } from './path-types.js';

export function v4LabelOperations(family: V4Family): Operation[] {
  const labels = family.prefixes.schema.map(
    (prefix) => `${prefix}/:fromObjectType/:toObjectType/labels`,
  );
  const withIds = family.typeObjectIds.labels;
  const reply = labelsReplySchema(withIds);
  return [
    operation({
      family,
      method: 'GET',
      paths: labels,
      summary: 'List the association types between two object types',
      access: 'read',
      request: { params: PairPathSchema },
      answer: answers.json(200, reply),
      handle: async ({ core, portalId, objectTypes, params }) => {
        const types = await core.labels.list(portalId, pathTypes(params, objectTypes));
        return { results: labelTypesToWire(types, withIds) };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: labels,
      summary: 'Create a label (both directions)',
      access: 'write',
      request: { params: PairPathSchema, body: LabelCreateSchema },
      answer: answers.json(200, reply),
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const types = await core.labels.create(portalId, pathTypes(params, objectTypes), body);
        return { results: labelTypesToWire(types, withIds) };
      },
    }),
    operation({
      family,
      method: 'PUT',
      paths: labels,
      summary: "Rename a label's texts",
      access: 'write',
      request: { params: PairPathSchema, body: LabelUpdateSchema },
      answer: answers.noContent(),
      handle: async ({ core, portalId, objectTypes, params, body }) => {
        const { associationTypeId, label, inverseLabel } = body;
        await core.labels.update(portalId, pathTypes(params, objectTypes), {
          typeId: associationTypeId,
          label,
          inverseLabel,
        });
      },
    }),
    operation({
      family,
      method: 'DELETE',
      paths: labels.map((path) => `${path}/:associationTypeId`),
      summary: 'Delete a label and take it off every association',
      access: 'write',
      request: { params: LabelPathSchema },
      answer: answers.noContent(),
      handle: async ({ core, portalId, objectTypes, params }) => {
        await core.labels.delete(
          portalId,
          pathTypes(params, objectTypes),
          params.associationTypeId,
        );
      },
    }),
  ];
}
