// The composition root of the domain: binds every use case to its dependencies once.
import { HUBSPOT_DEFINED_CATALOG } from './association-types.js';
import { STANDARD_DIRECTORY } from './object-types.js';
import type { Clock, CommitHook, DeliveryQueue, Store } from './ports.js';
import * as reads from './use-cases/association-reads.js';
import * as writes from './use-cases/association-writes.js';
import * as gdpr from './use-cases/gdpr-delete.js';
import * as named from './use-cases/named-associations.js';
import type { CoreDeps, CoreSettings, UndeclaredProperties } from './use-cases/deps.js';
import * as labels from './use-cases/labels.js';
import * as legacy from './use-cases/legacy-associations.js';
import * as legacyObjects from './use-cases/legacy-objects.js';
import * as limits from './use-cases/limits.js';
import * as schemas from './use-cases/object-schemas.js';
import * as portals from './use-cases/portals.js';
import * as properties from './use-cases/property-definitions.js';
import * as recordAssociations from './use-cases/record-associations.js';
import * as recordMerge from './use-cases/record-merge.js';
import * as recordSearch from './use-cases/record-search.js';
import * as recordReads from './use-cases/record-reads.js';
import * as recordUpsert from './use-cases/record-upsert.js';
import * as recordWrites from './use-cases/record-writes.js';
import * as tokens from './use-cases/tokens.js';
import * as webhooks from './use-cases/webhooks.js';
import * as deliveries from './use-cases/webhook-deliveries.js';
import * as journal from './use-cases/webhooks-journal.js';
import * as appTokens from './use-cases/app-tokens.js';

type Bound<F> = F extends (deps: CoreDeps, ...args: infer A) => infer R ? (...args: A) => R : never;

function bind<F extends (deps: CoreDeps, ...args: never[]) => unknown>(
  deps: CoreDeps,
  fn: F,
): Bound<F> {
  return ((...args: never[]) => fn(deps, ...args)) as Bound<F>;
}

/**
 * User-defined labels allowed between two object types by default: live portals answer 437 at
 * the 51st (HubSpot's older docs said 10); see docs/fidelity.md.
 */
export const DEFAULT_LABELS_PER_PAIR = 50;

/** What record writes naming undeclared properties get by default; see docs/fidelity.md. */
export const DEFAULT_UNDECLARED_PROPERTIES: UndeclaredProperties = 'accept';

/** Options of the core; the store is the only one without a default. */
export interface CoreOptions {
  readonly store: Store;
  readonly clock?: Clock;
  readonly settings?: Partial<CoreSettings>;
}

