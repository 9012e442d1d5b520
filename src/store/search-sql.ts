// Compiles a record search into SQL, once for both engines: each condition is a set of ids read
// from an index (the value index, the association keys, the records' own keys), groups are their
// intersections, the search their union. Only live records have index entries and live
// association rows, so the ids need no check against the records; only the page reads them.
import type {
  RecordSearch,
  SearchBound,
  SearchCondition,
  SearchField,
  SearchSort,
} from '../core/ports.js';

/** Where the engines differ. */
export interface SearchDialect {
  /** A bound ms-since-epoch value compared with a time column. */
  readonly time: (placeholder: string) => string;
  /** The stored JSON value of one property of `r.properties`, as text. */
  readonly propertyText: (placeholder: string) => string;
  /**
   * An inner join that keeps the written order (SQLite's CROSS JOIN): the matches drive, one
   * primary-key lookup each, rather than a scan of the type in the wanted order.
   */
  readonly orderedJoin: string;
  /** A bound row count for LIMIT and OFFSET (SQLite's hides it from the planner, see bound-count.ts). */
  readonly count: (placeholder: string) => string;
}

/** A statement and its values, with `?` placeholders in order. */
export interface SearchStatement {
  readonly sql: string;
  readonly values: unknown[];
}

const COLUMNS = { id: 'id', createdAt: 'created_at', updatedAt: 'updated_at' } as const;

/** Builds one statement's SQL and values together, so placeholders and values stay in step. */
class Builder {
  readonly values: unknown[] = [];

  constructor(
    readonly dialect: SearchDialect,
    readonly portalId: number,
    readonly objectTypeId: string,
  ) {}

  bind(value: unknown): string {
    this.values.push(value);
    return '?';
  }

  list(values: readonly unknown[]): string {
    return values.map((value) => this.bind(value)).join(', ');
  }

  /**
   * The live records of the type (archived ones match nothing), narrowed by `where`, which is
   * called once this part's own values are bound.
   */
  records(where: () => string = () => ''): string {
    const head = `SELECT id FROM records WHERE portal_id = ${this.bind(this.portalId)}
      AND object_type_id = ${this.bind(this.objectTypeId)} AND archived_at IS NULL`;
    return head + where();
  }

  /** Index entries of one property, narrowed by `where` (called after the head is bound). */
  entries(property: string, where: () => string = () => ''): string {
    const head = `SELECT id FROM record_values WHERE portal_id = ${this.bind(this.portalId)}
      AND object_type_id = ${this.bind(this.objectTypeId)} AND property = ${this.bind(property)}`;
    return head + where();
  }

  /** A bound of a column (times are ms on the wire, each engine's time type in the table). */
  columnValue(field: SearchField, value: number | string): string {
    const placeholder = this.bind(value);
    return field.kind === 'column' && field.name !== 'id'
      ? this.dialect.time(placeholder)
      : placeholder;
  }
}

function rangeWhere(
  builder: Builder,
  field: SearchField,
  column: string,
  low: SearchBound | null,
  high: SearchBound | null,
): string {
  let where = '';
  if (low)
    where += ` AND ${column} ${low.inclusive ? '>=' : '>'} ${builder.columnValue(field, low.value)}`;
  if (high)
    where += ` AND ${column} ${high.inclusive ? '<=' : '<'} ${builder.columnValue(field, high.value)}`;
  return where;
}

