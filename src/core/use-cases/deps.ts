// What every use case is given: the store, the clock and the association type catalog.
import type { AssociationTypeCatalog } from '../association-types.js';
import type { Clock, Store } from '../ports.js';

export interface CoreDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly catalog: AssociationTypeCatalog;
}
