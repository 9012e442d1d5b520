// The custom object schemas API: list, create, batch read, read, update and delete schemas, and
// create and delete their association definitions, under every spelling HubSpot serves it.
import { SCHEMA_SCOPES } from '../../core/scopes.js';
import { answers, operation, type Operation } from '../operation.js';
import {
  DefinitionCreateSchema,
  DefinitionOnlyReplySchema,
  DefinitionPathSchema,
  DefinitionReplySchema,
  SchemaBatchReadSchema,
  SchemaCreateSchema,
  SchemaDeleteQuerySchema,
  SchemaListQuerySchema,
  SchemaListReplySchema,
  SchemaPatchSchema,
  SchemaPathSchema,
  SchemaReadQuerySchema,
  SchemaReplySchema,
} from '../schemas/object-schemas.js';
import { definitionToWire, schemaDefinitionToWire, schemaToWire } from '../wire/object-schemas.js';

/** The schemas API's rows in docs/operations.md: a family of its own. */
const family = { name: 'schemas' } as const;

/** HubSpot's docs and SDKs spell the collection three ways; each serves every operation. */
const PREFIXES = [
  '/crm-object-schemas/v3/schemas',
  '/crm/v3/schemas',
  '/crm-object-schemas/2026-03/schemas',
];

const at = (suffix: string) => PREFIXES.map((prefix) => `${prefix}${suffix}`);

export function objectSchemaOperations(): Operation[] {
  return [
    operation({
      family,
      method: 'GET',
      paths: at(''),
      summary: 'List the custom object schemas (or only the archived ones)',
      access: 'read',
      scopes: SCHEMA_SCOPES.read,
      request: { querystring: SchemaListQuerySchema },
      answer: answers.json(200, SchemaListReplySchema),
      handle: async ({ core, portalId, query }) => {
        const views = await core.schemas.list(portalId, query.archived ?? false);
        return { results: views.map((view) => schemaToWire(view, query)) };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: at(''),
      summary: 'Create a custom object schema, with its associations',
      access: 'write',
      scopes: SCHEMA_SCOPES.write,
      request: { body: SchemaCreateSchema },
      answer: answers.json(201, SchemaReplySchema),
      handle: async ({ core, portalId, body }) =>
        schemaToWire(await core.schemas.create(portalId, body)),
    }),
    operation({
      family,
      method: 'POST',
      paths: at('/batch/read'),
      summary: 'Read custom object schemas by object type',
      access: 'read',
      scopes: SCHEMA_SCOPES.read,
      request: { body: SchemaBatchReadSchema },
      answer: answers.json(200, SchemaListReplySchema),
      handle: async ({ core, portalId, body }) => {
        const views = await core.schemas.batchRead(portalId, body.inputs);
        return { results: views.map((view) => schemaToWire(view, body)) };
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: at('/:objectType'),
      summary: 'Read a custom object schema',
      access: 'read',
      scopes: SCHEMA_SCOPES.read,
      request: { params: SchemaPathSchema, querystring: SchemaReadQuerySchema },
      answer: answers.json(200, SchemaReplySchema),
      handle: async ({ core, portalId, params, query }) =>
        schemaToWire(await core.schemas.get(portalId, params.objectType), query),
    }),
    operation({
      family,
      method: 'PATCH',
      paths: at('/:objectType'),
      summary:
        "Update a custom object schema's labels and display, required, searchable properties",
      access: 'write',
      scopes: SCHEMA_SCOPES.write,
      request: { params: SchemaPathSchema, body: SchemaPatchSchema },
      answer: answers.json(200, DefinitionOnlyReplySchema),
      handle: async ({ core, portalId, params, body }) => {
        const view = await core.schemas.update(portalId, params.objectType, body);
        return { ...schemaDefinitionToWire(view), portalId };
      },
    }),
    operation({
      family,
      method: 'DELETE',
      paths: at('/:objectType'),
      summary: 'Archive a custom object schema without records, or purge an archived one',
      access: 'write',
      scopes: SCHEMA_SCOPES.write,
      request: { params: SchemaPathSchema, querystring: SchemaDeleteQuerySchema },
      answer: answers.noContent(),
      handle: async ({ core, portalId, params, query }) => {
        await core.schemas.delete(portalId, params.objectType, query.archived ?? false);
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: at('/:objectType/associations'),
      summary: "Define an association of a custom object type (the pair's unlabeled type)",
      access: 'write',
      scopes: SCHEMA_SCOPES.write,
      request: { params: SchemaPathSchema, body: DefinitionCreateSchema },
      answer: answers.json(201, DefinitionReplySchema),
      handle: async ({ core, portalId, params, body }) =>
        definitionToWire(await core.schemas.createAssociation(portalId, params.objectType, body)),
    }),
    operation({
      family,
      method: 'DELETE',
      paths: at('/:objectType/associations/:associationIdentifier'),
      summary: 'Delete an association definition and every association through it',
      access: 'write',
      scopes: SCHEMA_SCOPES.write,
      request: { params: DefinitionPathSchema },
      answer: answers.noContent(),
      handle: async ({ core, portalId, params }) => {
        await core.schemas.deleteAssociation(
          portalId,
          params.objectType,
          params.associationIdentifier,
        );
      },
    }),
  ];
}
