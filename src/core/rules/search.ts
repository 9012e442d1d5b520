// A CRM search request, checked against HubSpot's limits and turned into the store's terms:
// each filter becomes a condition on the value index, a record column or the association keys,
// compared as its property's type says.
import { queryProperties, type PropertyType } from '../catalog/properties.js';
import { DomainError } from '../errors.js';
import type { RecordId } from '../model.js';
import { resolveObjectType } from '../object-types.js';
import type { RecordSearch, SearchCondition, SearchField, SearchSort } from '../ports.js';
import { parseRecordId } from './record-ids.js';
import { searchKey, searchNumber } from './search-values.js';

/** HubSpot's operators, as filters name them. */
export const SEARCH_OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;
export type SearchOperator = (typeof SEARCH_OPERATORS)[number];

/** HubSpot's caps (its 2024 announcement: 5 groups, 10 filters a group, 25 in all). */
export const SEARCH_LIMITS = {
  groups: 5,
  filtersPerGroup: 10,
  filters: 25,
  /** Page size: default and maximum. */
  pageDefault: 10,
  pageMax: 200,
  /** How deep a search may page: results past this are never returned. */
  resultCap: 10_000,
  queryLength: 3000,
} as const;

/** A filter value as clients send it: a string, or (leniently) a number or boolean. */
export type FilterValue = string | number | boolean;

export interface SearchFilter {
  readonly propertyName: string;
  readonly operator: SearchOperator;
  readonly value?: FilterValue;
  readonly values?: readonly FilterValue[];
  readonly highValue?: FilterValue;
}

export interface SearchSortInput {
  readonly propertyName: string;
  readonly direction?: 'ASCENDING' | 'DESCENDING';
}

/** `PublicObjectSearchRequest`, every field optional. */
export interface SearchRequest {
  readonly filterGroups?: readonly { readonly filters: readonly SearchFilter[] }[];
  readonly query?: string;
  readonly sorts?: readonly (string | SearchSortInput)[];
  readonly limit?: number;
  readonly after?: string;
}

/** The type of a property of the searched object type (strings when unknown). */
export type PropertyTypeOf = (name: string) => PropertyType;

const PROPERTY_NAME = /^[A-Za-z0-9_]+$/;
const ASSOCIATION_PREFIX = 'associations.';

/** Properties HubSpot keeps in the record itself, with the type they compare as. */
const COLUMNS: Readonly<Record<string, { field: SearchField; type: PropertyType }>> = {
  hs_object_id: { field: { kind: 'column', name: 'id' }, type: 'number' },
  createdate: { field: { kind: 'column', name: 'createdAt' }, type: 'datetime' },
  hs_createdate: { field: { kind: 'column', name: 'createdAt' }, type: 'datetime' },
  lastmodifieddate: { field: { kind: 'column', name: 'updatedAt' }, type: 'datetime' },
  hs_lastmodifieddate: { field: { kind: 'column', name: 'updatedAt' }, type: 'datetime' },
};

function invalidFilter(filter: SearchFilter, reason: string): DomainError {
  return new DomainError(
    'SEARCH_INVALID_FILTER',
    `Invalid filter on ${filter.propertyName} (${filter.operator}): ${reason}`,
    { propertyName: [filter.propertyName], operator: [filter.operator] },
  );
}

function invalidProperty(name: string, reason: string): DomainError {
  return new DomainError('SEARCH_INVALID_PROPERTY', `Invalid property ${name}: ${reason}`, {
    propertyName: [name],
  });
}

function isNumeric(type: PropertyType): boolean {
  return type === 'number' || type === 'date' || type === 'datetime';
}

/** What a filter or sort names: a record column or a stored property, and its type. */
function resolveField(
  name: string,
  typeOf: PropertyTypeOf,
): { field: SearchField; type: PropertyType } {
  const column = COLUMNS[name];
  if (column) return column;
  if (!PROPERTY_NAME.test(name)) {
    throw invalidProperty(name, 'property names are letters, digits and underscores');
  }
  return { field: { kind: 'property', name }, type: typeOf(name) };
}

/** A value compared as the property's type: a number (numbers, dates, ids) or a key. */
function comparable(filter: SearchFilter, type: PropertyType, raw: FilterValue): number | string {
  const text = String(raw);
  if (!isNumeric(type)) return searchKey(text);
  const number = searchNumber(text);
  if (number === null) {
    const what = type === 'number' ? 'a number' : 'a date (ms since the epoch, or ISO 8601)';
    throw invalidFilter(filter, `${JSON.stringify(text)} is not ${what}`);
  }
  return number;
}

