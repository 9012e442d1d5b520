// Groups association rows into pages of targets, the same way for every store adapter.
import type { AssociatedTarget, AssociationSpec, RecordId } from '../core/model.js';
import type { StoreReader, StoredTargetPage, TargetPageQuery } from '../core/ports.js';
import { categoryOf } from './association-rows.js';

/** One association row of a batch read: `[query index, to id, category code, type id]`. */
export type TargetRow = readonly [number, number, number, number];

interface PageTarget {
  readonly toId: RecordId;
  types: readonly AssociationSpec[];
}

interface PageBuilder {
  readonly targets: PageTarget[];
  hasMore: boolean;
}

/**
 * One shared one-spec list per (category, type id): thousands of targets carry the same single
 * type, and share its list rather than each holding an array of its own.
 */
function singleTypes(): (category: number, typeId: number) => readonly AssociationSpec[] {
  const lists = new Map<number, readonly AssociationSpec[]>();
  return (category, typeId) => {
    const key = typeId * 8 + category; // category codes are below 8: one key per (category, id)
    let list = lists.get(key);
    if (!list) {
      list = [{ category: categoryOf(category), typeId }];
      lists.set(key, list);
    }
    return list;
  };
}

/**
 * Groups rows, given one at a time, into one page per query, `limit` targets each. Each query's
 * rows come in target order (a target's rows together); different queries' rows may interleave.
 * A row of a target past the limit only tells that more follow.
 */
export class TargetPagesBuilder {
  readonly #limits: readonly number[];
  readonly #pages: PageBuilder[];
  readonly #single = singleTypes();
  #open: number;

  constructor(limits: readonly number[]) {
    this.#limits = limits;
    this.#pages = limits.map((): PageBuilder => ({ targets: [], hasMore: false }));
    this.#open = this.#pages.length;
  }

  /** Adds one row; false once every page is full, when the rest need not be read. */
  add(q: number, toId: number, category: number, typeId: number): boolean {
    const page = this.#pages[q];
    if (!page || page.hasMore) return this.#open > 0;
    const last = page.targets[page.targets.length - 1];
    if (last?.toId === toId) {
      // A second type of one target (rare): its list becomes its own.
      last.types = [...last.types, ...this.#single(category, typeId)];
    } else if (page.targets.length === this.#limits[q]) {
      page.hasMore = true;
      this.#open -= 1;
    } else {
      page.targets.push({ toId, types: this.#single(category, typeId) });
    }
    return this.#open > 0;
  }

  get pages(): StoredTargetPage[] {
    return this.#pages;
  }
}

/**
 * Groups rows into pages (see `TargetPagesBuilder`); once every page is full the rows are left
 * unread (a page of a record with many targets stops early).
 */
export function targetPages(
  rows: Iterable<TargetRow>,
  limits: readonly number[],
): StoredTargetPage[] {
  const builder = new TargetPagesBuilder(limits);
  for (const [q, toId, category, typeId] of rows) {
    if (!builder.add(q, toId, category, typeId)) break;
  }
  return builder.pages;
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
