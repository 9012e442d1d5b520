// HubSpot's webhooks API: an app's settings (target URL, throttling) and subscriptions, under
// `/webhooks/v3/{appId}` and its 2026-03 spelling. The app's developer API key (`?hapikey=`) is
// the credential in strict mode.
import type { StoredSubscription, WebhookApp, WebhookSettings } from '../../core/ports.js';
import { answers, operation, type Operation } from '../operation.js';
import {
  AppBodySchema,
  AppListReplySchema,
  AppPathSchema,
  AppReplySchema,
  BatchSubscriptionsReplySchema,
  SettingsBodySchema,
  SettingsReplySchema,
  SubscriptionBatchUpdateSchema,
  SubscriptionListReplySchema,
  SubscriptionPatchSchema,
  SubscriptionPathSchema,
  SubscriptionReplySchema,
  subscriptionBodySchema,
} from '../schemas/webhooks.js';

/** The two spellings of the webhooks API, as table rows. */
const WEBHOOK_FAMILIES = [
  { name: 'webhooks v3', prefix: '/webhooks/v3', activeRequired: false },
  { name: 'webhooks 2026-03', prefix: '/webhooks/2026-03', activeRequired: true },
] as const;

function settingsReply(settings: WebhookSettings) {
  return {
    targetUrl: settings.targetUrl,
    throttling: {
      maxConcurrentRequests: settings.maxConcurrentRequests,
      ...(settings.period === null ? {} : { period: settings.period }),
    },
    createdAt: settings.createdAt.toISOString(),
    updatedAt: settings.updatedAt.toISOString(),
  };
}

