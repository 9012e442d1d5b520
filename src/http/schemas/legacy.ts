// Request and response schemas of the legacy association calls: crm-associations v1, deals v1,
// companies v2.
import { Type } from '@sinclair/typebox';
import { CategorySchema, RecordIdSchema } from './common.js';

/** `{fromObjectId, toObjectId, category, definitionId}`: ids as numbers (strings accepted). */
export const LegacyAssociationSchema = Type.Object({
  fromObjectId: RecordIdSchema,
  toObjectId: RecordIdSchema,
  category: CategorySchema,
  definitionId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

export const LegacyAssociationBatchSchema = Type.Array(LegacyAssociationSchema);

/** `/crm-associations/v1/associations/{objectId}/{category}/{definitionId}` */
export const LegacyReadPathSchema = Type.Object({
  objectId: Type.String(),
  category: CategorySchema,
  definitionId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

const Offset = Type.Integer({ minimum: 0 });

export const LegacyReadQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer()),
  offset: Type.Optional(Offset),
});

/** `{results: [ids], hasMore, offset}`: ids are JSON numbers. */
export const LegacyPageReplySchema = Type.Object(
  { results: Type.Array(Type.Integer()), hasMore: Type.Boolean(), offset: Type.Integer() },
  { additionalProperties: false },
);

/** `/deals/v1/deal/{dealId}/associations/{OBJECTTYPE}?id=…&id=…` */
export const DealAssociationsPathSchema = Type.Object({
  dealId: Type.String(),
  objectType: Type.String(),
});
export const DealAssociationsQuerySchema = Type.Object({
  id: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }))]),
});

/** `/companies/v2/companies/{companyId}/contacts/{contactId}` */
export const CompanyContactPathSchema = Type.Object({
  companyId: Type.String(),
  contactId: Type.String(),
});
export const CompanyPathSchema = Type.Object({ companyId: Type.String() });
export const CompanyVidsQuerySchema = Type.Object({
  count: Type.Optional(Type.Integer()),
  vidOffset: Type.Optional(Offset),
});

/** `{vids: [ids], hasMore, vidOffset}` */
export const CompanyVidsReplySchema = Type.Object(
  { vids: Type.Array(Type.Integer()), hasMore: Type.Boolean(), vidOffset: Type.Integer() },
  { additionalProperties: false },
);

/** A property as the legacy APIs show it: its value with where and when it was set. */
const LegacyPropertySchema = Type.Object(
  {
    value: Type.String(),
    timestamp: Type.Integer(),
    source: Type.String(),
    sourceId: Type.Null(),
    versions: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          value: Type.String(),
          timestamp: Type.Integer(),
          source: Type.String(),
          sourceVid: Type.Array(Type.Integer()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** A company as companies v2 answers it. */
export const LegacyCompanyReplySchema = Type.Object(
  {
    portalId: Type.Integer(),
    companyId: Type.Integer(),
    isDeleted: Type.Boolean(),
    properties: Type.Record(Type.String(), LegacyPropertySchema),
    additionalDomains: Type.Array(Type.String()),
    stateChanges: Type.Array(Type.Unknown()),
    mergeAudits: Type.Array(Type.Unknown()),
  },
  { additionalProperties: false },
);
