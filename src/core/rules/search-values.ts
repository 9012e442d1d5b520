// How property values compare in a search: the key a value is matched by, and the number it reads
// as (numbers, and dates as ms since the epoch). Stores index values this way; searches use it too.
import { asciiLowerCase } from './unique-properties.js';

/**
 * Characters of a value the index keeps: longer values match on their first 400 characters
 * only, so an index entry stays well inside PostgreSQL's B-tree limit (about 2,700 bytes).
 */
export const SEARCH_KEY_LENGTH = 400;

/** The key a value is matched by: ASCII letters lower-cased (as upsert compares emails). */
export function searchKey(value: string): string {
  return asciiLowerCase(value).slice(0, SEARCH_KEY_LENGTH);
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([Tt ][\d:.]+([Zz]|[-+]\d{2}:?\d{2})?)?$/;

/**
 * The number a value reads as: a decimal number, or an ISO 8601 date or date-time as ms since
 * the epoch (a date alone is midnight UTC, a date-time without a zone UTC). Null otherwise.
 */
export function searchNumber(value: string): number | null {
  const trimmed = value.trim();
  if (NUMBER.test(trimmed)) {
    const number = Number(trimmed);
    return Number.isFinite(number) ? number : null;
  }
  if (ISO_DATE.test(trimmed)) {
    const zoned = /[Tt ]/.test(trimmed) && !/([Zz]|[-+]\d{2}:?\d{2})$/.test(trimmed);
    const ms = Date.parse(zoned ? `${trimmed.replace(' ', 'T')}Z` : trimmed.replace(' ', 'T'));
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}
