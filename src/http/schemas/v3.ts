// Request and response schemas of the v3 association operations (types named, not numbered).
import { Type } from '@sinclair/typebox';
import { ForwardPagingSchema, ObjectIdReplySchema, batchEnvelope } from './replies.js';
import { PublicObjectIdSchema, RecordIdSchema, batchInput } from './common.js';

/** batch/create and batch/archive: `{from, to, type}` per input, `type` a v3 name. */
export const NamedBatchSchema = batchInput(
  Type.Object({
    from: PublicObjectIdSchema,
    to: PublicObjectIdSchema,
    type: Type.String({ minLength: 1, maxLength: 256 }),
  }),
);

/** batch/read: `{id}` per input; an `after` is accepted and ignored, as HubSpot does. */
export const ReadNamedBatchSchema = batchInput(Type.Object({ id: RecordIdSchema }));

// Responses.

/** `PublicAssociation`: one direction of one named type. */
const PublicAssociationSchema = Type.Object(
  { from: ObjectIdReplySchema, to: ObjectIdReplySchema, type: Type.String() },
  { additionalProperties: false },
);

export const BatchPublicAssociationSchema = batchEnvelope(PublicAssociationSchema);

/** `AssociatedId`: a target and one of its type names. */
export const AssociatedIdSchema = Type.Object(
  { id: Type.String(), type: Type.String() },
  { additionalProperties: false },
);

/** batch/read: one `PublicAssociationMulti` per resolved input. */
export const BatchAssociationMultiSchema = batchEnvelope(
  Type.Object(
    {
      from: ObjectIdReplySchema,
      to: Type.Array(AssociatedIdSchema),
      paging: Type.Optional(ForwardPagingSchema),
    },
    { additionalProperties: false },
  ),
);

/** Path of v3's record-level operations on one pair and one named type. */
export const NamedPairPathSchema = Type.Object({
  objectType: Type.String(),
  objectId: Type.String(),
  toObjectType: Type.String(),
  toObjectId: Type.String(),
  associationType: Type.String({ minLength: 1, maxLength: 256 }),
});

/** v3's GET of one record's targets: `{results: [{id, type}], paging?}`. */
export const NamedTargetPageSchema = Type.Object(
  { results: Type.Array(AssociatedIdSchema), paging: Type.Optional(ForwardPagingSchema) },
  { additionalProperties: false },
);

/** GET types: `{results: [{id, name}]}`, the id a string. */
export const TypesReplySchema = Type.Object(
  {
    results: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);
