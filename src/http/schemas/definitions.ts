// Request and response schemas of the schema API: labels and limit configurations.
import { Type } from '@sinclair/typebox';
import { CategorySchema, batchInput } from './common.js';
import { batchEnvelope } from './replies.js';
import { specWithLabelSchema } from './v4.js';

/** POST labels: `{name, label, inverseLabel?}`. */
export const LabelCreateSchema = Type.Object({
  name: Type.String({ maxLength: 1000 }),
  label: Type.String({ maxLength: 1000 }),
  inverseLabel: Type.Optional(Type.String({ maxLength: 1000 })),
});

/** PUT labels: `{associationTypeId, label, inverseLabel?}`. */
export const LabelUpdateSchema = Type.Object({
  associationTypeId: Type.Integer({ minimum: -2147483648, maximum: 2147483647 }),
  label: Type.String({ maxLength: 1000 }),
  inverseLabel: Type.Optional(Type.String({ maxLength: 1000 })),
});

/** Path of DELETE labels. */
export const LabelPathSchema = Type.Object({
  fromObjectType: Type.String(),
  toObjectType: Type.String(),
  associationTypeId: Type.Integer({ minimum: -2147483648, maximum: 2147483647 }),
});

/** `{category, typeId}`, as the configurations API names a type. */
const TypeSpecSchema = Type.Object({
  category: CategorySchema,
  typeId: Type.Integer({ minimum: -2147483648, maximum: 2147483647 }),
});

/** batch/create and batch/update: `{category, typeId, maxToObjectIds}` per input. */
export const LimitBatchSchema = batchInput(
  Type.Object({
    ...TypeSpecSchema.properties,
    maxToObjectIds: Type.Integer({ minimum: -2147483648, maximum: 2147483647 }),
  }),
);

/** batch/purge: `{category, typeId}` per input. */
export const PurgeBatchSchema = batchInput(TypeSpecSchema);

// Responses.

/** `{results: [AssociationSpecWithLabel]}`, with or without object type ids per family. */
export function labelsReplySchema(withObjectTypeIds: boolean) {
  return Type.Object(
    { results: Type.Array(specWithLabelSchema(withObjectTypeIds)) },
    { additionalProperties: false },
  );
}

const limitFields = {
  category: CategorySchema,
  typeId: Type.Integer(),
  userEnforcedMaxToObjectIds: Type.Integer(),
};

/** `PublicAssociationDefinitionUserConfiguration`: `label` is null for the unlabeled type. */
const LimitReplySchema = Type.Object(
  { ...limitFields, label: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);

export const LimitsReplySchema = Type.Object(
  { results: Type.Array(LimitReplySchema) },
  { additionalProperties: false },
);

export const BatchLimitsReplySchema = batchEnvelope(LimitReplySchema);

/** `PublicAssociationDefinitionConfigurationUpdateResult`: no label. */
export const BatchLimitUpdatesReplySchema = batchEnvelope(
  Type.Object(limitFields, { additionalProperties: false }),
);
