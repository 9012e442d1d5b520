// HubSpot's webhooks journal (2026-03): an app's journal subscriptions and filters, reads of its
// journal (global, and one portal's local journal) by offset, the files entries link to, and
// snapshots. The app is the one whose developer API key the request carries.
import type { FastifyRequest } from 'fastify';
import type { JournalFilter, JournalSnapshot, JournalSubscription } from '../../core/ports.js';
import {
  MAX_JOURNAL_BATCH_READ,
  type JournalEntryView,
  type JournalScope,
} from '../../core/use-cases/webhooks-journal.js';
import { JOURNAL_SCOPES } from '../../core/use-cases/app-tokens.js';
import type { ScopeRequirement } from '../../core/scopes.js';
import { answers, operation, type Operation } from '../operation.js';
import {
  JournalBatchReadBodySchema,
  JournalBatchReplySchema,
  JournalCountPathSchema,
  JournalEntryReplySchema,
  JournalFileReplySchema,
  JournalFileTokenPathSchema,
  JournalFilterBodySchema,
  JournalFilterCreatedReplySchema,
  JournalFilterListReplySchema,
  JournalFilterPathSchema,
  JournalFilterReplySchema,
  JournalOffsetCountPathSchema,
  JournalOffsetPathSchema,
  JournalPortalPathSchema,
  JournalQuerySchema,
  JournalSubscriptionBodySchema,
  JournalSubscriptionListReplySchema,
  JournalSubscriptionPathSchema,
  JournalSubscriptionReplySchema,
  SnapshotBodySchema,
  SnapshotReplySchema,
  SnapshotStatusPathSchema,
  SnapshotStatusReplySchema,
} from '../schemas/webhooks-journal.js';

const family = { name: 'webhooks journal 2026-03' } as const;
const SUBSCRIPTIONS = '/webhooks-journal/subscriptions/2026-03';
const SNAPSHOTS = '/webhooks-journal/snapshots/2026-03';

/** The scope a client-credentials token needs (strict mode): the docs' name or the spec's. */
function needs(names: readonly string[]): ScopeRequirement {
  return { scope: names[0] ?? '', grantedBy: names };
}
const READ = needs(JOURNAL_SCOPES.read);
const SUBSCRIPTIONS_READ = needs(JOURNAL_SCOPES.subscriptionsRead);
const SUBSCRIPTIONS_WRITE = needs(JOURNAL_SCOPES.subscriptionsWrite);
const SNAPSHOTS_READ = needs(JOURNAL_SCOPES.snapshotsRead);
const SNAPSHOTS_WRITE = needs(JOURNAL_SCOPES.snapshotsWrite);

/** Where journal files are served: a path of this server, fetched without credentials. */
export const JOURNAL_FILES_PATH = '/_emulator/journal-files';

/** The app an operation acts for, as authentication found it. */
function appOf(request: FastifyRequest): number {
  if (request.appId === null) throw new Error('an app operation ran without an app');
  return request.appId;
}

/** HubSpot's subscription answer: the fields of the subscription's own shape. */
function subscriptionReply(subscription: JournalSubscription) {
  const { subscriptionType: type } = subscription;
  const lifecycle = type === 'APP_LIFECYCLE_EVENT';
  return {
    id: subscription.id,
    appId: subscription.appId,
    ...(lifecycle ? {} : { portalId: subscription.portalId }),
    subscriptionType: type,
    objectTypeId: subscription.objectTypeId,
    actions: [...subscription.actions],
    ...(type === 'OBJECT' || type === 'ASSOCIATION' || type === 'LIST_MEMBERSHIP'
      ? { objectIds: [...subscription.objectIds] }
      : {}),
    ...(type === 'ASSOCIATION'
      ? { associatedObjectTypeIds: [...subscription.associatedObjectTypeIds] }
      : {}),
    ...(type === 'LIST_MEMBERSHIP' ? { listIds: [...subscription.listIds] } : {}),
    ...(type === 'OBJECT' || lifecycle ? { properties: [...subscription.properties] } : {}),
    createdAt: subscription.createdAt.toISOString(),
    updatedAt: subscription.updatedAt.toISOString(),
  };
}