/** The ids a condition matches, ignoring `negate`. */
function positiveIds(builder: Builder, condition: SearchCondition): string {
  switch (condition.kind) {
    case 'associated':
      return `SELECT DISTINCT to_id AS id FROM associations WHERE portal_id = ${builder.bind(builder.portalId)}
        AND from_type = ${builder.bind(condition.objectTypeId)}
        AND from_id IN (${builder.list(condition.ids)})
        AND to_type = ${builder.bind(builder.objectTypeId)}`;
    case 'like': {
      // Several properties may match one record: each record once.
      const head = `SELECT DISTINCT id FROM record_values WHERE portal_id = ${builder.bind(builder.portalId)}
        AND object_type_id = ${builder.bind(builder.objectTypeId)}
        AND property IN (${builder.list(condition.properties)})`;
      const patterns = condition.patterns
        .map((pattern) => `key LIKE ${builder.bind(pattern)} ESCAPE '\\'`)
        .join(' OR ');
      return `${head} AND (${patterns})`;
    }
    case 'present':
      if (condition.field.kind === 'column') return builder.records();
      return builder.entries(condition.field.name);
    case 'keys': {
      const { field } = condition;
      if (field.kind === 'column') {
        const column = COLUMNS[field.name];
        return builder.records(() => {
          const keys = condition.keys.map((key) => builder.columnValue(field, key)).join(', ');
          return ` AND ${column} IN (${keys})`;
        });
      }
      const sql = builder.entries(
        field.name,
        () =>
          ` AND ${condition.on === 'number' ? 'number' : 'key'} IN (${builder.list(condition.keys)})`,
      );
      if (!condition.exact) return sql;
      // Enumeration values compare exactly: the index narrows, the stored value decides.
      return `SELECT v.id FROM (${sql}) v ${builder.dialect.orderedJoin} records r ON r.portal_id = ${builder.bind(builder.portalId)}
        AND r.object_type_id = ${builder.bind(builder.objectTypeId)} AND r.id = v.id
        AND ${builder.dialect.propertyText(builder.bind(field.name))} IN (${builder.list(condition.exact)})`;
    }
    case 'range': {
      const { field } = condition;
      if (field.kind === 'column') {
        const column = COLUMNS[field.name];
        return builder.records(() =>
          rangeWhere(builder, field, column, condition.low, condition.high),
        );
      }
      const column = condition.on === 'number' ? 'number' : 'key';
      return builder.entries(
        field.name,
        () =>
          `${rangeWhere(builder, field, column, condition.low, condition.high)} AND ${column} IS NOT NULL`,
      );
    }
  }
}

function isNegated(condition: SearchCondition): boolean {
  return condition.kind !== 'associated' && condition.negate;
}

/**
 * The ids of one group: the intersection of its positive conditions, less each negated one's
 * matches. A group of negations only starts from the type's live records.
 */
function groupIds(builder: Builder, conditions: readonly SearchCondition[]): string {
  const positive = conditions.filter((condition) => !isNegated(condition));
  const negative = conditions.filter(isNegated);
  const parts =
    positive.length === 0
      ? [builder.records()]
      : positive.map((condition) => positiveIds(builder, condition));
  let sql = parts.map((part, index) => `SELECT id FROM (${part}) p${index}`).join(' INTERSECT ');
  negative.forEach((condition, index) => {
    sql += ` EXCEPT SELECT id FROM (${positiveIds(builder, condition)}) n${index}`;
  });
  return sql;
}

/**
 * The ids the search matches, less records written after `writtenBy` when it lags (their few
 * ids come from the records' modification-time index).
 */
function visibleIds(builder: Builder, search: RecordSearch): string {
  const matched = matchedIds(builder, search) ?? builder.records();
  if (search.writtenBy === undefined) return matched;
  const { writtenBy } = search;
  const field = { kind: 'column', name: 'updatedAt' } as const;
  return `SELECT id FROM (${matched}) v EXCEPT SELECT id FROM (${builder.records(
    () => ` AND updated_at > ${builder.columnValue(field, writtenBy)}`,
  )}) w`;
}

/** The ids the search matches, or null when it matches every live record of the type. */
function matchedIds(builder: Builder, search: RecordSearch): string | null {
  const groups = search.groups.filter((group) => group.length > 0);
  const all = search.all;
  if (groups.length === 0 && all.length === 0) return null;
  const union =
    groups.length === 0
      ? null
      : groups
          .map((group, index) => `SELECT id FROM (${groupIds(builder, group)}) g${index}`)
          .join(' UNION ');
  if (all.length === 0) return union;
  const required = groupIds(builder, all);
  return union === null
    ? required
    : `SELECT id FROM (${union}) u INTERSECT SELECT id FROM (${required}) q`;
}

/**
 * The page's ids (and sort keys, `k`) in order: the matches are sorted on their own, by id or by
 * a narrow key (an index entry, or a record column), and only the page's records are read.
 */
