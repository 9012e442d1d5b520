// CRM search: a page of the live records of one type that match a request's filters and text
// query, in its order, with the number matching in all.
import type { CrmRecord, CustomObjectSchema, PropertyType } from '../model.js';
import type { StandardObjectType } from '../object-types.js';
import { nextAfter, planSearch, type SearchRequest } from '../rules/search.js';
import type { CoreDeps } from './deps.js';
import { getPortal } from './portals.js';
import { propertyTypesOf } from './property-definitions.js';

/** A page of a search. */
export interface SearchResult {
  readonly total: number;
  readonly records: CrmRecord[];
  /** Where the next page starts (HubSpot's offset, as a string), when one follows. */
  readonly nextAfter?: string;
}

/** The value types of a custom type's properties, as its schema defines them; strings otherwise. */
function schemaPropertyTypes(schema: CustomObjectSchema): (name: string) => PropertyType {
  const types = new Map(schema.properties.map((property) => [property.name, property.type]));
  return (name) => (types.get(name) as PropertyType | undefined) ?? 'string';
}

export async function searchRecords(
  deps: CoreDeps,
  portalId: number,
  type: StandardObjectType,
  request: SearchRequest,
): Promise<SearchResult> {
  const lag = searchLag(deps, portalId);
  const planned = type.schema
    ? planSearch(
        type.id,
        request,
        schemaPropertyTypes(type.schema),
        type.schema.searchableProperties,
      )
    : planSearch(
        type.id,
        request,
        await propertyTypesOf(deps, portalId, type, propertiesNamed(request)),
      );
  const search = lag > 0 ? { ...planned, writtenBy: deps.clock.now().getTime() - lag } : planned;
  const page = await deps.store.searchRecords(portalId, type.id, search);
  const next = nextAfter(search.offset, page.records.length, page.total);
  return {
    total: page.total,
    records: page.records,
    ...(next === undefined ? {} : { nextAfter: next }),
  };
}

/** The properties a search filters or sorts by (associations and record columns included). */
function propertiesNamed(request: SearchRequest): string[] {
  const filters = (request.filterGroups ?? []).flatMap((group) =>
    group.filters.map((filter) => filter.propertyName),
  );
  const sorts = (request.sorts ?? []).map((sort) =>
    typeof sort === 'string' ? sort : sort.propertyName,
  );
  return [...filters, ...sorts].filter((name) => !name.startsWith('associations.'));
}

/** How long a portal's writes stay out of search results, in ms (0: found at once). */
export function searchLag(deps: CoreDeps, portalId: number): number {
  return deps.searchLags.get(portalId) ?? deps.settings.searchLagMs;
}

/** Sets a portal's search lag (null: back to the server's); the portal must exist. */
export async function setSearchLag(
  deps: CoreDeps,
  portalId: number,
  lagMs: number | null,
): Promise<number> {
  await getPortal(deps, portalId);
  if (lagMs === null) deps.searchLags.delete(portalId);
  else deps.searchLags.set(portalId, lagMs);
  return searchLag(deps, portalId);
}
