// Groups association rows into pages of targets, the same way for every store adapter.
import type { AssociatedTarget, AssociationSpec, RecordId } from '../core/model.js';
import type { StoreReader, StoredTargetPage, TargetPageQuery } from '../core/ports.js';
import { categoryOf } from './association-rows.js';

/** One association row of a batch read: the index of its query, then the target and type. */
export interface TargetRow {
  q: number;
  to_id: number;
  category: number;
  type_id: number;
}

interface PageBuilder {
  targets: { toId: RecordId; types: AssociationSpec[] }[];
  hasMore: boolean;
}

/**
 * Groups rows (ordered by query, target, category, type) into one page per query, `limit`
 * targets each. A row of a target past the limit only tells that more follow.
 */
export function targetPages(
  rows: Iterable<TargetRow>,
  limits: readonly number[],
): StoredTargetPage[] {
  const pages = limits.map((): PageBuilder => ({ targets: [], hasMore: false }));
  for (const row of rows) {
    const page = pages[row.q];
    const limit = limits[row.q] ?? 0;
    if (!page || page.hasMore) continue;
    const spec = { category: categoryOf(row.category), typeId: row.type_id };
    const last = page.targets.at(-1);
    if (last?.toId === row.to_id) last.types.push(spec);
    else if (page.targets.length === limit) page.hasMore = true;
    else page.targets.push({ toId: row.to_id, types: [spec] });
  }
  return pages;
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
