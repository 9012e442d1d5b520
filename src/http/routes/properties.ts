// The Properties API (`/crm/v3/properties/{objectType}`): properties and property groups of an
// object type, built in or the portal's own. Its operations need the type's schema scopes.
import { answers, operation, type Operation } from '../operation.js';
import { ObjectTypePathSchema } from '../schemas/objects.js';
import {
  BatchPropertyArchiveSchema,
  BatchPropertyCreateSchema,
  BatchPropertyReadSchema,
  BatchPropertyReplySchema,
  GroupCreateSchema,
  GroupListReplySchema,
  GroupPathSchema,
  GroupReplySchema,
  GroupUpdateSchema,
  PropertyCreateSchema,
  PropertyListReplySchema,
  PropertyPathSchema,
  PropertyReadQuerySchema,
  PropertyReplySchema,
  PropertyUpdateSchema,
} from '../schemas/properties.js';
import { groupToWire, propertyToWire } from '../wire/properties.js';

/** The Properties API's rows in docs/operations.md: a family of their own. */
const family = { name: 'properties' } as const;

const PREFIX = '/crm/v3/properties/:objectType';

/** Every operation of the Properties API. */
export function propertyOperations(): Operation[] {
  return [...propertyRowOperations(), ...propertyBatchOperations(), ...groupOperations()];
}

