// Groups association rows into pages of targets, the same way for every store adapter.
import type { AssociatedTarget, AssociationSpec, RecordId } from '../core/model.js';
import type { StoreReader, StoredTargetPage, TargetPageQuery } from '../core/ports.js';
import { categoryOf } from './association-rows.js';

/** One association row of a batch read: `[query index, to id, category code, type id]`. */
export type TargetRow = readonly [number, number, number, number];

interface PageBuilder {
  targets: { toId: RecordId; types: AssociationSpec[] }[];
  hasMore: boolean;
}

/** One spec object per (category, type id): thousands of rows share a handful of them. */
function specCache(): (category: number, typeId: number) => AssociationSpec {
  const specs = new Map<number, AssociationSpec>();
  return (category, typeId) => {
    const key = typeId * 8 + category; // category codes are below 8: one key per (category, id)
    let spec = specs.get(key);
    if (!spec) {
      spec = { category: categoryOf(category), typeId };
      specs.set(key, spec);
    }
    return spec;
  };
}

/**
 * Groups rows into one page per query, `limit` targets each. Each query's rows come in target
 * order (a target's rows together); different queries' rows may interleave. A row of a target
 * past the limit only tells that more follow; once every page is full the rows are left unread
 * (a page of a record with many targets stops early).
 */
export function targetPages(
  rows: Iterable<TargetRow>,
  limits: readonly number[],
): StoredTargetPage[] {
  const pages = limits.map((): PageBuilder => ({ targets: [], hasMore: false }));
  const spec = specCache();
  let open = pages.length;
  for (const [q, toId, category, typeId] of rows) {
    const page = pages[q];
    if (!page || page.hasMore) continue;
    const last = page.targets[page.targets.length - 1];
    if (last?.toId === toId) {
      last.types.push(spec(category, typeId));
    } else if (page.targets.length === limits[q]) {
      page.hasMore = true;
      if (--open === 0) break;
    } else {
      page.targets.push({ toId, types: [spec(category, typeId)] });
    }
  }
  return pages;
}

/**
 * The queries whose rows, read `limit + 1` rows at most, may end inside a target: they filled
 * that many rows with `limit` targets or fewer, so the last target may have more types.
 */
export function pagesCutShort(rows: readonly TargetRow[], limits: readonly number[]): number[] {
  const rowCounts = limits.map(() => 0);
  const targetCounts = limits.map(() => 0);
  const lastTargets = limits.map((): number | null => null);
  for (const [q, toId] of rows) {
    rowCounts[q] = (rowCounts[q] ?? 0) + 1;
    if (lastTargets[q] !== toId) {
      lastTargets[q] = toId;
      targetCounts[q] = (targetCounts[q] ?? 0) + 1;
    }
  }
  return limits.flatMap((limit, q) =>
    (rowCounts[q] ?? 0) > limit && (targetCounts[q] ?? 0) <= limit ? [q] : [],
  );
}

/** The one page of one query, through `pageTargetsMany`. */
export async function onePage(
  reader: Pick<StoreReader, 'pageTargetsMany'>,
  portalId: number,
  query: TargetPageQuery,
): Promise<StoredTargetPage> {
  const [page] = await reader.pageTargetsMany(portalId, [query]);
  return page ?? { targets: [], hasMore: false };
}

/** Every target of each record, as one unlimited page per record through `pageTargetsMany`. */
export async function allTargetsOf(
  reader: Pick<StoreReader, 'pageTargetsMany'>,
  portalId: number,
  fromObjectTypeId: string,
  fromIds: readonly RecordId[],
  toObjectTypeId: string,
): Promise<Map<RecordId, AssociatedTarget[]>> {
  const queries = fromIds.map((fromId) => ({
    fromObjectTypeId,
    fromId,
    toObjectTypeId,
    afterToId: null,
    limit: Number.MAX_SAFE_INTEGER,
  }));
  const pages = await reader.pageTargetsMany(portalId, queries);
  return new Map(fromIds.map((id, index) => [id, pages[index]?.targets ?? []]));
}
