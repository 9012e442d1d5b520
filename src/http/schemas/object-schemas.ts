// Request and response schemas of the custom object schemas API (`/crm-object-schemas/…`).
import { Type } from '@sinclair/typebox';

const Timestamp = Type.String({ format: 'date-time' });
const Names = Type.Array(Type.String());

/** `ObjectTypeDefinitionLabels`. */
const LabelsSchema = Type.Object({
  singular: Type.Optional(Type.String()),
  plural: Type.Optional(Type.String()),
});

const OptionSchema = Type.Object({
  label: Type.String(),
  value: Type.String(),
  description: Type.Optional(Type.String()),
  displayOrder: Type.Optional(Type.Integer()),
  hidden: Type.Optional(Type.Boolean()),
});

/** `ObjectTypePropertyCreate`: live HubSpot made a property without a type a string. */
const PropertyCreateSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  label: Type.String(),
  type: Type.Optional(Type.String()),
  fieldType: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
  groupName: Type.Optional(Type.String()),
  options: Type.Optional(Type.Array(OptionSchema)),
  displayOrder: Type.Optional(Type.Integer()),
  hasUniqueValue: Type.Optional(Type.Boolean()),
  hidden: Type.Optional(Type.Boolean()),
  formField: Type.Optional(Type.Boolean()),
});

/**
 * `ObjectSchemaEgg`. Live HubSpot needed only name, labels and primaryDisplayProperty (the last
 * refused with its own error), laxer than its definitions; so is this.
 */
export const SchemaCreateSchema = Type.Object({
  name: Type.String(),
  labels: LabelsSchema,
  description: Type.Optional(Type.String()),
  primaryDisplayProperty: Type.Optional(Type.String()),
  secondaryDisplayProperties: Type.Optional(Names),
  searchableProperties: Type.Optional(Names),
  requiredProperties: Type.Optional(Names),
  properties: Type.Optional(Type.Array(PropertyCreateSchema)),
  associatedObjects: Type.Optional(Names),
  allowsSensitiveProperties: Type.Optional(Type.Boolean()),
  shouldCreateSameObjectAssociation: Type.Optional(Type.Boolean()),
});

/** `ObjectTypeDefinitionPatch`: `name` and associations are not patchable (ignored if sent). */
export const SchemaPatchSchema = Type.Object({
  labels: Type.Optional(LabelsSchema),
  description: Type.Optional(Type.String()),
  clearDescription: Type.Optional(Type.Boolean()),
  primaryDisplayProperty: Type.Optional(Type.String()),
  secondaryDisplayProperties: Type.Optional(Names),
  searchableProperties: Type.Optional(Names),
  requiredProperties: Type.Optional(Names),
  allowsSensitiveProperties: Type.Optional(Type.Boolean()),
  restorable: Type.Optional(Type.Boolean()),
});

/** `ObjectSchemaBatchReadRequest`. */
export const SchemaBatchReadSchema = Type.Object({
  inputs: Names,
  includeAssociationDefinitions: Type.Optional(Type.Boolean()),
  includeAuditMetadata: Type.Optional(Type.Boolean()),
  includePropertyDefinitions: Type.Optional(Type.Boolean()),
});

/** `AssociationDefinitionEgg`. */
export const DefinitionCreateSchema = Type.Object({
  fromObjectTypeId: Type.String(),
  toObjectTypeId: Type.String(),
  name: Type.Optional(Type.String()),
});

export const SchemaPathSchema = Type.Object({ objectType: Type.String() });

export const DefinitionPathSchema = Type.Object({
  objectType: Type.String(),
  associationIdentifier: Type.String(),
});

/** What reads include: each part defaults to true. */
export const SchemaReadQuerySchema = Type.Object({
  includeAssociationDefinitions: Type.Optional(Type.Boolean()),
  includeAuditMetadata: Type.Optional(Type.Boolean()),
  includePropertyDefinitions: Type.Optional(Type.Boolean()),
});

export const SchemaListQuerySchema = Type.Object({
  archived: Type.Optional(Type.Boolean()),
  includeAssociationDefinitions: Type.Optional(Type.Boolean()),
  includeAuditMetadata: Type.Optional(Type.Boolean()),
  includePropertyDefinitions: Type.Optional(Type.Boolean()),
});

/** `?archived=true` purges an archived schema. */
export const SchemaDeleteQuerySchema = Type.Object({ archived: Type.Optional(Type.Boolean()) });

// Responses.

/** `AssociationDefinition`. */
export const DefinitionReplySchema = Type.Object(
  {
    id: Type.String(),
    fromObjectTypeId: Type.String(),
    toObjectTypeId: Type.String(),
    name: Type.String(),
  },
  { additionalProperties: false },
);

/** `Property`, as a schema lists its definitions. */
const PropertyReplySchema = Type.Object(
  {
    name: Type.String(),
    label: Type.String(),
    type: Type.String(),
    fieldType: Type.String(),
    groupName: Type.String(),
    description: Type.String(),
    options: Type.Array(
      Type.Object({
        label: Type.String(),
        value: Type.String(),
        description: Type.Optional(Type.String()),
        displayOrder: Type.Optional(Type.Integer()),
        hidden: Type.Boolean(),
      }),
    ),
    displayOrder: Type.Integer(),
    hasUniqueValue: Type.Boolean(),
    hidden: Type.Boolean(),
    formField: Type.Boolean(),
    calculated: Type.Boolean(),
    externalOptions: Type.Boolean(),
    hubspotDefined: Type.Boolean(),
    archived: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    modificationMetadata: Type.Object({
      archivable: Type.Boolean(),
      readOnlyDefinition: Type.Boolean(),
      readOnlyValue: Type.Boolean(),
    }),
  },
  { additionalProperties: false },
);

const definitionFields = {
  id: Type.String(),
  name: Type.String(),
  labels: LabelsSchema,
  description: Type.Optional(Type.String()),
  objectTypeId: Type.String(),
  fullyQualifiedName: Type.String(),
  primaryDisplayProperty: Type.Optional(Type.String()),
  secondaryDisplayProperties: Names,
  searchableProperties: Names,
  requiredProperties: Names,
  allowsSensitiveProperties: Type.Boolean(),
  archived: Type.Boolean(),
  metaType: Type.Literal('PORTAL_SPECIFIC'),
  createdAt: Type.Optional(Timestamp),
  updatedAt: Type.Optional(Timestamp),
};

/** `ObjectSchema`: the definition with its properties and association definitions. */
export const SchemaReplySchema = Type.Object(
  {
    ...definitionFields,
    properties: Type.Array(PropertyReplySchema),
    associations: Type.Array(DefinitionReplySchema),
  },
  { additionalProperties: false },
);

/** `ObjectTypeDefinition`: what an update answers. */
export const DefinitionOnlyReplySchema = Type.Object(
  { ...definitionFields, portalId: Type.Integer() },
  { additionalProperties: false },
);

export const SchemaListReplySchema = Type.Object(
  { results: Type.Array(SchemaReplySchema) },
  { additionalProperties: false },
);