/** A token pattern (`*` any characters) as LIKE patterns matching a whole word of a key. */
export function tokenPatterns(token: string): string[] {
  const escaped = searchKey(token.trim())
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replaceAll('*', '%');
  return [escaped, `${escaped} %`, `% ${escaped}`, `% ${escaped} %`];
}

function requireValue(filter: SearchFilter, key: 'value' | 'highValue'): FilterValue {
  const value = filter[key];
  if (value === undefined || value === '') throw invalidFilter(filter, `${key} is required`);
  return value;
}

function requireValues(filter: SearchFilter): readonly FilterValue[] {
  if (!filter.values || filter.values.length === 0) {
    throw invalidFilter(filter, 'values must hold at least one value');
  }
  return filter.values;
}

function associationCondition(filter: SearchFilter): SearchCondition {
  const typeName = filter.propertyName.slice(ASSOCIATION_PREFIX.length);
  let objectTypeId: string;
  try {
    // A custom type is named here by its id (2-<n>): the rule reads no schema for a name.
    objectTypeId = /^2-[1-9][0-9]*$/.test(typeName) ? typeName : resolveObjectType(typeName).id;
  } catch {
    throw invalidProperty(filter.propertyName, `${typeName} is not an object type`);
  }
  if (filter.operator !== 'EQ' && filter.operator !== 'IN') {
    throw invalidProperty(filter.propertyName, 'associations are filtered with EQ or IN only');
  }
  const raw = filter.operator === 'EQ' ? [requireValue(filter, 'value')] : requireValues(filter);
  const ids = raw.map((value) => {
    const id = parseRecordId(String(value));
    if (id === null) throw invalidFilter(filter, `${JSON.stringify(value)} is not a record id`);
    return id;
  });
  return { kind: 'associated', objectTypeId, ids };
}

/** One filter as a store condition. */
export function filterCondition(filter: SearchFilter, typeOf: PropertyTypeOf): SearchCondition {
  if (filter.propertyName.startsWith(ASSOCIATION_PREFIX)) return associationCondition(filter);
  const { field, type } = resolveField(filter.propertyName, typeOf);
  const on = isNumeric(type) ? 'number' : 'key';
  const op = filter.operator;
  const negate =
    op === 'NEQ' || op === 'NOT_IN' || op === 'NOT_HAS_PROPERTY' || op === 'NOT_CONTAINS_TOKEN';
  switch (op) {
    case 'HAS_PROPERTY':
    case 'NOT_HAS_PROPERTY':
      if (filter.value !== undefined || filter.values !== undefined) {
        throw invalidFilter(filter, 'this operator takes no value');
      }
      return { kind: 'present', field, negate };
    case 'EQ':
    case 'NEQ':
    case 'IN':
    case 'NOT_IN': {
      const raw =
        op === 'EQ' || op === 'NEQ' ? [requireValue(filter, 'value')] : requireValues(filter);
      const keys = raw.map((value) => comparable(filter, type, value));
      // Enumeration options compare case-sensitively, as HubSpot documents.
      const exact = type === 'enumeration' ? raw.map(String) : undefined;
      return { kind: 'keys', field, keys, on, negate, ...(exact ? { exact } : {}) };
    }
    case 'LT':
    case 'LTE':
    case 'GT':
    case 'GTE': {
      const bound = {
        value: comparable(filter, type, requireValue(filter, 'value')),
        inclusive: op.endsWith('E'),
      };
      const below = op === 'LT' || op === 'LTE';
      return {
        kind: 'range',
        field,
        on,
        low: below ? null : bound,
        high: below ? bound : null,
        negate,
      };
    }
    case 'BETWEEN': {
      const low = comparable(filter, type, requireValue(filter, 'value'));
      const high = comparable(filter, type, requireValue(filter, 'highValue'));
      return {
        kind: 'range',
        field,
        on,
        low: { value: low, inclusive: true },
        high: { value: high, inclusive: true },
        negate,
      };
    }
    case 'CONTAINS_TOKEN':
    case 'NOT_CONTAINS_TOKEN': {
      if (field.kind === 'column') throw invalidFilter(filter, 'this property holds no tokens');
      const token = String(requireValue(filter, 'value'));
      return { kind: 'like', properties: [field.name], patterns: tokenPatterns(token), negate };
    }
  }
}