function filterReply(filter: JournalFilter) {
  return {
    id: filter.id,
    filter: { conditions: filter.conditions.map((condition) => ({ ...condition })) },
    createdAt: filter.createdAt.getTime(),
  };
}

function snapshotReply(snapshot: JournalSnapshot) {
  return {
    id: snapshot.id,
    initiatedAt: snapshot.initiatedAt.getTime(),
    ...(snapshot.completedAt === null ? {} : { completedAt: snapshot.completedAt.getTime() }),
    status: snapshot.status,
    ...(snapshot.errorCode === null ? {} : { errorCode: snapshot.errorCode }),
    ...(snapshot.message === null ? {} : { message: snapshot.message }),
  };
}

/** An entry as HubSpot answers it: its offset, expiry and the URL of its file on this server. */
function entryReply(request: FastifyRequest, entry: JournalEntryView) {
  return {
    currentOffset: entry.currentOffset,
    expiresAt: entry.expiresAt.toISOString(),
    url: `${request.protocol}://${request.host}${JOURNAL_FILES_PATH}/${entry.fileToken}`,
  };
}

function subscriptionOperations(): Operation[] {
  return [
    operation({
      family,
      method: 'GET',
      paths: [SUBSCRIPTIONS],
      summary: "The app's journal subscriptions",
      access: 'app',
      scopes: SUBSCRIPTIONS_READ,
      request: {},
      answer: answers.json(200, JournalSubscriptionListReplySchema),
      handle: async ({ core, request }) => ({
        results: (await core.journal.listSubscriptions(appOf(request))).map(subscriptionReply),
      }),
    }),
    operation({
      family,
      method: 'POST',
      paths: [SUBSCRIPTIONS],
      summary:
        'Creates a journal subscription, or replaces the one of the same type, portal and object type',
      access: 'app',
      scopes: SUBSCRIPTIONS_WRITE,
      request: { body: JournalSubscriptionBodySchema },
      answer: answers.json(200, JournalSubscriptionReplySchema),
      handle: async ({ core, request, body }) =>
        subscriptionReply(await core.journal.upsertSubscription(appOf(request), body)),
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${SUBSCRIPTIONS}/:subscriptionId`],
      summary: 'One journal subscription',
      access: 'app',
      scopes: SUBSCRIPTIONS_READ,
      request: { params: JournalSubscriptionPathSchema },
      answer: answers.json(200, JournalSubscriptionReplySchema),
      handle: async ({ core, request, params }) =>
        subscriptionReply(
          await core.journal.getSubscription(appOf(request), params.subscriptionId),
        ),
    }),
    operation({
      family,
      method: 'DELETE',
      paths: [`${SUBSCRIPTIONS}/:subscriptionId`],
      summary: 'Deletes one journal subscription with its filters',
      access: 'app',
      scopes: SUBSCRIPTIONS_WRITE,
      request: { params: JournalSubscriptionPathSchema },
      answer: answers.noContent(),
      handle: ({ core, request, params }) =>
        core.journal.deleteSubscription(appOf(request), params.subscriptionId),
    }),
    operation({
      family,
      method: 'DELETE',
      paths: [`${SUBSCRIPTIONS}/portals/:portalId`],
      summary: "Deletes the app's journal subscriptions of one portal",
      access: 'app',
      scopes: SUBSCRIPTIONS_WRITE,
      request: { params: JournalPortalPathSchema },
      answer: answers.noContent(),
      handle: ({ core, request, params }) =>
        core.journal.deletePortalSubscriptions(appOf(request), params.portalId),
    }),
    operation({
      family,
      method: 'POST',
      paths: [`${SUBSCRIPTIONS}/filters`],
      summary: 'Adds a filter of property conditions to a journal subscription',
      access: 'app',
      scopes: SUBSCRIPTIONS_WRITE,
      request: { body: JournalFilterBodySchema },
      answer: answers.json(200, JournalFilterCreatedReplySchema),
      handle: async ({ core, request, body }) => ({
        filterId: (
          await core.journal.createFilter(
            appOf(request),
            body.subscriptionId,
            body.filter.conditions,
          )
        ).id,
      }),
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${SUBSCRIPTIONS}/filters/:filterId`],
      summary: 'One journal filter',
      access: 'app',
      scopes: SUBSCRIPTIONS_READ,
      request: { params: JournalFilterPathSchema },
      answer: answers.json(200, JournalFilterReplySchema),
      handle: async ({ core, request, params }) =>
        filterReply(await core.journal.getFilter(appOf(request), params.filterId)),
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${SUBSCRIPTIONS}/filters/subscription/:subscriptionId`],
      summary: "A journal subscription's filters",
      access: 'app',
      scopes: SUBSCRIPTIONS_READ,
      request: { params: JournalSubscriptionPathSchema },
      answer: answers.json(200, JournalFilterListReplySchema),
      handle: async ({ core, request, params }) =>
        (await core.journal.filtersOfSubscription(appOf(request), params.subscriptionId)).map(
          filterReply,
        ),
    }),
    operation({
      family,
      method: 'DELETE',
      paths: [`${SUBSCRIPTIONS}/filters/:filterId`],
      summary: 'Deletes one journal filter',
      access: 'app',
      scopes: SUBSCRIPTIONS_WRITE,
      request: { params: JournalFilterPathSchema },
      answer: answers.noContent(),
      handle: ({ core, request, params }) =>
        core.journal.deleteFilter(appOf(request), params.filterId),
    }),
  ];
}

/** The journal reads of one spelling: the global journal, or one portal's local journal. */
function journalOperations(prefix: string, local: boolean): Operation[] {
  const where = local ? "one portal's entries of the app's journal" : "the app's journal";
  const scopeOf = (request: FastifyRequest, installPortalId: number | undefined): JournalScope => ({
    appId: appOf(request),
    portalId: local ? (installPortalId ?? request.portalId) : (installPortalId ?? null),
  });
  const one = (kind: 'earliest' | 'latest', summary: string) =>
    operation({
      family,
      method: 'GET',
      paths: [`${prefix}/${kind}`],
      summary,
      access: 'app',
      scopes: READ,
      request: { querystring: JournalQuerySchema },
      answer: answers.jsonOrNoContent(200, JournalEntryReplySchema),
      handle: async ({ core, request, query }) => {
        const [entry] = await core.journal.readEntries(
          scopeOf(request, query.installPortalId),
          { kind },
          1,
        );
        return entry ? entryReply(request, entry) : null;
      },
    });
  const batch = (
    path: string,
    summary: string,
    position: (params: {
      offset?: string;
      count: number;
    }) => { kind: 'earliest' | 'latest' } | { kind: 'after'; offset: string },
    params: typeof JournalCountPathSchema | typeof JournalOffsetCountPathSchema,
  ) =>
    operation({
      family,
      method: 'GET',
      paths: [`${prefix}/${path}`],
      summary,
      access: 'app',
      scopes: READ,
      request: { params, querystring: JournalQuerySchema },
      answer: answers.batch({ success: 200, multiStatus: false }, JournalBatchReplySchema),
      handle: async ({ core, request, params: given, query }) => {
        const entries = await core.journal.readEntries(
          scopeOf(request, query.installPortalId),
          position(given),
          given.count,
        );
        return { results: entries.map((entry) => entryReply(request, entry)), errors: [] };
      },
    });
  return [
    one('earliest', `The earliest unexpired entry of ${where}`),
    one('latest', `The latest entry of ${where}`),
    operation({
      family,
      method: 'GET',
      paths: [`${prefix}/offset/:offset/next`],
      summary: `The entry after an offset, in ${where}`,
      access: 'app',
      scopes: READ,
      request: { params: JournalOffsetPathSchema, querystring: JournalQuerySchema },
      answer: answers.jsonOrNoContent(200, JournalEntryReplySchema),
      handle: async ({ core, request, params, query }) => {
        const [entry] = await core.journal.readEntries(
          scopeOf(request, query.installPortalId),
          { kind: 'after', offset: params.offset },
          1,
        );
        return entry ? entryReply(request, entry) : null;
      },
    }),
    batch(
      'batch/earliest/:count',
      `The earliest entries of ${where}, oldest first`,
      () => ({ kind: 'earliest' }),
      JournalCountPathSchema,
    ),
    batch(
      'batch/latest/:count',
      `The latest entries of ${where}, oldest first`,
      () => ({ kind: 'latest' }),
      JournalCountPathSchema,
    ),
    batch(
      'batch/:offset/next/:count',
      `The entries after an offset, in ${where}`,
      (given) => ({ kind: 'after', offset: given.offset ?? '' }),
      JournalOffsetCountPathSchema,
    ),
    operation({
      family,
      method: 'POST',
      paths: [`${prefix}/batch/read`],
      summary: `The entries of ${where} at the offsets given (207 for offsets naming none)`,
      access: 'app',
      scopes: READ,
      request: { body: JournalBatchReadBodySchema, querystring: JournalQuerySchema },
      answer: answers.batch({ success: 200, multiStatus: true }, JournalBatchReplySchema),
      batchLimit: MAX_JOURNAL_BATCH_READ,
      handle: async ({ core, request, body, query }) => {
        const outcome = await core.journal.readOffsets(
          scopeOf(request, query.installPortalId),
          body.inputs,
        );
        return {
          results: outcome.results.map((entry) => entryReply(request, entry)),
          errors: outcome.errors,
        };
      },
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${prefix}/status/:statusId`],
      summary: "A snapshot's status",
      access: 'app',
      scopes: SNAPSHOTS_READ,
      request: { params: SnapshotStatusPathSchema },
      answer: answers.json(200, SnapshotStatusReplySchema),
      handle: async ({ core, request, params }) =>
        snapshotReply(await core.journal.getSnapshot(appOf(request), params.statusId)),
    }),
  ];
}