/** Every use case, named after HubSpot's operations, with its dependencies bound. */
export function createCore(options: CoreOptions) {
  const deps: CoreDeps = {
    store: options.store,
    clock: options.clock ?? { now: () => new Date() },
    builtIn: HUBSPOT_DEFINED_CATALOG,
    catalog: HUBSPOT_DEFINED_CATALOG,
    objectTypes: STANDARD_DIRECTORY,
    settings: {
      labelsPerPair: DEFAULT_LABELS_PER_PAIR,
      searchLagMs: 0,
      undeclaredProperties: DEFAULT_UNDECLARED_PROPERTIES,
      ...options.settings,
    },
    searchLags: new Map(),
  };
  return {
    clock: deps.clock,
    associations: {
      getPage: bind(deps, reads.getPage),
      getTwoWayPage: bind(deps, reads.getTwoWayPage),
      batchRead: bind(deps, reads.batchRead),
      createLabelled: bind(deps, writes.createLabelled),
      associateDefault: bind(deps, writes.associateDefault),
      archivePairs: bind(deps, writes.archivePairs),
      archiveLabels: bind(deps, writes.archiveLabels),
    },
    labels: {
      list: bind(deps, labels.listLabels),
      create: bind(deps, labels.createLabel),
      update: bind(deps, labels.updateLabel),
      delete: bind(deps, labels.deleteLabel),
    },
    legacy: {
      create: bind(deps, legacy.createLegacy),
      delete: bind(deps, legacy.deleteLegacy),
      read: bind(deps, legacy.readLegacy),
      definitionObjectTypes: bind(deps, legacy.definitionObjectTypes),
      associateDeal: bind(deps, legacyObjects.associateDeal),
      dissociateDeal: bind(deps, legacyObjects.dissociateDeal),
      addContactToCompany: bind(deps, legacyObjects.addContactToCompany),
      removeContactFromCompany: bind(deps, legacyObjects.removeContactFromCompany),
      companyContactIds: bind(deps, legacyObjects.companyContactIds),
    },
    limits: {
      list: bind(deps, limits.listLimits),
      put: bind(deps, limits.putLimits),
      purge: bind(deps, limits.purgeLimits),
    },
    named: {
      create: bind(deps, named.createNamed),
      archive: bind(deps, named.archiveNamed),
      batchRead: bind(deps, named.batchReadNamed),
      listTypes: bind(deps, named.listTypes),
      listTargets: bind(deps, recordAssociations.listNamedTargets),
      addType: bind(deps, recordAssociations.addNamedType),
      removeType: bind(deps, recordAssociations.removeNamedType),
    },
    schemas: {
      list: bind(deps, schemas.listSchemas),
      get: bind(deps, schemas.getSchema),
      batchRead: bind(deps, schemas.batchReadSchemas),
      create: bind(deps, schemas.createSchema),
      update: bind(deps, schemas.updateSchema),
      delete: bind(deps, schemas.deleteSchema),
      createAssociation: bind(deps, schemas.createAssociationDefinition),
      deleteAssociation: bind(deps, schemas.deleteAssociationDefinition),
      objectTypes: bind(deps, schemas.objectTypes),
      propertyDefinitionsOf: bind(deps, schemas.propertyDefinitionsOf),
    },
    portals: {
      list: bind(deps, portals.listPortals),
      get: bind(deps, portals.getPortal),
      ensure: bind(deps, portals.ensurePortal),
      create: bind(deps, portals.createPortal),
      delete: bind(deps, portals.deletePortal),
      reset: bind(deps, portals.resetPortal),
      resetAll: bind(deps, portals.resetAllPortals),
      exportDocument: bind(deps, portals.exportDocument),
      importDocument: bind(deps, portals.importDocument),
      exportItems: bind(deps, portals.exportItems),
      summary: bind(deps, portals.portalSummary),
      importItems: bind(deps, portals.importItems),
    },
    properties: {
      list: bind(deps, properties.listProperties),
      get: bind(deps, properties.getProperty),
      create: bind(deps, properties.createProperty),
      update: bind(deps, properties.updateProperty),
      archive: bind(deps, properties.archiveProperty),
      batchCreate: bind(deps, properties.batchCreateProperties),
      batchRead: bind(deps, properties.batchReadProperties),
      batchArchive: bind(deps, properties.batchArchiveProperties),
      listGroups: bind(deps, properties.listPropertyGroups),
      getGroup: bind(deps, properties.getPropertyGroup),
      createGroup: bind(deps, properties.createPropertyGroup),
      updateGroup: bind(deps, properties.updatePropertyGroup),
      archiveGroup: bind(deps, properties.archivePropertyGroup),
    },
    tokens: {
      create: bind(deps, tokens.createToken),
      authenticate: bind(deps, tokens.authenticate),
      list: bind(deps, tokens.listTokens),
      delete: bind(deps, tokens.deleteToken),
    },
    apps: {
      put: bind(deps, webhooks.putApp),
      get: bind(deps, webhooks.getApp),
      list: bind(deps, webhooks.listApps),
      delete: bind(deps, webhooks.deleteApp),
      isDeveloperKeyOf: bind(deps, webhooks.isDeveloperKeyOf),
      withDeveloperKey: bind(deps, webhooks.appWithDeveloperKey),
      issueToken: bind(deps, appTokens.issueAppToken),
      verifyToken: bind(deps, appTokens.verifyAppToken),
    },
    journal: {
      upsertSubscription: bind(deps, journal.upsertSubscription),
      listSubscriptions: bind(deps, journal.listSubscriptions),
      getSubscription: bind(deps, journal.getSubscription),
      deleteSubscription: bind(deps, journal.deleteSubscription),
      deletePortalSubscriptions: bind(deps, journal.deletePortalSubscriptions),
      createFilter: bind(deps, journal.createFilter),
      getFilter: bind(deps, journal.getFilter),
      filtersOfSubscription: bind(deps, journal.filtersOfSubscription),
      deleteFilter: bind(deps, journal.deleteFilter),
      readEntries: bind(deps, journal.readEntries),
      readOffsets: bind(deps, journal.readOffsets),
      file: bind(deps, journal.journalFile),
      createSnapshots: bind(deps, journal.createSnapshots),
      getSnapshot: bind(deps, journal.getSnapshot),
    },
    webhooks: {
      getSettings: bind(deps, webhooks.getSettings),
      putSettings: bind(deps, webhooks.putSettings),
      deleteSettings: bind(deps, webhooks.deleteSettings),
      listSubscriptions: bind(deps, webhooks.listSubscriptions),
      getSubscription: bind(deps, webhooks.getSubscription),
      createSubscription: bind(deps, webhooks.createSubscription),
      setSubscriptionActive: bind(deps, webhooks.setSubscriptionActive),
      batchSetActive: bind(deps, webhooks.batchSetActive),
      deleteSubscription: bind(deps, webhooks.deleteSubscription),
    },
    records: {
      create: bind(deps, recordWrites.createRecords),
      get: bind(deps, recordReads.getRecord),
      list: bind(deps, recordReads.listRecords),
      update: bind(deps, recordWrites.updateRecord),
      archive: bind(deps, recordWrites.archiveRecords),
      batchRead: bind(deps, recordReads.batchReadRecords),
      batchUpdate: bind(deps, recordWrites.batchUpdateRecords),
      merge: bind(deps, recordMerge.mergeRecords),
      upsert: bind(deps, recordUpsert.upsertRecords),
      gdprDelete: bind(deps, gdpr.gdprDelete),
      search: bind(deps, recordSearch.searchRecords),
      searchLag: bind(deps, recordSearch.searchLag),
      setSearchLag: bind(deps, recordSearch.setSearchLag),
    },
    deliveries: {
      /** What the deliverer drains: the store's webhook event log. */
      queue: deps.store as DeliveryQueue,
      list: bind(deps, deliveries.listDeliveries),
      /** Has every write log its events with `hook` before it commits (null: none). */
      logEventsWith: (hook: CommitHook | null) => {
        deps.store.setCommitHook(hook);
      },
    },
  };
}

/** The bound use cases the HTTP layer calls. */
export type Core = ReturnType<typeof createCore>;
