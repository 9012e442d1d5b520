// Apps and their webhooks: apps (from the config file or the control API), their settings
// (target URL, throttling) and subscriptions, as HubSpot's webhooks API manages them.
import { batchItemError, DomainError, type BatchOutcome } from '../errors.js';
import type { StoredSubscription, WebhookApp, WebhookSettings } from '../ports.js';
import type { CoreDeps } from './deps.js';
import { hashToken } from './tokens.js';

/** Subscriptions one app may have, as HubSpot allows. */
export const MAX_SUBSCRIPTIONS_PER_APP = 1000;

/** The fewest concurrent requests HubSpot lets an app's settings ask for. */
export const MIN_CONCURRENT_REQUESTS = 5;

/** The object kinds of the legacy subscription types, and the actions each one offers. */
const LEGACY_ACTIONS = ['creation', 'deletion', 'merge', 'propertyChange', 'restore'] as const;
const ASSOCIATING = ['contact', 'company', 'deal', 'ticket', 'line_item'];

/** Every `eventType` HubSpot's webhooks API accepts. */
export const EVENT_TYPES: readonly string[] = [
  ...[...ASSOCIATING, 'product'].flatMap((kind) => LEGACY_ACTIONS.map((a) => `${kind}.${a}`)),
  ...ASSOCIATING.map((kind) => `${kind}.associationChange`),
  'contact.privacyDeletion',
  ...['creation', 'deletion', 'newMessage', 'privacyDeletion', 'propertyChange'].map(
    (action) => `conversation.${action}`,
  ),
  ...[...LEGACY_ACTIONS, 'associationChange'].map((action) => `object.${action}`),
  'event.completed',
].sort();

/** An app as the control API creates it. */
export interface AppInput {
  readonly appId: number;
  readonly clientSecret: string;
  /** The developer API key that manages its webhooks (`?hapikey=`); kept only as a hash. */
  readonly developerApiKey?: string | undefined;
}

export async function putApp(deps: CoreDeps, input: AppInput): Promise<WebhookApp> {
  if (input.clientSecret.trim() === '') {
    throw new DomainError('INVALID_INPUT', 'An app needs a client secret to sign its webhooks');
  }
  await deps.store.putApp({
    appId: input.appId,
    clientSecret: input.clientSecret,
    developerKeyHash: input.developerApiKey === undefined ? null : hashToken(input.developerApiKey),
    createdAt: deps.clock.now(),
  });
  return getApp(deps, input.appId);
}

export async function getApp(deps: CoreDeps, appId: number): Promise<WebhookApp> {
  const app = await deps.store.getApp(appId);
  if (!app)
    throw new DomainError('APP_NOT_FOUND', `No app with id ${appId}`, { appId: [`${appId}`] });
  return app;
}

export function listApps(deps: CoreDeps): Promise<WebhookApp[]> {
  return deps.store.listApps();
}

export async function deleteApp(deps: CoreDeps, appId: number): Promise<void> {
  if (!(await deps.store.deleteApp(appId))) await getApp(deps, appId);
}

/**
 * Whether `key` is the developer API key of the app. An app made without one accepts none: its
 * webhooks are managed with the admin token (strict mode) or by anyone (open mode).
 */
export async function isDeveloperKeyOf(
  deps: CoreDeps,
  appId: number,
  key: string,
): Promise<boolean> {
  const app = await deps.store.getApp(appId);
  return app?.developerKeyHash != null && app.developerKeyHash === hashToken(key);
}

/** The app whose developer API key `key` is, or null (apps made without one have none). */
export async function appWithDeveloperKey(deps: CoreDeps, key: string): Promise<number | null> {
  const hash = hashToken(key);
  const apps = await deps.store.listApps();
  return apps.find((app) => app.developerKeyHash === hash)?.appId ?? null;
}

export async function getSettings(deps: CoreDeps, appId: number): Promise<WebhookSettings> {
  const { settings } = await getApp(deps, appId);
  if (!settings) {
    throw new DomainError(
      'WEBHOOK_SETTINGS_NOT_FOUND',
      `No webhook settings found for app ${appId}`,
    );
  }
  return settings;
}

/** What the settings operation sends. */
export interface SettingsInput {
  readonly targetUrl: string;
  readonly maxConcurrentRequests: number;
  readonly period?: string | undefined;
}

function checkTargetUrl(targetUrl: string): void {
  let url: URL | null = null;
  try {
    url = new URL(targetUrl);
  } catch {
    url = null;
  }
  // HubSpot asks for https; receivers of a local server are usually plain http on localhost.
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new DomainError('INVALID_INPUT', `targetUrl must be an http or https URL: ${targetUrl}`, {
      targetUrl: [targetUrl],
    });
  }
}

export async function putSettings(
  deps: CoreDeps,
  appId: number,
  input: SettingsInput,
): Promise<WebhookSettings> {
  const app = await getApp(deps, appId);
  checkTargetUrl(input.targetUrl);
  if (input.maxConcurrentRequests < MIN_CONCURRENT_REQUESTS) {
    throw new DomainError(
      'INVALID_INPUT',
      `throttling.maxConcurrentRequests must be at least ${MIN_CONCURRENT_REQUESTS}`,
      { maxConcurrentRequests: [`${input.maxConcurrentRequests}`] },
    );
  }
  const now = deps.clock.now();
  const settings: WebhookSettings = {
    targetUrl: input.targetUrl,
    maxConcurrentRequests: input.maxConcurrentRequests,
    period: input.period ?? null,
    createdAt: app.settings?.createdAt ?? now,
    updatedAt: now,
  };
  await deps.store.putWebhookSettings(appId, settings);
  return settings;
}

