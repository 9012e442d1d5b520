// Request and response schemas of HubSpot's webhooks journal (2026-03): journal subscriptions and
// their filters, journal entries and their batches, and snapshots.
import { Type } from '@sinclair/typebox';
import type { JOURNAL_SUBSCRIPTION_TYPES } from '../../core/ports.js';
import { MAX_SNAPSHOTS } from '../../core/use-cases/webhooks-journal.js';
import { batchEnvelope } from './replies.js';

const Timestamp = Type.String({ format: 'date-time' });
const Int64Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const PortalId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const TypeId = Type.String({ minLength: 1, maxLength: 64 });
const Name = Type.String({ minLength: 1, maxLength: 256 });
const Literals = (values: readonly string[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));

/** Every action of HubSpot's enum; which ones a subscription type takes is core's to check. */
const ACTION_ENUM = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'MERGE',
  'RESTORE',
  'ASSOCIATION_ADDED',
  'ASSOCIATION_REMOVED',
  'SNAPSHOT',
  'APP_INSTALL',
  'APP_UNINSTALL',
  'ADDED_TO_LIST',
  'REMOVED_FROM_LIST',
  'GDPR_DELETE',
];
const Actions = Type.Array(Literals(ACTION_ENUM), { maxItems: 64 });
const Ids = Type.Array(Int64Id, { maxItems: 10_000 });
const Names = Type.Array(Name, { maxItems: 1000 });
const TypeIds = Type.Array(TypeId, { maxItems: 1000 });

/**
 * An upsert: one object with every field of HubSpot's five shapes, discriminated by
 * `subscriptionType`; which fields each type requires is core's to check, so a missing one is
 * named in the answer.
 */
export const JournalSubscriptionBodySchema = Type.Object({
  subscriptionType: Type.Union([
    Type.Literal('OBJECT'),
    Type.Literal('ASSOCIATION'),
    Type.Literal('APP_LIFECYCLE_EVENT'),
    Type.Literal('LIST_MEMBERSHIP'),
    Type.Literal('GDPR_PRIVACY_DELETION'),
  ] satisfies { const: (typeof JOURNAL_SUBSCRIPTION_TYPES)[number] }[]),
  portalId: Type.Optional(PortalId),
  objectTypeId: Type.Optional(TypeId),
  eventTypeId: Type.Optional(TypeId),
  actions: Type.Optional(Actions),
  objectIds: Type.Optional(Ids),
  properties: Type.Optional(Names),
  associatedObjectTypeIds: Type.Optional(TypeIds),
  listIds: Type.Optional(Ids),
});

export const JournalSubscriptionReplySchema = Type.Object({
  id: Type.Integer(),
  appId: Type.Integer(),
  portalId: Type.Optional(Type.Integer()),
  subscriptionType: Type.String(),
  objectTypeId: Type.String(),
  actions: Type.Array(Type.String()),
  objectIds: Type.Optional(Type.Array(Type.Integer())),
  associatedObjectTypeIds: Type.Optional(Type.Array(Type.String())),
  listIds: Type.Optional(Type.Array(Type.Integer())),
  properties: Type.Optional(Type.Array(Type.String())),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const JournalSubscriptionListReplySchema = Type.Object({
  results: Type.Array(JournalSubscriptionReplySchema),
});

export const JournalSubscriptionPathSchema = Type.Object({ subscriptionId: Int64Id });
export const JournalPortalPathSchema = Type.Object({ portalId: PortalId });
export const JournalFilterPathSchema = Type.Object({ filterId: Int64Id });

const OPERATORS = [
  'EQ',
  'N_EQ',
  'LT',
  'GT',
  'LTE',
  'GTE',
  'CONTAINS',
  'STARTS_WITH',
  'ENDS_WITH',
  'IN',
  'NOT_IN',
  'IS_EMPTY',
  'IS_NOT_EMPTY',
];

const ConditionSchema = Type.Object({
  filterType: Type.Literal('CRM_OBJECT_PROPERTY'),
  property: Name,
  operator: Literals(OPERATORS),
  value: Type.Optional(Type.String({ maxLength: 65_536 })),
  values: Type.Optional(Type.Array(Type.String({ maxLength: 65_536 }), { maxItems: 1000 })),
});

const FilterSchema = Type.Object({
  conditions: Type.Array(ConditionSchema, { minItems: 1, maxItems: 100 }),
});

export const JournalFilterBodySchema = Type.Object({
  subscriptionId: Int64Id,
  filter: FilterSchema,
});

export const JournalFilterCreatedReplySchema = Type.Object({ filterId: Type.Integer() });

export const JournalFilterReplySchema = Type.Object({
  id: Type.Integer(),
  filter: FilterSchema,
  createdAt: Type.Integer(),
});

export const JournalFilterListReplySchema = Type.Array(JournalFilterReplySchema);

/** `installPortalId`: the portal of a local journal; the default portal when absent. */
export const JournalQuerySchema = Type.Object({
  installPortalId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
});

export const JournalCountPathSchema = Type.Object({
  count: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

export const JournalOffsetPathSchema = Type.Object({
  offset: Type.String({ minLength: 1, maxLength: 256 }),
});

export const JournalOffsetCountPathSchema = Type.Object({
  offset: Type.String({ minLength: 1, maxLength: 256 }),
  count: Type.Integer({ minimum: 1, maximum: 2147483647 }),
});

export const JournalEntryReplySchema = Type.Object({
  currentOffset: Type.String(),
  expiresAt: Timestamp,
  url: Type.String(),
});

export const JournalBatchReplySchema = batchEnvelope(JournalEntryReplySchema);

export const JournalBatchReadBodySchema = Type.Object({
  inputs: Type.Array(Type.String({ maxLength: 256 })),
});

export const JournalFileTokenPathSchema = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 64 }),
});

/** The file behind an entry's URL: its offset, when it was published, and its events. */
export const JournalFileReplySchema = Type.Object({
  offset: Type.String(),
  publishedAt: Timestamp,
  journalEvents: Type.Array(Type.Unknown()),
});

const SnapshotRequestSchema = Type.Object({
  portalId: PortalId,
  objectTypeId: TypeId,
  objectId: Int64Id,
  properties: Names,
});

export const SnapshotBodySchema = Type.Object({
  snapshotRequests: Type.Array(SnapshotRequestSchema, { maxItems: MAX_SNAPSHOTS }),
});

export const SnapshotReplySchema = Type.Object({
  snapshotResponses: Type.Array(
    Type.Object({
      portalId: Type.Integer(),
      objectTypeId: Type.String(),
      objectId: Type.Integer(),
      snapshotStatusId: Type.String(),
    }),
  ),
});

export const SnapshotStatusPathSchema = Type.Object({
  statusId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const SnapshotStatusReplySchema = Type.Object({
  id: Type.String(),
  initiatedAt: Type.Integer(),
  completedAt: Type.Optional(Type.Integer()),
  status: Type.String(),
  errorCode: Type.Optional(Type.String()),
  message: Type.Optional(Type.String()),
});
