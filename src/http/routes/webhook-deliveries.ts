// The control API's webhook deliveries: every logged event with its delivery state and attempts,
// and a run that sends what is due at once (for tests that do not want to wait for the loop).
import type { LoggedDelivery } from '../../core/ports.js';
import { DELIVERIES_PAGE } from '../../core/use-cases/webhook-deliveries.js';
import { answers, operation, type Operation } from '../operation.js';
import {
  DeliveriesQuerySchema,
  DeliveryListReplySchema,
  DeliveryRunReplySchema,
} from '../schemas/webhook-deliveries.js';
import { CONTROL_PREFIX, type ControlState } from './control.js';

function deliveryReply(delivery: LoggedDelivery) {
  const subscriptionType = delivery.payload['subscriptionType'];
  return {
    eventId: delivery.eventId,
    appId: delivery.appId,
    subscriptionId: delivery.subscriptionId,
    portalId: delivery.portalId,
    objectTypeId: delivery.objectTypeId,
    objectId: delivery.objectId,
    subscriptionType: typeof subscriptionType === 'string' ? subscriptionType : null,
    status: delivery.status,
    createdAt: delivery.createdAt.toISOString(),
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    attempts: delivery.attempts.map((attempt) => ({
      attemptNumber: attempt.attemptNumber,
      startedAt: attempt.startedAt.toISOString(),
      durationMs: attempt.durationMs,
      statusCode: attempt.statusCode,
      error: attempt.error,
    })),
    event: delivery.payload,
  };
}

export function deliveryControlOperations(state: ControlState): Operation[] {
  const family = { name: 'control' };
  const deliveries = `${CONTROL_PREFIX}/webhooks/deliveries`;
  return [
    operation({
      family,
      method: 'GET',
      paths: [deliveries],
      summary: 'Webhook events, newest first, with their delivery state and attempts',
      access: 'control',
      request: { querystring: DeliveriesQuerySchema },
      answer: answers.json(200, DeliveryListReplySchema),
      handle: async ({ core, query }) => {
        const limit = query.limit ?? DELIVERIES_PAGE.default;
        const listed = await core.deliveries.list({
          appId: query.appId,
          portalId: query.portalId,
          status: query.status,
          beforeEventId: query.after === undefined ? undefined : Number(query.after),
          limit,
        });
        const last = listed.at(-1);
        // A full page may have more after it; the next page is the events older than its last.
        return {
          results: listed.map(deliveryReply),
          ...(last && listed.length === limit
            ? { paging: { next: { after: `${last.eventId}` } } }
            : {}),
        };
      },
    }),
    operation({
      family,
      method: 'POST',
      paths: [`${deliveries}/run`],
      summary: 'Send the webhook events due now, without waiting for the delivery loop',
      access: 'control',
      request: {},
      answer: answers.json(200, DeliveryRunReplySchema),
      handle: async () => ({ delivered: await state.deliverer.deliverNow() }),
    }),
  ];
}