export async function deleteSettings(deps: CoreDeps, appId: number): Promise<void> {
  await getApp(deps, appId);
  await deps.store.putWebhookSettings(appId, null);
}

export async function listSubscriptions(
  deps: CoreDeps,
  appId: number,
): Promise<StoredSubscription[]> {
  await getApp(deps, appId);
  return deps.store.listSubscriptions(appId);
}

export async function getSubscription(
  deps: CoreDeps,
  appId: number,
  subscriptionId: number,
): Promise<StoredSubscription> {
  const found = (await listSubscriptions(deps, appId)).find((s) => s.id === subscriptionId);
  if (!found) throw subscriptionNotFound(subscriptionId);
  return found;
}

function subscriptionNotFound(subscriptionId: number): DomainError {
  return new DomainError(
    'SUBSCRIPTION_NOT_FOUND',
    `Failed to find subscription by id \`${subscriptionId}\`.`,
    { subscriptionId: [`${subscriptionId}`] },
  );
}

/** What a create sends. */
export interface SubscriptionInput {
  readonly eventType: string;
  readonly propertyName?: string | undefined;
  readonly objectTypeId?: string | undefined;
  readonly active?: boolean | undefined;
}

function checkSubscription(input: SubscriptionInput): void {
  const invalid = (message: string, field: string, value: string) =>
    new DomainError('INVALID_INPUT', message, { [field]: [value] });
  if (!EVENT_TYPES.includes(input.eventType)) {
    throw invalid(`Unknown eventType: ${input.eventType}`, 'eventType', input.eventType);
  }
  const propertyChange = input.eventType.endsWith('.propertyChange');
  if (propertyChange && !input.propertyName) {
    throw invalid(`${input.eventType} needs a propertyName`, 'eventType', input.eventType);
  }
  if (!propertyChange && input.propertyName !== undefined) {
    throw invalid(
      `Only propertyChange subscriptions take a propertyName`,
      'propertyName',
      input.propertyName,
    );
  }
  const generic = input.eventType.startsWith('object.');
  if (generic && !input.objectTypeId) {
    throw invalid(`${input.eventType} needs an objectTypeId`, 'eventType', input.eventType);
  }
  if (!generic && input.objectTypeId !== undefined) {
    throw invalid(
      `Only object.* subscriptions take an objectTypeId`,
      'objectTypeId',
      input.objectTypeId,
    );
  }
}

export async function createSubscription(
  deps: CoreDeps,
  appId: number,
  input: SubscriptionInput,
): Promise<StoredSubscription> {
  const existing = await listSubscriptions(deps, appId);
  checkSubscription(input);
  if (existing.length >= MAX_SUBSCRIPTIONS_PER_APP) {
    throw new DomainError(
      'SUBSCRIPTION_LIMIT_REACHED',
      `An app can have at most ${MAX_SUBSCRIPTIONS_PER_APP} subscriptions`,
    );
  }
  return deps.store.insertSubscription({
    appId,
    eventType: input.eventType,
    propertyName: input.propertyName ?? null,
    objectTypeId: input.objectTypeId ?? null,
    active: input.active ?? true,
    createdAt: deps.clock.now(),
  });
}

export async function setSubscriptionActive(
  deps: CoreDeps,
  appId: number,
  subscriptionId: number,
  active: boolean,
): Promise<StoredSubscription> {
  await getApp(deps, appId);
  const [updated] = await deps.store.setSubscriptionsActive(
    appId,
    [{ id: subscriptionId, active }],
    deps.clock.now(),
  );
  if (!updated) throw subscriptionNotFound(subscriptionId);
  return updated;
}

/**
 * Sets `active` on each subscription named; ids the app does not have fail their input, the rest
 * are written. An id named twice takes its last input's value.
 */
export async function batchSetActive(
  deps: CoreDeps,
  appId: number,
  inputs: readonly { readonly id: number; readonly active: boolean }[],
): Promise<BatchOutcome<StoredSubscription>> {
  await getApp(deps, appId);
  const last = new Map(inputs.map((input) => [input.id, input.active]));
  const results = await deps.store.setSubscriptionsActive(
    appId,
    [...last].map(([id, active]) => ({ id, active })),
    deps.clock.now(),
  );
  const found = new Set(results.map((subscription) => subscription.id));
  const missing = [...last.keys()].filter((id) => !found.has(id));
  return {
    results,
    errors: missing.map((id) =>
      batchItemError('SUBSCRIPTION_ID_NOT_FOUND', `Failed to find subscriptions by id \`${id}\`.`, {
        ids: [`${id}`],
      }),
    ),
  };
}

export async function deleteSubscription(
  deps: CoreDeps,
  appId: number,
  subscriptionId: number,
): Promise<void> {
  await getApp(deps, appId);
  if (!(await deps.store.deleteSubscription(appId, subscriptionId))) {
    throw subscriptionNotFound(subscriptionId);
  }
}
