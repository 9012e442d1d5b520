// The app's webhook deliverer: it drains the store's event log while the app runs (started when
// the app is ready, stopped when it closes), and the control API can run a pass at once.
import type { FastifyInstance } from 'fastify';
import type { Clock, DeliveryQueue } from '../core/ports.js';
import { DELIVERY_TIMEOUT_MS, WebhookDeliverer } from '../events/delivery.js';

/** How the server delivers webhooks; see the README's Webhooks section. */
export interface WebhookDeliveryOptions {
  /** Whether a loop sends due events; without it, only the control API's run sends them. */
  readonly deliver: boolean;
  /** How often the loop looks for due events. Writes are seen within about this long. */
  readonly pollIntervalMs: number;
  /** Multiplies every retry delay: 1 is HubSpot's day-long schedule. */
  readonly retryTimeScale: number;
  /** How long a receiver has to answer. */
  readonly timeoutMs: number;
  /** How many days delivered and given-up events stay in the log (and the deliveries listing). */
  readonly retentionDays: number;
}

/** Short enough that an event reaches its receiver well within a second of the write. */
export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryOptions = {
  deliver: true,
  pollIntervalMs: 200,
  retryTimeScale: 1,
  timeoutMs: DELIVERY_TIMEOUT_MS,
  retentionDays: 7,
};

const DAY_MS = 86_400_000;

/**
 * Makes the app's deliverer: its clock is the core's (events are due by that clock); it loops
 * from the app's `onReady` to its `onClose` when `deliver` is on.
 */
export function registerWebhookDelivery(
  app: FastifyInstance,
  queue: DeliveryQueue,
  clock: Clock,
  options: Partial<WebhookDeliveryOptions> = {},
): WebhookDeliverer {
  const settings = { ...DEFAULT_WEBHOOK_DELIVERY, ...options };
  const deliverer = new WebhookDeliverer(queue, {
    retryTimeScale: settings.retryTimeScale,
    timeoutMs: settings.timeoutMs,
    retentionMs: settings.retentionDays * DAY_MS,
    now: () => clock.now(),
    onError: (error) => {
      app.log.error({ err: error }, 'webhook delivery pass failed');
    },
  });
  if (settings.deliver) {
    app.addHook('onReady', (done) => {
      deliverer.start(settings.pollIntervalMs);
      done();
    });
  }
  // Before the store closes (the server closes it after the app): the pass under way ends first.
  app.addHook('onClose', async () => {
    await deliverer.stop();
  });
  return deliverer;
}
