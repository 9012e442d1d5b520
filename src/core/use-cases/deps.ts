// What every use case is given: the store, the clock, the type catalog and the settings.
import type { AssociationTypeCatalog } from '../association-types.js';
import {
  customObjectType,
  isCustomTypeId,
  ObjectTypeDirectory,
  STANDARD_DIRECTORY,
} from '../object-types.js';
import type { LabelDefinition, LimitConfig } from '../model.js';
import type { Clock, SchemaReader, Store, StoreTransaction } from '../ports.js';

/** Settings HubSpot varies by subscription; the server lets its operator choose them. */
export interface CoreSettings {
  /** User-defined labels allowed between two object types (a paired label counts once). */
  readonly labelsPerPair: number;
  /** How long a write stays out of search results, in ms, unless a portal sets its own. */
  readonly searchLagMs: number;
  /**
   * What a record write naming a property the object type does not have gets: `refuse` answers
   * HubSpot's 400 PROPERTY_DOESNT_EXIST, `accept` stores it (docs/fidelity.md).
   */
  readonly undeclaredProperties: UndeclaredProperties;
}

/** The two behaviours of record writes naming undeclared properties. */
export type UndeclaredProperties = 'accept' | 'refuse';

/** Search lag per portal, where one was set (the control API's, in this process's memory). */
export type SearchLags = Map<number, number>;

export interface CoreDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** HubSpot's built-in association types, the same in every portal. */
  readonly builtIn: AssociationTypeCatalog;
  /** The types a use case resolves against: `builtIn`, plus the portal's labels once scoped. */
  readonly catalog: AssociationTypeCatalog;
  /** The object types: the standard ones, plus the portal's custom types once scoped. */
  readonly objectTypes: ObjectTypeDirectory;
  readonly settings: CoreSettings;
  readonly searchLags: SearchLags;
}

/**
 * The dependencies with the portal's labels in the catalog, read through `source` (the store for
 * reads, the transaction for writes, so a write resolves types against what it commits with).
 * Scoping twice reads nothing more.
 */
export async function forPortal(
  deps: CoreDeps,
  source: SchemaReader,
  portalId: number,
): Promise<CoreDeps> {
  if (deps.catalog !== deps.builtIn) return deps;
  return withLabels(deps, source, portalId, await source.listLabels(portalId));
}

/** `forPortal` for a write that counts limits: the labels and the limits in one read. */
export async function forPortalWrite(
  deps: CoreDeps,
  tx: StoreTransaction,
  portalId: number,
): Promise<{ scoped: CoreDeps; limits: LimitConfig[] }> {
  if (deps.catalog !== deps.builtIn) return { scoped: deps, limits: await tx.listLimits(portalId) };
  const { labels, limits } = await tx.labelsAndLimits(portalId);
  return { scoped: await withLabels(deps, tx, portalId, labels), limits };
}

/** The dependencies with the labels in the catalog, and the custom types they name. */
async function withLabels(
  deps: CoreDeps,
  source: SchemaReader,
  portalId: number,
  labels: readonly LabelDefinition[],
): Promise<CoreDeps> {
  // why: a custom type has associations only through its labels (its definitions are labels),
  // so a portal whose labels name none needs no read of its schemas.
  const touchesCustom = labels.some(
    (label) => isCustomTypeId(label.fromObjectTypeId) || isCustomTypeId(label.toObjectTypeId),
  );
  const objectTypes = touchesCustom
    ? await objectTypeDirectory(source, portalId)
    : STANDARD_DIRECTORY;
  return { ...deps, catalog: deps.builtIn.withLabels(labels), objectTypes };
}

/** The portal's object types: the standard ones and its live custom types. */
export async function objectTypeDirectory(
  source: SchemaReader,
  portalId: number,
): Promise<ObjectTypeDirectory> {
  const schemas = await source.listObjectSchemas(portalId);
  const live = schemas.filter((schema) => schema.archivedAt === null);
  if (live.length === 0) return STANDARD_DIRECTORY;
  return new ObjectTypeDirectory(live.map((schema) => customObjectType(portalId, schema)));
}
