// Request and response schemas of the v4-shaped association operations (v4 and the dated families).
import { Type } from '@sinclair/typebox';
import { ForwardPagingSchema, ObjectIdReplySchema, batchEnvelope } from './replies.js';
import {
  AssociationSpecSchema,
  CategorySchema,
  PublicObjectIdSchema,
  RecordIdSchema,
  batchInput,
} from './common.js';

/** batch/create and batch/labels/archive: `{from, to, types}` per input. */
export const LabelledBatchSchema = batchInput(
  Type.Object({
    from: PublicObjectIdSchema,
    to: PublicObjectIdSchema,
    types: Type.Array(AssociationSpecSchema),
  }),
);

/** batch/associate/default: `{from, to}` per input. */
export const DefaultBatchSchema = batchInput(
  Type.Object({ from: PublicObjectIdSchema, to: PublicObjectIdSchema }),
);

/** batch/archive: `{from, to: [{id}]}` per input. */
export const ArchiveBatchSchema = batchInput(
  Type.Object({ from: PublicObjectIdSchema, to: Type.Array(PublicObjectIdSchema) }),
);

/** batch/read: `{id, after?}` per input. */
export const ReadBatchSchema = batchInput(
  Type.Object({ id: RecordIdSchema, after: Type.Optional(Type.String()) }),
);

/** PUT labelled: the body is a bare array of specs. */
export const LabelledPutSchema = Type.Array(AssociationSpecSchema);

/** Path of the record-level operations on one pair of records. */
export const RecordPairPathSchema = Type.Object({
  objectType: Type.String(),
  objectId: Type.String(),
  toObjectType: Type.String(),
  toObjectId: Type.String(),
});

/** Path of PUT default. */
export const DefaultPairPathSchema = Type.Object({
  fromObjectType: Type.String(),
  fromObjectId: Type.String(),
  toObjectType: Type.String(),
  toObjectId: Type.String(),
});

/** Path and query of the GET list. */
export const ListPathSchema = Type.Object({
  objectType: Type.String(),
  objectId: Type.String(),
  toObjectType: Type.String(),
});
export const ListQuerySchema = Type.Object({
  after: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer()),
});

/** Path of the high-usage report. */
export const ReportPathSchema = Type.Object({
  userId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

// Responses.

const Label = Type.Union([Type.String(), Type.Null()]);

const specWithLabel = { category: CategorySchema, typeId: Type.Integer(), label: Label };

/** `AssociationSpecWithLabel` of the families that declare the pair's object type ids in it. */
const SpecWithLabelAndTypeIdsSchema = Type.Object(
  { ...specWithLabel, fromObjectTypeId: Type.String(), toObjectTypeId: Type.String() },
  { additionalProperties: false },
);

/** `AssociationSpecWithLabel` of the families that do not. */
const SpecWithLabelSchema = Type.Object(specWithLabel, { additionalProperties: false });

/** `AssociationSpecWithLabel`, with or without the object type ids, per family. */
export function specWithLabelSchema(withObjectTypeIds: boolean) {
  return withObjectTypeIds ? SpecWithLabelAndTypeIdsSchema : SpecWithLabelSchema;
}

/** `MultiAssociatedObjectWithLabel`: `toObjectId` is a JSON number, as HubSpot sends it. */
function targetSchema(withObjectTypeIds: boolean) {
  return Type.Object(
    {
      toObjectId: Type.Integer(),
      associationTypes: Type.Array(specWithLabelSchema(withObjectTypeIds)),
    },
    { additionalProperties: false },
  );
}

/** GET list: `{results, paging?}`. */
export function targetPageSchema(withObjectTypeIds: boolean) {
  return Type.Object(
    {
      results: Type.Array(targetSchema(withObjectTypeIds)),
      paging: Type.Optional(ForwardPagingSchema),
    },
    { additionalProperties: false },
  );
}

/** batch/read: one `PublicAssociationMultiWithLabel` per resolved input. */
export function batchReadReplySchema(withObjectTypeIds: boolean) {
  return batchEnvelope(
    Type.Object(
      {
        from: ObjectIdReplySchema,
        to: Type.Array(targetSchema(withObjectTypeIds)),
        paging: Type.Optional(ForwardPagingSchema),
      },
      { additionalProperties: false },
    ),
  );
}

/** `LabelsBetweenObjectPair`: object ids are JSON numbers, as HubSpot sends them. */
export const LabelsBetweenPairSchema = Type.Object(
  {
    fromObjectTypeId: Type.String(),
    fromObjectId: Type.Integer(),
    toObjectTypeId: Type.String(),
    toObjectId: Type.Integer(),
    labels: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

export const BatchLabelsBetweenPairSchema = batchEnvelope(LabelsBetweenPairSchema);

/** `PublicDefaultAssociation`: ids as strings, the spec in request form. */
export const BatchDefaultAssociationSchema = batchEnvelope(
  Type.Object(
    {
      from: ObjectIdReplySchema,
      to: ObjectIdReplySchema,
      associationSpec: Type.Object(
        { associationCategory: CategorySchema, associationTypeId: Type.Integer() },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
);

/** `ReportCreationResponse`. */
export const ReportReplySchema = Type.Object(
  {
    userId: Type.Integer(),
    userEmail: Type.String(),
    enqueueTime: Type.Object(
      { value: Type.Integer(), dateOnly: Type.Boolean(), timeZoneShift: Type.Integer() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
