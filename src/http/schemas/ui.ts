// Answers the web page reads that no HubSpot operation gives: a portal's summary.
import { Type, type Static } from '@sinclair/typebox';
import { ForwardPagingSchema } from './replies.js';

/** Counts of a portal's records per object type, with its labels and limits, for the page. */
export const SummaryReplySchema = Type.Object(
  {
    portalId: Type.Integer(),
    objectTypes: Type.Array(
      Type.Object(
        {
          objectTypeId: Type.String(),
          /** The type's plural name, as paths take it. */
          name: Type.String(),
          records: Type.Integer(),
          archived: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
    /** Association rows between live records: one per direction and type. */
    associationRows: Type.Integer(),
    labels: Type.Array(
      Type.Object(
        {
          fromObjectTypeId: Type.String(),
          toObjectTypeId: Type.String(),
          typeId: Type.Integer(),
          inverseTypeId: Type.Integer(),
          name: Type.String(),
          label: Type.String(),
          inverseLabel: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
    limits: Type.Array(
      Type.Object(
        {
          fromObjectTypeId: Type.String(),
          toObjectTypeId: Type.String(),
          category: Type.String(),
          typeId: Type.Integer(),
          maxToObjectIds: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SummaryReply = Static<typeof SummaryReplySchema>;

/** A record's associations to one object type, read for the page's record view. */
export const TwoWayPathSchema = Type.Object({
  portalId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  objectType: Type.String(),
  objectId: Type.String(),
  toObjectType: Type.String(),
});
export const TwoWayQuerySchema = Type.Object({
  after: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer()),
});

const TypeSpecReplySchema = Type.Object(
  {
    category: Type.String(),
    typeId: Type.Integer(),
    label: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

/** Each target with the types stored both ways: from the record, and from the target back. */
export const TwoWayPageReplySchema = Type.Object(
  {
    results: Type.Array(
      Type.Object(
        {
          toObjectId: Type.Integer(),
          associationTypes: Type.Array(TypeSpecReplySchema),
          inverseAssociationTypes: Type.Array(TypeSpecReplySchema),
        },
        { additionalProperties: false },
      ),
    ),
    paging: Type.Optional(ForwardPagingSchema),
  },
  { additionalProperties: false },
);
export type TwoWayPageReply = Static<typeof TwoWayPageReplySchema>;