function subscriptionReply(subscription: StoredSubscription) {
  return {
    id: `${subscription.id}`,
    eventType: subscription.eventType,
    ...(subscription.propertyName === null ? {} : { propertyName: subscription.propertyName }),
    ...(subscription.objectTypeId === null ? {} : { objectTypeId: subscription.objectTypeId }),
    active: subscription.active,
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

export function webhookOperations(): Operation[] {
  return WEBHOOK_FAMILIES.flatMap((row) => {
    const family = { name: row.name };
    const settings = `${row.prefix}/:appId/settings`;
    const subscriptions = `${row.prefix}/:appId/subscriptions`;
    const one = `${subscriptions}/:subscriptionId`;
    return [
      operation({
        family,
        method: 'GET',
        paths: [settings],
        summary: "The app's webhook settings",
        access: 'developer',
        request: { params: AppPathSchema },
        answer: answers.json(200, SettingsReplySchema),
        handle: async ({ core, params }) =>
          settingsReply(await core.webhooks.getSettings(params.appId)),
      }),
      operation({
        family,
        method: 'PUT',
        paths: [settings],
        summary: "Sets the app's target URL and how many requests may run at once",
        access: 'developer',
        request: { params: AppPathSchema, body: SettingsBodySchema },
        answer: answers.json(200, SettingsReplySchema),
        handle: async ({ core, params, body }) =>
          settingsReply(
            await core.webhooks.putSettings(params.appId, {
              targetUrl: body.targetUrl,
              maxConcurrentRequests: body.throttling.maxConcurrentRequests,
              period: body.throttling.period,
            }),
          ),
      }),
      operation({
        family,
        method: 'DELETE',
        paths: [settings],
        summary: "Clears the app's settings: its subscriptions stop sending",
        access: 'developer',
        request: { params: AppPathSchema },
        answer: answers.noContent(),
        handle: ({ core, params }) => core.webhooks.deleteSettings(params.appId),
      }),
      operation({
        family,
        method: 'GET',
        paths: [subscriptions],
        summary: "The app's subscriptions",
        access: 'developer',
        request: { params: AppPathSchema },
        answer: answers.json(200, SubscriptionListReplySchema),
        handle: async ({ core, params }) => ({
          results: (await core.webhooks.listSubscriptions(params.appId)).map(subscriptionReply),
        }),
      }),
      operation({
        family,
        method: 'POST',
        paths: [subscriptions],
        summary: 'Subscribes the app to an event type',
        access: 'developer',
        request: { params: AppPathSchema, body: subscriptionBodySchema(row.activeRequired) },
        answer: answers.json(201, SubscriptionReplySchema),
        handle: async ({ core, params, body }) =>
          subscriptionReply(
            await core.webhooks.createSubscription(params.appId, {
              eventType: body.eventType,
              propertyName: body.propertyName,
              objectTypeId: body.objectTypeId,
              active: body.active,
            }),
          ),
      }),
      operation({
        family,
        method: 'POST',
        paths: [`${subscriptions}/batch/update`],
        summary: 'Turns several subscriptions on or off',
        access: 'developer',
        request: { params: AppPathSchema, body: SubscriptionBatchUpdateSchema },
        answer: answers.batch({ success: 200, multiStatus: true }, BatchSubscriptionsReplySchema),
        handle: async ({ core, params, body }) => {
          const outcome = await core.webhooks.batchSetActive(params.appId, body.inputs);
          return { results: outcome.results.map(subscriptionReply), errors: outcome.errors };
        },
      }),
      operation({
        family,
        method: 'GET',
        paths: [one],
        summary: 'One subscription',
        access: 'developer',
        request: { params: SubscriptionPathSchema },
        answer: answers.json(200, SubscriptionReplySchema),
        handle: async ({ core, params }) =>
          subscriptionReply(
            await core.webhooks.getSubscription(params.appId, params.subscriptionId),
          ),
      }),
      operation({
        family,
        method: 'PATCH',
        paths: [one],
        summary: 'Turns one subscription on or off',
        access: 'developer',
        request: { params: SubscriptionPathSchema, body: SubscriptionPatchSchema },
        answer: answers.json(200, SubscriptionReplySchema),
        handle: async ({ core, params, body }) => {
          const { appId, subscriptionId } = params;
          return subscriptionReply(
            body.active === undefined
              ? await core.webhooks.getSubscription(appId, subscriptionId)
              : await core.webhooks.setSubscriptionActive(appId, subscriptionId, body.active),
          );
        },
      }),
      operation({
        family,
        method: 'DELETE',
        paths: [one],
        summary: 'Deletes one subscription',
        access: 'developer',
        request: { params: SubscriptionPathSchema },
        answer: answers.noContent(),
        handle: ({ core, params }) =>
          core.webhooks.deleteSubscription(params.appId, params.subscriptionId),
      }),
    ];
  });
}

/** How the control API shows an app: never its secret or key. */
function appReply(app: WebhookApp) {
  return {
    appId: app.appId,
    hasDeveloperApiKey: app.developerKeyHash !== null,
    targetUrl: app.settings?.targetUrl ?? null,
    createdAt: app.createdAt.toISOString(),
  };
}

/** The control API's apps: what a developer account holds on HubSpot, made here by the operator. */
export function appControlOperations(prefix: string): Operation[] {
  const family = { name: 'control' };
  const apps = `${prefix}/apps`;
  return [
    operation({
      family,
      method: 'GET',
      paths: [apps],
      summary: 'List the apps whose webhooks the server sends',
      access: 'control',
      request: {},
      answer: answers.json(200, AppListReplySchema),
      handle: async ({ core }) => ({ results: (await core.apps.list()).map(appReply) }),
    }),
    operation({
      family,
      method: 'PUT',
      paths: [`${apps}/:appId`],
      summary: 'Create an app, or replace its client secret and developer API key',
      access: 'control',
      request: { params: AppPathSchema, body: AppBodySchema },
      answer: answers.json(200, AppReplySchema),
      handle: async ({ core, params, body }) =>
        appReply(
          await core.apps.put({
            appId: params.appId,
            clientSecret: body.clientSecret,
            developerApiKey: body.developerApiKey,
          }),
        ),
    }),
    operation({
      family,
      method: 'DELETE',
      paths: [`${apps}/:appId`],
      summary: 'Delete an app with its webhook settings and subscriptions',
      access: 'control',
      request: { params: AppPathSchema },
      answer: answers.noContent(),
      handle: ({ core, params }) => core.apps.delete(params.appId),
    }),
  ];
}
