// A batch read's association rows as two plucked numbers each, not one array per row.
import type { TargetPagesBuilder } from '../target-pages.js';

/**
 * better-sqlite3 builds a JavaScript array for every row a raw statement returns; for the 10,000
 * rows of a 1,000-input batch read that cost most of the read (5.6–5.7 ms of CPU, against 1.1 ms
 * for SQLite's own scan). Plucked single values cost a fraction of it, so each row comes out as
 * two values, one after the other: its target id, then a key packing its type id, category and
 * the index of its query within the statement (4.0–4.1 ms for the same read).
 */

/** Query indexes a key can hold; a statement reads fewer inputs (`PAGE_CHUNK`). */
export const QUERY_SLOTS = 512;

/** Category codes a key holds (see `categoryCode`). */
const CATEGORY_SLOTS = 8;

/**
 * The select list and the join that turn each association row `a` into two rows of one column,
 * for a statement whose `FROM` starts with the inputs (`queryIndex` is an input's index within
 * the statement). SQLite never reorders the tables of a CROSS JOIN: the two-row table runs
 * innermost, so each row's two values come out together, in the row order the plan had before.
 */
export function packedRows(queryIndex: string): { readonly select: string; readonly join: string } {
  return {
    select: `CASE k.column1 WHEN 0 THEN a.to_id ELSE (a.type_id * ${CATEGORY_SLOTS} + a.category) * ${QUERY_SLOTS} + ${queryIndex} END`,
    join: 'CROSS JOIN (VALUES (0), (1)) k',
  };
}

/** The remainder of `value / slots`, from 0 up, for negative values too. */
function slotOf(value: number, slots: number): number {
  return ((value % slots) + slots) % slots;
}

/**
 * Adds a packed read's rows to the pages; the statement's query indexes start at `firstQuery`.
 * False once every page is full. Type ids are 32-bit (HubSpot's, and what imports accept), so a
 * key is exact; one that is not means a type id the store should never have held.
 */
export function addPackedRows(
  builder: TargetPagesBuilder,
  values: readonly number[],
  firstQuery: number,
): boolean {
  for (let index = 0; index + 1 < values.length; index += 2) {
    const toId = values[index] ?? 0; // always there: index + 1 < values.length
    const key = values[index + 1] ?? Number.NaN;
    if (!Number.isSafeInteger(key)) {
      throw new Error(`an association row of target ${toId} has a type id out of range`);
    }
    const query = slotOf(key, QUERY_SLOTS);
    const typeKey = (key - query) / QUERY_SLOTS;
    const category = slotOf(typeKey, CATEGORY_SLOTS);
    const typeId = (typeKey - category) / CATEGORY_SLOTS;
    if (!builder.add(firstQuery + query, toId, category, typeId)) return false;
  }
  return true;
}