function propertyRowOperations(): Operation[] {
  return [
    operation({
      family,
      method: 'GET',
      paths: [PREFIX],
      summary: "List an object type's properties (built in and defined), or its archived ones",
      access: 'read',
      scopeKind: 'schemas',
      request: { params: ObjectTypePathSchema, querystring: PropertyReadQuerySchema },
      answer: answers.json(200, PropertyListReplySchema),
      handle: async ({ core, objectTypes, portalId, params, query }) => {
        const type = objectTypes.resolve(params.objectType);
        const views = await core.properties.list(portalId, type, query.archived ?? false);
        return { results: views.map(propertyToWire) };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: [PREFIX],
      summary: 'Create a property',
      access: 'write',
      scopeKind: 'schemas',
      request: { params: ObjectTypePathSchema, body: PropertyCreateSchema },
      answer: answers.json(201, PropertyReplySchema),
      handle: async ({ core, objectTypes, portalId, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        return propertyToWire(await core.properties.create(portalId, type, body));
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${PREFIX}/:propertyName`],
      summary: 'Read a property by name (an archived one with archived=true)',
      access: 'read',
      scopeKind: 'schemas',
      request: { params: PropertyPathSchema, querystring: PropertyReadQuerySchema },
      answer: answers.json(200, PropertyReplySchema),
      handle: async ({ core, objectTypes, portalId, params, query }) => {
        const type = objectTypes.resolve(params.objectType);
        const view = await core.properties.get(
          portalId,
          type,
          params.propertyName,
          query.archived ?? false,
        );
        return propertyToWire(view);
      },
    }),
    operation({
      family,
      method: 'PATCH',
      paths: [`${PREFIX}/:propertyName`],
      summary: 'Update a defined property (options replace the whole list)',
      access: 'write',
      scopeKind: 'schemas',
      request: { params: PropertyPathSchema, body: PropertyUpdateSchema },
      answer: answers.json(200, PropertyReplySchema),
      handle: async ({ core, objectTypes, portalId, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        return propertyToWire(
          await core.properties.update(portalId, type, params.propertyName, body),
        );
      },
    }),
    operation({
      family,
      method: 'DELETE',
      paths: [`${PREFIX}/:propertyName`],
      summary: 'Archive a defined property',
      access: 'write',
      scopeKind: 'schemas',
      request: { params: PropertyPathSchema },
      answer: answers.noContent(),
      handle: async ({ core, objectTypes, portalId, params }) => {
        const type = objectTypes.resolve(params.objectType);
        await core.properties.archive(portalId, type, params.propertyName);
      },
    }),
  ];
}

function propertyBatchOperations(): Operation[] {
  return [
    operation({
      family,
      method: 'POST',
      paths: [`${PREFIX}/batch/create`],
      summary: 'Create properties; each input fails on its own (207)',
      access: 'write',
      scopeKind: 'schemas',
      request: { params: ObjectTypePathSchema, body: BatchPropertyCreateSchema },
      answer: answers.batch({ success: 201, multiStatus: true }, BatchPropertyReplySchema),
      handle: async ({ core, objectTypes, portalId, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        const outcome = await core.properties.batchCreate(portalId, type, body.inputs);
        return { results: outcome.results.map(propertyToWire), errors: outcome.errors };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: [`${PREFIX}/batch/read`],
      summary: 'Read properties by name; names not found answer as errors (207)',
      access: 'read',
      scopeKind: 'schemas',
      request: { params: ObjectTypePathSchema, body: BatchPropertyReadSchema },
      answer: answers.batch({ success: 200, multiStatus: true }, BatchPropertyReplySchema),
      handle: async ({ core, objectTypes, portalId, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        const names = body.inputs.map((input) => input.name);
        const outcome = await core.properties.batchRead(
          portalId,
          type,
          names,
          body.archived ?? false,
        );
        return { results: outcome.results.map(propertyToWire), errors: outcome.errors };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: [`${PREFIX}/batch/archive`],
      summary: 'Archive properties by name (204 whatever their state)',
      access: 'write',
      scopeKind: 'schemas',
      request: { params: ObjectTypePathSchema, body: BatchPropertyArchiveSchema },
      answer: answers.noContent(),
      handle: async ({ core, objectTypes, portalId, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        await core.properties.batchArchive(
          portalId,
          type,
          body.inputs.map((input) => input.name),
        );
      },
    }),
  ];
}

function groupOperations(): Operation[] {
  return [
    operation({
      family,
      method: 'GET',
      paths: [`${PREFIX}/groups`],
      summary: "List an object type's property groups",
      access: 'read',
      scopeKind: 'schemas',
      request: { params: ObjectTypePathSchema },
      answer: answers.json(200, GroupListReplySchema),
      handle: async ({ core, objectTypes, portalId, params }) => {
        const type = objectTypes.resolve(params.objectType);
        const groups = await core.properties.listGroups(portalId, type);
        return { results: groups.map(groupToWire) };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: [`${PREFIX}/groups`],
      summary: 'Create a property group',
      access: 'write',
      scopeKind: 'schemas',
      request: { params: ObjectTypePathSchema, body: GroupCreateSchema },
      answer: answers.json(201, GroupReplySchema),
      handle: async ({ core, objectTypes, portalId, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        return groupToWire(await core.properties.createGroup(portalId, type, body));
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${PREFIX}/groups/:groupName`],
      summary: 'Read a property group',
      access: 'read',
      scopeKind: 'schemas',
      request: { params: GroupPathSchema },
      answer: answers.json(200, GroupReplySchema),
      handle: async ({ core, objectTypes, portalId, params }) => {
        const type = objectTypes.resolve(params.objectType);
        return groupToWire(await core.properties.getGroup(portalId, type, params.groupName));
      },
    }),
    operation({
      family,
      method: 'PATCH',
      paths: [`${PREFIX}/groups/:groupName`],
      summary: "Update a defined property group's label or order",
      access: 'write',
      scopeKind: 'schemas',
      request: { params: GroupPathSchema, body: GroupUpdateSchema },
      answer: answers.json(200, GroupReplySchema),
      handle: async ({ core, objectTypes, portalId, params, body }) => {
        const type = objectTypes.resolve(params.objectType);
        return groupToWire(
          await core.properties.updateGroup(portalId, type, params.groupName, body),
        );
      },
    }),
    operation({
      family,
      method: 'DELETE',
      paths: [`${PREFIX}/groups/:groupName`],
      summary: 'Archive a defined property group that holds no live properties',
      access: 'write',
      scopeKind: 'schemas',
      request: { params: GroupPathSchema },
      answer: answers.noContent(),
      handle: async ({ core, objectTypes, portalId, params }) => {
        const type = objectTypes.resolve(params.objectType);
        await core.properties.archiveGroup(portalId, type, params.groupName);
      },
    }),
  ];
}
