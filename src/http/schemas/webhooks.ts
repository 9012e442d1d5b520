// Request and response schemas of HubSpot's webhooks API (an app's settings and subscriptions).
import { Type } from '@sinclair/typebox';
import { EVENT_TYPES } from '../../core/use-cases/webhooks.js';
import { batchEnvelope } from './replies.js';

const Timestamp = Type.String({ format: 'date-time' });
const Int32Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const EventTypeSchema = Type.Union(EVENT_TYPES.map((eventType) => Type.Literal(eventType)));

export const AppPathSchema = Type.Object({ appId: Int32Id });

export const SubscriptionPathSchema = Type.Object({
  appId: Int32Id,
  subscriptionId: Int32Id,
});

/** `throttling`: the docs add `period` (SECONDLY, ROLLING_MINUTE), which is kept and echoed. */
const ThrottlingSchema = Type.Object({
  maxConcurrentRequests: Type.Integer({ minimum: -2147483648, maximum: 2147483647 }),
  period: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});

export const SettingsBodySchema = Type.Object({
  targetUrl: Type.String({ minLength: 1, maxLength: 2048 }),
  throttling: ThrottlingSchema,
});

export const SettingsReplySchema = Type.Object({
  targetUrl: Type.String(),
  throttling: ThrottlingSchema,
  createdAt: Timestamp,
  updatedAt: Type.Optional(Timestamp),
});

/** A create; `active` is optional in v3 and required from 2026-03. */
export function subscriptionBodySchema(activeRequired: boolean) {
  const active = Type.Boolean();
  return Type.Object({
    eventType: EventTypeSchema,
    propertyName: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    objectTypeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    eventTypeName: Type.Optional(Type.String({ maxLength: 256 })),
    active: activeRequired ? active : Type.Optional(active),
  });
}

export const SubscriptionPatchSchema = Type.Object({ active: Type.Optional(Type.Boolean()) });

export const SubscriptionBatchUpdateSchema = Type.Object({
  inputs: Type.Array(Type.Object({ id: Int32Id, active: Type.Boolean() })),
});

export const SubscriptionReplySchema = Type.Object({
  id: Type.String(),
  eventType: Type.String(),
  propertyName: Type.Optional(Type.String()),
  objectTypeId: Type.Optional(Type.String()),
  active: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Type.Optional(Timestamp),
});

export const SubscriptionListReplySchema = Type.Object({
  results: Type.Array(SubscriptionReplySchema),
});

export const BatchSubscriptionsReplySchema = batchEnvelope(SubscriptionReplySchema);

/** The control API's app: its client secret signs deliveries; the key manages its webhooks. */
export const AppBodySchema = Type.Object(
  {
    clientSecret: Type.String({ minLength: 1, maxLength: 256 }),
    developerApiKey: Type.Optional(
      Type.String({ minLength: 8, maxLength: 256, pattern: '^\\S+$' }),
    ),
  },
  { additionalProperties: false },
);

/** An app as the control API shows it: neither its secret nor its key. */
export const AppReplySchema = Type.Object({
  appId: Type.Integer(),
  hasDeveloperApiKey: Type.Boolean(),
  targetUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
});

export const AppListReplySchema = Type.Object({ results: Type.Array(AppReplySchema) });
