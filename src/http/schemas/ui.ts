// Answers the web page reads that no HubSpot operation gives: a portal's summary.
import { Type, type Static } from '@sinclair/typebox';

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
