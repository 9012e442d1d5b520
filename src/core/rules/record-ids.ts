// Parses record ids as clients send them: digits, as a JSON string or number.
import type { RecordId } from '../model.js';

/**
 * An id as HubSpot writes it: decimal digits without a leading zero, sign, space or line break,
 * so an id never names a record other than the one it spells ("012" or " 12" is not 12).
 */
const CANONICAL_ID = /^[1-9][0-9]{0,15}$/;

/** The id as a number, or null when it cannot name any record (not a safe positive integer). */
export function parseRecordId(raw: string | number): RecordId | null {
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (!CANONICAL_ID.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}