function pageIds(builder: Builder, matched: string, sort: SearchSort | null, search: RecordSearch) {
  const join = builder.dialect.orderedJoin;
  let from = `(${matched}) m`;
  let key = 'NULL';
  if (sort?.field.kind === 'property') {
    from += ` LEFT JOIN record_values s ON s.portal_id = ${builder.bind(builder.portalId)}
      AND s.object_type_id = ${builder.bind(builder.objectTypeId)} AND s.id = m.id
      AND s.property = ${builder.bind(sort.field.name)}`;
    key = sort.on === 'number' ? 's.number' : 's.key';
  } else if (sort?.field.kind === 'column' && sort.field.name !== 'id') {
    from += ` ${join} records c ON c.portal_id = ${builder.bind(builder.portalId)}
      AND c.object_type_id = ${builder.bind(builder.objectTypeId)} AND c.id = m.id`;
    key = `c.${COLUMNS[sort.field.name]}`;
  } else if (sort?.field.kind === 'column') {
    key = 'm.id';
  }
  const order = orderOf(sort, 'k', 'm.id');
  return `SELECT m.id, ${key} AS k FROM ${from} ORDER BY ${order}
    LIMIT ${builder.dialect.count(builder.bind(search.limit))}
    OFFSET ${builder.dialect.count(builder.bind(search.offset))}`;
}

/** ORDER BY the sort key (unset values last either way), then the id. */
function orderOf(sort: SearchSort | null, key: string, id: string): string {
  if (sort === null) return id;
  return `${key} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST, ${id}`;
}

const RECORD_SELECT =
  'r.object_type_id, r.id, r.properties, r.created_at, r.updated_at, r.archived_at';

/** The statement of one page of a search. */
export function searchPageStatement(
  dialect: SearchDialect,
  portalId: number,
  objectTypeId: string,
  search: RecordSearch,
): SearchStatement {
  const builder = new Builder(dialect, portalId, objectTypeId);
  // Values are bound in the order their placeholders appear in the text.
  const matched = visibleIds(builder, search);
  const page = pageIds(builder, matched, search.sort, search);
  const sql = `SELECT ${RECORD_SELECT} FROM ${pageRecords(builder, page)}
    ORDER BY ${orderOf(search.sort, 'p.k', 'p.id')}`;
  return { sql, values: builder.values };
}

/** A page of ids (`p`) joined to their records (`r`), in the page's order where it matters. */
function pageRecords(builder: Builder, page: string): string {
  const { dialect, portalId, objectTypeId } = builder;
  return `(${page}) p ${dialect.orderedJoin} records r
    ON r.portal_id = ${builder.bind(portalId)} AND r.object_type_id = ${builder.bind(objectTypeId)}
    AND r.id = p.id`;
}

/** The statement counting a search's matches (every matched id is a live record's). */
export function searchCountStatement(
  dialect: SearchDialect,
  portalId: number,
  objectTypeId: string,
  search: RecordSearch,
): SearchStatement {
  const builder = new Builder(dialect, portalId, objectTypeId);
  const matched = visibleIds(builder, search);
  return { sql: `SELECT count(*) AS total FROM (${matched}) m`, values: builder.values };
}

/**
 * One statement for the page and the total, for an engine a round trip away: one row per record
 * of the page with the total on each, or one row of the total alone (its record columns null)
 * when the page is empty. The count and the page are separate subqueries, each planned as it
 * is on its own (a match set shared by both would be materialized whole before either starts),
 * and both read the same snapshot.
 */
export function searchPageAndCountStatement(
  dialect: SearchDialect,
  portalId: number,
  objectTypeId: string,
  search: RecordSearch,
): SearchStatement {
  const builder = new Builder(dialect, portalId, objectTypeId);
  // Values are bound in the order their placeholders appear in the text: the count's first.
  const counted = visibleIds(builder, search);
  const page = pageIds(builder, visibleIds(builder, search), search.sort, search);
  const sql = `SELECT c.total, ${RECORD_SELECT.replaceAll('r.', 'x.')}
    FROM (SELECT count(*) AS total FROM (${counted}) m) c
    LEFT JOIN (SELECT p.k, ${RECORD_SELECT} FROM ${pageRecords(builder, page)}) x ON TRUE
    ORDER BY ${orderOf(search.sort, 'x.k', 'x.id')}`;
  return { sql, values: builder.values };
}

/** `?` placeholders as PostgreSQL's `$1`, `$2`, … (no statement here spells a `?` otherwise). */
export function numberedPlaceholders(sql: string): string {
  let index = 0;
  return sql.replaceAll('?', () => `$${++index}`);
}
