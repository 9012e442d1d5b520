// Request and response schemas of the CRM objects API.
import { Type } from '@sinclair/typebox';
import { ForwardPagingSchema, batchEnvelope } from './replies.js';
import {
  AssociationSpecSchema,
  PublicObjectIdSchema,
  RecordIdSchema,
  batchInput,
} from './common.js';
import { AssociatedIdSchema } from './v3.js';

/** Property values: strings on the wire; numbers, booleans and null are accepted as HubSpot does. */
export const PropertiesSchema = Type.Record(
  Type.String(),
  Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
);

/** `associations` of a create body. */
const NewAssociationsSchema = Type.Array(
  Type.Object({ to: PublicObjectIdSchema, types: Type.Array(AssociationSpecSchema) }),
);

/** POST create, and each input of batch/create. */
export const CreateBodySchema = Type.Object({
  properties: PropertiesSchema,
  associations: Type.Optional(NewAssociationsSchema),
});

/** PATCH update. */
export const UpdateBodySchema = Type.Object({ properties: PropertiesSchema });

export const BatchCreateSchema = batchInput(CreateBodySchema);

/** batch/read: `{inputs: [{id}], properties?, archived?}`. */
export const BatchReadSchema = Type.Object({
  inputs: Type.Array(Type.Object({ id: RecordIdSchema })),
  properties: Type.Optional(Type.Array(Type.String())),
  idProperty: Type.Optional(Type.String()),
});

export const BatchArchiveSchema = batchInput(Type.Object({ id: RecordIdSchema }));

export const ObjectTypePathSchema = Type.Object({ objectType: Type.String() });
export const ObjectPathSchema = Type.Object({ objectType: Type.String(), objectId: Type.String() });

/** Query of reads: comma-separated or repeated lists, as HubSpot accepts both. */
const ListParam = Type.Union([Type.String(), Type.Array(Type.String())]);
export const ReadQuerySchema = Type.Object({
  properties: Type.Optional(ListParam),
  associations: Type.Optional(ListParam),
  archived: Type.Optional(Type.Boolean()),
  idProperty: Type.Optional(Type.String()),
});
export const ListQuerySchema = Type.Object({
  properties: Type.Optional(ListParam),
  associations: Type.Optional(ListParam),
  archived: Type.Optional(Type.Boolean()),
  after: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer()),
});
export const BatchReadQuerySchema = Type.Object({ archived: Type.Optional(Type.Boolean()) });

/** batch/update: `{inputs: [{id, properties}]}`. */
export const BatchUpdateSchema = batchInput(
  Type.Object({
    id: RecordIdSchema,
    idProperty: Type.Optional(Type.String({ minLength: 1 })),
    properties: PropertiesSchema,
  }),
);

/** PATCH of one record: an `idProperty` when the path names it by a unique property's value. */
export const UpdateQuerySchema = Type.Object({ idProperty: Type.Optional(Type.String()) });

/** batch/upsert: `{inputs: [{id, idProperty?, properties, objectWriteTraceId?}]}`. */
export const BatchUpsertSchema = batchInput(
  Type.Object({
    id: Type.String(),
    idProperty: Type.Optional(Type.String({ minLength: 1 })),
    properties: PropertiesSchema,
    objectWriteTraceId: Type.Optional(Type.String()),
  }),
);
/** batch/upsert's query: an `idProperty` for inputs that name none. */
export const UpsertQuerySchema = Type.Object({
  idProperty: Type.Optional(Type.String({ minLength: 1 })),
});

/** merge: `{primaryObjectId, objectIdToMerge}`. */
export const MergeBodySchema = Type.Object({
  primaryObjectId: RecordIdSchema,
  objectIdToMerge: RecordIdSchema,
});

/** gdpr-delete: `{objectId, idProperty?}`. */
export const GdprDeleteBodySchema = Type.Object({
  objectId: Type.String({ minLength: 1 }),
  idProperty: Type.Optional(Type.String({ minLength: 1 })),
});

// Responses.

/** `SimplePublicObject`: property values are strings, or null for a named property never set. */
export const RecordReplySchema = Type.Object(
  {
    id: Type.String(),
    properties: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    archived: Type.Boolean(),
    archivedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

/** `SimplePublicObjectWithAssociations`: associations keyed by the target type's plural name. */
export const RecordWithAssociationsReplySchema = Type.Object(
  {
    ...RecordReplySchema.properties,
    associations: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Object({ results: Type.Array(AssociatedIdSchema) }, { additionalProperties: false }),
      ),
    ),
  },
  { additionalProperties: false },
);

/** GET list: `{results, paging?}`. */
export const RecordPageReplySchema = Type.Object(
  {
    results: Type.Array(RecordWithAssociationsReplySchema),
    paging: Type.Optional(ForwardPagingSchema),
  },
  { additionalProperties: false },
);

export const BatchRecordsReplySchema = batchEnvelope(RecordReplySchema);

/** `SimplePublicUpsertObject`: a record, whether the upsert created it, the input's trace id. */
export const BatchUpsertReplySchema = batchEnvelope(
  Type.Object(
    {
      ...RecordReplySchema.properties,
      new: Type.Boolean(),
      objectWriteTraceId: Type.Optional(Type.String()),
    },
    { additionalProperties: false },
  ),
);
