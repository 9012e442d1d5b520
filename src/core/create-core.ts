// The composition root of the domain: binds every use case to its dependencies once.
import { HUBSPOT_DEFINED_CATALOG } from './association-types.js';
import type { Clock, Store } from './ports.js';
import * as reads from './use-cases/association-reads.js';
import * as writes from './use-cases/association-writes.js';
import * as named from './use-cases/named-associations.js';
import type { CoreDeps } from './use-cases/deps.js';
import * as records from './use-cases/records.js';

type Bound<F> = F extends (deps: CoreDeps, ...args: infer A) => infer R ? (...args: A) => R : never;

function bind<F extends (deps: CoreDeps, ...args: never[]) => unknown>(
  deps: CoreDeps,
  fn: F,
): Bound<F> {
  return ((...args: never[]) => fn(deps, ...args)) as Bound<F>;
}

/** Options of the core; the store is the only one without a default. */
export interface CoreOptions {
  readonly store: Store;
  readonly clock?: Clock;
}

/** Every use case, named after HubSpot's operations, with its dependencies bound. */
export function createCore(options: CoreOptions) {
  const deps: CoreDeps = {
    store: options.store,
    clock: options.clock ?? { now: () => new Date() },
    catalog: HUBSPOT_DEFINED_CATALOG,
  };
  return {
    catalog: deps.catalog,
    clock: deps.clock,
    associations: {
      getPage: bind(deps, reads.getPage),
      batchRead: bind(deps, reads.batchRead),
      createLabelled: bind(deps, writes.createLabelled),
      associateDefault: bind(deps, writes.associateDefault),
      archivePairs: bind(deps, writes.archivePairs),
      archiveLabels: bind(deps, writes.archiveLabels),
    },
    named: {
      create: bind(deps, named.createNamed),
      archive: bind(deps, named.archiveNamed),
      batchRead: bind(deps, named.batchReadNamed),
      listTypes: bind(deps, named.listTypes),
    },
    records: {
      create: bind(deps, records.createRecords),
      get: bind(deps, records.getRecord),
      list: bind(deps, records.listRecords),
      update: bind(deps, records.updateRecord),
      archive: bind(deps, records.archiveRecords),
      batchRead: bind(deps, records.batchReadRecords),
      batchUpdate: bind(deps, records.batchUpdateRecords),
    },
  };
}

/** The bound use cases the HTTP layer calls. */
export type Core = ReturnType<typeof createCore>;
