// Request schemas of the v4-shaped association operations.
import { Type } from '@sinclair/typebox';
import {
  AssociationSpecSchema,
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
