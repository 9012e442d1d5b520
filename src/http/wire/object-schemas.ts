// Custom object schemas to the schemas API's wire shapes.
import type { SchemaProperty } from '../../core/model.js';
import type { AssociationDefinitionView, SchemaView } from '../../core/use-cases/object-schemas.js';

/** Which parts of a schema a read includes (each defaults to true). */
export interface SchemaParts {
  readonly includeAssociationDefinitions?: boolean | undefined;
  readonly includeAuditMetadata?: boolean | undefined;
  readonly includePropertyDefinitions?: boolean | undefined;
}

export function definitionToWire(definition: AssociationDefinitionView) {
  return {
    id: String(definition.id),
    fromObjectTypeId: definition.fromObjectTypeId,
    toObjectTypeId: definition.toObjectTypeId,
    name: definition.name,
  };
}

function propertyToWire(property: SchemaProperty, view: SchemaView) {
  const at = view.schema.createdAt.toISOString();
  return {
    ...property,
    options: property.options.map((option) => ({ ...option, hidden: option.hidden })),
    calculated: false,
    externalOptions: false,
    archived: false,
    createdAt: at,
    updatedAt: at,
    modificationMetadata: {
      archivable: !property.hubspotDefined,
      readOnlyDefinition: property.hubspotDefined,
      readOnlyValue: property.hubspotDefined && property.name !== 'hubspot_owner_id',
    },
  };
}

/** `ObjectTypeDefinition`: the schema without its properties and associations. */
export function schemaDefinitionToWire(view: SchemaView, parts: SchemaParts = {}) {
  const { schema } = view;
  return {
    id: String(schema.id),
    name: schema.name,
    labels: schema.labels,
    ...(schema.description !== null ? { description: schema.description } : {}),
    objectTypeId: view.objectTypeId,
    fullyQualifiedName: view.fullyQualifiedName,
    ...(schema.primaryDisplayProperty !== null
      ? { primaryDisplayProperty: schema.primaryDisplayProperty }
      : {}),
    secondaryDisplayProperties: [...schema.secondaryDisplayProperties],
    searchableProperties: [...schema.searchableProperties],
    requiredProperties: [...schema.requiredProperties],
    allowsSensitiveProperties: schema.allowsSensitiveProperties,
    archived: schema.archivedAt !== null,
    metaType: 'PORTAL_SPECIFIC' as const,
    ...(parts.includeAuditMetadata === false
      ? {}
      : { createdAt: schema.createdAt.toISOString(), updatedAt: schema.updatedAt.toISOString() }),
  };
}

/** `ObjectSchema`: the definition, its property definitions and its association definitions. */
export function schemaToWire(view: SchemaView, parts: SchemaParts = {}) {
  return {
    ...schemaDefinitionToWire(view, parts),
    properties:
      parts.includePropertyDefinitions === false
        ? []
        : view.schema.properties.map((property) => propertyToWire(property, view)),
    associations:
      parts.includeAssociationDefinitions === false ? [] : view.associations.map(definitionToWire),
  };
}
