// Opaque paging cursors: keyset positions (the last id returned), URL-safe and unpadded.
import { DomainError } from '../errors.js';
import type { RecordId } from '../model.js';
import { parseRecordId } from './record-ids.js';

const CURSOR_PREFIX = 'k1:';

/** The cursor that resumes after the given target id. */
export function encodeCursor(lastId: RecordId): string {
  return Buffer.from(`${CURSOR_PREFIX}${lastId}`).toString('base64url');
}

/**
 * The id a cursor resumes after; throws INVALID_PAGING when it is not one of ours.
 * Tokens that arrive URL-encoded (`%3D`) or with base64 padding are accepted too.
 */
export function decodeCursor(cursor: string): RecordId {
  const token = urlDecoded(cursor).replace(/=+$/, '');
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const id = text.startsWith(CURSOR_PREFIX)
    ? parseRecordId(text.slice(CURSOR_PREFIX.length))
    : null;
  if (id === null) {
    throw new DomainError('INVALID_PAGING', `Invalid paging cursor: ${cursor}`, {
      after: [cursor],
    });
  }
  return id;
}

/** Reads a `limit` parameter: a positive integer, capped at `max`; `fallback` when absent. */
export function readLimit(raw: number | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!Number.isInteger(raw) || raw < 1) {
    throw new DomainError('INVALID_PAGING', `limit must be a positive integer, got ${raw}`, {
      limit: [String(raw)],
    });
  }
  return Math.min(raw, max);
}

/** The cursor with `%xx` escapes undone; a malformed escape leaves it as it is (and invalid). */
function urlDecoded(cursor: string): string {
  try {
    return decodeURIComponent(cursor);
  } catch {
    return cursor;
  }
}