export function webhooksJournalOperations(): Operation[] {
  return [
    ...subscriptionOperations(),
    ...journalOperations('/webhooks-journal/journal/2026-03', false),
    ...journalOperations('/webhooks-journal/journal-local/2026-03', true),
    operation({
      family,
      method: 'POST',
      paths: [`${SNAPSHOTS}/crm`],
      summary: "Takes snapshots of records' current values, delivered through the journal",
      access: 'app',
      scopes: SNAPSHOTS_WRITE,
      request: { body: SnapshotBodySchema },
      answer: answers.json(200, SnapshotReplySchema),
      handle: async ({ core, request, body }) => ({
        snapshotResponses: (
          await core.journal.createSnapshots(appOf(request), body.snapshotRequests)
        ).map((snapshot) => ({
          portalId: snapshot.portalId,
          objectTypeId: snapshot.objectTypeId,
          objectId: snapshot.objectId,
          snapshotStatusId: snapshot.snapshotStatusId,
        })),
      }),
    }),
    operation({
      family,
      method: 'GET',
      paths: [`${JOURNAL_FILES_PATH}/:token`],
      summary: "A journal entry's file: its offset, publication time and events (no credentials)",
      access: 'public',
      request: { params: JournalFileTokenPathSchema },
      answer: answers.json(200, JournalFileReplySchema),
      handle: ({ core, params }) => core.journal.file(params.token),
    }),
  ];
}
