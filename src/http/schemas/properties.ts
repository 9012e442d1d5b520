// Request and response schemas of the Properties API: properties, batches of them, and groups.
import { Type } from '@sinclair/typebox';
import { batchEnvelope } from './replies.js';
import { batchInput } from './common.js';

const OptionSchema = Type.Object({
  label: Type.String(),
  value: Type.String(),
  hidden: Type.Boolean(),
  displayOrder: Type.Optional(Type.Integer()),
  description: Type.Optional(Type.String()),
});

const Sensitivity = Type.Union([
  Type.Literal('non_sensitive'),
  Type.Literal('sensitive'),
  Type.Literal('highly_sensitive'),
]);

/** Fields a create and an update share, all optional here. */
const PropertyFields = {
  label: Type.String(),
  type: Type.String(),
  fieldType: Type.String(),
  groupName: Type.String(),
  description: Type.String(),
  options: Type.Array(OptionSchema),
  displayOrder: Type.Integer(),
  hidden: Type.Boolean(),
  formField: Type.Boolean(),
  calculationFormula: Type.String(),
  currencyPropertyName: Type.String(),
  numberDisplayHint: Type.String(),
  textDisplayHint: Type.String(),
  showCurrencySymbol: Type.Boolean(),
};

/** `PropertyCreate`: name, label, type, fieldType and groupName required. */
export const PropertyCreateSchema = Type.Object({
  name: Type.String(),
  label: PropertyFields.label,
  type: PropertyFields.type,
  fieldType: PropertyFields.fieldType,
  groupName: PropertyFields.groupName,
  description: Type.Optional(PropertyFields.description),
  options: Type.Optional(PropertyFields.options),
  displayOrder: Type.Optional(PropertyFields.displayOrder),
  hasUniqueValue: Type.Optional(Type.Boolean()),
  hidden: Type.Optional(PropertyFields.hidden),
  formField: Type.Optional(PropertyFields.formField),
  calculationFormula: Type.Optional(PropertyFields.calculationFormula),
  currencyPropertyName: Type.Optional(PropertyFields.currencyPropertyName),
  externalOptions: Type.Optional(Type.Boolean()),
  referencedObjectType: Type.Optional(Type.String()),
  numberDisplayHint: Type.Optional(PropertyFields.numberDisplayHint),
  textDisplayHint: Type.Optional(PropertyFields.textDisplayHint),
  showCurrencySymbol: Type.Optional(PropertyFields.showCurrencySymbol),
  dataSensitivity: Type.Optional(Sensitivity),
});

/** `PropertyUpdate`: every field optional; neither the name nor uniqueness changes. */
export const PropertyUpdateSchema = Type.Partial(Type.Object(PropertyFields));

export const BatchPropertyCreateSchema = batchInput(PropertyCreateSchema);

/** batch/read: `{inputs: [{name}], archived?, dataSensitivity?}`. */
export const BatchPropertyReadSchema = Type.Object({
  inputs: Type.Array(Type.Object({ name: Type.String() })),
  archived: Type.Optional(Type.Boolean()),
  dataSensitivity: Type.Optional(Sensitivity),
});

export const BatchPropertyArchiveSchema = batchInput(Type.Object({ name: Type.String() }));

export const PropertyPathSchema = Type.Object({
  objectType: Type.String(),
  propertyName: Type.String(),
});
export const GroupPathSchema = Type.Object({
  objectType: Type.String(),
  groupName: Type.String(),
});

/** Queries of reads: `archived`, and the filters HubSpot takes that change nothing here. */
export const PropertyReadQuerySchema = Type.Object({
  archived: Type.Optional(Type.Boolean()),
  dataSensitivity: Type.Optional(Sensitivity),
  locale: Type.Optional(Type.String()),
  properties: Type.Optional(Type.String()),
});

/** `Property` as answered. */
export const PropertyReplySchema = Type.Object(
  {
    name: Type.String(),
    label: Type.String(),
    type: Type.String(),
    fieldType: Type.String(),
    groupName: Type.String(),
    description: Type.String(),
    options: Type.Array(OptionSchema),
    displayOrder: Type.Integer(),
    hasUniqueValue: Type.Boolean(),
    hidden: Type.Boolean(),
    formField: Type.Boolean(),
    calculated: Type.Boolean(),
    externalOptions: Type.Boolean(),
    hubspotDefined: Type.Boolean(),
    archived: Type.Boolean(),
    archivedAt: Type.Optional(Type.String({ format: 'date-time' })),
    createdAt: Type.Optional(Type.String({ format: 'date-time' })),
    updatedAt: Type.Optional(Type.String({ format: 'date-time' })),
    calculationFormula: Type.Optional(Type.String()),
    currencyPropertyName: Type.Optional(Type.String()),
    referencedObjectType: Type.Optional(Type.String()),
    numberDisplayHint: Type.Optional(Type.String()),
    textDisplayHint: Type.Optional(Type.String()),
    showCurrencySymbol: Type.Optional(Type.Boolean()),
    dataSensitivity: Type.Optional(Type.String()),
    modificationMetadata: Type.Object(
      {
        archivable: Type.Boolean(),
        readOnlyDefinition: Type.Boolean(),
        readOnlyValue: Type.Boolean(),
        readOnlyOptions: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const PropertyListReplySchema = Type.Object(
  { results: Type.Array(PropertyReplySchema) },
  { additionalProperties: false },
);

export const BatchPropertyReplySchema = batchEnvelope(PropertyReplySchema);

/** `PropertyGroupCreate`. */
export const GroupCreateSchema = Type.Object({
  name: Type.String(),
  label: Type.String(),
  displayOrder: Type.Optional(Type.Integer()),
});

/** `PropertyGroupUpdate`. */
export const GroupUpdateSchema = Type.Object({
  label: Type.Optional(Type.String()),
  displayOrder: Type.Optional(Type.Integer()),
});

export const GroupReplySchema = Type.Object(
  {
    name: Type.String(),
    label: Type.String(),
    displayOrder: Type.Integer(),
    archived: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const GroupListReplySchema = Type.Object(
  { results: Type.Array(GroupReplySchema) },
  { additionalProperties: false },
);
