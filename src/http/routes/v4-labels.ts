// The schema API's labels: list, create, rename and delete, under each family's schema prefixes.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/create-core.js';
import type { V4Family } from '../families.js';
import { operationConfig } from '../operations.js';
import { PairPathSchema } from '../schemas/common.js';
import {
  LabelCreateSchema,
  LabelPathSchema,
  LabelUpdateSchema,
  labelsReplySchema,
} from '../schemas/definitions.js';
import { labelTypesToWire } from '../wire/v4.js';
import { pathTypes } from './path-types.js';

export function v4LabelRoutes(app: FastifyInstance, core: Core, family: V4Family): void {
  for (const prefix of family.prefixes.schema) {
    registerLabels(app, core, family, `${prefix}/:fromObjectType/:toObjectType/labels`);
  }
}

function registerLabels(app: FastifyInstance, core: Core, family: V4Family, path: string) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const withIds = family.typeObjectIds.labels;
  const reply = { 200: labelsReplySchema(withIds) };

  api.get(
    path,
    {
      schema: { params: PairPathSchema, response: reply },
      config: operationConfig(
        family,
        'List the association types between two object types',
        [200],
        'read',
      ),
    },
    async (request) => {
      const types = await core.labels.list(request.portalId, pathTypes(request.params));
      return { results: labelTypesToWire(types, withIds) };
    },
  );

  api.post(
    path,
    {
      schema: { params: PairPathSchema, body: LabelCreateSchema, response: reply },
      config: operationConfig(family, 'Create a label (both directions)', [200], 'write'),
    },
    async (request) => {
      const types = await core.labels.create(
        request.portalId,
        pathTypes(request.params),
        request.body,
      );
      return { results: labelTypesToWire(types, withIds) };
    },
  );

  api.put(
    path,
    {
      schema: { params: PairPathSchema, body: LabelUpdateSchema },
      config: operationConfig(family, "Rename a label's texts", [204], 'write'),
    },
    async (request, response) => {
      const { associationTypeId, label, inverseLabel } = request.body;
      await core.labels.update(request.portalId, pathTypes(request.params), {
        typeId: associationTypeId,
        label,
        inverseLabel,
      });
      return response.code(204).send();
    },
  );

  api.delete(
    `${path}/:associationTypeId`,
    {
      schema: { params: LabelPathSchema },
      config: operationConfig(
        family,
        'Delete a label and take it off every association',
        [204],
        'write',
      ),
    },
    async (request, response) => {
      const { associationTypeId } = request.params;
      await core.labels.delete(request.portalId, pathTypes(request.params), associationTypeId);
      return response.code(204).send();
    },
  );
}