/** The text query as conditions: each word must start a word of one of the type's properties. */
function queryConditions(
  properties: readonly string[],
  query: string | undefined,
): SearchCondition[] {
  const words = (query ?? '').trim().split(/\s+/).filter(Boolean);
  return words.map((word) => {
    const escaped = searchKey(word)
      .replace(/[\\%_]/g, (c) => `\\${c}`)
      .replaceAll('*', '%');
    return {
      kind: 'like',
      properties,
      patterns: [`${escaped}%`, `% ${escaped}%`],
      negate: false,
    };
  });
}

function sortOf(request: SearchRequest, typeOf: PropertyTypeOf): SearchSort | null {
  const sorts = request.sorts ?? [];
  if (sorts.length > 1) {
    throw new DomainError('SEARCH_INVALID_SORT', 'A search takes at most one sort', {
      sorts: sorts.map((sort) => (typeof sort === 'string' ? sort : sort.propertyName)),
    });
  }
  const [sort] = sorts;
  if (sort === undefined) return null;
  const input = typeof sort === 'string' ? { propertyName: sort } : sort;
  if (input.propertyName.startsWith(ASSOCIATION_PREFIX)) {
    throw new DomainError('SEARCH_INVALID_SORT', 'A search cannot sort by an association', {
      sorts: [input.propertyName],
    });
  }
  const { field, type } = resolveField(input.propertyName, typeOf);
  return {
    field,
    on: isNumeric(type) ? 'number' : 'key',
    descending: input.direction === 'DESCENDING',
  };
}

function pageOf(request: SearchRequest): { offset: number; limit: number } {
  const limit = request.limit ?? SEARCH_LIMITS.pageDefault;
  if (!Number.isInteger(limit) || limit < 0 || limit > SEARCH_LIMITS.pageMax) {
    throw new DomainError(
      'INVALID_PAGING',
      `limit must be an integer from 0 to ${SEARCH_LIMITS.pageMax}, got ${limit}`,
      { limit: [String(limit)] },
    );
  }
  const after = request.after ?? '0';
  if (!/^\d{1,15}$/.test(after)) {
    throw new DomainError('INVALID_PAGING', `Invalid paging cursor: ${after}`, { after: [after] });
  }
  const offset = Number(after);
  if (offset >= SEARCH_LIMITS.resultCap) {
    throw new DomainError(
      'SEARCH_RESULT_CAP',
      `A search can page through its first ${SEARCH_LIMITS.resultCap} results only; after was ${after}`,
      { after: [after] },
    );
  }
  // A page never reaches past the cap.
  return { offset, limit: Math.min(limit, SEARCH_LIMITS.resultCap - offset) };
}

function checkFilterCounts(request: SearchRequest): void {
  const groups = request.filterGroups ?? [];
  const counts = groups.map((group) => group.filters.length);
  const total = counts.reduce((sum, count) => sum + count, 0);
  const tooMany =
    groups.length > SEARCH_LIMITS.groups
      ? `at most ${SEARCH_LIMITS.groups} filter groups are allowed, got ${groups.length}`
      : counts.some((count) => count > SEARCH_LIMITS.filtersPerGroup)
        ? `at most ${SEARCH_LIMITS.filtersPerGroup} filters are allowed in a group, got ${Math.max(...counts)}`
        : total > SEARCH_LIMITS.filters
          ? `at most ${SEARCH_LIMITS.filters} filters are allowed in all, got ${total}`
          : null;
  if (tooMany) {
    throw new DomainError('SEARCH_TOO_MANY_FILTERS', `Too many filters: ${tooMany}`, {
      filterGroups: [String(groups.length)],
      filters: [String(total)],
    });
  }
}

/**
 * The request in the store's terms; throws HubSpot's errors for what it refuses. A text query
 * looks in `textProperties` (a custom type's searchable properties), else the type's built-in ones.
 */
export function planSearch(
  objectTypeId: string,
  request: SearchRequest,
  typeOf: PropertyTypeOf,
  textProperties: readonly string[] = queryProperties(objectTypeId),
): RecordSearch {
  checkFilterCounts(request);
  const groups = (request.filterGroups ?? []).map((group) =>
    group.filters.map((filter) => filterCondition(filter, typeOf)),
  );
  return {
    groups,
    all: queryConditions(textProperties, request.query),
    sort: sortOf(request, typeOf),
    ...pageOf(request),
  };
}

/** Where the next page starts, when one follows (even at the cap, as HubSpot hands it out). */
export function nextAfter(offset: number, returned: number, total: number): string | undefined {
  const next = offset + returned;
  return returned > 0 && next < total ? String(next) : undefined;
}

export type { RecordId };
