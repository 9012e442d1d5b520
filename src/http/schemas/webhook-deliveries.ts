// Request and response schemas of the control API's webhook deliveries (the event log's state).
import { Type } from '@sinclair/typebox';
import { DELIVERIES_PAGE } from '../../core/use-cases/webhook-deliveries.js';

const Int32Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Timestamp = Type.String({ format: 'date-time' });

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const DeliveriesQuerySchema = Type.Object(
  {
    appId: Type.Optional(Int32Id),
    portalId: Type.Optional(Int32Id),
    status: Type.Optional(Type.Union(DELIVERY_STATUSES.map((status) => Type.Literal(status)))),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: DELIVERIES_PAGE.max })),
    /** The `paging.next.after` of the previous page: events older than it. */
    after: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,15}$' })),
  },
  { additionalProperties: false },
);

const AttemptReplySchema = Type.Object({
  attemptNumber: Type.Integer(),
  startedAt: Timestamp,
  durationMs: Type.Number(),
  statusCode: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});

const DeliveryReplySchema = Type.Object({
  eventId: Type.Integer(),
  appId: Type.Integer(),
  subscriptionId: Type.Integer(),
  portalId: Type.Integer(),
  objectTypeId: Type.String(),
  objectId: Type.Integer(),
  subscriptionType: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union(DELIVERY_STATUSES.map((status) => Type.Literal(status))),
  createdAt: Timestamp,
  nextAttemptAt: Type.Union([Timestamp, Type.Null()]),
  attempts: Type.Array(AttemptReplySchema),
  /** The event as the receiver gets it, but for `attemptNumber`. */
  event: Type.Record(Type.String(), Type.Unknown()),
});

export const DeliveryListReplySchema = Type.Object({
  results: Type.Array(DeliveryReplySchema),
  paging: Type.Optional(Type.Object({ next: Type.Object({ after: Type.String() }) })),
});

export const DeliveryRunReplySchema = Type.Object({ delivered: Type.Integer() });
